"""matches.signal, status_overrides, and the chats' weekly scorecard setting

Each stored match keeps the matcher's signal (progress, setback or mention), so a pledge's status
can be read from its evidence over time; matches stored before signals existed count as mentions,
which is what an unclassified article says about a pledge. An administrator's status override is
kept as a row per decision (who, when, note, link), never overwritten, so the page can show its
history. A chat may ask for a weekly scorecard: the weekday, the local time, and when it last had one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signal", sa.String(length=16), server_default="mention", nullable=False))
    op.create_table(
        "status_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_overrides")),
    )
    with op.batch_alter_table("status_overrides", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_overrides_commitment_id_set_at"), ["commitment_id", "set_at"], unique=False
        )
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scorecard_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scorecard_time", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("last_scorecard_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("last_scorecard_at")
        batch_op.drop_column("scorecard_time")
        batch_op.drop_column("scorecard_day")
    with op.batch_alter_table("status_overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_overrides_commitment_id_set_at"))
    op.drop_table("status_overrides")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_column("signal")
