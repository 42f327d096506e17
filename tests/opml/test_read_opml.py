"""Reading OPML as feed readers export it, the odd files people arrive with, and refusing broken ones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.opml import OpmlError, OpmlFeed, read_opml, write_opml

DATA = Path(__file__).resolve().parents[1] / "data" / "opml"


def _read(name: str) -> list[OpmlFeed]:
    return read_opml((DATA / name).read_bytes())


def _urls_by_folder(feeds: list[OpmlFeed]) -> list[tuple[tuple[str, ...], str, str]]:
    return [(feed.folder, feed.title, feed.url) for feed in feeds]


def test_feedly_categories_become_folders() -> None:
    assert _urls_by_folder(_read("feedly.opml")) == [
        (("Pakistan",), "Dawn - Home", "https://www.dawn.com/feeds/home"),
        (("Pakistan",), "The Express Tribune", "https://tribune.com.pk/feed/home"),
        (("Pakistan",), "Business Recorder - Latest News", "https://www.brecorder.com/feeds/latest-news"),
        (("China",), "China Daily - World", "https://www.chinadaily.com.cn/rss/world_rss.xml"),
        (("China",), "SCMP - China", "https://www.scmp.com/rss/4/feed"),
    ]


def test_inoreader_lists_a_feed_once_per_folder_it_is_in() -> None:
    feeds = _read("inoreader.opml")
    assert [feed.folder for feed in feeds if "app.com.pk" in feed.url] == [("CPEC",), ("Regional",)]
    assert feeds[1].title == "APP | Associated Press of Pakistan"


def test_netnewswire_nested_folders_and_a_feed_at_the_top() -> None:
    assert _urls_by_folder(_read("netnewswire.opml")) == [
        ((), "Dawn", "https://www.dawn.com/feeds/home"),
        (("South Asia",), "BBC News - Asia", "https://feeds.bbci.co.uk/news/world/asia/rss.xml"),
        (("South Asia", "Railways"), "Railway Gazette International", "https://www.railwaygazette.com/feed"),
    ]


def test_thunderbird_crlf_and_its_own_namespace_attributes() -> None:
    assert b"\r\n" in (DATA / "thunderbird.opml").read_bytes()
    assert _urls_by_folder(_read("thunderbird.opml")) == [
        (("News & Blogs", "Pakistan"), "Dawn Business", "https://www.dawn.com/feeds/business"),
        (("News & Blogs",), "CGTN World", "https://www.cgtn.com/subscribe/rss/section/world.xml"),
    ]


def test_deeply_nested_folders_and_an_empty_folder() -> None:
    assert _urls_by_folder(_read("nested_folders.opml")) == [
        (("Work", "Asia", "Pakistan", "Economy"), "Dawn Business", "https://www.dawn.com/feeds/business"),
        ((), "Top level feed", "https://www.app.com.pk/feed/"),
    ]


def test_entities_escaped_once_or_twice_and_a_byte_order_mark() -> None:
    assert (DATA / "html_entities.opml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [(feed.title, feed.url) for feed in _read("html_entities.opml")] == [
        ("Politique & société", "https://example.org/politique.xml"),
        ('Café <Asia> "Desk"', "https://example.org/cafe.xml?a=1&b=2"),
        ("Tom's railway notes", "https://example.org/tom.xml"),
    ]


def test_missing_titles_are_empty_for_the_importer_to_fill() -> None:
    assert [feed.title for feed in _read("missing_titles.opml")] == ["", "", "Only a title"]


def test_attribute_names_in_any_case_and_a_declared_latin1_encoding() -> None:
    assert [(feed.title, feed.url) for feed in _read("lowercase_xmlurl.opml")] == [
        ("Pakistan Observer", "https://pakobserver.net/feed/"),
        ("Le Monde diplomatique - café", "https://www.monde-diplomatique.fr/recents.xml"),
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_xml.opml", "line 2: not OPML: the document is <html>, expected <opml>"),
        ("rss_not_opml.xml", "line 2: not OPML: the document is <rss>, expected <opml>"),
        ("no_outlines.opml", "no feeds: no <outline> with an xmlUrl"),
        ("outline_without_xmlurl.opml", "line 6: outline 'Ministry of Planning' has no xmlUrl: it is not a feed"),
        ("feed_scheme.opml", "line 5: outline 'Dawn': xmlUrl 'feed://www.dawn.com/feeds/home' is not an http(s) URL"),
        (
            "billion_laughs.opml",
            "line 3: refused: the file declares XML entities, which can exhaust memory or read local files",
        ),
        (
            "external_entity.opml",
            "line 3: refused: the file declares XML entities, which can exhaust memory or read local files",
        ),
    ],
)
def test_a_broken_file_is_refused_with_its_line(name: str, message: str) -> None:
    with pytest.raises(OpmlError) as refused:
        _read(name)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "line 1: not XML: no element found"),
        (b'{"feeds": ["https://www.dawn.com/feeds/home"]}', "line 1: not XML: not well-formed (invalid token)"),
        (b"<opml><head><title>cut short", "line 1: not XML: no element found"),
        (b"<opml><head/></opml>", "not OPML: no <body> in <opml>"),
        (b'<opml><body><outline xmlUrl="https://a.example/f" /></opml>', "line 1: not XML: mismatched tag"),
        (
            b'<opml xmlns:p="urn:pledgewatch"><body><outline xmlUrl="https://a.example/f" p:intervalSeconds="soon"/>'
            b"</body></opml>",
            "line 1: outline (untitled): intervalSeconds 'soon' is not a number ≥ 1",
        ),
    ],
)
def test_what_is_not_an_opml_file_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError) as refused:
        read_opml(data)
    assert str(refused.value) == message


def test_what_is_written_reads_back_the_same() -> None:
    feeds = [
        OpmlFeed(
            "Dawn & Co <Business>", "https://www.dawn.com/feeds/business?a=1&b=2", ("Outlets",), ("/x/outlet",), 900
        ),
        OpmlFeed('Café "Asia" desk', "https://example.org/cafe.xml", ("Outlets", "Nested"), ()),
        OpmlFeed("search: ml-1", "https://news.example/rss?q=%22ML-1%22", ("Searches",), ("/x/search", "tag")),
        OpmlFeed("At the top", "https://example.org/top.xml"),
    ]
    written = write_opml("pledgewatch feeds", feeds, datetime(2026, 11, 28, 9, 30, tzinfo=UTC))
    assert "<dateCreated>Sat, 28 Nov 2026 09:30:00 GMT</dateCreated>" in written
    assert read_opml(written.encode()) == feeds
