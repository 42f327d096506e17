import pytest

from feeds.links import canonical_link


def test_tracking_parameters_are_removed_and_others_kept_in_order() -> None:
    url = "https://news.example/a?utm_source=rss&id=7&fbclid=x&gclid=y&mc_cid=z&page=2"
    assert canonical_link(url) == "https://news.example/a?id=7&page=2"


def test_fragment_is_removed() -> None:
    assert canonical_link("https://news.example/a#comments") == "https://news.example/a"


def test_scheme_and_host_are_lower_cased_but_path_is_not() -> None:
    assert canonical_link("HTTPS://News.Example/Story") == "https://news.example/Story"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://news.example:80/a", "http://news.example/a"),
        ("https://news.example:443/a", "https://news.example/a"),
        ("https://news.example:8443/a", "https://news.example:8443/a"),
    ],
)
def test_only_default_ports_are_dropped(url: str, expected: str) -> None:
    assert canonical_link(url) == expected


def test_kept_parameters_keep_their_exact_encoding() -> None:
    assert canonical_link("https://news.example/s?q=a%20b+c&flag") == "https://news.example/s?q=a%20b+c&flag"


def test_empty_path_becomes_slash() -> None:
    assert canonical_link("https://news.example") == "https://news.example/"


@pytest.mark.parametrize("url", [None, "", "/relative/path", "mailto:desk@news.example", "http://host:port/"])
def test_non_http_or_broken_links_have_no_canonical_form(url: str | None) -> None:
    assert canonical_link(url) is None


def test_a_link_with_a_nul_character_is_not_a_link() -> None:
    assert canonical_link("https://news.example/a\x00b") is None


def test_a_link_wrapped_in_line_breaks_is_still_a_link() -> None:
    assert canonical_link("\n  https://news.example/a\n") == "https://news.example/a"
