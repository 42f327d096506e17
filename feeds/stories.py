"""Grouping articles from several outlets into one story, so subscribers get one alert instead of five.

Two titles are the same story when their normalised token sets overlap enough; a new article is compared
with the articles first seen in the last ``STORY_WINDOW`` (when they were published does not matter).
Loading those recent articles is the caller's (storage's) job; this module only compares and indexes values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta
from functools import lru_cache

STORY_WINDOW = timedelta(hours=48)
SAME_STORY_THRESHOLD = 0.8
MIN_SHARED_TOKENS = 3

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_OUTLET_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,40}$")
# Words that appear in any headline and so say nothing about which story it is.
_STOPWORD_TEXT = "a an and as at be by for from has have in is it its of on or says said the to was were will with"
_STOPWORDS = frozenset(f"{_STOPWORD_TEXT} after over amid into".split())


@lru_cache(maxsize=4096)
def story_tokens(title: str) -> frozenset[str]:
    """Lower-cased content words of a title, without a trailing " - Outlet" that aggregators append.

    Cached: a new article's title is tokenised to find its story and again to index it.
    """
    core = _OUTLET_SUFFIX.sub("", title.strip())
    words = (match.group(0).lower().replace("’", "'") for match in _TOKEN.finditer(core))
    return frozenset(word for word in words if word not in _STOPWORDS)


def title_similarity(a: str, b: str) -> float:
    """Shared tokens relative to the smaller set: 1.0 when one title's words contain all of the other's.

    The smaller set is the denominator because outlets pad the same headline with different extra words.
    Titles sharing fewer than three content words only match when identical, so short headlines that differ in
    the one word that matters ("pass reopens" / "pass closes") stay apart.
    """
    return _overlap(story_tokens(a), story_tokens(b))


def _overlap(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    shared = len(left & right)
    if shared < MIN_SHARED_TOKENS:
        return 1.0 if left == right else 0.0
    return shared / min(len(left), len(right))


class StoryIndex:
    """Recent titles indexed by token, so finding a new article's story does not compare it with every title.

    A caller loads the articles of the last ``STORY_WINDOW`` once per poll round and adds each article it
    stores; lookups then touch only titles sharing a rare-enough token with the new one.
    """

    def __init__(self) -> None:
        self._tokens: dict[int, frozenset[str]] = {}
        self._by_token: dict[str, list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._tokens)

    def add(self, story_id: int, title: str) -> bool:
        """Index a story by its first title; False when it is indexed already or its title is too short."""
        tokens = story_tokens(title)
        if story_id in self._tokens or len(tokens) < MIN_SHARED_TOKENS:
            return False
        self._tokens[story_id] = tokens
        for token in tokens:
            self._by_token[token].append(story_id)
        return True

    def discard(self, story_id: int) -> None:
        """Forget a story added by a transaction that was then rolled back."""
        for token in self._tokens.pop(story_id, ()):
            self._by_token[token].remove(story_id)

    def find(self, title: str) -> int | None:
        """The story whose title is most similar to ``title``, if one is similar enough."""
        tokens = story_tokens(title)
        if len(tokens) < MIN_SHARED_TOKENS:
            return None
        best: tuple[float, int] | None = None
        size = len(tokens)
        for story_id in self._sharing_candidates(tokens):
            other = self._tokens[story_id]  # _overlap inlined: this loop is the hot spot of a busy round
            shared = len(tokens & other)
            if shared < MIN_SHARED_TOKENS:
                continue  # titles this short are never indexed, so "identical" cannot apply here
            score = shared / min(size, len(other))
            if score >= SAME_STORY_THRESHOLD and (best is None or score > best[0]):
                best = (score, story_id)
        return best[1] if best else None

    def _sharing_candidates(self, tokens: frozenset[str]) -> set[int]:
        """Stories sharing at least one of the rarest ``len - 2`` tokens.

        A story sharing three tokens must share one of any ``len - 2`` of them, so the two most common
        tokens ("pakistan", "china" in this domain) are never walked.
        """
        by_rarity = sorted(tokens, key=lambda token: len(self._by_token.get(token, ())))
        rare = by_rarity[: len(tokens) - (MIN_SHARED_TOKENS - 1)]
        return {story_id for token in rare for story_id in self._by_token.get(token, ())}
