"""The watchlist as plain frozen values: what every other package reads, nothing here does I/O."""

from __future__ import annotations

import datetime
from dataclasses import KW_ONLY, dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a statement of a communique is; all four are tracked and matched alike."""

    PLEDGE = "pledge"  # a party commits to do something ("agreed to build", "will hold")
    POSITION = "position"  # a stance ("reaffirmed support for", "opposed", "called on")
    MECHANISM = "mechanism"  # a dialogue, committee or forum set up, held or scheduled
    AGREEMENT = "agreement"  # an agreement or MoU signed or concluded at the meeting


@dataclass(frozen=True, slots=True)
class Commitment:
    """One pledge of a communique, with the words that let news be linked to it.

    `aliases` are names that on their own identify the pledge ("ML-1"); `keywords` only support a
    match; `exclude` are words that veto one. `quote` is verbatim source text, so a reader can
    always check what was actually promised. `parent` names the umbrella commitment this one is a
    part of (ML-1 under "the momentum of CPEC projects"): news about the part is not news about the
    whole. `search` is the news-search query that finds news about it.
    """

    id: str
    title: str
    section: str
    quote: str
    _: KW_ONLY
    kind: Kind = Kind.PLEDGE
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    deadline: datetime.date | None = None
    parent: str | None = None
    search: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """The communique a watchlist was generated from; `path` is relative to the watchlist file."""

    title: str
    date: datetime.date | None
    path: str


@dataclass(frozen=True, slots=True)
class Watchlist:
    """The pledges being watched, in file order."""

    commitments: tuple[Commitment, ...]
    source: Source | None = None

    def get(self, commitment_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == commitment_id), None)

    def children(self, commitment_id: str) -> tuple[Commitment, ...]:
        """The commitments whose `parent` is this one."""
        return tuple(c for c in self.commitments if c.parent == commitment_id)

    def titles(self) -> dict[str, str]:
        """Each pledge's title by id: what alerts and answers show for a stored match."""
        return {c.id: c.title for c in self.commitments}

    def tags(self) -> tuple[str, ...]:
        return tuple(sorted({tag for c in self.commitments for tag in c.tags}))

    def kinds(self) -> tuple[str, ...]:
        """The kinds of entry this watchlist has, in the order `Kind` lists them."""
        present = {c.kind for c in self.commitments}
        return tuple(kind.value for kind in Kind if kind in present)

    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.section for c in self.commitments))
