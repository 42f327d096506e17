"""HTML escaped by construction: text becomes markup only through `element`, which escapes every string.

`Html` marks text that is already markup. Anything else handed to `element` — a headline from a
feed, a pledge's quote — is escaped, and adding a plain string to `Html` gives a plain string, so a
slip escapes twice (visible, harmless) instead of injecting. Links are made only for http(s) URLs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

VOID = frozenset({"meta", "br", "img", "input", "link", "hr"})


class Html(str):
    """Markup safe to write into a page as it is."""

    __slots__ = ()


Child = Html | str | int | None
Attributes = Mapping[str, str | int | float | bool | None]


def escape(text: str) -> Html:
    return Html(html.escape(text, quote=True))


def trusted(markup: str) -> Html:
    """Markup written in this package's source (the stylesheet, the script): never feed or user text."""
    return Html(markup)


def _attributes(attributes: Attributes) -> str:
    return "".join(
        f" {name}" if value is True else f' {name}="{html.escape(str(value), quote=True)}"'
        for name, value in attributes.items()
        if value is not None and value is not False
    )


def _child(child: Child) -> str:
    if isinstance(child, Html):
        return child
    return "" if child is None else html.escape(str(child), quote=True)


def element(tag: str, attributes: Attributes | None = None, *children: Child) -> Html:
    """`<tag attributes>children</tag>`; strings among the children and every attribute value are escaped."""
    opening = f"<{tag}{_attributes(attributes or {})}>"
    if tag in VOID:
        return Html(opening)
    return Html(opening + "".join(_child(child) for child in children) + f"</{tag}>")


def join(parts: Iterable[Child], separator: str = "") -> Html:
    """Several pieces as one; strings among them are escaped like an element's children."""
    return Html(escape(separator).join(_child(part) for part in parts if part is not None))


def link(url: str | None, *children: Child, **attributes: str) -> Html:
    """A link when the URL is http(s) or a page of the site; the text alone otherwise (no `javascript:`)."""
    if url and (url.startswith(("http://", "https://")) or _is_local_page(url)):
        return element("a", {"href": url, **attributes}, *children)
    return join(children)


def _is_local_page(url: str) -> bool:
    """ "ml-1-railway.html" or "index.html": a file of this site, named by a pledge id."""
    return url.endswith(".html") and "/" not in url and ":" not in url and not url.startswith(".")
