"""StateTrace: turn raw switch CLI captures into a per-site interface inventory."""

__version__ = "0.1.0"

#: Bumped whenever a parser change can alter parsed rows; stored with each host's
#: ingestion history so that a parser upgrade re-parses unchanged captures.
PARSER_VERSION = 3
