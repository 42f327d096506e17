"""The semantic stage: how close an article's meaning is to each pledge's, as a cosine of sentence embeddings.

Rules decide well whether a pledge is *named*; an embedding model decides better whether an article
is *about* it. Each pledge is embedded once per watchlist (its title, quote and names), each article
once (its title and summary); their dot product is a cosine, since the embedder returns unit
vectors. The embedder is any object with `embed(texts) -> (n, d) unit vectors`
(`matcher.semantic.Embedder` runs all-MiniLM-L6-v2 on onnxruntime).

How similarity changes a decision (thresholds in `SemanticSettings`, config `[matcher]`): a rule
match that is not similar enough to its pledge is dropped; a pledge the rules missed is added when
the article is very similar to it, more than to any other pledge, and it is news of the parties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from watchlist import Commitment, Watchlist

DEFAULT_FILTER = 0.3
"""A rule match this dissimilar to its pledge is dropped: it named the pledge's words, not its subject."""
DEFAULT_ADD = 0.6
"""A pledge the rules missed is added when the article is at least this similar to it."""


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> NDArray[Any]: ...


@dataclass(frozen=True, slots=True)
class SemanticSettings:
    filter_below: float = DEFAULT_FILTER
    add_from: float = DEFAULT_ADD


def pledge_text(commitment: Commitment) -> str:
    """What a pledge is about, in words an article might share: its title, quote and names."""
    names = f" ({', '.join(commitment.aliases)})" if commitment.aliases else ""
    return f"{commitment.title}{names}. {commitment.quote}"


def article_text(title: str, summary: str) -> str:
    return f"{title}. {summary}" if summary else title


class PledgeVectors:
    """The pledges of one watchlist, embedded once; `similarities` embeds articles and compares."""

    __slots__ = ("_embedder", "_vectors")

    def __init__(self, embedder: Embedder, watchlist: Watchlist) -> None:
        self._embedder = embedder
        texts = [pledge_text(c) for c in watchlist.commitments]
        self._vectors = embedder.embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)

    def similarities(self, articles: Sequence[tuple[str, str]]) -> NDArray[Any]:
        """(articles × pledges) cosines, articles embedded in one batch."""
        if not articles or not len(self._vectors):
            return np.zeros((len(articles), len(self._vectors)), dtype=np.float32)
        vectors = self._embedder.embed([article_text(title, summary) for title, summary in articles])
        cosines: NDArray[Any] = vectors @ self._vectors.T
        return cosines
