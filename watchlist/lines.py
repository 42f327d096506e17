"""Line numbers for tables and keys of a watchlist file.

tomllib returns plain values without positions, and an error without a line is hard to act on,
so this scans the raw text for the `[[commitment]]` / `[source]` headers and the `key =` lines
under them. It only has to be right for files that parsed, which keeps it simple.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


@dataclass(slots=True)
class TableLines:
    header: int
    keys: dict[str, int] = field(default_factory=dict)

    def of(self, key: str) -> int:
        return self.keys.get(key, self.header)


@dataclass(slots=True)
class LineIndex:
    commitments: list[TableLines] = field(default_factory=list)
    source: TableLines | None = None
    top_keys: dict[str, int] = field(default_factory=dict)

    def commitment(self, position: int) -> TableLines | None:
        return self.commitments[position] if position < len(self.commitments) else None


def index_lines(text: str) -> LineIndex:
    """Map each `[[commitment]]` (in order), `[source]` and their keys to 1-based line numbers."""
    index = LineIndex()
    current: TableLines | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = TableLines(number)
            name = header.group(2).strip().strip("\"'")
            if header.group(1) == "[[" and name == "commitment":
                index.commitments.append(current)
            elif name == "source":
                index.source = current
            continue
        key = _KEY.match(line)
        if key:
            keys = current.keys if current is not None else index.top_keys
            keys.setdefault(key.group(1), number)
    return index
