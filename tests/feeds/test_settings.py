import pytest
from pydantic import ValidationError

from feeds.settings import DEFAULT_USER_AGENT, FeedSettings, PollingSettings, SearchSettings


def test_polling_defaults() -> None:
    polling = PollingSettings()
    assert (polling.interval_seconds, polling.max_interval_seconds, polling.concurrency) == (600, 3600, 8)
    assert (polling.timeout_seconds, polling.max_bytes, polling.user_agent) == (20, 5_000_000, DEFAULT_USER_AGENT)


def test_polling_interval_below_one_second_is_rejected() -> None:
    with pytest.raises(ValidationError, match="interval_seconds"):
        PollingSettings(interval_seconds=0.5)


def test_maximum_interval_below_the_minimum_is_rejected() -> None:
    with pytest.raises(ValidationError, match="max_interval_seconds"):
        PollingSettings(interval_seconds=600, max_interval_seconds=60)


def test_unknown_polling_key_is_rejected() -> None:
    with pytest.raises(ValidationError, match="intervall"):
        PollingSettings.model_validate({"intervall": 5})


def test_fetch_settings_carry_the_polling_values() -> None:
    fetch = PollingSettings(timeout_seconds=7, max_bytes=1000, concurrency=3).fetch_settings()
    assert (fetch.timeout_seconds, fetch.max_bytes, fetch.concurrency, fetch.per_host_concurrency) == (7, 1000, 3, 2)


def test_search_template_defaults_to_google_news_for_pakistan_in_english() -> None:
    template = SearchSettings().url_template
    assert template.startswith("https://news.google.com/rss/search?q={query}")
    assert "gl=PK" in template and "hl=en-PK" in template


def test_search_template_without_query_placeholder_is_rejected() -> None:
    with pytest.raises(ValidationError, match=r"\{query\}"):
        SearchSettings(url_template="https://news.example/rss")


@pytest.mark.parametrize("url", ["ftp://news.example/feed", "news.example/feed", "https:///feed"])
def test_feed_url_must_be_http_or_https(url: str) -> None:
    with pytest.raises(ValidationError, match="http"):
        FeedSettings(name="x", url=url)


def test_feed_interval_is_optional() -> None:
    assert FeedSettings(name="Dawn", url="https://www.dawn.com/feeds/home").interval_seconds is None
