"""Telegram's HTML parse mode, checked the way the Bot API checks it.

telegram-test-api accepts any text, so a rendering bug (an unescaped ``<`` from a feed
title, a ``<br>``, a tag left open) would pass every test and fail in production. This
module follows the parser of tdlib (the code behind the Bot API): the same tag
whitelist, the same attribute rules, the same error texts with UTF-8 byte offsets.

It is deliberately stricter than tdlib in one place: tdlib keeps a bare ``&`` that does
not start a known entity, but the Bot API documentation says every ``&`` must be
escaped; a bare ``&`` means the text was not escaped, which is the bug we want to see.
Entities must also end with ``;`` (tdlib tolerates ``&lt`` without it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE_UTF16 = 4096

_SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]+));")
_SPACE = " \t\n\r\f\v"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")


class TelegramTextError(ValueError):
    """A message text Telegram would refuse; ``str(error)`` is the Bot API description."""


@dataclass
class _Cursor:
    """The text being parsed and the position in it; offsets in errors are UTF-8 bytes."""

    text: str
    pos: int = 0

    def char(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def byte_offset(self, pos: int) -> int:
        return len(self.text[:pos].encode("utf-8"))

    def skip_spaces(self) -> None:
        while self.char() and self.char() in _SPACE:
            self.pos += 1


def _error(message: str) -> TelegramTextError:
    return TelegramTextError(f"Bad Request: can't parse entities: {message}")


def _decode_entity(cur: _Cursor) -> str | None:
    """Decode the entity at the cursor and move past it, or return None if there is none."""
    match = _ENTITY.match(cur.text, cur.pos)
    if match is None:
        return None
    hex_digits, dec_digits, name = match.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            return None
        value = _NAMED_ENTITIES[name]
    else:
        code = int(hex_digits, 16) if hex_digits is not None else int(dec_digits)
        if code == 0 or code >= 0x10FFFF:
            return None
        value = chr(code)
    cur.pos = match.end()
    return value


def _read_attribute_value(cur: _Cursor, tag: str, tag_start: int) -> str:
    """Read a quoted string or a bare name token, as tdlib does."""
    quote = cur.char()
    if quote not in ("'", '"'):
        token_start = cur.pos
        cur.pos = _NAME_TOKEN.match(cur.text, cur.pos).end()  # type: ignore[union-attr]
        if cur.char() not in _SPACE + ">" or not cur.char():
            raise _error(f"Unexpected end of name token at byte offset {cur.byte_offset(token_start)}")
        return cur.text[token_start : cur.pos].lower()
    cur.pos += 1
    value: list[str] = []
    while cur.char() and cur.char() != quote:
        decoded = _decode_entity(cur) if cur.char() == "&" else None
        if decoded is None:
            value.append(cur.char())
            cur.pos += 1
        else:
            value.append(decoded)
    if not cur.char():
        raise _error(f'Unclosed start tag "{tag}" at byte offset {cur.byte_offset(tag_start)}')
    cur.pos += 1
    return "".join(value)


def _read_attributes(cur: _Cursor, tag: str, tag_start: int) -> dict[str, str]:
    attributes: dict[str, str] = {}
    while True:
        cur.skip_spaces()
        if cur.char() == ">":
            cur.pos += 1
            return attributes
        if not cur.char():
            raise _error(f'Unclosed start tag "{tag}" at byte offset {cur.byte_offset(tag_start)}')
        name_start = cur.pos
        while cur.char() and cur.char() not in _SPACE + "=>":
            cur.pos += 1
        name = cur.text[name_start : cur.pos]
        if not name:
            raise _error(f'Empty attribute name in the tag "{tag}" at byte offset {cur.byte_offset(tag_start)}')
        cur.skip_spaces()
        if tag == "blockquote" and name == "expandable" and cur.char() != "=":
            attributes[name] = ""
            continue
        if cur.char() != "=":
            raise _error(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {cur.byte_offset(tag_start)}"
            )
        cur.pos += 1
        cur.skip_spaces()
        attributes[name] = _read_attribute_value(cur, tag, tag_start)


def _open_tag(cur: _Cursor, tag_start: int) -> str:
    name_start = cur.pos
    while cur.char() and cur.char() not in _SPACE + ">":
        cur.pos += 1
    if not cur.char():
        raise _error(f"Unclosed start tag at byte offset {cur.byte_offset(tag_start)}")
    tag = cur.text[name_start : cur.pos].lower()
    if tag not in _SUPPORTED_TAGS:
        raise _error(f'Unsupported start tag "{tag}" at byte offset {cur.byte_offset(tag_start)}')
    attributes = _read_attributes(cur, tag, tag_start)
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        raise _error(f'Tag "span" must have class "tg-spoiler" at byte offset {cur.byte_offset(tag_start)}')
    return tag


def _close_tag(cur: _Cursor, tag_start: int, open_tags: list[str]) -> None:
    if not open_tags:
        raise _error(f"Unexpected end tag at byte offset {cur.byte_offset(tag_start)}")
    name_start = cur.pos
    while cur.char() and cur.char() not in _SPACE + ">":
        cur.pos += 1
    name = cur.text[name_start : cur.pos].lower()
    cur.skip_spaces()
    if cur.char() != ">":
        raise _error(f"Unclosed end tag at byte offset {cur.byte_offset(tag_start)}")
    cur.pos += 1
    expected = open_tags.pop()
    if name and name != expected:
        raise _error(
            f'Unmatched end tag at byte offset {cur.byte_offset(tag_start)}, expected "</{expected}>", '
            f'found "</{name}>"'
        )


def parse_html(text: str) -> str:
    """Return the text a Telegram user would see, or raise TelegramTextError like the Bot API."""
    cur = _Cursor(text)
    visible: list[str] = []
    open_tags: list[str] = []
    while cur.pos < len(text):
        char = cur.char()
        if char == "&":
            decoded = _decode_entity(cur)
            if decoded is None:
                raise _error(f'Unescaped "&" at byte offset {cur.byte_offset(cur.pos)}; use &amp;')
            visible.append(decoded)
        elif char == "<":
            tag_start = cur.pos
            cur.pos += 1
            if cur.char() == "/":
                cur.pos += 1
                _close_tag(cur, tag_start, open_tags)
            else:
                open_tags.append(_open_tag(cur, tag_start))
        else:
            visible.append(char)
            cur.pos += 1
    if open_tags:
        raise _error(f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return "".join(visible)


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(text: str, parse_mode: str | None) -> str:
    """Check a sendMessage/editMessageText text as Telegram does; return what the user sees.

    Only HTML is parsed; other parse modes are checked for length alone.
    """
    shown = parse_html(text) if (parse_mode or "").upper() == "HTML" else text
    if not shown.strip():
        raise TelegramTextError("Bad Request: message text is empty")
    if utf16_length(shown) > MAX_MESSAGE_UTF16:
        raise TelegramTextError("Bad Request: message is too long")
    return shown
