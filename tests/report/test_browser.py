"""The tracker site as a reader sees it in headless Chromium, opened from file:// like a downloaded copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, ViewportSize

from tests.report.conftest import ARTEFACTS
from tests.support.browser.reader import DESKTOP, PHONE, Reader, Visit
from tracker import PledgeStatus, Status

Site = tuple[Path, list[PledgeStatus]]
MIN_CONTRAST = 4.5  # WCAG AA for body text


@pytest.fixture
def reader(chromium: Browser) -> Iterator[Reader]:
    made = Reader(chromium, ARTEFACTS)
    yield made
    made.close()


def _url(site: Site, name: str) -> str:
    return (site[0] / name).as_uri()


def _visible_titles(visit: Visit) -> list[str]:
    return visit.page.locator("tbody tr:visible th a").all_inner_texts()


def _titles(statuses: list[PledgeStatus], *wanted: Status, section: str | None = None) -> list[str]:
    return [
        p.commitment.title
        for p in statuses
        if p.assessment.status in wanted and (section is None or p.commitment.section == section)
    ]


def test_every_page_loads_without_a_script_error_or_a_network_request(built_site: Site, reader: Reader) -> None:
    pages = sorted(built_site[0].glob("*.html"))
    assert len(pages) == len(built_site[1]) + 1
    for page in pages:
        visit = reader.open(page.as_uri())
        assert visit.errors == [], page.name
        assert [url for url in visit.requests if not url.startswith("file://")] == [], page.name


def test_every_local_link_resolves(built_site: Site, reader: Reader) -> None:
    for page in sorted(built_site[0].glob("*.html")):
        visit = reader.open(page.as_uri())
        hrefs = visit.page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        local = [href for href in hrefs if href.startswith("file://")]
        missing = [href for href in local if not Path(unquote(urlsplit(href).path)).is_file()]
        assert local and missing == [], page.name


def test_every_pledge_is_on_the_index_linked_to_its_page(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "index.html"))
    rows = visit.page.locator("tbody tr")
    statuses = built_site[1]
    assert _visible_titles(visit) == [p.commitment.title for p in statuses]
    for index, pledge in enumerate(statuses):
        row = rows.nth(index)
        assert row.locator("th a").get_attribute("href") == f"{pledge.commitment.id}.html"
        assert row.locator(".badge").inner_text() == pledge.assessment.status.label
    assert visit.page.locator("#shown").inner_text() == f"Showing {len(statuses)} of {len(statuses)} pledges"


def test_the_status_filter_shows_only_pledges_with_that_status(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "index.html"))
    visit.page.select_option("#filter-status", Status.AT_RISK.value)
    expected = _titles(built_site[1], Status.AT_RISK)
    assert expected == ["Gwadar port and free zone projects"]
    assert _visible_titles(visit) == expected
    assert visit.page.locator("#shown").inner_text() == f"Showing 1 of {len(built_site[1])} pledges"
    reader.screenshot(visit, "index-filtered-at-risk")


def test_filters_combine_and_show_all_brings_every_pledge_back(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "index.html"))
    visit.page.select_option("#filter-section", "Tourism")
    visit.page.select_option("#filter-status", Status.OVERDUE.value)
    expected = _titles(built_site[1], Status.OVERDUE, section="Tourism")
    assert len(expected) == 2 and _visible_titles(visit) == expected
    visit.page.select_option("#filter-kind", "mechanism")
    assert _visible_titles(visit) == [] and visit.page.locator("#none").is_visible()
    visit.page.click("#clear")
    assert len(_visible_titles(visit)) == len(built_site[1]) and not visit.page.locator("#none").is_visible()
    assert visit.errors == []


def test_the_kind_filter_shows_only_pledges_of_that_kind(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "index.html"))
    visit.page.select_option("#filter-kind", "position")
    expected = [p.commitment.title for p in built_site[1] if p.commitment.kind.value == "position"]
    assert len(expected) == 1 and _visible_titles(visit) == expected


def test_a_filter_named_in_the_address_is_applied_on_opening(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "index.html") + "#status=overdue")
    assert visit.page.locator("#filter-status").input_value() == Status.OVERDUE.value
    assert _visible_titles(visit) == _titles(built_site[1], Status.OVERDUE)


def test_the_pledge_page_shows_the_promise_status_chart_and_evidence(built_site: Site, reader: Reader) -> None:
    visit = reader.open(_url(built_site, "ml-1-railway.html"))
    page = visit.page
    assert page.locator("h1").inner_text() == "Main Line-1 (ML-1) railway"
    assert "China agreed to the development of the Main Line-1" in page.locator("blockquote").inner_text()
    assert page.locator("#status + p .badge").inner_text() == "in progress"
    assert page.locator("svg.chart[role=img]").get_attribute("aria-label", timeout=1000)
    signals = page.locator(".timeline .signal").all_inner_texts()
    assert signals == ["• mention", "▲ progress", "▲ progress", "• mention"]
    assert 'ML-1 "deal" <script>alert("x")</script> & more' in page.locator(".timeline").inner_text()
    assert page.locator(".timeline a[href^='javascript:']").count() == 0
    assert visit.errors == []


def test_text_is_readable_against_its_background(built_site: Site, reader: Reader) -> None:
    for name in ("index.html", "ml-1-railway.html"):
        visit = reader.open(_url(built_site, name))
        measured = visit.contrast(".badge, .meta, .countdown, .note, .signal, .when, footer p, footer dd, a, th, td")
        poor = [(text, ratio) for text, ratio in measured if ratio < MIN_CONTRAST]
        assert measured and poor == [], name


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_pages_fit_the_screen_and_are_kept_as_screenshots(
    built_site: Site, reader: Reader, viewport: ViewportSize, label: str
) -> None:
    for name in ("index.html", "ml-1-railway.html", "karachi-circular-railway.html"):
        visit = reader.open(_url(built_site, name), viewport)
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} is wider than a {label} screen by {overflow}px"
        assert reader.screenshot(visit, f"{name.removesuffix('.html')}-{label}").stat().st_size > 0
