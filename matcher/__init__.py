"""Link news articles to the pledges of a watchlist: precisely, explainably, fast. Pure, no I/O.

    matcher = compile_matcher(watchlist)          # once per watchlist (tens of ms)
    for match in matcher.match(title, summary):   # best first, score >= matcher.threshold
        match.commitment, match.score, match.why  # "ml-1-railway", 0.84, ("alias: ML-1", "keyword: railway", …)
        match.signal                              # Signal.PROGRESS, SETBACK or MENTION
    matcher.explain(title, summary)               # every pledge, with the rule that dropped it

A score is in [0, 1); `DEFAULT_THRESHOLD` (0.5, config `[matcher] threshold`) means "as likely
as not". How evidence is weighed: `matcher._evidence`; how the pledges an article is *about* are
chosen among those it mentions (whose news, title first, umbrellas, main topic): `matcher._decide`;
the signal: `matcher._signal`.
"""

from matcher._learn import Candidate, LearnedModel
from matcher._matcher import DEFAULT_THRESHOLD, Feedback, Match, Matcher, compile_matcher
from matcher._signal import Signal
from matcher._similarity import DEFAULT_ADD as DEFAULT_SEMANTIC_ADD
from matcher._similarity import DEFAULT_FILTER as DEFAULT_SEMANTIC_FILTER
from matcher._similarity import Embedder, SemanticSettings

__all__ = [
    "DEFAULT_SEMANTIC_ADD",
    "DEFAULT_SEMANTIC_FILTER",
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Embedder",
    "Feedback",
    "LearnedModel",
    "Match",
    "Matcher",
    "SemanticSettings",
    "Signal",
    "compile_matcher",
]
