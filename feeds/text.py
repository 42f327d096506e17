"""Feed titles and summaries as plain text: what the matcher scores and what Telegram messages show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

SUMMARY_MAX_CHARS = 600

_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # the other C0 controls count as whitespace
_INVISIBLE_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "hr",
        "img",
    }
)


class _TextCollector(HTMLParser):
    """Keeps character data, drops markup; block tags become spaces so words on both sides stay apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def collapse_whitespace(text: str) -> str:
    """Runs of any whitespace (newlines, tabs, no-break spaces) become one space; ends are trimmed.

    Control characters are dropped: they are not text, and PostgreSQL cannot store NUL at all.
    """
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip()


def html_to_text(html: str) -> str:
    """Tags stripped, entities decoded, whitespace collapsed. Never raises: broken markup yields its text."""
    if "<" not in html and "&" not in html:
        return collapse_whitespace(html)
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collapse_whitespace("".join(collector.parts))


def truncate(text: str, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """Cut at a word boundary and mark the cut with an ellipsis: alerts stay short but never end mid-word."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    boundary = cut.rfind(" ")
    if boundary > max_chars // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:.-–—") + "…"
