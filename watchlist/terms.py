"""Keywords and sector tags for a pledge, chosen by how rare a word is in its own communique.

A word every paragraph uses ("Pakistan", "cooperation") cannot tell pledges apart; a word only one
or two paragraphs use ("liberalization", "warehousing") is what a news story about that pledge
will share with it. News retells a pledge in its own words ("personnel" become "workers"), so the
words it uses for a chosen keyword (lexicon.NEWS_WORDS) follow the pledge's own.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

from wordfreq import zipf_frequency

from watchlist.lexicon import GENERIC_WORDS, NEWS_WORDS, PROCESS_WORDS, SECTORS, STOPWORDS

_PUNCTUATION = re.compile(r"[,;:.()“”\"]")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z0-9]")
MAX_KEYWORDS = 8
MAX_PHRASES = 3
VERY_COMMON_ZIPF = 5.0
MAX_NEWS_WORDS = 6
MAX_TAGS = 2
COMMON_SHARE = 0.12


def words_of(text: str) -> list[str]:
    """Lowercase words without possessive endings: "Pakistan’s" → "pakistan"."""
    return [re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(text)]


class WordRarity:
    """How many paragraphs of a document use each word, and how common it is in English at large."""

    def __init__(self, paragraphs: Iterable[str]) -> None:
        texts = list(paragraphs)
        self.counts: Counter[str] = Counter(w for text in texts for w in set(words_of(text)))
        self.limit = max(2, round(COMMON_SHARE * len(texts)))

    def is_distinctive(self, word: str) -> bool:
        """A topic word: rare in this statement, no grammar or diplomatic register, no adverb or
        past-tense verb ("amidst", "reciprocated", "always"), and not among English's commonest words."""
        return (
            len(word) >= 4
            and not any(c.isdigit() for c in word)
            and word not in STOPWORDS
            and word not in GENERIC_WORDS
            and word not in PROCESS_WORDS
            and not (word.endswith(("ly", "ed")) and word not in NEWS_WORDS)
            and zipf_frequency(word, "en") < VERY_COMMON_ZIPF
            and self.counts[word] <= self.limit
        )


def keywords(promise: str, context: str, rarity: WordRarity, parties: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Up to MAX_KEYWORDS distinctive words — the promise's own first, then its context's, rarest first —
    then the two-word phrases of them that news repeats ("direct flights"), then news words for them.
    The parties' names are context for every commitment, never a keyword of one (`parties`, lower case)."""
    chosen: list[str] = []
    for text in (promise, context):
        candidates = [
            w
            for w in dict.fromkeys(words_of(text))
            if rarity.is_distinctive(w) and w not in chosen and not set(w.split("-")) & parties
        ]
        room = max(MAX_KEYWORDS - len(chosen), 0)
        rarest = set(sorted(candidates, key=lambda w: (rarity.counts[w], candidates.index(w)))[:room])
        chosen.extend(w for w in candidates if w in rarest)
    return (*chosen, *phrases(promise, set(chosen)), *news_words(chosen))


def phrases(text: str, chosen: set[str]) -> list[str]:
    """Adjacent pairs of words, within one stretch of text between punctuation, of which at least one
    was chosen and neither is grammar ("direct flights", not "systems logistics" across a comma)."""
    pairs = [
        f"{a} {b}"
        for stretch in _PUNCTUATION.split(text)
        for a, b in itertools.pairwise(words_of(stretch))
        if (a in chosen or b in chosen)
        and not ({a, b} & STOPWORDS)
        and not ({a, b} & PROCESS_WORDS)
        and a not in GENERIC_WORDS
        and len(a) > 2
        and len(b) > 2
    ]
    return list(dict.fromkeys(pairs))[:MAX_PHRASES]


def news_words(chosen: list[str]) -> list[str]:
    """The words news uses for the chosen ones ("personnel" → "workers", "engineers"), so that a
    story told in a reporter's words still shares vocabulary with the pledge."""
    found = [w for word in chosen for w in NEWS_WORDS.get(word, ()) if w not in chosen]
    return list(dict.fromkeys(found))[:MAX_NEWS_WORDS]


def sector_tags(promise: str, context: str = "") -> tuple[str, ...]:
    """The sectors whose vocabulary the pledge uses most, best first; the promise itself counts double,
    and a sector needs half the leader's score to be listed beside it."""
    words = Counter(words_of(promise)) + Counter(words_of(promise)) + Counter(words_of(context))
    scores = {sector: sum(words[w] for w in vocabulary) for sector, vocabulary in SECTORS.items()}
    ranked = sorted((s for s in scores if scores[s] > 0), key=lambda s: -scores[s])
    return tuple(s for s in ranked[:MAX_TAGS] if 2 * scores[s] >= scores[ranked[0]])
