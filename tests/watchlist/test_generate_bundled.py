"""Generation measured against a hand-labelled list of the bundled communique's pledges."""

from __future__ import annotations

import datetime
import tomllib

import pytest

from tests.watchlist.conftest import BUNDLED, DATA
from watchlist import Commitment, Watchlist, generate_watchlist
from watchlist.text import collapse

COVERAGE_FLOOR = 0.9
PRECISION_FLOOR = 0.8


@pytest.fixture(scope="module")
def generated() -> Watchlist:
    return generate_watchlist(BUNDLED.read_text(encoding="utf-8"), "communiques/pakistan-china-2022-11.txt")


@pytest.fixture(scope="module")
def labelled() -> list[dict[str, str]]:
    data = tomllib.loads((DATA / "pakistan-china-2022-11.pledges.toml").read_text(encoding="utf-8"))
    pledges: list[dict[str, str]] = data["pledge"]
    return pledges


def _overlaps(quote: str, label: str) -> bool:
    a, b = collapse(quote), collapse(label)
    return a in b or b in a


def _matching(commitments: tuple[Commitment, ...], labels: list[dict[str, str]]) -> dict[int, int]:
    """Maximum one-to-one matching label → commitment, so one quote cannot cover two pledges."""
    owner: dict[int, int] = {}

    def claim(label: int, seen: set[int]) -> bool:
        for index, commitment in enumerate(commitments):
            if index in seen or not _overlaps(commitment.quote, labels[label]["quote"]):
                continue
            seen.add(index)
            if index not in owner or claim(owner[index], seen):
                owner[index] = label
                return True
        return False

    for label in range(len(labels)):
        claim(label, set())
    return {label: index for index, label in owner.items()}


def test_labelled_quotes_are_verbatim_in_the_communique(labelled: list[dict[str, str]]) -> None:
    source = collapse(BUNDLED.read_text(encoding="utf-8"))
    assert [p["id"] for p in labelled if collapse(p["quote"]) not in source] == []


def test_generated_watchlist_covers_the_labelled_pledges(generated: Watchlist, labelled: list[dict[str, str]]) -> None:
    matched = _matching(generated.commitments, labelled)
    coverage = len(matched) / len(labelled)
    precision = len(matched) / len(generated.commitments)
    missed = [p["id"] for i, p in enumerate(labelled) if i not in matched]
    print(
        f"\ncoverage: {len(matched)}/{len(labelled)} labelled pledges ({coverage:.0%}); "
        f"precision: {len(matched)}/{len(generated.commitments)} generated commitments ({precision:.0%}); "
        f"missed: {missed}"
    )
    assert coverage >= COVERAGE_FLOOR
    assert precision >= PRECISION_FLOOR


def test_generated_quotes_are_verbatim(generated: Watchlist) -> None:
    source = collapse(BUNDLED.read_text(encoding="utf-8"))
    assert all(collapse(c.quote) in source for c in generated.commitments)


def test_ids_are_unique_readable_slugs(generated: Watchlist) -> None:
    ids = [c.id for c in generated.commitments]
    assert len(ids) == len(set(ids))
    assert {"ml-1-railway", "karachi-circular-railway", "khunjerab-border-port"} <= set(ids)


def _by_alias(watchlist: Watchlist, alias: str) -> Commitment:
    found = [c for c in watchlist.commitments if alias in c.aliases]
    assert len(found) == 1, f"{alias} identifies {len(found)} commitments"
    return found[0]


def test_ml1_gets_its_spelling_variants(generated: Watchlist) -> None:
    ml1 = _by_alias(generated, "ML-1")
    assert {"Main Line-1", "Mainline-1", "Main Line 1"} <= set(ml1.aliases)
    assert "transport" in ml1.tags


def test_undefined_acronyms_become_aliases(generated: Watchlist) -> None:
    assert "Karachi Circular Railway" in _by_alias(generated, "KCR").aliases
    cpfta = _by_alias(generated, "CPFTA")
    assert {"China-Pakistan Free Trade Agreement", "Pakistan-China Free Trade Agreement"} <= set(cpfta.aliases)


def test_facility_names_become_aliases(generated: Watchlist) -> None:
    assert "Gwadar Free Zone" in _by_alias(generated, "Gwadar Port").aliases
    assert _by_alias(generated, "Khunjerab Border Port").section == "Exporting to China & e-commerce"


def test_theme_of_the_whole_statement_is_a_keyword_not_an_alias(generated: Watchlist) -> None:
    assert not any("CPEC" in c.aliases for c in generated.commitments)
    assert "cpec" in _by_alias(generated, "ML-1").keywords


def test_no_generic_word_is_an_alias(generated: Watchlist) -> None:
    aliases = {a.lower() for c in generated.commitments for a in c.aliases}
    assert not aliases & {"railway", "karachi", "trade", "pakistan", "china", "port", "cpec"}


def test_two_events_in_one_sentence_are_two_commitments_with_their_own_deadlines(generated: Watchlist) -> None:
    tourism = _by_alias(generated, "Year of Tourism Exchanges")
    gandhara = _by_alias(generated, "Gandhara Art Exhibition")
    assert tourism.quote == gandhara.quote
    assert tourism.deadline == datetime.date(2023, 12, 31) == gandhara.deadline


def test_deadlines_are_read_from_the_text(generated: Watchlist) -> None:
    deadlines = {c.deadline for c in generated.commitments if c.deadline}
    assert {datetime.date(2023, 6, 30), datetime.date(2027, 12, 31)} <= deadlines


def test_descriptive_sentences_are_not_commitments(generated: Watchlist) -> None:
    quotes = " ".join(c.quote for c in generated.commitments)
    assert "the communique read" not in quotes
    assert "meetings were held" not in quotes
    assert "Spokespersons Dialogue" not in quotes


def test_generation_is_deterministic(generated: Watchlist) -> None:
    again = generate_watchlist(BUNDLED.read_text(encoding="utf-8"), "communiques/pakistan-china-2022-11.txt")
    assert again == generated


def test_keywords_include_the_words_news_uses_for_the_pledge(generated: Watchlist) -> None:
    security = next(c for c in generated.commitments if "Chinese personnel" in c.quote)
    assert {"personnel", "workers", "engineers"} <= set(security.keywords)
    assert "Tourism Exchanges Year" in _by_alias(generated, "Year of Tourism Exchanges").aliases
