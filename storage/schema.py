"""The tables, as SQLAlchemy Core metadata.

This is the schema the code queries; the Alembic migrations in `migrations/versions/` are the
history that builds it. A test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("configured_url", Text),
    Column("kind", String(16), nullable=False, server_default="config"),
    Column("title", Text),
    Column("interval_seconds", Float),
    Column("next_check_at", UTCDateTime, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    Column("last_checked_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("disabled_reason", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("retry_not_before", UTCDateTime),
    Index(None, "next_check_at"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True),
    Column("guid", Text),
    Column("link", Text),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, server_default=""),
    Column("outlet", Text, nullable=False, server_default=""),
    Column("published", UTCDateTime, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("content_hash", String(64), nullable=False),
    Column("story_id", Integer),
    Index(None, "first_seen"),
    Index(None, "published"),
    Index(None, "story_id"),
)

matches = Table(
    "matches",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("commitment_id", String(200), primary_key=True),
    Column("score", Float, nullable=False),
    Column("why", Text, nullable=False, server_default="[]"),
    Column("signal", String(16), nullable=False, server_default="mention"),
    Index(None, "commitment_id"),
)

chats = Table(
    "chats",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("kind", String(16), nullable=False, server_default="private"),
    Column("title", Text),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("inactive_reason", Text),
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("muted_until", UTCDateTime),
    Column("delivery_mode", String(16), nullable=False, server_default="immediate"),
    Column("digest_time", String(5)),
    Column("last_digest_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("scorecard_day", Integer),
    Column("scorecard_time", String(5)),
    Column("last_scorecard_at", UTCDateTime),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), nullable=False),
    Column("target_kind", String(16), nullable=False),
    Column("target", String(200), nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("chat_id", "target_kind", "target"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("commitment_id", String(200), nullable=False),
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("chat_id", "article_id"),
    Index(None, "state", "next_attempt_at"),
)

notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("chat_id", BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("payload", Text, nullable=False, server_default="{}"),
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("chat_id", "kind", "subject"),
    Index(None, "state", "next_attempt_at"),
)

status_overrides = Table(
    "status_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("link", Text),
    Column("set_by", String(64), nullable=False),
    Column("set_at", UTCDateTime, nullable=False),
    Index(None, "commitment_id", "set_at"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("commitment_id", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("source", String(16), nullable=False),
    Column("chat_id", BigInteger),
    Column("user_id", BigInteger),
    Column("by_admin", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("article_id", "commitment_id", "user_id"),
    Index(None, "updated_at"),
)
"""Readers' verdicts on (article, pledge) pairs, with the article's words as they were judged, so the
matcher can learn from them even after the article is gone or when they were imported from a file."""
