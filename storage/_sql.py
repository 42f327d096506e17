"""Small SQL helpers shared by the query modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def insert_or_ignore(connection: AsyncConnection, table: Table, conflict_columns: list[str]) -> Any:
    """`INSERT … ON CONFLICT DO NOTHING` in the connection's dialect.

    Both backends spell it the same way in SQL but SQLAlchemy keeps a separate construct per
    dialect; this picks the right one so callers stay dialect-free.
    """
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    return dialect.insert(table).on_conflict_do_nothing(index_elements=conflict_columns)
