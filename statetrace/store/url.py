"""Store URLs: which backend holds the inventory, and how to show it without credentials.

Accepted forms::

    sqlite:///path/to/Data          one SQLite database per site under that folder
    postgresql://user@host:port/db  PostgreSQL (password from PGPASSWORD or ~/.pgpass)
    odbc:<connection string>        any ODBC driver (PostgreSQL and MariaDB tested)

A bare path (no scheme) is taken as a SQLite folder, as ``--data DIR`` is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from statetrace.store.errors import StoreConfigError

FORMS = "sqlite:///DIR, postgresql://USER@HOST:PORT/DBNAME or odbc:<ODBC connection string>"
DEFAULT_URL = "sqlite:///Data"

_SECRET_KEYS = re.compile(r"(?i)\b(PWD|PASSWORD)\s*=\s*(\{[^}]*\}|[^;]*)")


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed store URL: the backend, what connects to it, and a printable form."""

    backend: str
    #: SQLite folder, libpq conninfo URL, or ODBC connection string (may hold secrets).
    target: str
    #: The URL with every credential masked: safe for messages, telemetry and snapshots.
    display: str

    @property
    def data_dir(self) -> Path:
        """The folder of a SQLite store."""
        if self.backend != "sqlite":
            raise StoreConfigError(f"{self.display}: not a SQLite store (no data folder)")
        return Path(self.target)


def parse_store_url(url: str) -> StoreURL:
    """Parse ``url``; raise StoreConfigError naming the accepted forms when it is malformed."""
    text = url.strip()
    if not text:
        raise StoreConfigError(f"empty store URL (expected {FORMS})")
    if text.lower().startswith("odbc:"):
        return _odbc(text[5:])
    if "://" not in text:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) and not re.match(r"^[A-Za-z]:[\\/]", text):
            raise StoreConfigError(f"{mask(text)}: unknown store URL scheme (expected {FORMS})")
        return sqlite_url(Path(text))
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        path = text[len("sqlite://") :]
        if not path.startswith("/"):
            raise StoreConfigError(
                f"{text}: a SQLite URL needs three slashes and a path (sqlite:///Data"
                " or sqlite:////abs/path)"
            )
        return sqlite_url(Path(path[1:] or "."))
    if scheme in ("postgresql", "postgres"):
        return _postgresql(text)
    raise StoreConfigError(f"{mask(text)}: unknown store URL scheme {scheme!r} (expected {FORMS})")


def sqlite_url(data_dir: Path) -> StoreURL:
    """The store URL of a SQLite data folder (``--data DIR``)."""
    folder = str(Path(data_dir))
    return StoreURL("sqlite", folder, f"sqlite:///{folder}")


def mask(text: str) -> str:
    """``text`` with passwords in URLs and ODBC strings replaced by ``***``."""
    text = _SECRET_KEYS.sub(lambda m: f"{m.group(1)}=***", text)
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", text)


def _postgresql(text: str) -> StoreURL:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise StoreConfigError(f"{mask(text)}: malformed PostgreSQL URL: {error}") from None
    if not parts.hostname and "host=" not in parts.query:
        raise StoreConfigError(f"{mask(text)}: a PostgreSQL URL needs a host")
    if not parts.path.strip("/"):
        raise StoreConfigError(f"{mask(text)}: a PostgreSQL URL needs a database name")
    user = f"{parts.username}@" if parts.username else ""
    netloc = f"{user}{parts.hostname or ''}{f':{port}' if port else ''}"
    display = urlunsplit(("postgresql", netloc, parts.path, "", ""))
    return StoreURL("postgresql", text, display)


def _odbc(connection_string: str) -> StoreURL:
    if "=" not in connection_string:
        raise StoreConfigError(
            f"odbc:{mask(connection_string)}: expected an ODBC connection string such as"
            " odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;DATABASE=x;UID=postgres"
        )
    return StoreURL("odbc", connection_string, f"odbc:{mask(connection_string)}")
