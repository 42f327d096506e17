from datetime import UTC, datetime

import pytest

from feeds.errors import FeedError, NotAFeed
from feeds.parse import ParsedFeed, parse_feed
from tests.feeds.support import feed_bytes

FETCHED = datetime(2023, 6, 1, 8, tzinfo=UTC)
URL = "https://frontier-ledger.example/feed.xml"
XML = {"Content-Type": "application/rss+xml"}


def _parse(name: str, headers: dict[str, str] | None = None, url: str = URL) -> ParsedFeed:
    return parse_feed(feed_bytes(name), headers or XML, url, FETCHED)


def test_feed_title_and_ttl_are_read() -> None:
    parsed = _parse("rss_three_items.xml")
    assert (parsed.title, parsed.ttl_minutes) == ("Frontier Ledger", 45)


def test_summary_is_plain_text() -> None:
    first = _parse("rss_three_items.xml").articles[0]
    assert first.summary == "Customs staff on both sides cleared the first trucks of the year. Traders welcomed it."


def test_link_is_canonical() -> None:
    first = _parse("rss_three_items.xml").articles[0]
    assert first.link == "https://frontier-ledger.example/news/khunjerab-opens"


def test_published_is_converted_to_utc() -> None:
    first = _parse("rss_three_items.xml").articles[0]
    assert first.published == datetime(2023, 4, 12, 1, 30, tzinfo=UTC)


def test_entry_without_date_is_published_when_first_fetched() -> None:
    third = _parse("rss_three_items.xml").articles[2]
    assert third.published == FETCHED


def test_feed_local_guid_is_scoped_by_the_site() -> None:
    first = _parse("rss_three_items.xml").articles[0]
    assert (first.guid, first.identity) == ("fl-2023-0412", "frontier-ledger.example#fl-2023-0412")


def test_entry_without_guid_is_identified_by_its_canonical_link() -> None:
    second = _parse("rss_three_items.xml").articles[1]
    assert second.identity == "https://frontier-ledger.example/news/rail-talks"


def test_permalink_guid_is_canonicalised_so_two_feeds_agree() -> None:
    third = _parse("rss_three_items.xml").articles[2]
    assert third.identity == "https://frontier-ledger.example/news/port-tariffs"


def test_items_without_guid_or_link_get_distinct_content_identities() -> None:
    articles = _parse("no_guid_no_link.xml").articles
    assert [a.identity for a in articles] == [f"sha256:{a.content_hash}" for a in articles]
    assert len({a.identity for a in articles}) == 2


def test_duplicate_guids_in_one_feed_keep_the_first_item() -> None:
    articles = _parse("duplicate_guids.xml").articles
    assert [a.title for a in articles] == [
        "Gwadar airport handles its first commercial flight",
        "Fisheries cooperation meeting held",
    ]


def test_atom_relative_link_resolves_against_the_feed_url() -> None:
    entry = _parse("atom_entries.xml", url="https://corridor-monitor.example/feeds/all.atom").articles[0]
    assert entry.link == "https://corridor-monitor.example/2023/05/power-plant"


def test_atom_html_title_and_content_become_plain_text() -> None:
    entry = _parse("atom_entries.xml").articles[0]
    assert entry.title == "Power plant reaches commercial operation"
    assert entry.summary == "The unit was connected to the national grid on schedule."
    assert entry.published == datetime(2023, 5, 2, 7, 15, tzinfo=UTC)


def test_aggregator_entry_names_its_own_outlet() -> None:
    entry = _parse("google_news_search.xml").articles[0]
    assert entry.outlet == "Harbour Times"


def test_outlet_falls_back_to_the_feed_title() -> None:
    assert _parse("rss_three_items.xml").articles[0].outlet == "Frontier Ledger"


def test_latin1_feed_declared_in_its_prolog_is_decoded() -> None:
    entry = _parse("iso-8859-1.xml", {"Content-Type": "text/xml"}).articles[0]
    assert entry.title == "Coopération portuaire : réunion à Gwadar"


def test_wrong_charset_in_header_loses_to_the_bytes() -> None:
    utf8_body = feed_bytes("iso-8859-1.xml").decode("iso-8859-1").encode("utf-8")
    parsed = parse_feed(utf8_body, {"Content-Type": "application/xml; charset=iso-8859-1"}, URL, FETCHED)
    assert parsed.articles[0].title == "Coopération portuaire : réunion à Gwadar"


def test_latin1_body_served_as_utf8_is_still_decoded() -> None:
    parsed = _parse("iso-8859-1.xml", {"Content-Type": "application/rss+xml; charset=utf-8"})
    assert parsed.title == "Revue économique"


def test_ill_formed_feed_that_still_yields_entries_is_accepted() -> None:
    entry = _parse("bozo_with_entries.xml").articles[0]
    assert entry.title == "Pakistan & China review economic corridor projects"


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed, match="HTML page"):
        _parse("not_a_feed.html", {"Content-Type": "text/html; charset=utf-8"})


def test_malformed_xml_without_entries_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed, match="malformed XML"):
        _parse("malformed.xml")


@pytest.mark.parametrize("body", [b"", b"  \n\t "])
def test_empty_body_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed, match="empty"):
        parse_feed(body, XML, URL, FETCHED)


def test_not_a_feed_names_the_url() -> None:
    with pytest.raises(FeedError, match=URL):
        parse_feed(b"\x00\x01garbage\xff", {}, URL, FETCHED)


def test_body_that_looks_like_a_path_is_parsed_not_opened() -> None:
    with pytest.raises(NotAFeed):
        parse_feed(b"/etc/hostname", {}, URL, FETCHED)


def test_valid_feed_with_no_items_yields_no_articles() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(body, XML, URL, FETCHED).articles == ()


def test_far_future_date_falls_back_to_fetch_time() -> None:
    body = (
        b'<rss version="2.0"><channel><title>T</title><item><title>Odd date</title><guid>x</guid>'
        b"<pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item></channel></rss>"
    )
    assert parse_feed(body, XML, URL, FETCHED).articles[0].published == FETCHED
