"""A tracker's worth of evidence for the frozen test watchlist: every status, hostile feed text, an override.

Titles are our own words. One headline carries markup and a script tag, one article a `javascript:`
link, one outlet an ampersand: the pages must show them as text and link nothing unsafe.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import Database, MatchRecord, add_override, insert_matches
from tests.support.storage import article, insert_article
from watchlist import set_field

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
WATCHLIST = Path(__file__).resolve().parent.parent / "bot" / "data" / "watchlist.toml"
HOSTILE_TITLE = 'ML-1 "deal" <script>alert("x")</script> & more'
UNSAFE_LINK = "javascript:alert(1)"
DELIVERED_LINK = "https://news.example.org/kcr-opened?a=1&b=2"


KINDS = {
    "foreign-ministers-strategic-dialogue": "mechanism",
    "e-commerce-mou-pavilions": "agreement",
    "global-security-initiative": "position",
    "unfccc-paris-commitment": "pledge",
}
"""The kinds the kind filter must tell apart, set here whatever the frozen watchlist says: one of each."""


def tracker_watchlist(folder: Path) -> Path:
    """A copy of the frozen watchlist (and its communique) in `folder`, with the kinds above."""
    shutil.copytree(WATCHLIST.parent, folder, dirs_exist_ok=True)
    path = folder / WATCHLIST.name
    for commitment_id, kind in KINDS.items():
        set_field(path, commitment_id, "kind", kind)
    return path


@dataclass(frozen=True, slots=True)
class Item:
    commitment_id: str
    days_ago: int
    signal: str
    title: str
    outlet: str = "Dawn"
    link: str | None = None


ITEMS = (
    Item("ml-1-railway", 200, "mention", "ML-1 plans reaffirmed"),
    Item("ml-1-railway", 60, "progress", "ML-1 financing agreement signed", "APP"),
    Item("ml-1-railway", 20, "progress", HOSTILE_TITLE, "Tribune & Co"),
    Item("ml-1-railway", 3, "mention", "ML-1 unsafe link", link=UNSAFE_LINK),
    Item("karachi-circular-railway", 400, "progress", "KCR groundbreaking held"),
    Item("karachi-circular-railway", 30, "mention", "KCR commuters wait"),
    Item("gwadar-port", 10, "setback", "Gwadar berth work suspended"),
    Item("gwadar-port", 5, "setback", "Gwadar dredging halted"),
    Item("gwadar-port", 40, "progress", "Gwadar cranes delivered"),
    Item("cpec-projects-momentum", 15, "mention", "CPEC momentum urged"),
    Item("khunjerab-border-port", 300, "progress", "Khunjerab pass reopened"),
)
"""ml-1: in progress · karachi-circular: stalled, then overridden to delivered · gwadar: at risk ·
cpec-momentum: talk only · khunjerab: stalled · pledges with past deadlines: overdue · the rest: no news."""


async def seed_tracker(database: Database, now: datetime = NOW) -> None:
    """The items dated back from `now` (the CLI reads the real clock, so its tests pass theirs)."""
    async with database.transaction() as connection:
        for number, item in enumerate(ITEMS):
            published = now - timedelta(days=item.days_ago)
            link = item.link or f"https://news.example.org/{number}?ref=a&b"
            stored = await insert_article(
                connection,
                article(f"item-{number}", item.title, published, outlet=item.outlet, link=link),
                feed_id=None,
                first_seen=published,
            )
            assert stored is not None
            await insert_matches(connection, [(stored.id, MatchRecord(item.commitment_id, 0.9, (), item.signal))])
        await add_override(
            connection,
            commitment_id="karachi-circular-railway",
            status="delivered",
            note="Line opened to passengers",
            link=DELIVERED_LINK,
            set_by="4242",
            set_at=now - timedelta(days=1),
        )
