"""Is the news a step forward, a step back, or only talk? The signal of a match, from its wording.

- progress: a concrete step happened or was formally decided ("signed", "inaugurated", "held",
  "disbursed", "reopened", "launched").
- setback: it was delayed, suspended, cancelled, blocked, attacked, or went backwards.
- mention: intent, plans, reiteration, commentary, calls to act, and any step in the future or
  negated ("will sign", "to launch", "not yet signed", "expected to reopen").

The title decides first, the summary's first sentence only when the title has no step in it. Cues
are generic English news verbs; nothing here names a pledge. A cue that a future, intent or
negation word governs (up to three words before it) is talk, not a step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from matcher._index import lead_and_body


class Signal(StrEnum):
    PROGRESS = "progress"
    SETBACK = "setback"
    MENTION = "mention"


_PROGRESS = """
sign signs signed signing ink inks inked seal seals sealed approve approves approved clear clears cleared
disburse disburses disbursed release releases released launch launches launched inaugurate inaugurates
inaugurated open opens opened reopen reopens reopened complete completes completed finish finishes finished
hold holds held convene convenes convened meet meets met ship ships shipped deliver delivers delivered
hand hands handed commission commissions commissioned start starts started begin begins began begun
kick kicks kicked resume resumes resumed restart restarts restarted arrive arrives arrived land lands landed
reach reaches reached lift lifts lifted join joins joined agree agrees agreed form forms formed establish
establishes established award awards awarded float floated connect connects connected receive receives
received grow grows grew jump jumps jumped rise rises rose double doubles doubled record adds commit commits
committed provide provides provided donate donates donated send sends sent rush rushes rushed extend extends
extended defer defers deferred enrol enroll enrols enrolls enrolled pick picks picked select selects selected
operational operationalised operationalized effect yields yielded restore restores restored wins won
concluded conclude concludes finalise finalised finalize finalized ratify ratifies ratified up surge surges
surged hits hit handle handles handled sets lands takes took unveil unveils unveiled deploy deploys deployed
build builds built construct constructs constructed ends ended take
landing arrival inauguration completion opening signing handover launching
"""
_SETBACK = """
delay delays delayed postpone postpones postponed suspend suspends suspended suspension halt halts halted
cancel cancels cancelled canceled scrap scraps scrapped block blocks blocked stall stalls stalled dispute
disputes disputed attack attacks attacked kill kills killed ambush ambushed bomb bombing bombed blast
overrun overruns reverse reverses reversed reject rejects rejected fall falls fell slip slips slipped drop
drops dropped decline declines declined shrink shrinks shrank shelve shelves shelved stuck drag drags lapse
lapses lapsed close closes closed shut shuts ban bans banned withdraw withdraws withdrew protest protests
wound wounds wounded shoot shoots shot hijack hijacked hijacking stranded fail fails failed failure cut cuts
widens widened slump slumps slumped stop stops stopped freeze freezes froze frozen collapse collapses
collapsed threat threatens threatened deadlock sit hold-up setback setbacks concern concerns lags lag
sanction sanctions sanctioned postponement postponements cancellation cancellations
"""
# Verbs of talk: a headline led by one reports words, not a step ("restates", "urges", "plans").
_TALK = """
restate restates restated reaffirm reaffirms reaffirmed reiterate reiterates reiterated voice voices voiced
back backs backed call calls called urge urges urged pledge pledges pledged vow vows vowed condemn condemns
condemned demand demands demanded eye eyes eyed plan plans planned weigh weighs weighed seek seeks sought
invite invites invited press presses pressed draft drafts drafted hail hails hailed welcome welcomes welcomed
assure assures assured discuss discusses discussed review reviews reviewed propose proposes proposed mull mulls
consider considers considered hope hopes hoped expect expects expected want wants wanted stress stresses
stressed ask asks asked appeal appeals appealed praise praises praised dismiss dismisses dismissed warn warns
warned criticise criticises criticised criticize criticizes criticized
"""
# Words that make the step after them talk about the future, an intention or a step not taken.
_GOVERNORS = """
will would may might could should shall expected set plans plan planning seeks seek aims aim hopes hope
likely not no yet never mulls mulling eyes considers considering proposes proposed wants urges urge
calls call pledges pledge vows vow ready readiness poised
"""
PROGRESS_CUES = frozenset(_PROGRESS.split())
SETBACK_CUES = frozenset(_SETBACK.split())
TALK_CUES = frozenset(_TALK.split())
GOVERNORS = frozenset(_GOVERNORS.split())
# Each cue's signal; a word that is two kinds of cue reads as talk before setback before progress.
_SIGNAL_OF = {
    **dict.fromkeys(PROGRESS_CUES, Signal.PROGRESS),
    **dict.fromkeys(SETBACK_CUES, Signal.SETBACK),
    **dict.fromkeys(TALK_CUES, Signal.MENTION),
}
GOVERNOR_REACH = 3
"""How many words before a step a governor reaches; "to" reaches only the next word ("to sign")."""
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


@dataclass(frozen=True, slots=True)
class Reading:
    """The signal of an article and the cue that decided it ("" when nothing did)."""

    signal: Signal
    cue: str = ""

    def why(self) -> str:
        return f"signal: {self.signal.value} — '{self.cue}'" if self.cue else f"signal: {self.signal.value}"


def read_signal(title: str, summary: str) -> Reading:
    """Progress, setback or mention, with the cue, from the title or else the summary's first sentence."""
    for text in (title, lead_and_body(summary)[0]):
        reading = _read(text)
        if reading is not None:
            return reading
    return Reading(Signal.MENTION)


def _read(text: str) -> Reading | None:
    """The first cue of the text decides: a step, a step back, or talk (a governed step is talk)."""
    words = _WORD.findall(text.lower())
    cue = next(filter(_SIGNAL_OF.__contains__, words), None)  # the first cue, found in C
    if cue is None:
        return None
    signal = _SIGNAL_OF[cue]
    at = words.index(cue)
    if signal is Signal.PROGRESS and _governed(words, at):
        return Reading(Signal.MENTION, " ".join(words[max(0, at - 1) : at + 1]))
    return Reading(signal, cue)


def _governed(words: list[str], at: int) -> bool:
    before = words[max(0, at - GOVERNOR_REACH) : at]
    return bool(GOVERNORS & set(before)) or (at > 0 and words[at - 1] == "to")
