"""Generation on the bundled communique: every statement found, names, umbrellas, deadlines, queries."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.matcher.evaluation import load_news_topics, overlaps
from tests.watchlist.conftest import BUNDLED
from watchlist import Commitment, Kind, Watchlist, generate_watchlist, guarded_name
from watchlist.text import collapse


@pytest.fixture(scope="module")
def generated() -> Watchlist:
    return generate_watchlist(BUNDLED.read_text(encoding="utf-8"), "communiques/pakistan-china-2022-11.txt")


def _by_alias(watchlist: Watchlist, alias: str) -> Commitment:
    found = [c for c in watchlist.commitments if alias in c.aliases]
    assert len(found) == 1, f"{alias} identifies {[c.id for c in found]}"
    return found[0]


def test_every_statement_of_the_communique_is_covered(generated: Watchlist) -> None:
    """Each statement (a topic of the labelled news corpus) has a commitment whose quote states it."""
    missing = [
        key
        for key, topic in load_news_topics().items()
        if not any(overlaps(fragment, c.quote) for c in generated.commitments for fragment in topic.fragments)
    ]
    assert missing == []


def test_all_four_kinds_are_found(generated: Watchlist) -> None:
    assert {c.kind for c in generated.commitments} == set(Kind)


def test_generated_quotes_are_verbatim_and_never_shared(generated: Watchlist) -> None:
    source = collapse(BUNDLED.read_text(encoding="utf-8"))
    assert all(collapse(c.quote) in source for c in generated.commitments)
    quotes = [c.quote for c in generated.commitments]
    assert len(quotes) == len(set(quotes))


def test_ids_are_unique_readable_slugs(generated: Watchlist) -> None:
    ids = [c.id for c in generated.commitments]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)
    assert {"ml-1-railway", "karachi-circular-railway", "khunjerab-border-port"} <= set(ids)


def test_titles_are_verb_phrases_not_bare_names(generated: Watchlist) -> None:
    assert _by_alias(generated, "ML-1").title.startswith("Develop the Main Line-1")
    assert _by_alias(generated, "KCR").title == "Advance the Karachi Circular Railway"
    assert all(len(c.title.split()) <= 10 for c in generated.commitments)


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


def test_the_programme_the_statement_runs_through_is_an_umbrella_over_its_projects(generated: Watchlist) -> None:
    umbrella = _by_alias(generated, "CPEC")
    assert "momentum" in umbrella.title.lower()
    parts = {c.id for c in generated.commitments if c.parent == umbrella.id}
    assert {"ml-1-railway", "karachi-circular-railway"} <= parts


def test_no_alias_is_a_party_or_an_everyday_word_matched_as_such(generated: Watchlist) -> None:
    aliases = [a for c in generated.commitments for a in c.aliases]
    assert not {a.lower() for a in aliases} & {"railway", "karachi", "trade", "pakistan", "china", "port"}
    assert [a for a in aliases if " " not in a and not a.isupper() and guarded_name(a)] == []


def test_deadlines_are_read_from_the_text(generated: Watchlist) -> None:
    dialogue = next(c for c in generated.commitments if "Strategic Dialogue" in c.quote)
    assert dialogue.deadline == datetime.date(2023, 6, 30)
    assert _by_alias(generated, "Year of Tourism Exchanges").deadline == datetime.date(2023, 12, 31)
    assert any(c.deadline == datetime.date(2027, 12, 31) for c in generated.commitments)


def test_descriptive_sentences_are_not_commitments(generated: Watchlist) -> None:
    quotes = " ".join(c.quote for c in generated.commitments)
    assert "the communique read" not in quotes
    assert "meetings were held" not in quotes


def test_every_commitment_has_a_search_query_without_long_exact_phrases(generated: Watchlist) -> None:
    for commitment in generated.commitments:
        assert commitment.search
        assert all(len(phrase.split()) <= 6 for phrase in re.findall(r'"([^"]+)"', commitment.search))


def test_generation_is_deterministic(generated: Watchlist) -> None:
    again = generate_watchlist(BUNDLED.read_text(encoding="utf-8"), "communiques/pakistan-china-2022-11.txt")
    assert again == generated


def test_keywords_include_the_words_news_uses_for_the_pledge(generated: Watchlist) -> None:
    security = next(c for c in generated.commitments if "Chinese personnel" in c.quote)
    assert {"personnel", "workers", "engineers"} <= set(security.keywords)
