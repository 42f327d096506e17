"""OPML, the file every feed reader exports and imports: outlines in, feeds out, and back.

Pure: bytes in, values out (and the reverse). An OPML file comes from someone else's machine, so it is
read through defusedxml, which refuses entity declarations and external references: a "billion laughs"
file costs one error line, not the machine's memory. Readers differ in what they write (Feedly and
Inoreader put feeds in category outlines, NetNewsWire nests folders, Thunderbird adds attributes of its own
namespace, some spell `xmlurl` in lower case, some escape titles twice), so anything that is not a feed
and not a folder is refused with its line, and everything else is read leniently.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

NAMESPACE = "urn:pledgewatch"
"""Our own attributes (`pledgewatch:intervalSeconds`), so an export read back loses nothing."""
_INTERVAL = (NAMESPACE, "intervalSeconds")
_FOLDER_ATTRIBUTES = frozenset({"text", "title"})
_ENTITIES_REFUSED = "the file declares XML entities, which can exhaust memory or read local files"


class OpmlError(ValueError):
    """The file cannot be read as a list of feeds; `line` (when known) and `reason` say where and why."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed outline: `folder` holds the titles of the outlines around it, outermost first."""

    title: str
    url: str
    folder: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    interval_seconds: float | None = None


def read_opml(data: bytes) -> list[OpmlFeed]:
    """Every feed outline of an OPML document, in document order (duplicates included: the caller decides)."""
    reader = _OutlineReader()
    parser = defusedxml.sax.make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(reader)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as error:
        raise OpmlError(error.getLineNumber(), f"not XML: {error.getMessage()}") from None
    except DefusedXmlException:
        raise OpmlError(reader.line, f"refused: {_ENTITIES_REFUSED}") from None
    if not reader.saw_body:
        raise OpmlError(None, "not OPML: no <body> in <opml>")
    if not reader.feeds:
        raise OpmlError(None, "no feeds: no <outline> with an xmlUrl")
    return reader.feeds


def write_opml(title: str, feeds: Sequence[OpmlFeed], created: datetime) -> str:
    """An OPML 2.0 document: one outline per feed, inside outlines for its folder."""
    root = ElementTree.Element("opml", {"version": "2.0", "xmlns:pledgewatch": NAMESPACE})
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(created.astimezone(UTC), usegmt=True)
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): ElementTree.SubElement(root, "body")}
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title, "title": feed.title, "xmlUrl": feed.url}
        if feed.categories:
            attributes["category"] = ",".join(feed.categories)
        if feed.interval_seconds is not None:
            attributes["pledgewatch:intervalSeconds"] = f"{feed.interval_seconds:g}"
        ElementTree.SubElement(_folder(folders, feed.folder), "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def _folder(folders: dict[tuple[str, ...], ElementTree.Element], path: tuple[str, ...]) -> ElementTree.Element:
    if path not in folders:
        name = path[-1]
        folders[path] = ElementTree.SubElement(_folder(folders, path[:-1]), "outline", {"text": name, "title": name})
    return folders[path]


@dataclass
class _Outline:
    title: str
    line: int
    attributes: dict[str, str]
    children: int = 0


class _OutlineReader(ContentHandler):
    """Walks the document once; an outline is a feed at its start tag, a folder or a mistake at its end."""

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[OpmlFeed] = []
        self.saw_body = False
        self._elements: list[str] = []  # the open elements' local names, root first
        self._open: list[_Outline] = []  # the open outlines, outermost first
        self._where: Locator | None = None

    @property
    def line(self) -> int | None:
        return self._where.getLineNumber() if self._where else None

    def setDocumentLocator(self, locator: Locator) -> None:
        self._where = locator

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:
        local = name[1]
        if not self._elements and local != "opml":
            raise OpmlError(self.line, f"not OPML: the document is <{qname or local}>, expected <opml>")
        in_body = "body" in self._elements
        self.saw_body = self.saw_body or (local == "body" and self._elements == ["opml"])
        self._elements.append(local)
        if local == "outline" and in_body:
            self._start_outline(attrs)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self._elements.pop()
        if name[1] == "outline" and self._open and "body" in self._elements:
            self._end_outline(self._open.pop())

    def _start_outline(self, attrs: AttributesNSImpl) -> None:
        attributes = {local.lower(): value for (uri, local), value in attrs.items() if not uri}
        outline = _Outline(_title(attributes), self.line or 0, attributes)
        if self._open:
            self._open[-1].children += 1
        url = (attributes.get("xmlurl") or "").strip()
        if url:
            self.feeds.append(
                OpmlFeed(
                    title=outline.title,
                    url=_http_url(url, outline),
                    folder=tuple(o.title for o in self._open),
                    categories=tuple(c.strip() for c in attributes.get("category", "").split(",") if c.strip()),
                    interval_seconds=_interval(attrs.get(_INTERVAL), outline),
                )
            )
        self._open.append(outline)

    def _end_outline(self, outline: _Outline) -> None:
        """A leaf without xmlUrl is an empty folder when it has nothing but a name, and a mistake otherwise."""
        if "xmlurl" in outline.attributes or outline.children:
            return
        if set(outline.attributes) - _FOLDER_ATTRIBUTES:
            raise OpmlError(outline.line, f"outline {_label(outline)} has no xmlUrl: it is not a feed")


def _title(attributes: dict[str, str]) -> str:
    """`title`, else `text`; entities some readers escape twice (`&amp;amp;`) are undone too."""
    raw = attributes.get("title") or attributes.get("text") or ""
    return " ".join(html.unescape(raw).split())


def _label(outline: _Outline) -> str:
    return repr(outline.title) if outline.title else "(untitled)"


def _http_url(url: str, outline: _Outline) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise OpmlError(outline.line, f"outline {_label(outline)}: xmlUrl {url!r} is not an http(s) URL")
    return url


def _interval(raw: str | None, outline: _Outline) -> float | None:
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not seconds >= 1:
        raise OpmlError(outline.line, f"outline {_label(outline)}: intervalSeconds {raw!r} is not a number ≥ 1")
    return seconds
