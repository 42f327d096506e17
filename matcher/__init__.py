"""Link news articles to the pledges of a watchlist: precisely, explainably, fast. Pure, no I/O.

    matcher = compile_matcher(watchlist)          # once per watchlist (a few ms)
    for match in matcher.match(title, summary):   # best first, score >= matcher.threshold
        match.commitment, match.score, match.why  # "ml-1-railway", 0.84, ("alias: ML-1", "keyword: railway")
    matcher.explain(text)                         # every pledge, including those that scored 0

A score is in [0, 1); `DEFAULT_THRESHOLD` (0.5, config `[matcher] threshold`) means "as likely
as not". An alias names a pledge; keywords only support one, and only in the context of the
communique's parties; an exclude phrase vetoes it. How evidence adds up: `matcher._evidence`.
"""

from matcher._matcher import DEFAULT_THRESHOLD, Match, Matcher, compile_matcher

__all__ = ["DEFAULT_THRESHOLD", "Match", "Matcher", "compile_matcher"]
