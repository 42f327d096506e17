"""Read a communique file for generation, refusing what cannot honestly be one.

Quotes are copied verbatim from this text, so it is not cleaned up: HTML, binary data or a wrong
encoding is refused with a message saying what to do, rather than guessed at.
"""

from __future__ import annotations

import re
from pathlib import Path

from watchlist.errors import WatchlistError

MAX_BYTES = 1_000_000
_HTML = re.compile(r"<\s*(?:html|body|div|p|span|br|table|script|head|!doctype)\b[^>]*>", re.IGNORECASE)
HTML_TAG_LIMIT = 2


def read_communique(path: Path) -> str:
    """The file's text, or a WatchlistError naming the file and the fix."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise WatchlistError(
                f"{path}: {size / 1_000_000:.1f} MB is too large for a communique "
                f"(limit {MAX_BYTES // 1_000_000} MB); split it or pass the statement alone"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise WatchlistError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise WatchlistError(f"{path}: is a directory, not a text file") from None
    except OSError as error:
        raise WatchlistError(f"{path}: cannot read: {error.strerror}") from None
    return communique_text(data, str(path))


def communique_text(data: bytes, name: str) -> str:
    """Decode and vet the bytes of a communique."""
    if b"\x00" in data:
        raise WatchlistError(f"{name}: binary data, not text; export the statement as plain text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WatchlistError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8"
        ) from None
    if not text.strip():
        raise WatchlistError(f"{name}: the file is empty")
    if len(_HTML.findall(text)) >= HTML_TAG_LIMIT:
        raise WatchlistError(
            f"{name}: looks like HTML; copy the statement's text from the page (or save it as plain text)"
        )
    return text
