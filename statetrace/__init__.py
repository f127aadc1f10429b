"""StateTrace: turn raw switch CLI captures into a per-site interface inventory.

PYTEST_DONT_REWRITE: the library holds no asserts for pytest to rewrite; the marker keeps
plain ``pytest`` (editable-install finder) free of "already imported" warnings.
"""

__version__ = "0.1.0"

#: Bumped whenever a parser change can alter parsed rows; stored with each host's
#: ingestion history so that a parser upgrade re-parses unchanged captures.
PARSER_VERSION = 4
