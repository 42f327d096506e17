"""index.html: every pledge in one table — status, kind, section, latest news, weekly volume, deadline —
with filters by section, kind and status that work in the page (a small inline script, no server).

Without the script every pledge is shown and the filter controls stay hidden, so nothing is broken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from report.assets import FILTER_SCRIPT
from report.charts import SPARK_WEEKS, sparkline, weekly_counts
from report.html import Html, element, join
from report.layout import badge, document, footer
from report.words import countdown, day, plural
from tracker import PledgeStatus, Status
from watchlist import Source

NO_SECTION = "Other pledges"


def page_name(commitment_id: str) -> str:
    """A pledge's page: its id (a slug of a-z, 0-9 and -) plus .html."""
    return f"{commitment_id}.html"


def render_index(pledges: Sequence[PledgeStatus], source: Source | None, now: datetime) -> str:
    communique = source.title.strip() if source and source.title.strip() else "the communique"
    intro = [
        f"{plural(len(pledges), 'pledge')} of ",
        element("cite", None, communique),
        f" ({day(source.date)})" if source and source.date else "",
        ", followed in the news by pledgewatch.",
    ]
    header = element(
        "header",
        {"class": "site"},
        element("h1", None, "Pledge tracker"),
        element("p", None, *intro),
        element(
            "p", {"class": "meta"}, "Status as of ", element("time", {"datetime": now.isoformat()}, _moment(now)), "."
        ),
    )
    main = element(
        "main",
        None,
        _totals(pledges),
        _filters(pledges),
        _table(pledges, now),
        element("p", {"id": "none", "hidden": True}, "No pledge matches these filters."),
    )
    return document(f"Pledge tracker — {communique}", join([header, main, footer()]), FILTER_SCRIPT)


def _moment(now: datetime) -> str:
    return f"{day(now)}, {now:%H:%M} UTC"


def _totals(pledges: Sequence[PledgeStatus]) -> Html:
    counted = Counter(p.assessment.status for p in pledges)
    items = [element("li", None, badge(status), f" {counted[status]}") for status in Status if counted[status]]
    return element(
        "section",
        {"aria-labelledby": "totals-heading"},
        element("h2", {"id": "totals-heading", "class": "visually-hidden"}, "Pledges by status"),
        element("ul", {"class": "totals"}, *items),
    )


def _select(name: str, label: str, everything: str, values: Sequence[tuple[str, str]]) -> Html:
    options = [element("option", {"value": ""}, everything)]
    options += [element("option", {"value": value}, text) for value, text in values]
    return element("label", None, label, element("select", {"name": name, "id": f"filter-{name}"}, *options))


def _filters(pledges: Sequence[PledgeStatus]) -> Html:
    sections = list(dict.fromkeys(p.commitment.section for p in pledges))
    kinds = list(dict.fromkeys(p.commitment.kind.value for p in pledges))
    present = {p.assessment.status for p in pledges}
    return element(
        "form",
        {"id": "filters", "class": "filters", "aria-label": "Filter the pledges", "hidden": True},
        _select("section", "Section", "All sections", [(s, s or NO_SECTION) for s in sections]),
        _select("kind", "Kind", "All kinds", [(k, k) for k in kinds]),
        _select("status", "Status", "All statuses", [(s.value, s.label) for s in Status if s in present]),
        element("button", {"type": "button", "id": "clear"}, "Show all"),
        element("output", {"id": "shown", "aria-live": "polite"}, f"Showing {len(pledges)} of {len(pledges)} pledges"),
    )


def _table(pledges: Sequence[PledgeStatus], now: datetime) -> Html:
    headings = [
        "Pledge",
        "Status",
        "Kind",
        "Section",
        "Latest news",
        f"Articles per week ({SPARK_WEEKS} weeks)",
        "Deadline",
    ]
    head = element("thead", None, element("tr", None, *(element("th", {"scope": "col"}, h) for h in headings)))
    body = element("tbody", None, *(_row(pledge, now) for pledge in pledges))
    caption = element("caption", {"class": "visually-hidden"}, "Every pledge with its status, news and deadline")
    return element("table", {"class": "pledges"}, caption, head, body)


def _row(pledge: PledgeStatus, now: datetime) -> Html:
    c, status = pledge.commitment, pledge.assessment.status
    latest = max((item.published for item in pledge.evidence if item.published <= now), default=None)
    news = element("time", {"datetime": latest.date().isoformat()}, day(latest)) if latest else "none yet"
    return element(
        "tr",
        {"data-section": c.section, "data-kind": c.kind.value, "data-status": status.value},
        element("th", {"scope": "row"}, element("a", {"href": page_name(c.id)}, c.title)),
        element("td", {"data-label": "Status"}, badge(status)),
        element("td", {"data-label": "Kind"}, c.kind.value),
        element("td", {"data-label": "Section"}, c.section or NO_SECTION),
        element("td", {"data-label": "Latest news"}, news),
        element(
            "td",
            {"data-label": "Per week", "class": "spark"},
            sparkline(weekly_counts(pledge.evidence, now, SPARK_WEEKS)),
        ),
        element("td", {"data-label": "Deadline"}, _deadline(pledge, now)),
    )


def _deadline(pledge: PledgeStatus, now: datetime) -> Html | str:
    deadline = pledge.commitment.deadline
    if deadline is None:
        return "none"
    left = countdown(deadline, now.date())
    passed = "countdown passed" if deadline < now.date() else "countdown"
    return join(
        [
            element("time", {"datetime": deadline.isoformat()}, day(deadline)),
            " ",
            element("span", {"class": passed}, left),
        ]
    )
