"""Score `watchlist generate` against real joint statements labelled by hand (tests/data/statements).

Each labelled commitment is a short verbatim quote with its kind and, where the text sets one, its
deadline. A generated commitment *covers* a label when its quote contains the label's quote (up to
whitespace and quote marks) or shares most of it. Matching is one to one (a maximum bipartite
matching): an entry that merges three pledges finds one of them, because a user would have to split it.

- recall per kind: labels matched / labels;
- precision: generated entries matched to some label / generated entries;
- deadlines: of the matched dated labels, how many got the labelled date (right), another date
  (wrong), or none;
- common-word aliases: one-word aliases that are everyday English words and would be matched as such
  (not all-caps acronyms, which the matcher reads in capitals only);
- non-verbatim quotes: generated quotes not found in the statement.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from watchlist import Watchlist, everyday_word, generate_watchlist

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
COVER_SHARE = 0.6
"""A generated quote covers a label when it holds this share of the label's words in one run."""
KINDS = ("pledge", "position", "mechanism", "agreement")


@dataclass(frozen=True, slots=True)
class Label:
    quote: str
    kind: str
    deadline: datetime.date | None


@dataclass(frozen=True, slots=True)
class Statement:
    slug: str
    text: str
    date: datetime.date | None
    date_in_text: bool
    labels: tuple[Label, ...]


@dataclass(slots=True)
class StatementReport:
    labels: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    generated: int = 0
    generated_matched: int = 0
    dated: int = 0
    deadlines_right: int = 0
    deadlines_wrong: int = 0
    common_aliases: list[str] = field(default_factory=list)
    not_verbatim: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    def add(self, other: StatementReport) -> None:
        self.labels += other.labels
        self.found += other.found
        self.generated += other.generated
        self.generated_matched += other.generated_matched
        self.dated += other.dated
        self.deadlines_right += other.deadlines_right
        self.deadlines_wrong += other.deadlines_wrong
        self.common_aliases += other.common_aliases
        self.not_verbatim += other.not_verbatim

    def recall(self, *kinds: str) -> float:
        total = sum(self.labels[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.generated_matched / self.generated if self.generated else 1.0

    def summary(self, name: str) -> str:
        kinds = " ".join(f"{k} {self.recall(k):.2f} ({self.found[k]}/{self.labels[k]})" for k in KINDS)
        return (
            f"{name}: recall pledges+mechanisms {self.recall('pledge', 'mechanism'):.2f}, "
            f"all {self.recall(*KINDS):.2f} "
            f"[{kinds}]; precision {self.precision:.2f} ({self.generated_matched}/{self.generated}); "
            f"deadlines right {self.deadlines_right}/{self.dated}, wrong {self.deadlines_wrong}; "
            f"common-word aliases {len(self.common_aliases)}; non-verbatim quotes {self.not_verbatim}"
        )


def load_statements(split: str = "all") -> list[Statement]:
    with (DATA / "split.toml").open("rb") as file:
        test = set(tomllib.load(file)["test"])
    statements = []
    for labels_path in sorted(DATA.glob("*.labels.toml")):
        slug = labels_path.name.removesuffix(".labels.toml")
        if split != "all" and (slug in test) != (split == "test"):
            continue
        with labels_path.open("rb") as file:
            raw = tomllib.load(file)
        source = raw["source"]
        labels = tuple(Label(c["quote"], c["kind"], c.get("deadline")) for c in raw["commitment"])
        text = (DATA / f"{slug}.txt").read_text(encoding="utf-8")
        statements.append(Statement(slug, text, source.get("date"), bool(source.get("date_in_text")), labels))
    return statements


def generate_for(statement: Statement) -> Watchlist:
    """What a user gets: the date passed on the command line only when the text prints none."""
    date = None if statement.date_in_text else statement.date
    return generate_watchlist(statement.text, f"{statement.slug}.txt", date=date)


def _plain(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def covers(generated_quote: str, label_quote: str) -> bool:
    quote, label = _plain(generated_quote), _plain(label_quote)
    if label in quote:
        return True
    words = label.split()
    needed = max(1, round(COVER_SHARE * len(words)))
    return any(" ".join(words[i : i + needed]) in quote for i in range(len(words) - needed + 1))


def _matching(edges: list[list[int]], right: int) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): label index → generated index."""
    owner: dict[int, int] = {}

    def assign(label: int, seen: set[int]) -> bool:
        for entry in edges[label]:
            if entry in seen:
                continue
            seen.add(entry)
            if entry not in owner or assign(owner[entry], seen):
                owner[entry] = label
                return True
        return False

    for label in range(len(edges)):
        assign(label, set())
    return {label: entry for entry, label in owner.items()}


def score(statement: Statement, watchlist: Watchlist) -> StatementReport:
    report = StatementReport()
    entries = watchlist.commitments
    edges = [[n for n, c in enumerate(entries) if covers(c.quote, label.quote)] for label in statement.labels]
    matched = _matching(edges, len(entries))
    plain_text = _plain(statement.text)
    report.generated = len(entries)
    report.generated_matched = len(set(matched.values()))
    report.not_verbatim = sum(1 for c in entries if _plain(c.quote) not in plain_text)
    for number, label in enumerate(statement.labels):
        report.labels[label.kind] += 1
        entry = entries[matched[number]] if number in matched else None
        if entry is None:
            report.misses.append(f"{statement.slug} MISS {label.kind}: {label.quote}")
            continue
        report.found[label.kind] += 1
        if label.deadline is not None:
            report.dated += 1
            if entry.deadline == label.deadline:
                report.deadlines_right += 1
            elif entry.deadline is not None:
                report.deadlines_wrong += 1
                report.wrong_dates.append(f"{statement.slug} {entry.deadline} != {label.deadline}: {label.quote}")
    used = set(matched.values())
    report.extras = [
        f"{statement.slug} EXTRA {c.kind}: {c.title} | {c.quote[:120]}" for n, c in enumerate(entries) if n not in used
    ]
    report.common_aliases = [
        f"{statement.slug}: {alias}"
        for c in entries
        for alias in c.aliases
        if re.fullmatch(r"[^\W\d_]+", alias) and not alias.isupper() and everyday_word(alias)
    ]
    return report
