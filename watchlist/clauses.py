"""Find the commitments of a statement: each pledge, stance, mechanism and agreement, one clause each.

Joint statements state commitments with a small set of verbs: "agreed to", "will", "committed to",
"looked forward to" for pledges; "reaffirmed", "supported", "condemned", "called on", "stressed"
for positions; "signed" or "welcomed the signing of" for agreements. A mechanism is a pledge or
stance about a dialogue, committee or forum ("agreed to hold the next Strategic Dialogue").

One sentence often holds several: "The leaders welcomed the signing of the MoU and agreed to hold
the next round in 2025" is an agreement and a mechanism; "agreed to strengthen X, expand Y and
launch Z" is three pledges. A clause starts at a cue (or at a coordinated verb after "and") and
runs to the next one; the first clause keeps the sentence's subject and opening, so its quote reads
as a sentence. A bullet under a lead-in that commits ("…committed to, in particular:") is a pledge
even when it is a bare noun phrase ("Establishment of a Senior Officials Dialogue").

Sentences that only describe ("met in London", "noted that", "were held", "thanked") are skipped;
so is a consequence ("which will strengthen deterrence") and a cue inside a phrase ("support for").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from watchlist.model import Kind
from watchlist.text import Document, Span

_ADVERB = r"(?:\w+ly\s+|also\s+|further\s+|again\s+|jointly\s+|together\s+)*"
_POSS = r"(?:its|their|his|her|our|the|a|both\s+countries[’']|both\s+sides[’'])"
_PARTIES = r"(?:both\s+(?:countries|sides|nations|governments)|the\s+two\s+(?:countries|sides|nations|governments))"
_PLEDGE_CUES = (
    rf"agree[sd]?\s+{_ADVERB}(?:to|on)\b",
    rf"(?:re)?commit(?:s|ted)?\s+(?:themselves\s+|itself\s+|ourselves\s+|{_PARTIES}\s+)?{_ADVERB}to\b",
    rf"(?:re)?affirm(?:s|ed)?\s+{_POSS}\s+(?:\w+\s+){{0,2}}commitments?\s+to\b",
    rf"(?:renewed|reaffirmed|expressed|reiterated)\s+{_POSS}?\s*(?:\w+\s+){{0,2}}(?:commitment|resolve|determination|willingness|readiness|intention)(?:\s+of\s+{_PARTIES})?\s+(?:to|for)\b",
    r"(?:agreed|decided|resolved)\s+(?:[\w,]+\s+){0,3}?that\s+(?:[\w’'-]+\s+){0,10}?should\b",
    r"decide[sd]?\s+that\b",
    r"(?:requested|asked)(?=\s+the\s+[A-Z])",
    r"(?:approved|endorsed)\s+the\b",
    r"accepted\s+(?:with\s+\w+\s+)?(?:the|an)\s+invitation\b",
    rf"(?:is|are|remain|remains|were|was)\s+{_ADVERB}(?:willing|ready|determined|committed|resolved)\s+to\b",
    rf"(?:will|shall)\s+{_ADVERB}(?!be\s+(?:an?|the)\b)\w+",
    r"would\s+(?!be\s+(?:an?|the)\b)\w+",
    rf"(?:decide[sd]?|resolve[sd]?|undertook|undertake[sn]?|pledge[sd]?|vow(?:s|ed)?|promise[sd]?|endeavou?r(?:s|ed)?)\s+{_ADVERB}to\b",
    r"look(?:ed|s)?\s+forward\s+to\b",
    r"(?:intend|intends|plan|plans|aim|aims|seek|seeks|sought|aimed|planned|intended)\s+to\b",
    r"encourag(?:e|ed|es|ing)\b",
    r"continue[sd]?\s+to\b",
    r"(?:is|are)\s+(?:\w+ly\s+)?(?:also\s+)?(?:working|exploring|pursuing|interested\s+in)\b",
    r"working\s+(?:\w+ly\s+)?together\s+(?:to|on)\b",
    r"(?:reinforced|renewed|strengthened)\s+(?:their|its)\s+commitment\s+to\b",
    r"welcom(?:e|ed|es|ing)\s+(?:the\s+)?(?:interest|participation|investments?)\s+(?:from|of|by)\b",
    r"welcom(?:e|ed|es|ing)\s+(?:the\s+)?(?:two\s+countries[’']\s+|both\s+sides[’']\s+)?agreement\s+to\b",
    r"announced\s+(?:that|plans?|an?\s+(?:new|extension|expansion|increase|additional|further)|the\s+(?:launch|establishment|creation|start|opening|decision))\b",
    r"welcom(?:e|ed|es|ing)\s+(?:the\s+)?(?:decision|commencement|launch|start|establishment|extension|opening|plans?|progress\s+towards|intention|convening|preparations|willingness|offer|proposal)\b",
    r"welcom(?:e|ed|es|ing)\s+[A-Z][\w-]*[’']s?\s+(?:offer|willingness|proposal|decision|intention)\b",
    r"(?:tasked|instructed|directed|mandated)\b",
)
_POSITION_CUES = (
    r"(?:re)?affirm(?:s|ed)?\b",
    r"reiterat(?:e|ed|es)\b",
    r"(?:strongly\s+)?support(?:ed|s)?\b",
    r"expressed\s+(?:\w+\s+){0,2}(?:support|concern|opposition|hope|solidarity)\b",
    r"oppose[sd]?\b",
    r"condemn(?:ed|s)?\b",
    r"call(?:ed|s)?\s+(?:on|upon|for)\b",
    r"urge[sd]?\b",
    r"stress(?:ed|es)?\b",
    r"underline[sd]?\b",
    r"underscore[sd]?\b",
    r"emphasi[sz]e[sd]?\b",
    r"agree[sd]?\s+that\b",
    r"agreed\s+(?:the|on\s+the\s+(?:importance|need|benefits?))\b",
    r"shared?\s+(?:the|a)\s+(?:view|commitment|concern|goal|interest)\b",
    r"highlight(?:ed|s)?\b",
    r"confirm(?:ed|s)?\b",
    r"remain(?:s|ed)?\s+(?:\w+\s+)?(?:committed|supportive|concerned|opposed)\b",
    r"acknowledg(?:ed|es)\s+the\s+(?:need|importance)\b",
    r"recogni[sz](?:ed|es)\s+the\s+(?:need|importance)\b",
    r"deplor(?:e|ed|es)\b",
    r"noted\s+with\s+(?:\w+\s+)?(?:concern|alarm|regret)\b",
    r"(?:believed|considered|felt)\s+that\b",
    r"saw\s+the\s+need\b",
    r"commended\s+the\s+work\s+of\b",
    r"(?:was|were)\s+welcomed\b",
    r"thanked\s+(?:\S+\s+){0,6}?for\s+the\s+(?:return|resumption|reopening|release|provision|continued)\b",
)
_AGREEMENT_CUES = (
    r"(?:witnessed|welcome[sd]?|noted)\s+the\s+(?:signing|signature|conclusion|exchange)\b",
    r"(?:signed|concluded|initialled|initialed|exchanged|sign)\b",
)
_CUE = re.compile(
    "|".join(
        f"(?P<{name}{n}>\\b{pattern})"
        for name, patterns in (("agreement", _AGREEMENT_CUES), ("pledge", _PLEDGE_CUES), ("position", _POSITION_CUES))
        for n, pattern in enumerate(patterns)
    ),
    re.IGNORECASE,
)
_MODAL = re.compile(r"(?:will|shall|would)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"(?:agree[sd]?\s+(?:that|the)|announced|confirm|(?:re)?affirm|reiterat|expressed)", re.IGNORECASE
)
_ADVERBS_ONLY = re.compile(r"^\s*(?:\w+ly\s+|also\s+|further\s+|jointly\s+|together\s+)*$", re.IGNORECASE)
_JOINT = re.compile(r",\s+and\s|;|\.\s")
_NEEDS_ACTOR = re.compile(
    r"(?:will|shall|would|continue[sd]?|encourag|announced|(?:is|are|remain|remains|were|was)\s)", re.IGNORECASE
)
# Who can commit: the parties and their people, named or not ("Leaders", "both sides", "Australia").
ACTOR_WORDS = frozenset(
    [
        "we",
        "they",
        "he",
        "she",
        "leaders",
        "leader",
        "ministers",
        "minister",
        "prime",
        "president",
        "presidents",
        "sides",
        "side",
        "parties",
        "countries",
        "governments",
        "government",
        "officials",
        "both",
        "two",
        "panels",
        "panel",
        "delegations",
        "delegation",
        "teams",
        "agencies",
        "each",
        "nations",
    ]
)
# What cannot: a sentence about a thing ("It will create", "The Agreement will improve").
NOT_ACTORS = frozenset(
    [
        "it",
        "this",
        "these",
        "that",
        "those",
        "such",
        "there",
        "which",
        "its",
        "their",
        "our",
        "the",
        "a",
        "an",
        "agreement",
        "agreements",
        "declaration",
        "plan",
        "program",
        "programme",
        "partnership",
        "initiative",
        "relationship",
        "dialogue",
        "negotiations",
        "arrangement",
        "strategy",
        "project",
        "projects",
        "treaty",
        "framework",
        "centre",
        "center",
        "fund",
        "forum",
        "mechanism",
        "cooperation",
    ]
)
_WORDS = re.compile(r"[A-Za-z][\w’'-]*")


def has_actor(subject: str) -> bool:
    """True when the words before a modal name someone who can commit: an actor word or a proper name."""
    words = _WORDS.findall(subject)
    if not words or any(w.lower() in ACTOR_WORDS for w in words):
        return True
    names = [w for n, w in enumerate(words) if w[:1].isupper() and (n > 0 or w.lower() not in NOT_ACTORS)]
    return bool(names) and names[-1].lower() not in NOT_ACTORS


# A cue right after one of these is inside a phrase, not a new clause: "support for", "the support".
_INSIDE = re.compile(
    r"(?:\b(?:which|that|who|to|for|of|in|the|its|their|our|and\s+the|with|by|mutual|strong|full|continued|such|as)\s+)$",
    re.IGNORECASE,
)
# A clause that only describes what happened is no commitment, whatever verb follows in it.
_DESCRIPTIVE = re.compile(
    r"\b(?:noted\s+that|noted\s+with\s+(?:satisfaction|appreciation)|were\s+held|was\s+held|met\s+(?:in|on|at|for|with)|"
    r"thanked|congratulated|appreciated|acknowledged(?!\s+the\s+(?:need|importance))|recogni[sz]ed(?!\s+the\s+(?:need|importance))|expressed\s+(?:their\s+|its\s+)?(?:satisfaction|appreciation|gratitude|condolences)|"
    r"communiqu[eé]\s+(?:read|said|noted|stated)|statement\s+(?:read|said)|held\s+talks|discussed|reviewed\s+the\s+progress|briefed|paid\s+(?:an?\s+)?(?:official\s+|state\s+)?visit)",
    re.IGNORECASE,
)
# "agreed to build, expand and launch": a new action after a comma or "and" starts a new clause.
_COORDINATED = re.compile(
    r"(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|;\s*(?:and\s+)?|\s+and\s+(?:to\s+)?|\s+as\s+well\s+as\s+)(?=(?:to\s+)?(\w+)\b)"
)
MECHANISM_NOUNS = re.compile(
    r"\b(?:dialogues?|consultations?|working\s+groups?|committees?|commissions?|forums?|fora|summits?|mechanisms?|"
    r"councils?|talks|meetings?|conferences?|panels?|task\s*forces?|roundtables?|round\s+tables?|2\+2|sessions?)\b",
    re.IGNORECASE,
)
AGREEMENT_NOUNS = re.compile(
    r"\b(?:agreements?|memorand(?:um|a)|MoUs?|MOUs?|treat(?:y|ies)|accords?|protocols?|conventions?|arrangements?|"
    r"declarations?|charters?|letters?\s+of\s+intent|contracts?|concords?)\b",
    re.IGNORECASE,
)
MIN_CLAUSE_WORDS = 5
# "the China-Pakistan Joint Working Group on Trade, Investment and E-commerce": a mechanism with a name.
_MECHANISM_NAME = re.compile(
    r"\b(?:[A-Z][\w’'-]*\s+){1,4}(?:Dialogue|Consultations?|Working\s+Group|Committee|Commission|Forum|Council|Summit)"
    r"(?:\s+(?:on|of|for)\s+[A-Z][\w’'-]*(?:,?\s+(?:and\s+)?[A-Z][\w’'-]*)*)?"
)
# A sentence that opens a list ("agreed on the following steps:") is no commitment; its items are.
_INTRODUCES_LIST = re.compile(r":\s*$|\bthe\s+following\b", re.IGNORECASE)
# "agreed that these links had been enhanced": a finding about the past, not a stance to watch.
_PAST_FINDING = re.compile(
    r"^\W*(?:\w+\W+){0,8}?(?:had|have)\s+(?:been|brought|made|seen|grown|achieved)\b", re.IGNORECASE
)
# Nominal bullets name the action as a noun: "Establishment of …" is "establish …".
NOMINAL_VERBS = {
    "establishment": "Establish",
    "conclusion": "Conclude",
    "development": "Develop",
    "holding": "Hold",
    "exchange": "Exchange",
    "exchanges": "Exchange",
    "strengthening": "Strengthen",
    "expansion": "Expand",
    "promotion": "Promote",
    "implementation": "Implement",
    "creation": "Create",
    "launch": "Launch",
    "formulation": "Formulate",
    "incorporation": "Incorporate",
    "review": "Review",
    "reviewing": "Review",
    "enhancement": "Enhance",
    "intensified": "Intensify",
    "increased": "Increase",
    "continued": "Continue",
    "regular": "Hold regular",
    "further": "Further",
    "agreement": "Agree",
    "signing": "Sign",
    "support": "Support",
    "cooperation": "Cooperate on",
    "provision": "Provide",
    "deployment": "Deploy",
    "completion": "Complete",
    "extension": "Extend",
    "decision": "Carry out the decision",
    "organization": "Organise",
    "organisation": "Organise",
    "resumption": "Resume",
    "upgrading": "Upgrade",
    "construction": "Build",
}


@dataclass(frozen=True, slots=True)
class Clause:
    """One commitment: `span` is its quote, `cue_start` where its cue begins ("agreed to", "supported"),
    `action` where the promised action itself begins (after "agreed to")."""

    kind: Kind
    span: Span
    cue_start: int
    action: int
    section: str
    cue: str
    frame: Span | None = None
    """The words that frame it, when it is an item of a list: the lead-in ("initiatives for 2017: …"), whose
    time holds for each item that names none."""


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: Kind
    start: int
    end: int
    text: str


def find_clauses(document: Document) -> list[Clause]:
    """Every commitment of the document, in order."""
    clauses: list[Clause] = []
    lead_in: Kind | None = None  # what the items of the list being read are, when its lead-in commits
    lead_in_span: Span | None = None
    for paragraph in document.paragraphs:
        for sentence in paragraph.sentences:
            text = document.of(sentence)
            if _INTRODUCES_LIST.search(text):
                lead_in, lead_in_span = _lead_in_kind(_cues(text)), sentence
                continue
            found = _clauses(text, sentence.start, paragraph.section)
            if not found and paragraph.listed and lead_in is not None:
                found = _nominal(text, sentence.start, paragraph.section, lead_in)
            frame = lead_in_span if paragraph.listed else None
            clauses.extend(_framed(clause, text, sentence.start, frame) for clause in found)
        if not paragraph.listed and not _INTRODUCES_LIST.search(document.of(paragraph.span)):
            lead_in, lead_in_span = None, None
    return _unique(clauses)


def _framed(clause: Clause, text: str, offset: int, list_lead_in: Span | None) -> Clause:
    """A clause after a colon in its sentence is an item of an inline list framed by the words before the
    colon; an item of a list paragraph is framed by the list's lead-in sentence."""
    colon = text.rfind(":", 0, clause.span.start - offset)
    frame = Span(offset, offset + colon) if colon >= 0 else list_lead_in
    return dataclasses.replace(clause, frame=frame) if frame is not None else clause


def _lead_in_kind(cues: list[_Cue]) -> Kind | None:
    """A list under "the following agreements were signed:" lists agreements; under "agreed to:" pledges;
    under a stance ("stressed the following:") nothing to track item by item."""
    kinds = {cue.kind for cue in cues}
    if Kind.AGREEMENT in kinds:
        return Kind.AGREEMENT
    return Kind.PLEDGE if kinds - {Kind.POSITION} else None


def _cues(text: str) -> list[_Cue]:
    """The cues of a sentence, minus those inside a phrase, a name ("Action Plan to"), or reported speech.

    A modal after "agreed that" or "announced" reports the commitment that cue already opened ("agreed
    the two sides would develop an Action Plan"): it makes that clause a pledge rather than a new one.
    A modal or "continues to" whose subject is no actor ("It will create", "This continues to benefit")
    describes a consequence, not a commitment.
    """
    cues: list[_Cue] = []
    for found in _CUE.finditer(text):
        kind = Kind(re.sub(r"\d+$", "", found.lastgroup or ""))
        before = text[max(0, found.start() - 25) : found.start()]
        inside = _INSIDE.search(before) and not found.group().lower().startswith("agree")
        if inside or (found.start() > 0 and found.group()[0].isupper()):
            continue
        cue = _Cue(kind, found.start(), found.end(), found.group())
        if (
            _MODAL.match(cue.text)
            and cues
            and _REPORTING.match(cues[-1].text)
            and not _JOINT.search(text[cues[-1].end : cue.start])
        ):
            cues[-1] = _Cue(Kind.PLEDGE, cues[-1].start, cues[-1].end, cues[-1].text)
            continue
        if (
            cues
            and cues[-1].kind is Kind.PLEDGE
            and cues[-1].text.lower().endswith("to")
            and _ADVERBS_ONLY.match(text[cues[-1].end : cue.start])
        ):
            continue  # "willingness to actively support": the pledge's own action, not a new stance
        subject = _subject(text, cues, cue)
        if _NEEDS_ACTOR.match(cue.text) and not (has_actor(subject) or MECHANISM_NOUNS.search(subject)):
            continue
        cues.append(cue)
    return cues


def _subject(text: str, cues: list[_Cue], cue: _Cue) -> str:
    """The words between the previous cue (or the sentence start) and this one: the clause's subject."""
    start = cues[-1].end if cues else 0
    return text[start : cue.start]


def _clauses(text: str, offset: int, section: str) -> list[Clause]:
    if text.lstrip().startswith(("“", '"')):
        return []  # a quotation reports what someone said; the commitments are stated elsewhere
    cues = _cues(text)
    if not cues:
        return _named_mechanism(text, offset, section)
    clauses: list[Clause] = []
    bounds = [*[c.start for c in cues[1:]], len(text)]
    for number, (cue, stop) in enumerate(zip(cues, bounds, strict=True)):
        start = _opening(text, cues, number)
        if _described(text[start : cue.start]):
            continue
        if cue.kind is Kind.POSITION and _PAST_FINDING.search(text[cue.end : stop]):
            continue
        for begin, action, end in _split_coordinated(text, start, cue, stop):
            clause = _clause(text, begin, action, end, cue, offset, section)
            if clause is not None:
                clauses.append(clause)
    return clauses


def _described(opening: str) -> bool:
    """The cue sits inside a description ("noted that the talks will…"): a descriptive verb comes before
    it with no "and" or ";" between, which would start a clause of its own ("reviewed the progress …
    and agreed to continue")."""
    found = list(_DESCRIPTIVE.finditer(opening))
    return bool(found) and not re.search(r"\band\b|;", opening[found[-1].end() :])


def _opening(text: str, cues: list[_Cue], number: int) -> int:
    """Where a clause's quote starts: the sentence start for the first, the joining word's end otherwise."""
    if number == 0:
        return 0
    previous_end = cues[number - 1].end
    between = text[previous_end : cues[number].start]
    joint = max(between.rfind(" and "), between.rfind(", "), between.rfind("; "))
    return previous_end + joint + 1 if joint >= 0 else cues[number].start


def _split_coordinated(text: str, start: int, cue: _Cue, stop: int) -> list[tuple[int, int, int]]:
    """(quote start, action start, end) per coordinated action after a pledge cue ending in "to"."""
    if cue.kind is not Kind.PLEDGE or not cue.text.lower().rstrip().endswith(("to", "will", "shall")):
        return [(start, cue.end, stop)]
    pieces: list[tuple[int, int, int]] = []
    begin, action = start, cue.end
    for found in _COORDINATED.finditer(text, cue.end, stop):
        verb = found.group(1).lower()
        if verb in ACTION_VERBS and found.start() > action + 8:
            pieces.append((begin, action, found.start()))
            begin = action = found.end()
    pieces.append((begin, action, stop))
    return pieces


def _clause(text: str, begin: int, action: int, end: int, cue: _Cue, offset: int, section: str) -> Clause | None:
    quote = text[begin:end]
    trimmed = re.sub(
        r"(?:[\s,;:–-]+(?:and|or|as\s+well\s+as|while|including|also|further|jointly|\w+ly)?)+\s*$", "", quote
    )
    trimmed_start = len(quote) - len(quote.lstrip(" ,;:–-"))
    if len(trimmed[trimmed_start:].split()) < MIN_CLAUSE_WORDS:
        return None
    first = action == cue.end  # the cue's own action, not one coordinated after it
    return Clause(
        _kind(cue, text[action:end], text[begin : cue.start]),
        Span(offset + begin + trimmed_start, offset + begin + len(trimmed)),
        offset + (cue.start if first else action),
        offset + action,
        section,
        cue.text if first else "",
    )


def _kind(cue: _Cue, body: str, before: str = "") -> Kind:
    """A pledge or stance about a dialogue or committee is a mechanism; a signing is an agreement.
    A cue that ends its sentence ("The Spokespersons Dialogue … was welcomed") is about its subject."""
    head = " ".join(body.split()[:12]) if len(body.split()) > 2 else before
    if cue.kind is Kind.AGREEMENT:
        return Kind.AGREEMENT if AGREEMENT_NOUNS.search(head) or "sign" in cue.text.lower() else Kind.PLEDGE
    if MECHANISM_NOUNS.search(head):
        return Kind.MECHANISM
    return cue.kind


def _named_mechanism(text: str, offset: int, section: str) -> list[Clause]:
    """A sentence that reports a named dialogue, forum or working group meeting ("the first meeting of the
    China-Pakistan Joint Working Group on Trade … was held"): the mechanism exists, and its next meeting
    is news to watch, though the sentence promises nothing."""
    found = _MECHANISM_NAME.search(text)
    if found is None or not re.search(r"\b(?:held|convened|met|launched|established|took\s+place)\b", text):
        return []
    start = len(text) - len(text.lstrip())
    span = Span(offset + start, offset + len(text.rstrip()))
    return [Clause(Kind.MECHANISM, span, offset + found.start(), offset + found.start(), section, "")]


def _nominal(text: str, offset: int, section: str, lead_in: Kind) -> list[Clause]:
    """A bullet under a committing lead-in: the whole item is an agreement signed, or a pledge (or a mechanism)."""
    stripped = text.strip().rstrip(";,.")
    if len(stripped.split()) < MIN_CLAUSE_WORDS:
        return []
    start = text.find(stripped)
    if lead_in is Kind.AGREEMENT:
        kind = Kind.AGREEMENT
    else:
        kind = Kind.MECHANISM if MECHANISM_NOUNS.search(" ".join(stripped.split()[:10])) else Kind.PLEDGE
    span = Span(offset + start, offset + start + len(stripped))
    return [Clause(kind, span, span.start, span.start, section, "")]


def _unique(clauses: list[Clause]) -> list[Clause]:
    """One clause per quote span: a span found twice (two cues agreeing on the same words) counts once."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for clause in clauses:
        key = (clause.span.start, clause.span.end)
        if key not in seen:
            seen.add(key)
            kept.append(clause)
    return kept


ACTION_VERBS = frozenset(
    [
        "accelerate",
        "achieve",
        "address",
        "advance",
        "align",
        "allow",
        "boost",
        "build",
        "combat",
        "complete",
        "conclude",
        "consider",
        "continue",
        "convene",
        "cooperate",
        "coordinate",
        "create",
        "deepen",
        "deliver",
        "deploy",
        "develop",
        "diversify",
        "double",
        "encourage",
        "enhance",
        "ensure",
        "establish",
        "examine",
        "expand",
        "expedite",
        "explore",
        "extend",
        "facilitate",
        "finalise",
        "finalize",
        "focus",
        "foster",
        "fund",
        "grow",
        "harness",
        "help",
        "hold",
        "host",
        "identify",
        "implement",
        "improve",
        "increase",
        "institutionalise",
        "institutionalize",
        "integrate",
        "intensify",
        "introduce",
        "invest",
        "launch",
        "lead",
        "leverage",
        "maintain",
        "maximise",
        "maximize",
        "meet",
        "mobilise",
        "mobilize",
        "modernise",
        "modernize",
        "negotiate",
        "open",
        "organise",
        "organize",
        "pursue",
        "prevent",
        "promote",
        "protect",
        "provide",
        "pursue",
        "raise",
        "reduce",
        "reinforce",
        "renew",
        "resume",
        "review",
        "scale",
        "seek",
        "share",
        "sign",
        "speed",
        "step",
        "streamline",
        "strengthen",
        "study",
        "support",
        "sustain",
        "tackle",
        "train",
        "trial",
        "undertake",
        "upgrade",
        "use",
        "welcome",
        "work",
    ]
)
