"""The public face: compile a watchlist once, then score articles against it.

Three stages decide, each optional but the first: the rules (`_decide`: whose news, title first,
umbrellas, main topic), the semantic stage (`_similarity`: drops rule matches unlike their pledge,
adds pledges the rules missed when the article is very like them), and a model learned from
readers' verdicts (`_learn`), which, once it has enough of them, decides from all the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matcher._compile import Compiled, compile_watchlist
from matcher._decide import Assessment, assess
from matcher._evidence import Evidence
from matcher._learn import Candidate, LearnedModel, Verdict, fit
from matcher._signal import Reading, Signal, read_signal
from matcher._similarity import Embedder, PledgeVectors, SemanticSettings
from watchlist import Watchlist

DEFAULT_THRESHOLD = 0.5
"""Score at which an article is linked to a pledge: one unit of evidence (see `matcher._evidence`)."""
DEFAULT_SEMANTIC = SemanticSettings()
CANDIDATES_BY_SIMILARITY = 3
LEARNED_VETO = 0.25
"""A match the learned model gives less than this probability is dropped."""
LEARNED_ADD = 0.75
"""A pledge the rules and the semantic stage left out is added at this probability or more."""
"""Besides the pledges with rule evidence, the most similar pledges are candidates for the semantic stage."""


@dataclass(frozen=True, slots=True)
class Match:
    """An article linked to one pledge.

    `why` lists the terms that made the match, strongest first, each prefixed with its role
    ("alias: ML-1", "keyword: railway (summary)"), then what the rules, the semantic stage and the
    learned model decided ("umbrella: explained by ml-1-railway", "similar to the pledge (0.71)"),
    then the signal and its cue ("signal: progress — 'signed'"); a vetoed pledge shows
    "exclude: bus rapid transit". `signal` says whether the news is a step forward, a step back, or
    talk (`matcher._signal`).
    """

    commitment: str
    score: float
    why: tuple[str, ...]
    signal: Signal = Signal.MENTION


@dataclass(frozen=True, slots=True)
class Feedback:
    """A reader's verdict on one (article, pledge) pair: the format of `feedback export`."""

    title: str
    summary: str
    commitment: str
    relevant: bool


@dataclass(slots=True)
class _Decision:
    candidate: Candidate
    assessment: Assessment | None
    kept: bool
    notes: list[str]


class Matcher:
    """A watchlist compiled for scoring; pure, no I/O, safe to share between threads."""

    __slots__ = ("_compiled", "_model", "_semantic", "_threshold_units", "_vectors", "threshold")

    def __init__(
        self,
        watchlist: Watchlist,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        embedder: Embedder | None = None,
        semantic: SemanticSettings = DEFAULT_SEMANTIC,
        model: LearnedModel | None = None,
    ) -> None:
        if not 0.0 <= threshold < 1.0:
            raise ValueError(f"matcher threshold must be at least 0 and below 1 (got {threshold})")
        self.threshold = threshold
        self._threshold_units = threshold / (1.0 - threshold)
        self._compiled: Compiled = compile_watchlist(watchlist)
        self._vectors = PledgeVectors(embedder, watchlist) if embedder is not None else None
        self._semantic = semantic
        self._model = model

    @property
    def semantic(self) -> bool:
        return self._vectors is not None

    @property
    def model(self) -> LearnedModel | None:
        return self._model

    @property
    def _rules_alone(self) -> bool:
        """No semantic stage and no learned model: what the rules keep is final."""
        return self._vectors is None and self._model is None

    def with_model(self, model: LearnedModel | None) -> Matcher:
        """The same compiled matcher deciding with another learned model (None: the rules alone)."""
        copy = object.__new__(Matcher)
        for name in Matcher.__slots__:
            object.__setattr__(copy, name, getattr(self, name))
        copy._model = model
        return copy

    def match(self, title: str, summary: str = "") -> list[Match]:
        """The pledges this article is about, best first."""
        if self._rules_alone:
            return self._match_by_rules(title, summary)
        return self.match_many([(title, summary)])[0]

    def match_many(self, articles: Sequence[tuple[str, str]]) -> list[list[Match]]:
        """`match` for many (title, summary) pairs: the semantic stage embeds them in one batch."""
        if self._rules_alone:
            return [self._match_by_rules(title, summary) for title, summary in articles]
        results = []
        for (title, summary), decisions in zip(articles, self._decide_many(articles), strict=True):
            kept = sorted((d for d in decisions if d.kept), key=lambda d: -self._score(d))
            reading = read_signal(title, summary) if kept else None
            results.append([self._as_match(d, reading) for d in kept] if reading else [])
        return results

    def _match_by_rules(self, title: str, summary: str) -> list[Match]:
        """`match` when the rules alone decide: what a later stage would weigh (`Candidate`) is not built."""
        hits = self._compiled.index.find(title, summary)
        kept = [a for a in assess(self._compiled, hits, self._threshold_units) if a.kept]
        if not kept:
            return []
        kept.sort(key=lambda a: -_units_score(a.units))
        reading = read_signal(title, summary)
        ids = self._compiled.ids
        return [Match(ids[a.number], _units_score(a.units), _why(a, a.notes, reading), reading.signal) for a in kept]

    def explain(self, title: str, summary: str = "") -> list[Match]:
        """Every pledge's score and reasons, best first: kept ones with their score, dropped ones at 0 with
        the rule that dropped them, and pledges without any evidence at 0."""
        decisions = {d.candidate.commitment: d for d in self._decide_many([(title, summary)])[0]}
        reading = read_signal(title, summary)
        order = sorted(decisions.values(), key=lambda d: (not d.kept, -self._score(d), -d.candidate.units))
        explained = [self._as_match(d, reading) for d in order]
        return [*explained, *(Match(c, 0.0, ()) for c in self._compiled.ids if c not in decisions)]

    def signal(self, title: str, summary: str = "") -> Signal:
        """Whether the article reports a step forward, a step back, or talk, whatever pledge it is about."""
        return read_signal(title, summary).signal

    def candidates(self, title: str, summary: str = "") -> list[Candidate]:
        """The evidence for each pledge this article gives any (what a learned model weighs)."""
        return [d.candidate for d in self._decide_many([(title, summary)])[0]]

    def learn(self, feedback: Sequence[Feedback]) -> LearnedModel | None:
        """A model fitted to readers' verdicts on this watchlist, or None while there are too few.

        An article someone judged is an article someone read: its other candidate pledges, which nobody
        linked to it, count as not relevant (readers mark alerts and admins link what was missed, so a
        pledge neither alerted nor linked was judged not to be the article's subject).
        """
        by_article: dict[tuple[str, str], dict[str, bool]] = {}
        for item in feedback:
            by_article.setdefault((item.title, item.summary), {})[item.commitment] = item.relevant
        verdicts = []
        articles = list(by_article)
        for (title, summary), decisions in zip(articles, self._decide_many(articles), strict=True):
            judged = by_article[(title, summary)]
            found = {d.candidate.commitment: d.candidate for d in decisions}
            for commitment, relevant in judged.items():
                candidate = found.get(commitment) or self._silent(Feedback(title, summary, commitment, relevant))
                if candidate is not None:
                    verdicts.append(Verdict(candidate, relevant))
            verdicts += [Verdict(c, False, stated=False) for name, c in found.items() if name not in judged]
        return fit(verdicts)

    def _silent(self, item: Feedback) -> Candidate | None:
        """The candidate of a pledge the article gave no evidence for (a link an admin made by hand)."""
        if item.commitment not in self._compiled.ids:
            return None
        similarity, rank = 0.0, len(self._compiled.ids)
        if self._vectors is not None:
            row = self._vectors.similarities([(item.title, item.summary)])[0]
            number = self._compiled.ids.index(item.commitment)
            similarity, rank = float(row[number]), int((row > row[number]).sum())
        return Candidate(item.commitment, 0, 0, False, False, False, 0, 0, False, False, 0, False, similarity, rank)

    def _decide_many(self, articles: Sequence[tuple[str, str]]) -> list[list[_Decision]]:
        similarities = self._vectors.similarities(articles) if self._vectors is not None else None
        decided = []
        for index, (title, summary) in enumerate(articles):
            hits = self._compiled.index.find(title, summary)
            assessments = assess(self._compiled, hits, self._threshold_units)
            row = similarities[index] if similarities is not None else None
            decided.append(self._decide(assessments, row))
        return decided

    def _decide(self, assessments: list[Assessment], similarity: Any) -> list[_Decision]:
        best = max((a.units for a in assessments if a.kept), default=0.0)
        by_number = {a.number: a for a in assessments}
        numbers = set(by_number)
        if similarity is not None:
            ranks = (-similarity).argsort()
            numbers |= {int(n) for n in ranks[:CANDIDATES_BY_SIMILARITY]}
            rank_of = {int(n): r for r, n in enumerate(ranks)}
        decisions = []
        for number in sorted(numbers):
            assessment = by_number.get(number)
            value = float(similarity[number]) if similarity is not None else 0.0
            rank = rank_of[number] if similarity is not None else 0
            candidate = _candidate(self._compiled.ids[number], assessment, best, value, rank)
            decisions.append(
                _Decision(candidate, assessment, candidate.kept_by_rules, list(assessment.notes) if assessment else [])
            )
        if similarity is not None:
            self._semantic_stage(decisions)
        if self._model is not None:
            self._learned_stage(decisions, self._model)
        return [d for d in decisions if d.assessment is not None or d.kept]

    @staticmethod
    def _learned_stage(decisions: list[_Decision], model: LearnedModel) -> None:
        """The model overrules the rules and the semantic stage only where it is confident."""
        for decision in decisions:
            probability = model.probability(decision.candidate)
            if decision.kept and probability < LEARNED_VETO:
                decision.kept = False
                decision.notes.append("dropped by what readers taught: " + model.contribution(decision.candidate))
            elif not decision.kept and probability >= LEARNED_ADD:
                decision.kept = True
                decision.notes.append("added by what readers taught: " + model.contribution(decision.candidate))
            else:
                decision.notes.append(model.contribution(decision.candidate))

    def _semantic_stage(self, decisions: list[_Decision]) -> None:
        settings = self._semantic
        for decision in decisions:
            candidate = decision.candidate
            if decision.kept and candidate.similarity < settings.filter_below:
                decision.kept = False
                decision.notes.append(f"not similar enough to the pledge ({candidate.similarity:.2f})")
            elif (
                not decision.kept
                and candidate.similarity >= settings.add_from
                and candidate.similarity_rank == 0
                and not candidate.explained_by_part
                and (decision.assessment is None or decision.assessment.factor > 0)
            ):
                decision.kept = True
                decision.notes.append(f"similar to the pledge ({candidate.similarity:.2f})")
            elif candidate.similarity:
                decision.notes.append(f"similarity {candidate.similarity:.2f}")

    def _score(self, decision: _Decision) -> float:
        if self._model is not None:
            return self._model.probability(decision.candidate)
        units = decision.candidate.units
        if not units and decision.kept:
            return decision.candidate.similarity
        return _units_score(units)

    def _as_match(self, decision: _Decision, reading: Reading) -> Match:
        score = self._score(decision) if decision.kept else 0.0
        return Match(
            decision.candidate.commitment, score, _why(decision.assessment, decision.notes, reading), reading.signal
        )


def _units_score(units: float) -> float:
    """Units of evidence as a score in [0, 1), 0.5 at one unit (see `matcher._evidence`)."""
    return units / (units + 1.0)


def _why(assessment: Assessment | None, notes: list[str], reading: Reading) -> tuple[str, ...]:
    evidence = assessment.evidence.why() if assessment else ()
    return (*evidence, *notes, reading.why())


def _candidate(commitment: str, assessment: Assessment | None, best: float, similarity: float, rank: int) -> Candidate:
    evidence = assessment.evidence if assessment else Evidence()
    units = assessment.units if assessment else 0.0
    specific = any(target.specific for target in evidence.names.values())
    return Candidate(
        commitment=commitment,
        title_units=assessment.title_units if assessment else 0.0,
        units=units,
        named_in_title=evidence.named_in_title,
        named_in_lead=evidence.named_in_lead,
        specific_name=specific,
        clues=len(evidence.keywords) + bool(evidence.name_parts),
        party_factor=assessment.factor if assessment else 0.0,
        others_named=assessment.others_named if assessment else False,
        explained_by_part=assessment.explained if assessment else False,
        main_share=units / best if best else 0.0,
        kept_by_rules=assessment.kept if assessment else False,
        similarity=similarity,
        similarity_rank=rank,
    )


def compile_matcher(
    watchlist: Watchlist,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    embedder: Embedder | None = None,
    semantic: SemanticSettings = DEFAULT_SEMANTIC,
    model: LearnedModel | None = None,
) -> Matcher:
    """Compile `watchlist` once; reuse the matcher for every article."""
    return Matcher(watchlist, threshold, embedder=embedder, semantic=semantic, model=model)
