"""A finding about a watchlist file, printed the way compilers print them so editors can jump to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    path: str
    line: int | None
    message: str

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message}"
