from __future__ import annotations

import pytest

from watchlist.cues import leans_on_previous, pledge_start


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides agreed to actively advance the Karachi Circular Railway.",
        "Both sides resolved to further coordinate on trade.",
        "The two sides undertook to make concrete efforts.",
        "Pakistan reaffirmed its commitment to the safety of all personnel.",
        "The two sides welcomed the decision to celebrate a Year of Tourism in 2023.",
        "The central banks will expand the use of local currencies.",
        "The two countries intend to advance five projects by 2030.",
        "China is willing to continue practical cooperation.",
    ],
)
def test_pledge_phrases_are_recognised(sentence: str) -> None:
    assert pledge_start(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides noted the key role played by various mechanisms.",
        "“The leaders reaffirmed that ties were time-tested,” the communique read.",
        "The communique noted that meetings were held in an environment of warmth.",
        "China stated that relations with Pakistan will always be given the highest priority.",
        "The two sides agreed on the importance of the partnership.",
        "The two sides agreed that a stable region is fundamental to prosperity.",
    ],
)
def test_descriptive_sentences_are_not_pledges(sentence: str) -> None:
    assert pledge_start(sentence) is None


def test_pledge_start_points_after_the_pledge_verb() -> None:
    sentence = "They also agreed to actively advance the railway."
    start = pledge_start(sentence)
    assert start is not None and sentence[start:] == " actively advance the railway."


def test_only_contentless_sentences_lean_on_the_previous_one() -> None:
    assert leans_on_previous("The two sides agreed to promote cooperation in this regard.", content_words=1)
    assert not leans_on_previous("In this regard, they agreed to conduct a joint trade study.", content_words=4)
