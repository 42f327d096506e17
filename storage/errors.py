"""The one exception storage raises for problems the user can fix, and the one line that says what to fix.

A database failure reaches the user as the driver's words wrapped by SQLAlchemy (two lines and a link); the
user needs the database it concerns (the file, or the URL without its password), what went wrong in their
terms, and what to do about it.
"""

from __future__ import annotations

import socket

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

_MISSING_DATABASE = "3D000"
_LOGIN_REFUSED = ("28000", "28P01")

_SQLITE_ADVICE: dict[str, str] = {
    "attempt to write a readonly database": (
        "the database file is read-only for this user: make it and its folder writable, or use a copy that is"
    ),
    "unable to open database file": (
        "cannot open the database file: check that its folder exists and that this user may read and write there"
    ),
    "database is locked": "the database stayed locked by another process for 10 s: is another pledgewatch writing?",
}
"""SQLite's terse messages, said in the user's terms (the keys are SQLite's words, exactly)."""


class StorageError(Exception):
    """Storage is unusable; the message says what to change."""


def location(url: str | URL) -> str:
    """Where the data is, as the user would name it: the SQLite file, or the URL without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return str(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def describe_failure(url: str | URL, error: BaseException) -> str:
    """One line for a failure of the database at `url`: where, what, and what to do."""
    where = location(url)
    if isinstance(error, OSError):
        return f"{where}: {_unreachable(make_url(url), error)}"
    driver = (error.orig if isinstance(error, DBAPIError) else None) or error
    code = getattr(driver.__cause__, "sqlstate", None) or getattr(driver, "sqlstate", None)
    message = str(driver).strip().splitlines()[0] if str(driver).strip() else type(driver).__name__
    if code == _MISSING_DATABASE:
        name = make_url(url).database
        return f"{where}: database {name!r} does not exist: create it (createdb {name}) or correct the storage url"
    if code in _LOGIN_REFUSED:
        return f"{where}: login refused ({message}): check the user name and password of the storage url"
    return f"{where}: {_SQLITE_ADVICE.get(message, message)}"


def _unreachable(url: URL, error: OSError) -> str:
    server = f"{url.host or 'localhost'}:{url.port or 5432}"
    if isinstance(error, socket.gaierror):
        return f"cannot find the host {url.host!r} ({error.strerror}): check the host name, or the network"
    if isinstance(error, ConnectionRefusedError):
        return f"nothing answers at {server} (connection refused): is the database server running and listening there?"
    if isinstance(error, TimeoutError):
        return f"no answer from {server} in time: is the server up, and does a firewall let this machine through?"
    return f"cannot reach {server}: {error.strerror or error}"
