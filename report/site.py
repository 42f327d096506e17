"""The whole site: the index and one page per pledge, by file name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from report.index_page import page_name, render_index
from report.pledge_page import render_pledge
from tracker import PledgeStatus
from watchlist import Source

INDEX = "index.html"


def render_site(pledges: Sequence[PledgeStatus], source: Source | None, now: datetime) -> dict[str, str]:
    """File name → page text: `index.html` and `<id>.html` for each pledge, in watchlist order."""
    communique = source.title.strip() if source and source.title.strip() else "the communique"
    pages = {INDEX: render_index(pledges, source, now)}
    for pledge in pledges:
        pages[page_name(pledge.commitment.id)] = render_pledge(pledge, communique, now)
    return pages
