"""Hot reload for the running app: pick up edits to watchlist.toml, survive broken ones.

No threads and no watchers: the app's scheduler calls `reload_if_changed()` every tick. A cheap
stat (mtime + size) says whether to look closer; a content hash says whether anything really
changed (a `touch` or an editor saving the same bytes is not a reload). A broken edit keeps the
previous watchlist in force and is reported once, with its line, until the file changes again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from watchlist.errors import WatchlistError
from watchlist.model import Watchlist
from watchlist.toml_io import parse_watchlist

ReloadStatus = Literal["unchanged", "reloaded", "failed"]


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    status: ReloadStatus
    error: str | None = None

    @property
    def reloaded(self) -> bool:
        return self.status == "reloaded"

    @property
    def failed(self) -> bool:
        return self.status == "failed"


class WatchlistReloader:
    """Holds the watchlist in force; raises WatchlistError at construction if the file is unusable."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last_error: str | None = None
        self._stamp = self._stat()
        data = self._read()
        self._digest = hashlib.sha256(data).digest()
        self._current = self._parse(data)

    @property
    def current(self) -> Watchlist:
        return self._current

    def reload_if_changed(self) -> ReloadOutcome:
        try:
            stamp = self._stat()
        except WatchlistError as error:
            return self._failure(str(error), stamp=None)
        if stamp == self._stamp:
            return ReloadOutcome("unchanged")
        try:
            data = self._read()
        except WatchlistError as error:
            return self._failure(str(error), stamp=None)
        digest = hashlib.sha256(data).digest()
        self._stamp = stamp
        if digest == self._digest:
            return ReloadOutcome("unchanged")
        self._digest = digest
        try:
            self._current = self._parse(data)
        except WatchlistError as error:
            return self._failure(str(error), stamp=stamp)
        self.last_error = None
        return ReloadOutcome("reloaded")

    def _failure(self, message: str, stamp: tuple[int, int] | None) -> ReloadOutcome:
        """Report a failure once; a missing file is retried every tick until it comes back."""
        if stamp is None:
            self._stamp = None
            self._digest = b""
        if message == self.last_error:
            return ReloadOutcome("unchanged")
        self.last_error = message
        return ReloadOutcome("failed", message)

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise WatchlistError(f"{self.path}: file not found") from None
        except OSError as error:
            raise WatchlistError(f"{self.path}: cannot read: {error.strerror}") from None
        return (info.st_mtime_ns, info.st_size)

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as error:
            raise WatchlistError(f"{self.path}: cannot read: {error.strerror}") from None

    def _parse(self, data: bytes) -> Watchlist:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise WatchlistError(f"{self.path}: not UTF-8 text (byte {error.start})") from None
        return parse_watchlist(text, self.path)
