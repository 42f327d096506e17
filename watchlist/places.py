"""Who a text is about: countries and international organisations, by their names, people and places.

"India and China agree to restart direct flights" is about India and China; "Beijing says" is
China; a "Kolkata–Guangzhou flight" joins an Indian and a Chinese city. The book of these names
(`data/places.tsv`: every UN member state and a few more, the main international bodies, their
demonyms, capitals and largest cities) is language data, not tied to any communique: the parties
of a statement are found in it, never named in code. Names are matched as written ("China", not
"china clay"; "Turkey", not "turkey").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

PLACES_FILE = "places.tsv"
MAX_PARTIES = 2
MIN_PARTY_MENTIONS = 2
"""Without a title that names them, a place must be named this often to be a party."""
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Place:
    """A country or an organisation: `forms` name it or its people ("China", "Chinese", "PRC");
    `cities` are places in it ("Beijing", "Karachi")."""

    key: str
    kind: str
    forms: tuple[str, ...]
    cities: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.forms, *self.cities)


@cache
def place_book() -> tuple[Place, ...]:
    """Every place of the bundled data file, read once per process."""
    text = resources.files("watchlist").joinpath("data", PLACES_FILE).read_text(encoding="utf-8")
    places = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, key, forms, cities = line.split("\t")
        places.append(Place(key, kind, _listed(f"{key},{forms}"), _listed(cities)))
    return tuple(places)


def _listed(names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.strip() for n in names.split(",") if n.strip()))


def _spaced(text: str) -> str:
    return f" {' '.join(_WORD.findall(text))} "


@cache
def _spaced_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((place.key, tuple(_spaced(name) for name in place.names)) for place in place_book())


def places_named(text: str) -> Counter[str]:
    """How often each place is named in `text`, as written, whole words only."""
    padded = _spaced(text)
    found: Counter[str] = Counter()
    for key, names in _spaced_names():
        count = sum(padded.count(name) for name in names)
        if count:
            found[key] = count
    return found


def find_parties(title: str, texts: Iterable[str]) -> tuple[Place, ...]:
    """The parties of a statement: the places its title names, or else the two its text names most."""
    book = {place.key: place for place in place_book()}
    keys = list(places_named(title))
    if not keys:
        counted = places_named(" \n ".join(texts))
        keys = [key for key, count in counted.most_common(MAX_PARTIES) if count >= MIN_PARTY_MENTIONS]
    return tuple(book[key] for key in keys[:MAX_PARTIES])
