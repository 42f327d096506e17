"""The fast tokeniser (`bytes.translate` for plain ASCII) reads every text as the regex `_TOKEN` does.

`spaced` takes a C-speed path for plain text and the regex for the rest; a difference between the two
would silently change what the matcher finds. Compared on all labelled news and on random strings built
from the characters where they could part ways: possessives, letters touching digits, curly quotes,
non-ASCII letters and digits, underscores.
"""

from __future__ import annotations

import random

from matcher._terms import _TOKEN, spaced
from tests.matcher.evaluation import load_legacy, load_news

TRICKY = [*"aAbBsSzZ019 '’_-.,!?\"”“‘()\t\n\u00a0²٣ßİΣςé", "'s", "’s", "'s'", "ML1", "1st", "Gwadar's", "3rd-party"]


def by_regex(text: str) -> str:
    return f"  {'  '.join(_TOKEN.findall(text))}  "


def test_labelled_news_is_read_alike() -> None:
    texts = [text for item in [*load_news(), *load_legacy()] for text in (item.title, item.summary)]
    assert [t for t in texts if spaced(t) != by_regex(t)] == []


def test_random_strings_of_tricky_characters_are_read_alike() -> None:
    rng = random.Random(20261128)
    texts = ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 16))) for _ in range(50_000)]
    assert [t for t in texts if spaced(t) != by_regex(t)] == []


def test_what_each_path_reads() -> None:
    """Plain ASCII (the fast path) and text with a curly possessive and "ML1" (the regex)."""
    assert spaced("Gwadar's port: ML-1 deal") == "  Gwadar  port  ML  1  deal  "
    assert spaced("ML1 deal in Gwadar’s port") == "  ML  1  deal  in  Gwadar  port  "
