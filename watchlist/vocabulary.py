"""Which names are also everyday words: a name like that cannot identify a pledge on its own.

"RISE", "TRUST" or "COMPACT" name programmes in a joint statement, but "Copper prices rise" is
not about them. Word frequencies come from `wordfreq` (a maintained multi-source frequency list);
a word at or above `EVERYDAY_ZIPF` (about once per 100,000 words of English) is everyday. Short
acronyms (three letters or fewer) are ambiguous whatever their frequency ("ICT", "STA").
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

EVERYDAY_ZIPF = 3.0
SHORT_ACRONYM = 3
_ONE_WORD = re.compile(r"^[^\W\d_]+$")


@lru_cache(maxsize=4096)
def everyday_word(word: str) -> bool:
    """True for a word English text uses often ("rise", "compact"), whatever its case."""
    return zipf_frequency(word.lower(), "en") >= EVERYDAY_ZIPF


def guarded_name(name: str) -> bool:
    """A one-word name that must be matched as written and corroborated: an everyday word or a short acronym.

    A capitalised proper name ("Gwadar", "Kashmir") is not guarded: word counts cannot tell a famous
    name from an everyday word, and its capital letter is already its guard.
    """
    if not _ONE_WORD.match(name):
        return False
    if name.isupper():
        return len(name) <= SHORT_ACRONYM or everyday_word(name)
    return name.islower()
