"""Who news is about: countries and international organisations, by their names, people and places.

"India and China agree to restart direct flights" is about India and China; "Beijing says" is
China; a "Kolkata–Guangzhou flight" joins an Indian and a Chinese city. The book of these names
(`data/places.tsv`: every UN member state and a few more, the main international bodies, their
demonyms, capitals and largest cities) is language data, not tied to any communique: the parties
of a watchlist are found in it, never named in code. Names are matched case-sensitively ("China",
not "china clay"; "Turkey", not "turkey").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matcher._terms import spaced

PLACES_FILE = "places.tsv"


@dataclass(frozen=True, slots=True)
class Place:
    """A country or an organisation, as `spaced` text with case kept: `forms` name it or its people
    ("China", "Chinese", "PRC"); `cities` are places in it ("Beijing", "Karachi")."""

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
    text = resources.files("matcher").joinpath("data", PLACES_FILE).read_text(encoding="utf-8")
    places = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, key, forms, cities = line.split("\t")
        places.append(Place(key, kind, _spaced_list(f"{key},{forms}"), _spaced_list(cities)))
    return tuple(places)


def _spaced_list(names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(spaced(n) for n in names.split(",") if n.strip()))


def places_named(text: str) -> Counter[str]:
    """How often each place is named in `text`. For compiling a watchlist; articles use the automaton."""
    padded = spaced(text)
    found: Counter[str] = Counter()
    for place in place_book():
        count = sum(padded.count(name) for name in place.names)
        if count:
            found[place.key] = count
    return found
