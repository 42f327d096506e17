"""feeds.configured_url: the URL the configuration names, kept apart from the URL we poll

A permanent redirect (301/308) moves the polled `url`; comparing the configuration with
`configured_url` instead means a restart does not undo the move and wipe the cache headers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("configured_url", sa.Text(), nullable=True))
    op.execute("UPDATE feeds SET configured_url = url")


def downgrade() -> None:
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.drop_column("configured_url")
