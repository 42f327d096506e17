"""Settings for polling: the pydantic models the config loader validates, and the fetcher's plain values.

The pydantic models mirror the ``[polling]``, ``[search]`` and ``[[feeds]]`` tables of the config file; they
reject unknown keys so a typo in the config is an error at start-up instead of a silently ignored option.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DEFAULT_USER_AGENT = "pledgewatch/0.1 (+https://github.com/pledgewatch/pledgewatch)"
DEFAULT_SEARCH_TEMPLATE = "https://news.google.com/rss/search?q={query}&hl=en-PK&gl=PK&ceid=PK:en"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """What ``FeedFetcher`` needs, free of pydantic so the fetcher can be built from plain values in tests."""

    timeout_seconds: float
    max_bytes: int
    user_agent: str
    concurrency: int
    per_host_concurrency: int = 2


class PollingSettings(BaseModel):
    """The ``[polling]`` table."""

    model_config = ConfigDict(extra="forbid")

    interval_seconds: float = Field(default=600, ge=1)
    max_interval_seconds: float = Field(default=3600, ge=1)
    concurrency: int = Field(default=8, ge=1)
    timeout_seconds: float = Field(default=20, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1)
    user_agent: str = Field(default=DEFAULT_USER_AGENT, min_length=1)

    @model_validator(mode="after")
    def _max_not_below_min(self) -> PollingSettings:
        if self.max_interval_seconds < self.interval_seconds:
            raise ValueError(
                f"max_interval_seconds ({self.max_interval_seconds:g}) must be ≥ "
                f"interval_seconds ({self.interval_seconds:g})"
            )
        return self

    def fetch_settings(self) -> FetchSettings:
        """The fetcher's view of these settings."""
        return FetchSettings(
            timeout_seconds=self.timeout_seconds,
            max_bytes=self.max_bytes,
            user_agent=self.user_agent,
            concurrency=self.concurrency,
        )


class SearchSettings(BaseModel):
    """The ``[search]`` table: news-search feeds derived from the watchlist."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    url_template: str = DEFAULT_SEARCH_TEMPLATE

    @field_validator("url_template")
    @classmethod
    def _has_query_placeholder(cls, value: str) -> str:
        if "{query}" not in value:
            raise ValueError("url_template must contain {query}")
        _require_http_url(value.replace("{query}", "q"))
        return value


class FeedSettings(BaseModel):
    """One ``[[feeds]]`` entry; its ``interval_seconds`` overrides ``[polling] interval_seconds``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    url: str
    interval_seconds: float | None = Field(default=None, ge=1)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return _require_http_url(value)


def _require_http_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an http:// or https:// URL (got {value!r})")
    return value.strip()
