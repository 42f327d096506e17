"""A short verb phrase naming a commitment's action and its object: what a reader scans a list for.

"agreed to speed up progress on other related projects of the port" → "Speed up progress on other
related projects of the port"; "reaffirmed their support for the one-China policy" → "Support the
one-China policy"; "Establishment of a Senior Officials Dialogue" → "Establish a Senior Officials
Dialogue"; "witnessed the signing of a Joint Declaration on Maritime Cooperation" → "Implement the
Joint Declaration on Maritime Cooperation". Never a bare name, never a fragment ending in "and".
"""

from __future__ import annotations

import re

from watchlist.clauses import ACTION_VERBS, NOMINAL_VERBS
from watchlist.lexicon import STOPWORDS
from watchlist.model import Kind

MAX_TITLE_WORDS = 10
MIN_TITLE_WORDS = 5
_FILLER = re.compile(
    r"^(?:(?:\w+ly|further|also|jointly|together|both|each|again|the\s+two\s+sides|both\s+sides|leaders)\s+)+",
    re.IGNORECASE,
)
_END = re.compile(
    r"[;:.(]|,\s|\s[–—-]\s|\s(?:which|so\s+as|in\s+order\s+to|including|given|as\s+well\s+as|while|whereby|that\s+will)\s",
    re.IGNORECASE,
)
# A position's cue verb, as the verb its title starts with.
_POSITION_VERBS = (
    (re.compile(r"^(?:re)?affirm\w*\s+(?:\w+\s+){0,3}?support\s+(?:for|to)\s+", re.I), "Support "),
    (re.compile(r"^(?:strongly\s+)?support\w*\s+(?:for\s+)?", re.I), "Support "),
    (re.compile(r"^expressed\s+(?:\w+\s+){0,2}?support\s+(?:for|to)\s+", re.I), "Support "),
    (re.compile(r"^expressed\s+(?:\w+\s+){0,2}?concern\s+(?:about|over|at)\s+", re.I), "Voice concern about "),
    (re.compile(r"^expressed\s+(?:\w+\s+){0,2}?opposition\s+to\s+", re.I), "Oppose "),
    (re.compile(r"^oppos\w*\s+", re.I), "Oppose "),
    (re.compile(r"^condemn\w*\s+", re.I), "Condemn "),
    (re.compile(r"^call\w*\s+(on|upon|for)\s+", re.I), "Call {0} "),
    (re.compile(r"^urg\w*\s+", re.I), "Urge "),
    (re.compile(r"^(?:stress|underlin|underscor|emphasi[sz]|highlight)\w*\s+", re.I), "Stress "),
    (re.compile(r"^recogni[sz]\w*\s+", re.I), "Recognise "),
    (re.compile(r"^reiterat\w*\s+", re.I), "Reiterate "),
    (re.compile(r"^(?:re)?affirm\w*\s+", re.I), "Reaffirm "),
    (re.compile(r"^agree\w*\s+that\s+", re.I), "Agree that "),
    (re.compile(r"^agree\w*\s+", re.I), "Agree on "),
    (re.compile(r"^shared?\s+", re.I), "Share "),
    (re.compile(r"^confirm\w*\s+", re.I), "Confirm "),
    (re.compile(r"^remain\w*\s+", re.I), "Remain "),
    (re.compile(r"^acknowledg\w*\s+", re.I), "Acknowledge "),
)
_SIGNED_OBJECT = re.compile(
    r"^(?:.*?\b(?:signing|conclusion|exchange)\s+(?:by\s+.*?\s+)?of\s+|(?:signed|concluded|initial+ed|exchanged)\s+(?:and\s+\w+\s+)?)",
    re.I,
)
_WILL = re.compile(r"^(?:will|shall|would)\s+(?:\w+ly\s+)?", re.I)
_ENCOURAGE = re.compile(r"^encourag\w*\s+", re.I)
_PLEDGE_LEAD = re.compile(
    r"^(?:agree\w*\s+(?:to|on)|(?:re)?commit\w*\s+(?:\w+\s+)?to|(?:decide\w*|resolve\w*|undert\w+|pledge\w*|vow\w*|"
    r"promise\w*|intend\w*|plan\w*|aim\w*|seek\w*|endeavou?r\w*)\s+to|look\w*\s+forward\s+to|continue\w*\s+to|"
    r"(?:is|are|remain\w*)\s+(?:\w+\s+)?(?:willing|ready|determined|committed)\s+to|"
    r"(?:(?:re)?affirm\w*|express\w*|renew\w*|reiterat\w*|reinforc\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:commitment|resolve|determination|willingness|readiness|intention)\s+to|"
    r"welcom\w*\s+(?:the\s+)?(?:decision|intention|plans?)\s+to|work\w*\s+together\s+(?:to|on))\s+",
    re.I,
)
_COMMITTED_TO = re.compile(r"^(?:\S+\s+){0,3}?(?:commitment|resolve|determination)\s+to\s+", re.I)
_NOMINAL_OBJECT = re.compile(r"^(?:the\s+)?(\w+)\s+of\s+", re.I)
_WELCOMED_NOMINAL = re.compile(r"^welcom\w*\s+(?:the\s+)?(\w+)\s+of\s+", re.I)
_NEXT_MEETING = re.compile(r"^(?:the\s+)?next\s+", re.I)


def title_for(kind: Kind, cue: str, action: str) -> str:
    """The title of a clause whose cue is `cue` and whose text from the cue on is `action`."""
    text = " ".join(action.split())
    if kind is Kind.AGREEMENT:
        found = _SIGNED_OBJECT.match(text)
        text = "Implement " + _the(text[found.end() :] if found else text)
    elif not cue:
        text = _nominal(text)
    elif kind is Kind.POSITION or (kind is Kind.MECHANISM and not _PLEDGE_LEAD.match(text) and not _WILL.match(text)):
        text = _position(text)
    else:
        text = _pledge(text, kind)
    return _shorten(_FILLER.sub("", text))


def _pledge(text: str, kind: Kind) -> str:
    """ "agreed to the development of X" → "Develop X"; "reaffirmed its commitment to the safety of X" →
    "Commit to the safety of X"; "looked forward to the next meeting to be held in Y" → "Hold the next
    meeting in Y"; "welcomed the extension of X" → "Extend X"."""
    welcomed = _WELCOMED_NOMINAL.match(text)
    if welcomed and welcomed.group(1).lower() in NOMINAL_VERBS:
        return f"{NOMINAL_VERBS[welcomed.group(1).lower()]} {text[welcomed.end() :]}"
    lead = _PLEDGE_LEAD.match(text)
    committed = bool(lead and _COMMITTED_TO.match(lead.group()))
    rest = _WILL.sub("", text[lead.end() :] if lead else _ENCOURAGE.sub("Encourage ", text))
    nominal = _NOMINAL_OBJECT.match(rest)
    if nominal and nominal.group(1).lower() in NOMINAL_VERBS:
        return f"{NOMINAL_VERBS[nominal.group(1).lower()]} {rest[nominal.end() :]}"
    if kind is Kind.MECHANISM and _NEXT_MEETING.match(rest):
        return "Hold " + re.sub(r"\s+to\s+be\s+(?:held|hosted|convened)\b", "", rest)
    first = rest.split(" ", 1)[0].lower()
    if committed and not (first.endswith("ing") or first in ACTION_VERBS):
        return "Commit to " + rest
    return re.sub(r"^(\w+)ing\b", lambda m: m.group(1) if m.group(1).lower() in ACTION_VERBS else m.group(0), rest)


def _the(text: str) -> str:
    """ "a Joint Declaration" → "the Joint Declaration": once signed, it is the one to implement."""
    return re.sub(r"^(?:an?|the)\s+", "the ", text, flags=re.I) if re.match(r"^(?:an?)\s", text, re.I) else text


def _nominal(text: str) -> str:
    first, _, rest = text.partition(" ")
    verb = NOMINAL_VERBS.get(first.lower())
    if verb is None:
        return text
    rest = re.sub(r"^(?:of|to|in)\s+", "", rest)
    return f"{verb} {rest}"


def _position(text: str) -> str:
    for pattern, verb in _POSITION_VERBS:
        found = pattern.match(text)
        if found:
            return verb.format(*found.groups()) + re.sub(
                r"^(?:their|its|the)\s+(?=support|commitment)", "", text[found.end() :]
            )
    return text


def _shorten(text: str) -> str:
    """At most MAX_TITLE_WORDS words, cut at a natural boundary, no dangling small word at the end."""
    cut = _END.search(text, len(" ".join(text.split()[:MIN_TITLE_WORDS])))
    if cut is not None:
        text = text[: cut.start()]
    words = text.split()[:MAX_TITLE_WORDS]
    while len(words) > 1 and (words[-1].lower() in STOPWORDS or words[-1].endswith(",")):
        words.pop()
    title = " ".join(words).strip(" ,;:.–-")
    return title[:1].upper() + title[1:] if title else "Commitment"
