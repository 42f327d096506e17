"""The tracker site as text: every pledge on the index, feed text escaped, only safe links, charts labelled."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

from matcher import Signal
from report import render_site
from report.charts import sparkline, weekly_counts
from report.html import Html, element, link
from tracker import Evidence, Override, PledgeStatus, Status, assess
from watchlist import Commitment, Kind, Source

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SOURCE = Source("Joint Statement of A & B", date(2026, 1, 5), "statement.txt")
HOSTILE = '<img src=x onerror="alert(1)"> & "quotes"'


def pledge(
    commitment_id: str,
    evidence: tuple[Evidence, ...] = (),
    *,
    section: str = "Trade",
    deadline: date | None = None,
    overrides: tuple[Override, ...] = (),
) -> PledgeStatus:
    commitment = Commitment(
        commitment_id, f"Title of {commitment_id}", section, "The sides agreed.", kind=Kind.MECHANISM, deadline=deadline
    )
    in_force = overrides[-1] if overrides else None
    return PledgeStatus(commitment, assess(commitment, evidence, in_force, NOW), evidence, overrides)


def news(days_ago: int, signal: Signal = Signal.MENTION, title: str = "Headline", link: str | None = None) -> Evidence:
    return Evidence(NOW - timedelta(days=days_ago), signal, title, link or f"https://n.example/{days_ago}", "Dawn")


class _Parsed(HTMLParser):
    """What a browser would build: the links, the scripts, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        self.scripts += tag == "script"
        for name, _ in attrs:
            assert not name.startswith("on"), f"an event handler attribute {name} on <{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Parsed:
    parser = _Parsed()
    parser.feed(page)
    return parser


def test_the_site_is_an_index_and_one_page_per_pledge_named_by_its_id() -> None:
    pages = render_site([pledge("ml-1"), pledge("kcr")], SOURCE, NOW)
    assert list(pages) == ["index.html", "ml-1.html", "kcr.html"]
    assert {"ml-1.html", "kcr.html"} <= set(parsed(pages["index.html"]).links)


def test_the_index_row_carries_what_the_filters_read() -> None:
    index = render_site([pledge("ml-1", (news(3, Signal.PROGRESS),), section="Trade & Ports")], SOURCE, NOW)[
        "index.html"
    ]
    assert '<tr data-section="Trade &amp; Ports" data-kind="mechanism" data-status="in-progress">' in index


def test_feed_text_is_shown_as_text_on_both_pages() -> None:
    hostile = pledge("ml-1", (news(3, title=HOSTILE),))
    pages = render_site([hostile], SOURCE, NOW)
    for page in pages.values():
        assert "<img" not in page
    assert HOSTILE in "".join(parsed(pages["ml-1.html"]).text)
    assert parsed(pages["ml-1.html"]).scripts == 0 and parsed(pages["index.html"]).scripts == 1


def test_only_http_links_of_the_news_become_links() -> None:
    page = render_site([pledge("ml-1", (news(3, link="javascript:alert(1)", title="Unsafe"),))], SOURCE, NOW)[
        "ml-1.html"
    ]
    assert "javascript:" not in " ".join(parsed(page).links)
    assert "Unsafe" in "".join(parsed(page).text)


def test_a_deadline_is_counted_down_or_shown_as_passed() -> None:
    pages = render_site(
        [pledge("soon", deadline=date(2026, 11, 29)), pledge("late", deadline=date(2026, 11, 24))], SOURCE, NOW
    )
    text = " ".join("".join(parsed(pages["index.html"]).text).split())
    assert "29 Nov 2026 in 3 days" in text
    assert "24 Nov 2026 passed 2 days ago" in text
    assert "29 Nov 2026 (in 3 days)" in "".join(parsed(pages["soon.html"]).text)


def test_the_pledge_page_lists_the_evidence_newest_first_with_signals() -> None:
    evidence = (news(30, Signal.PROGRESS, "Signed"), news(2, Signal.SETBACK, "Halted"), news(9, title="Urged"))
    page = render_site([pledge("ml-1", evidence)], SOURCE, NOW)["ml-1.html"]
    timeline = re.findall(
        r'<li class="signal-(\w+)"><span class="signal">[^<]*</span>.*?<a href="[^"]*">([^<]*)</a>', page
    )
    assert timeline == [("setback", "Halted"), ("mention", "Urged"), ("progress", "Signed")]


def test_the_pledge_page_shows_the_reasons_and_every_judgement() -> None:
    overrides = (
        Override(Status.STALLED, "Funding frozen", "cli", NOW - timedelta(days=9)),
        Override(Status.DELIVERED, "Opened", "4242", NOW - timedelta(days=1), "https://proof.example/x"),
    )
    page = render_site([pledge("ml-1", overrides=overrides)], SOURCE, NOW)["ml-1.html"]
    text = " ".join("".join(parsed(page).text).split())
    assert "delivered: set by admin 4242 on 25 Nov: Opened" in text
    assert "rules alone: no news: nothing has been matched to this pledge yet" in text
    assert "25 Nov 2026 — delivered, by admin 4242: Opened (evidence)" in text
    assert "17 Nov 2026 — stalled, by the command line: Funding frozen" in text
    assert "https://proof.example/x" in parsed(page).links


def test_weekly_counts_put_each_article_in_its_week_oldest_week_first() -> None:
    weeks = weekly_counts([news(0, Signal.PROGRESS), news(6), news(7, Signal.SETBACK), news(400)], NOW, 3)
    assert [week.total for week in weeks] == [0, 1, 2]
    assert weeks[1].counts[Signal.SETBACK] == 1 and weeks[2].counts[Signal.PROGRESS] == 1
    assert weeks[2].start == date(2026, 11, 19)


def test_the_sparkline_says_in_words_what_it_draws() -> None:
    line = sparkline(weekly_counts([news(1), news(2), news(20)], NOW, 26))
    assert 'aria-label="Articles per week over the last 26 weeks: 3 in all, at most 2 in one week"' in line
    assert 'aria-label="No articles in the last 26 weeks"' in sparkline(weekly_counts([], NOW, 26))


def test_elements_escape_text_and_attributes_and_trust_only_markup() -> None:
    made = element("p", {"title": 'a "b" <c>', "hidden": True, "id": None}, "<b>", Html("<i>ok</i>"))
    assert made == '<p title="a &quot;b&quot; &lt;c&gt;" hidden>&lt;b&gt;<i>ok</i></p>'
    assert link("data:text/html,x", "t") == "t"
    assert link("../secret.html", "t") == "t"
