"""Cut a communique into sections, paragraphs and sentences, keeping offsets into the original.

Quotes must stay verbatim, so every piece is a (start, end) span of the source text rather than
a cleaned-up copy; `quote_of` collapses whitespace only, which is how `check` compares them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = '.!?;,"”’)]'
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "art",
        "para",
        "fig",
        "approx",
        "h.e",
        "hon",
        "prof",
        "sept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    }
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_BULLET = re.compile(r"^\s*(?:[-*•–]\s+|\(?[a-z0-9]{1,3}[.)]\s+|[IVXLC]+[.)]\s+)")
_LIST_MARK = re.compile(r"^\s*[-*•–·]\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_WHITESPACE = re.compile(r"\s+")
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 30


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text under a heading. `listed`: an item of a list that a lead-in line ending in a
    colon opens ("…in particular by:"), whether or not it carries a bullet marker."""

    section: str
    span: Span
    sentences: tuple[Span, ...]
    listed: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]

    def of(self, span: Span) -> str:
        return self.text[span.start : span.end]


def collapse(text: str) -> str:
    """Whitespace-insensitive form used to compare quotes with their source."""
    return _WHITESPACE.sub(" ", text).strip()


def is_heading(line: str) -> bool:
    """A short line that does not end a sentence: how communiques and news copy mark their sections."""
    stripped = _MARKDOWN_HEADING.sub("", line).strip()
    if not stripped or stripped[-1] in _TERMINAL or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    return len(stripped.split()) <= MAX_HEADING_WORDS and len(stripped) <= 100


def _is_title(line: str) -> bool:
    """The opening line names the statement when it is one unpunctuated line, even a long one."""
    stripped = line.strip()
    return "\n" not in stripped and stripped[-1] not in _TERMINAL and len(stripped.split()) <= MAX_TITLE_WORDS


def heading_text(line: str) -> str:
    return _BULLET.sub("", _MARKDOWN_HEADING.sub("", line)).strip().rstrip(":").strip()


def parse_document(text: str) -> Document:
    """Group lines into headings and paragraphs; hard-wrapped lines are joined back into one paragraph."""
    title: str | None = None
    section = ""
    paragraphs: list[Paragraph] = []
    after_colon = False
    for span in _blocks(text):
        line = text[span.start : span.end]
        if not paragraphs and title is None and section == "" and _is_title(line):
            title = heading_text(line)
            section = title if is_heading(line) else ""
            continue
        bullet = bool(_LIST_MARK.match(line))
        in_list = bool(paragraphs) and paragraphs[-1].listed
        numbered_item = in_list and bool(_BULLET.match(line))
        next_item = in_list and _next_item(text[paragraphs[-1].span.start : paragraphs[-1].span.end], line)
        if "\n" not in line.strip() and is_heading(line) and not (bullet or after_colon or next_item):
            section = heading_text(line)
            continue
        listed = bullet or after_colon or numbered_item
        paragraphs.append(Paragraph(section, span, tuple(split_sentences(text, span)), listed))
        after_colon = line.rstrip().endswith(":")
    return Document(text, title, tuple(paragraphs))


def _next_item(previous: str, line: str) -> bool:
    """`line` continues the list `previous` is an item of: the next number ("1." then "2."), or the same
    bullet. A short numbered item ("2. MoU on Sport") would otherwise read as a numbered heading."""
    first, then = _BULLET.match(previous), _BULLET.match(line)
    if first is None or then is None:
        return False
    before, after = (re.sub(r"[\s.()]", "", mark.group()) for mark in (first, then))
    if before.isdigit() and after.isdigit():
        return int(after) == int(before) + 1
    if len(before) == len(after) == 1 and before.isalpha() and after.isalpha():
        return ord(after) == ord(before) + 1
    return before == after and not before.isalnum()


def _blocks(text: str) -> list[Span]:
    """Spans of paragraphs: a new one starts after a blank line, a heading, a finished sentence or a bullet."""
    blocks: list[Span] = []
    start: int | None = None
    previous = ""
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        begins_new = (
            not previous.strip()
            or (is_heading(previous) and not stripped[:1].islower())
            or previous.rstrip()[-1] in '.!?:;"”'
            or bool(_BULLET.match(line))
            or is_heading(line)
        )
        if not stripped:
            _close(blocks, text, start, offset)
            start = None
        elif begins_new:
            _close(blocks, text, start, offset)
            start = offset + (len(line) - len(line.lstrip()))
        previous = line
        offset += len(raw)
    _close(blocks, text, start, offset)
    return blocks


def _close(blocks: list[Span], text: str, start: int | None, end: int) -> None:
    if start is not None:
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            blocks.append(Span(start, stop))


def split_sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside a paragraph, not fooled by "U.N." or "No. 3"."""
    sentences: list[Span] = []
    start = span.start + len(text[span.start : span.end]) - len(text[span.start : span.end].lstrip())
    start = _skip_bullet(text, start, span.end)
    for found in _SENTENCE_END.finditer(text, start, span.end):
        end = found.start() + len(found.group().rstrip())
        following = text[found.end() : found.end() + 2]
        if not following or not (following[0].isupper() or following[0] in '“"‘(' or following[0].isdigit()):
            continue
        word = re.split(r"\s", text[start : found.start()].strip())[-1].lower().lstrip('(“"')
        if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue
        sentences.append(Span(start, end))
        start = found.end()
    if start < span.end:
        sentences.append(Span(start, span.end))
    return sentences


def _skip_bullet(text: str, start: int, end: int) -> int:
    bullet = _BULLET.match(text, start, end)
    return bullet.end() if bullet else start
