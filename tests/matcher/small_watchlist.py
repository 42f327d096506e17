"""A small watchlist written for the matcher tests: real shapes, few pledges, two parties."""

from __future__ import annotations

from matcher import Matcher
from watchlist import Commitment, Source, Watchlist


def commitment(
    id: str,
    quote: str,
    *,
    aliases: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    section: str = "",
) -> Commitment:
    return Commitment(id, id, section, quote, aliases=aliases, keywords=keywords, exclude=exclude)


RAIL = commitment(
    "ml-1",
    "China agreed to the development of the Main Line-1 railway track across Pakistan.",
    aliases=("Main Line-1", "ML-1", "Mainline-1"),
    keywords=("railway", "track", "upgrade"),
)
KCR = commitment(
    "kcr",
    "Pakistan and China agreed to actively advance the Karachi Circular Railway.",
    aliases=("Karachi Circular Railway", "KCR"),
    keywords=("karachi", "circular", "railway", "commuter"),
)
PORT = commitment(
    "gwadar",
    "Pakistan and China agreed to speed up the projects of the Gwadar port and free zone.",
    aliases=("Gwadar",),
    keywords=("port", "free zone", "shipping"),
)
FLOODS = commitment(
    "floods",
    "China will assist Pakistan in rehabilitating flood survivors.",
    keywords=("flood", "survivors", "rehabilitation", "relief"),
    exclude=("flood insurance",),
    section="Floods",
)
TRADE = commitment(
    "cpfta",
    "Both sides will enhance trade liberalisation under the second phase of the CPFTA.",
    aliases=("CPFTA", "China-Pakistan Free Trade Agreement"),
    keywords=("tariff", "trade", "liberalisation"),
)
WATCHLIST = Watchlist(
    (RAIL, KCR, PORT, FLOODS, TRADE), Source("Pakistan–China joint communique", None, "communique.txt")
)


def matched(matcher: Matcher, title: str, summary: str = "") -> list[str]:
    return [m.commitment for m in matcher.match(title, summary)]
