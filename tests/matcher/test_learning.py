"""Learning from readers' verdicts: when a model is trusted, what it changes, and how explain shows it."""

from __future__ import annotations

from matcher import Feedback, compile_matcher
from tests.matcher.small_watchlist import WATCHLIST

RAILWAY_ONLY = [(f"Pakistan and China discuss railway track works, round {n}", "Officials met.") for n in range(15)]
NAMED = [(f"ML-1 railway financing signed, tranche {n}", "Pakistan and China agreed.") for n in range(15)]


def _verdicts(relevant_named: bool = True) -> list[Feedback]:
    """Readers who find keyword-only railway news is not ML-1 news, and named ML-1 news is."""
    return [
        *(Feedback(title, summary, "ml-1", False) for title, summary in RAILWAY_ONLY),
        *(Feedback(title, summary, "ml-1", relevant_named) for title, summary in NAMED),
    ]


def test_too_few_verdicts_teach_nothing() -> None:
    matcher = compile_matcher(WATCHLIST)
    assert matcher.learn(_verdicts()[:3]) is None
    assert matcher.learn([Feedback(t, s, "ml-1", True) for t, s in NAMED]) is None, "one kind of verdict only"


def test_the_model_drops_what_readers_rejected_and_keeps_what_they_accepted() -> None:
    rules = compile_matcher(WATCHLIST)
    headline = "Pakistan and China discuss railway track works again"
    assert [m.commitment for m in rules.match(headline, "Officials met.")] == ["ml-1"]
    taught = rules.with_model(rules.learn(_verdicts()))
    assert taught.match(headline, "Officials met.") == []
    assert [
        m.commitment for m in taught.match("ML-1 railway financing signed at last", "Pakistan and China agreed.")
    ] == ["ml-1"]


def test_explain_shows_what_the_model_contributed() -> None:
    rules = compile_matcher(WATCHLIST)
    model = rules.learn(_verdicts())
    assert model is not None
    [ml1] = [
        m
        for m in rules.with_model(model).explain(
            "Pakistan and China discuss railway track works again", "Officials met."
        )
        if m.commitment == "ml-1"
    ]
    assert any(
        note.startswith(f"dropped by what readers taught: learned {model.version} (30 verdicts)") for note in ml1.why
    )


def test_a_model_is_versioned_by_what_it_learned_from() -> None:
    rules = compile_matcher(WATCHLIST)
    first, again, other = rules.learn(_verdicts()), rules.learn(_verdicts()), rules.learn(_verdicts()[1:])
    assert first is not None and again is not None and other is not None
    assert first.version == again.version != other.version


def test_verdicts_about_an_unknown_pledge_are_ignored() -> None:
    rules = compile_matcher(WATCHLIST)
    model = rules.learn([*_verdicts(), Feedback("Anything", "", "no-such-pledge", True)])
    assert model is not None and model.size == 30
