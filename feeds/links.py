"""Canonical article links, so the same article reached through two feeds or two campaigns is stored once."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_", "hsa_", "__hs")
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wickedid",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "smid",
        "sr_share",
        "feature",
        "rss",
        "from_rss",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Tabs and line breaks are dropped by ``urlsplit``; any other control character makes it no URL at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only tell the publisher where a click came from."""
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_link(url: str | None) -> str | None:
    """The link without tracking parameters and fragment, scheme and host lower-cased, default port dropped.

    Returns ``None`` for anything that is not an absolute http(s) URL (one with a control character is not):
    such a link cannot identify an article.
    """
    if not url or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", _without_tracking(parts.query), ""))


def _without_tracking(query: str) -> str:
    """Filters the raw ``name=value`` pairs so the kept ones keep their exact encoding and order."""
    pairs = (pair for pair in query.split("&") if pair)
    kept = [pair for pair in pairs if not is_tracking_param(unquote_plus(pair.split("=")[0]))]
    return "&".join(kept)
