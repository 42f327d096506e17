"""Telegram-HTML building blocks: escaping, links, and splitting long messages.

Telegram accepts a small tag whitelist and counts length in UTF-16 code units, so every piece of
text that came from a feed passes through `escape` and every message through `split_message`.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE_UNITS = 4096
_SENTENCE_END = re.compile(r"(?<=[.!?…。])\s+")


def escape(text: str) -> str:
    """Escape `&`, `<`, `>` and `"` — all Telegram needs, in text and attribute values alike."""
    return html.escape(text, quote=True)


def link(url: str | None, text: str) -> str:
    """A link when the URL is a safe http(s) URL; plain escaped text otherwise."""
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def italic(text: str) -> str:
    return f"<i>{escape(text)}</i>"


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_message(markup: str, limit: int = MAX_MESSAGE_UNITS) -> list[str]:
    """Split at line boundaries, then sentences, then words, never inside a tag or an entity.

    Each line of pledgewatch's messages is self-contained markup (tags open and close on the same
    line), so splitting between lines never breaks nesting. A single line too long for one message
    is cut between sentences or words of its text.
    """
    parts: list[str] = []
    current = ""
    for line in markup.split("\n"):
        for piece in _fit_line(line, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if current and utf16_units(candidate) > limit:
                parts.append(current)
                candidate = piece
            current = candidate
    if current.strip():
        parts.append(current)
    return [part.strip("\n") for part in parts if part.strip()]


def _fit_line(line: str, limit: int) -> list[str]:
    if utf16_units(line) <= limit:
        return [line]
    if "<" in line:  # a long line with markup: fall back to its text, safely escaped
        line = escape(html.unescape(re.sub(r"<[^>]+>", "", line)))
    pieces: list[str] = []
    for unit in _split_units(line, limit):
        if pieces and utf16_units(pieces[-1] + " " + unit) <= limit:
            pieces[-1] += " " + unit
        else:
            pieces.append(unit)
    return pieces


def _split_units(text: str, limit: int) -> list[str]:
    units: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if utf16_units(sentence) <= limit:
            units.append(sentence)
            continue
        units.extend(_hard_wrap(sentence, limit))
    return units


def _hard_wrap(text: str, limit: int) -> list[str]:
    """Words, and as a last resort characters (CJK has no spaces), never cutting an entity."""
    tokens = re.findall(r"&[#\w]+;|[^\s&]+|&|\s+", text)
    chunks: list[str] = []
    current = ""
    for token in tokens:
        pieces = [token] if utf16_units(token) <= limit else list(token)
        for piece in pieces:
            if utf16_units(current + piece) > limit:
                chunks.append(current.strip())
                current = piece.lstrip()
            else:
                current += piece
    if current.strip():
        chunks.append(current.strip())
    return chunks
