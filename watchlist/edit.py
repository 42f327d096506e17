"""Edit a watchlist file in place without losing what people wrote in it.

tomlkit keeps comments, order and formatting; every edit is validated before it replaces the
file, and the replacement is atomic (temp file + os.replace), so a reader — the hot reloader, an
editor, a second admin — never sees a half-written or invalid watchlist.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container
from tomlkit.items import AoT, Item, Table
from tomlkit.toml_document import TOMLDocument

from watchlist.errors import WatchlistError
from watchlist.model import Commitment, Watchlist
from watchlist.schema import LIST_FIELDS, TEXT_FIELDS, parse_date
from watchlist.text import collapse
from watchlist.toml_io import commitment_table, parse_watchlist, read_text_or_fail

EDITABLE_FIELDS = ("kind", *TEXT_FIELDS, *LIST_FIELDS, "deadline", "parent")
OPTIONAL_FIELDS = ("deadline", "parent", "search")
_CLEAR = ("", "none", "-")


def add_commitment(path: Path, commitment: Commitment) -> None:
    """Append a new `[[commitment]]`; its id must be new and its quote must be in the source."""
    document = _read(path)
    if _find(document, commitment.id) is not None:
        raise WatchlistError(f'{path}: commitment "{commitment.id}" already exists')
    tables = document.get("commitment")
    if tables is not None and len(tables) == 0:
        del document["commitment"]
        tables = None
    if tables is None:
        document.add(tomlkit.nl())
        document.add("commitment", tomlkit.aot())
        tables = document["commitment"]
    if not isinstance(tables, AoT):
        raise WatchlistError(f"{path}: commitment is not a list of [[commitment]] tables")
    if len(tables) and not tables[-1].as_string().endswith("\n\n"):
        tables[-1].value.add(tomlkit.nl())  # a blank line between two tables, as in a generated watchlist
    tables.append(commitment_table(commitment))
    _save(path, document, check_quote_of=commitment.id)


def set_field(path: Path, commitment_id: str, field: str, value: str) -> None:
    """Set one field from text: lists as comma-separated text, deadline as an ISO date ("" clears it)."""
    if field == "id":
        raise WatchlistError("id cannot be changed: stored matches refer to it; remove and add instead")
    if field not in EDITABLE_FIELDS:
        raise WatchlistError(f'unknown field "{field}"; editable fields: {", ".join(EDITABLE_FIELDS)}')
    document = _read(path)
    table = _require(document, commitment_id, path)
    if field in LIST_FIELDS:
        table[field] = [item.strip() for item in value.split(",") if item.strip()]
    elif field in OPTIONAL_FIELDS and value.strip().lower() in _CLEAR:
        if field in table:
            del table[field]
    elif field == "deadline":
        try:
            table[field] = parse_date(value)
        except ValueError as error:
            raise WatchlistError(f'commitment "{commitment_id}": deadline: {error}') from None
    else:
        table[field] = value.strip()
    _save(path, document, check_quote_of=commitment_id if field == "quote" else None)


def remove_commitment(path: Path, commitment_id: str) -> None:
    """Remove a commitment with the comment lines above it; the next commitment keeps the lines above it."""
    document = _read(path)
    tables = document.get("commitment")
    _require(document, commitment_id, path)
    assert isinstance(tables, AoT)
    index = next(i for i, table in enumerate(tables) if table.get("id") == commitment_id)
    before = tables[index - 1] if index else _table_before(document, tables)
    if before is not None:
        _replace_tail(before.value, _tail(tables[index].value))
    del tables[index]
    if len(tables) == 0:
        del document["commitment"]
    _save(path, document)


def _table_before(document: TOMLDocument, tables: AoT) -> Table | None:
    """The table just above the first commitment ([source]); None when the lines above it are the file's own."""
    keyed = [item for key, item in document.body if key is not None]
    position = next(i for i, item in enumerate(keyed) if item is tables)
    previous = keyed[position - 1] if position else None
    return previous if isinstance(previous, Table) else None


def _tail(container: Container) -> list[Item]:
    """The comment and blank lines that end a table: in the file they stand above the next table, and describe it.

    tomlkit keeps them with the table they follow, so removing a table would take the next one's comment with it
    and leave its own on the next one; `remove_commitment` hands them on instead.
    """
    items = [item for key, item in container.body]
    keyed = [i for i, (key, _item) in enumerate(container.body) if key is not None]
    return items[keyed[-1] + 1 :] if keyed else items


def _replace_tail(container: Container, tail: list[Item]) -> None:
    for _ in range(len(_tail(container))):
        container.body.pop()  # keyless items at the end: tomlkit's index of keys does not refer to them
    for item in tail:
        container.add(item)


def _read(path: Path) -> TOMLDocument:
    text = read_text_or_fail(path)
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        raise WatchlistError(f"{path}:{error.line}: invalid TOML; fix it before editing") from None


def _find(document: TOMLDocument, commitment_id: str) -> Table | None:
    tables: Any = document.get("commitment", [])
    return next((t for t in tables if isinstance(t, Table) and t.get("id") == commitment_id), None)


def _require(document: TOMLDocument, commitment_id: str, path: Path) -> Table:
    table = _find(document, commitment_id)
    if table is None:
        raise WatchlistError(f'{path}: no commitment with id "{commitment_id}"')
    return table


def _save(path: Path, document: TOMLDocument, check_quote_of: str | None = None) -> None:
    """Validate the edited text, then atomically replace the file with it."""
    text = tomlkit.dumps(document)
    watchlist = parse_watchlist(text, path)
    if check_quote_of is not None:
        _require_quote_in_source(watchlist, check_quote_of, path)
    write_atomically(path, text)


def _require_quote_in_source(watchlist: Watchlist, commitment_id: str, path: Path) -> None:
    commitment = watchlist.get(commitment_id)
    if watchlist.source is None or commitment is None:
        return
    try:
        source = (path.parent / watchlist.source.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    if collapse(commitment.quote) not in collapse(source):
        raise WatchlistError(
            f'commitment "{commitment_id}": quote: not found verbatim in {watchlist.source.path}; '
            "quotes must be copied from the communique"
        )


def write_atomically(path: Path, text: str) -> None:
    """Write to a temp file beside `path`, then rename over it: readers see the old or the new file."""
    try:
        _replace(path, text)
    except OSError as error:
        raise WatchlistError(f"{path}: cannot write: {error.strerror or error}") from None


def _replace(path: Path, text: str) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
