"""Tell a sentence that promises something from one that only describes.

Joint statements phrase pledges with a small set of verbs ("agreed to", "will", "resolved to",
"welcomed the decision to"); descriptive sentences ("noted that", "were held", "the communique
read") never carry one of them in the pledge position. A match returns where the promise begins,
which is also where a title for it can be read.
"""

from __future__ import annotations

import re

_ADVERB = r"(?:\w+ly\s+)?"
_PLEDGE = re.compile(
    r"\b(?:"
    rf"agree[sd]?\s+{_ADVERB}to"
    r"|(?:re)?affirm(?:s|ed)?\s+(?:its|their|his|her|our)\s+(?:strong\s+|firm\s+|full\s+)?commitment\s+to"
    r"|(?:expressed|expresses)\s+(?:its|their|his|her)\s+commitment\s+to"
    rf"|commit(?:s|ted)?\s+(?:themselves\s+|itself\s+)?{_ADVERB}to"
    r"|undert(?:ook|ake|akes)\s+to|resolved\s+to|decided\s+to|pledged\s+to|vowed\s+to|promised\s+to"
    r"|(?:expressed|expresses)\s+(?:its\s+|their\s+)?(?:strong\s+)?(?:resolve|determination|willingness|readiness)\s+to"
    r"|(?:is|are)\s+(?:willing|ready|determined)\s+to"
    r"|welcom(?:ed|es)(?=\s+the\s+(?:decision|signing|agreement|launch|establishment|extension|conclusion|"
    r"commencement|start|opening|inauguration|creation|setting)\b)"
    r"|welcom(?:ed|es)\s+(?:the\s+)?(?:interest|participation|investment)\s+(?:from|of|by)"
    r"|jointly\s+(?:push|work|promote|support(?:ed)?|develop|build|implement)"
    r"|encourages"
    rf"|(?:will|shall)(?=\s+(?!always\b|be\s+given\b){_ADVERB}\w+)"
    r"|(?:intend|intends|aim|aims|plan|plans|seek|seeks)\s+to"
    r")\b",
    re.IGNORECASE,
)
# A promise reported inside someone's description of the past is still a description.
_DESCRIPTIVE = re.compile(
    r"\b(?:communiqu[eé]\s+(?:read|said|noted)|(?:were|was)\s+held|stated\s+that|noted\s+that)\b",
    re.IGNORECASE,
)


def pledge_start(sentence: str) -> int | None:
    """Offset just after the pledge verb, or None when the sentence promises nothing."""
    if sentence.lstrip().startswith(("“", '"')):
        return None
    found = _PLEDGE.search(sentence)
    if found is None:
        return None
    descriptive = _DESCRIPTIVE.search(sentence)
    if descriptive is not None and descriptive.start() < found.start():
        return None
    return found.end()


MIN_OWN_CONTENT = 4
_ANAPHORA = re.compile(r"\b(?:in this regard|to this end|in this context|in this respect)\b", re.IGNORECASE)


def leans_on_previous(sentence: str, content_words: int) -> bool:
    """True when a sentence with little of its own to say points back ("agreed to cooperate in this regard")."""
    return bool(_ANAPHORA.search(sentence)) and content_words < MIN_OWN_CONTENT
