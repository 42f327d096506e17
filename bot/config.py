"""The configuration: read once at start-up into one validated `Config`.

Every error names the file, the key and the reason in one line, e.g.
`config.toml: [polling] interval_seconds: expected a number of seconds, got "often"`, because the
person reading it is editing that file and needs nothing else.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from feeds import FeedSettings, PollingSettings, SearchSettings
from matcher import DEFAULT_SEMANTIC_ADD, DEFAULT_SEMANTIC_FILTER, DEFAULT_THRESHOLD
from matcher.semantic import NAME as SEMANTIC_MODEL_NAME

TOKEN_ENVIRONMENT_VARIABLE = "PLEDGEWATCH_TELEGRAM_TOKEN"
STORAGE_URL_ENVIRONMENT_VARIABLE = "PLEDGEWATCH_STORAGE_URL"
"""A database URL may hold a password, as secret as the token: it may come from the environment too."""
DEFAULT_API_BASE_URL = "https://api.telegram.org"
DEFAULT_CONFIG_NAME = "config.toml"
EXAMPLE_CONFIG = Path(__file__).resolve().parent / "defaults" / "config.example.toml"
"""The defaults without a config file. In the clone it links to ./config.example.toml, so its relative paths
resolve in the clone; an installed package holds a copy, beside the watchlist and communique it names."""
DEFAULT_MODEL_DIR = platformdirs.user_data_path("pledgewatch") / "models" / SEMANTIC_MODEL_NAME
SLOW_ENOUGH_SECONDS = 60
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_HOST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class ConfigError(Exception):
    """The configuration cannot be used; the message is the one line to show the user."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramSettings(_Section):
    token: SecretStr | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    admins: list[int] = Field(default_factory=list)
    alert_chat: int | str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None

    @field_validator("api_base_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http:// or https:// URL (got {value!r})")
        return value.rstrip("/") if value else value

    @field_validator("api_base_url")
    @classmethod
    def _server_root(cls, value: str) -> str:
        """The Bot API server's root: python-telegram-bot users write `http://host:8081/bot`, and the
        bot adds `/bot<token>` itself, so both forms mean the same server."""
        return value.removesuffix("/bot")

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_accepts_the_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("only A-Z, a-z, 0-9, _ and - are allowed, 1 to 256 characters")
        return value

    @field_validator("token")
    @classmethod
    def _blank_token_is_no_token(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value().strip() else None


class StorageSettings(_Section):
    url: str = "sqlite:///pledgewatch.db"


class WatchlistSettings(_Section):
    path: Path = Path("watchlist.toml")


class MatcherSettings(_Section):
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=1)
    model_dir: Path = DEFAULT_MODEL_DIR
    semantic: bool = True
    semantic_filter: float = Field(default=DEFAULT_SEMANTIC_FILTER, ge=0, le=1)
    semantic_add: float = Field(default=DEFAULT_SEMANTIC_ADD, ge=0, le=1.01)
    learn_from: Literal["admins", "everyone"] = "admins"


class WebSettings(_Section):
    """The HTTP server of `run` (health, metrics, tracker page): off until a port is set."""

    listen: str = "127.0.0.1"
    port: int | None = Field(default=None, ge=0, le=65535)

    @field_validator("listen")
    @classmethod
    def _an_address(cls, value: str) -> str:
        value = value.strip()
        try:
            ipaddress.ip_address(value)
        except ValueError:
            if not _HOST_NAME.fullmatch(value):
                raise ValueError(f"expected an address such as 127.0.0.1, 0.0.0.0 or ::, got {value!r}") from None
        return value

    @property
    def enabled(self) -> bool:
        return self.port is not None


class ReportSettings(_Section):
    """The public tracker site: with a folder, `run` rewrites its changed pages after every poll round."""

    html_dir: Path | None = None


class Config(_Section):
    """Everything pledgewatch can be told, with relative paths already resolved."""

    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    watchlist: WatchlistSettings = Field(default_factory=WatchlistSettings)
    polling: PollingSettings = Field(default_factory=PollingSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    matcher: MatcherSettings = Field(default_factory=MatcherSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    feeds: list[FeedSettings] = Field(default_factory=list)
    source: str = Field(default="(defaults)", exclude=True)
    warnings: list[str] = Field(default_factory=list, exclude=True)

    @property
    def token(self) -> str | None:
        return self.telegram.token.get_secret_value() if self.telegram.token else None


def load_config(path: Path | None = None) -> Config:
    """Load `path`; with none, `./config.toml` if it exists, else the shipped example's defaults."""
    if path is None:
        path = Path(DEFAULT_CONFIG_NAME) if Path(DEFAULT_CONFIG_NAME).exists() else EXAMPLE_CONFIG
        if not path.exists():
            return _finish(Config(), Path.cwd(), "(defaults)")
    label = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{label}: file not found (copy config.example.toml to start one)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{label}: cannot read the file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: invalid TOML: {exc}") from None
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{label}: {_describe(exc.errors()[0], raw)}") from None
    base = path.resolve().parent
    # The shipped defaults name the shipped watchlist beside them, but what a run writes (the database,
    # the site) goes in the current folder, never inside an installed package.
    return _finish(config, base, label, written_in=Path.cwd() if path == EXAMPLE_CONFIG else base)


def _finish(config: Config, base: Path, label: str, written_in: Path | None = None) -> Config:
    """Resolve relative paths: read files against `base` (the config's folder), written ones against `written_in`."""
    written_in = written_in or base
    token = os.environ.get(TOKEN_ENVIRONMENT_VARIABLE, "").strip()
    telegram = config.telegram.model_copy(update={"token": SecretStr(token)}) if token else config.telegram
    watchlist_path = config.watchlist.path if config.watchlist.path.is_absolute() else base / config.watchlist.path
    storage_url = os.environ.get(STORAGE_URL_ENVIRONMENT_VARIABLE, "").strip() or config.storage.url
    _refuse_shared_port(config, label)
    _refuse_repeated_feed_names(config, label)
    config = config.model_copy(
        update={
            "telegram": telegram,
            "storage": StorageSettings(url=_resolve_sqlite_path(storage_url, written_in)),
            "watchlist": WatchlistSettings(path=watchlist_path),
            "matcher": config.matcher.model_copy(update={"model_dir": base / config.matcher.model_dir}),
            "report": ReportSettings(html_dir=_resolve_path(config.report.html_dir, written_in)),
            "source": label,
        }
    )
    config.warnings = _warnings(config)
    return config


def _refuse_shared_port(config: Config, label: str) -> None:
    web, telegram = config.web, config.telegram
    if telegram.webhook_url and web.port and web.port == telegram.webhook_port:
        raise ConfigError(f"{label}: [web] port {web.port} is also [telegram] webhook_port: give each its own port")


def _refuse_repeated_feed_names(config: Config, label: str) -> None:
    """A feed's name is its key in storage: a second feed of the same name would silently never be polled."""
    first: dict[str, int] = {}
    for number, feed in enumerate(config.feeds, start=1):
        if feed.name in first:
            raise ConfigError(
                f"{label}: [[feeds]] #{number} ({feed.name}): name already used by [[feeds]] #{first[feed.name]}: "
                "give each feed its own name"
            )
        first[feed.name] = number


def _resolve_path(path: Path | None, base: Path) -> Path | None:
    return base / path if path is not None and not path.is_absolute() else path


def _resolve_sqlite_path(url: str, base: Path) -> str:
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix + ":memory:":
        return url
    file = Path(url[len(prefix) :])
    return url if file.is_absolute() else prefix + str(base / file)


def _warnings(config: Config) -> list[str]:
    found = []
    if config.telegram.webhook_url and config.telegram.webhook_secret is None:
        found.append(
            f"{config.source}: [telegram] webhook_url without webhook_secret: anyone who learns the URL can send "
            "the bot updates"
        )
    intervals = [("[polling] interval_seconds", config.polling.interval_seconds)]
    intervals += [(f"[[feeds]] {feed.name}: interval_seconds", feed.interval_seconds or 0) for feed in config.feeds]
    return found + [
        f"{config.source}: {key} = {value:g} polls more often than once a minute; fine for local feeds, "
        "impolite to real outlets"
        for key, value in intervals
        if 0 < value < SLOW_ENOUGH_SECONDS
    ]


_EXPECTED = {
    "float_parsing": "expected a number of seconds",
    "float_type": "expected a number",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "string_type": "expected a text in quotes",
    "list_type": "expected a list [ … ]",
    "model_type": "expected a table",
    "dict_type": "expected a table",
}


def _describe(error: ErrorDetails, raw: dict[str, Any]) -> str:
    """Turn pydantic's first error into the one line the user needs."""
    location = _location(error["loc"], raw)
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{location}: unknown key{_suggestion(error['loc'])}"
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if kind.startswith("float") and not str(error["loc"][-1]).endswith("seconds"):
            expected = "expected a number"
        return f"{location}: {expected}, got {_show(error['input'])}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{location}: {error['msg'].lower()} (got {_show(error['input'])})"
    if kind == "missing":
        return f"{location}: required key is missing"
    message = error["msg"].removeprefix("Value error, ")
    return f"{location}: {message}"


def _location(loc: tuple[int | str, ...], raw: dict[str, Any]) -> str:
    if not loc:
        return "(top level)"
    if loc[0] == "feeds" and len(loc) >= 2 and isinstance(loc[1], int):
        feed = raw.get("feeds", [])[loc[1]] if isinstance(raw.get("feeds"), list) else {}
        name = feed.get("name") if isinstance(feed, dict) else None
        label = f"[[feeds]] #{loc[1] + 1}" + (f" ({name})" if name else "")
        return " ".join([label, *map(str, loc[2:])])
    if len(loc) == 1:
        return f"[{loc[0]}]" if isinstance(raw.get(str(loc[0])), dict) else str(loc[0])
    return f"[{loc[0]}] " + ".".join(map(str, loc[1:]))


def _suggestion(loc: tuple[int | str, ...]) -> str:
    parent: type[BaseModel] = Config
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = parent.model_fields[str(part)].annotation
        parent = FeedSettings if part == "feeds" else annotation  # type: ignore[assignment]
    close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def describe_settings(config: Config) -> dict[str, Any]:
    """The effective settings as plain data, secrets masked, for `pledgewatch config check`."""
    data = config.model_dump(mode="json")
    for secret in ("token", "webhook_secret"):
        if data["telegram"].get(secret):
            data["telegram"][secret] = "********"
    data["storage"]["url"] = _without_password(config.storage.url)
    return data


def _without_password(url: str) -> str:
    """`postgresql://user:***@host/db`: a database password is as secret as the token."""
    try:
        parsed = make_url(url)
    except ArgumentError:  # not a URL at all: nothing to hide, and opening it will say what is wrong
        return url
    return parsed.render_as_string(hide_password=True) if parsed.password else url
