"""Learning from readers: a small calibrated model over the matcher's own evidence.

Rules decide well whether a pledge is *named*; whether an article is *about* it is what readers
judge when they press "Relevant" or "Not about this pledge". Each (article, pledge) candidate is
described by the evidence the rules and the semantic stage already computed (`Candidate`), and a
logistic regression — calibrated by construction, small enough to retrain in milliseconds — learns
from the readers' verdicts how much each kind of evidence is worth. Per-pledge adjustments (a bias
per pledge) are learned only for pledges with enough verdicts, and the model is used at all only
once enough verdicts of both kinds exist: one reader pressing a button never silences a pledge
for everyone else.

The model is versioned by a hash of what it learned from, so a stored decision can say which
model made it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MIN_EXAMPLES = 20
"""Verdicts needed, of both kinds together, before the model may overrule the rules."""
MIN_EACH_KIND = 5
"""Verdicts needed of each kind (relevant and not): a model that saw only one kind learns nothing."""
MIN_PLEDGE_EXAMPLES = 5
"""Verdicts about one pledge needed before it gets a bias of its own."""
REGULARISATION = 1.0
"""Inverse strength of the L2 penalty: weights stay small unless the verdicts agree."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One pledge's evidence in one article, as numbers a model can weigh."""

    commitment: str
    title_units: float
    units: float
    named_in_title: bool
    named_in_lead: bool
    specific_name: bool
    clues: int
    party_factor: float
    others_named: bool
    explained_by_part: bool
    main_share: float
    kept_by_rules: bool
    similarity: float
    similarity_rank: int

    def vector(self) -> list[float]:
        return [
            self.title_units,
            self.units,
            float(self.named_in_title),
            float(self.named_in_lead),
            float(self.specific_name),
            float(self.clues),
            self.party_factor,
            float(self.others_named),
            float(self.explained_by_part),
            self.main_share,
            float(self.kept_by_rules),
            self.similarity,
            1.0 / (1 + self.similarity_rank),
        ]


FEATURES = (
    "title units",
    "units",
    "named in title",
    "named in lead",
    "specific name",
    "clues",
    "party factor",
    "other parties named",
    "explained by a part",
    "share of the best",
    "kept by the rules",
    "similarity",
    "similarity rank",
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A judgement of one (article, pledge) pair, with the candidate the matcher saw. `stated`: a reader
    gave it; otherwise it is implied (a candidate of an article readers judged that nobody linked)."""

    candidate: Candidate
    relevant: bool
    stated: bool = True


class LearnedModel:
    """A fitted model: `probability(candidate)` that the article is about the pledge."""

    def __init__(self, weights: list[float], bias: float, pledge_bias: dict[str, float], version: str, size: int):
        self._weights = weights
        self._bias = bias
        self._pledge_bias = pledge_bias
        self.version = version
        self.size = size

    def score(self, candidate: Candidate) -> float:
        """The model's log-odds that the candidate is relevant."""
        total = self._bias + self._pledge_bias.get(candidate.commitment, 0.0)
        return total + sum(w * x for w, x in zip(self._weights, candidate.vector(), strict=True))

    def probability(self, candidate: Candidate) -> float:
        import math

        return 1.0 / (1.0 + math.exp(-self.score(candidate)))

    def contribution(self, candidate: Candidate) -> str:
        """What `explain` shows: the probability and the evidence that weighed most."""
        parts = sorted(
            zip(FEATURES, (w * x for w, x in zip(self._weights, candidate.vector(), strict=True)), strict=True),
            key=lambda pair: -abs(pair[1]),
        )
        strongest = ", ".join(f"{name} {value:+.1f}" for name, value in parts[:2] if value)
        pledge = self._pledge_bias.get(candidate.commitment, 0.0)
        own = f", this pledge {pledge:+.1f}" if pledge else ""
        return f"learned {self.version} ({self.size} verdicts): {self.probability(candidate):.2f} ({strongest}{own})"


def fit(verdicts: Sequence[Verdict]) -> LearnedModel | None:
    """A model learned from the verdicts, or None while readers stated too few to trust one (implied
    verdicts help fit a model but never count towards trusting it)."""
    stated = [v for v in verdicts if v.stated]
    kinds = Counter(v.relevant for v in stated)
    if len(stated) < MIN_EXAMPLES or min(kinds[True], kinds[False]) < MIN_EACH_KIND:
        return None
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    per_pledge = Counter(v.candidate.commitment for v in stated)
    pledges = sorted(p for p, n in per_pledge.items() if n >= MIN_PLEDGE_EXAMPLES)
    evidence = [v.candidate.vector() for v in verdicts]
    scaler = StandardScaler().fit(evidence)
    scale = [float(s) for s in scaler.scale_]
    mean = [float(m) for m in scaler.mean_]
    rows = [
        [(x - m) / s for x, m, s in zip(row, mean, scale, strict=True)]
        + [float(v.candidate.commitment == p) for p in pledges]
        for row, v in zip(evidence, verdicts, strict=True)
    ]
    labels = [int(v.relevant) for v in verdicts]
    model = LogisticRegression(C=REGULARISATION, max_iter=1000)
    model.fit(rows, labels)
    width = len(FEATURES)
    scaled = [float(c) for c in model.coef_[0]]
    # Fold the scaling into the weights, so that scoring needs nothing but the raw evidence.
    coefficients = [w / s for w, s in zip(scaled[:width], scale, strict=True)] + scaled[width:]
    intercept = float(model.intercept_[0]) - sum(w * m / s for w, m, s in zip(scaled[:width], mean, scale, strict=True))
    version = hashlib.sha256(
        json.dumps([[v.candidate.commitment, v.candidate.vector(), v.relevant] for v in verdicts]).encode()
    ).hexdigest()[:8]
    return LearnedModel(
        coefficients[:width],
        intercept,
        dict(zip(pledges, coefficients[width:], strict=True)),
        version,
        len(stated),
    )
