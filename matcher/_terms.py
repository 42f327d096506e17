"""How the words of news and of a watchlist are brought to one comparable form.

News writes the same name many ways: "ML-1", "ML 1", "ML1"; "Gwadar's", "Gawadar"; "railways".
Rather than normalising every article word by word (slow, and most words are irrelevant), the
watchlist side is expanded once, at compile time, into every surface form it accepts. An
article is only cut into tokens joined by double spaces (`spaced`) and lower-cased, and one
Aho–Corasick automaton finds every surface form in it in one pass of C code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Letters and digits are separate tokens, so "ML1", "ML-1" and "ML 1" all become ("ml", "1");
# a possessive is consumed with its word, so "Gwadar's port" reads as "gwadar port".
_TOKEN = re.compile(r"([^\W\d_]+|\d+)(?:['’]s\b)?")
# The same tokens, for plain text, found by C string methods instead (see `spaced`): where no letter
# touches a digit, ASCII tokens are the runs of letters and digits, once the possessives are gone.
_LETTER_BY_DIGIT = re.compile(r"[0-9](?:[A-Za-z]|(?<=[A-Za-z][0-9]))")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z0-9])'s\b")
_LETTERS_AND_DIGITS_KEPT = bytes(byte if chr(byte).isalnum() and byte < 128 else ord(" ") for byte in range(256))
_VOWELS = "aeiou"
# Below this length a one-vowel change too easily turns one word into another ("port" → "part").
MIN_SPELLING_VARIANT_LENGTH = 5


def tokens(text: str) -> list[str]:
    """The lower-cased letter runs and digit runs of `text`, in order, possessives dropped."""
    return _TOKEN.findall(text.lower())


def spaced(text: str) -> str:
    """The text as its tokens, case kept, two spaces between and around them: "  ML  1  railway  ".

    Phrases are looked up in `spaced(text).lower()` and case-sensitive names ("China", "RISE") in
    `spaced(text)` itself: one tokenisation serves both. A key is its words between single spaces at
    the ends and double ones inside (`key`), so two keys found side by side never share a character
    and the automaton's leftmost-longest search can read "Karachi Circular Railway railway" as two.

    Most news is plain: ASCII, no letter run touching a digit run ("ML1"), no possessive after a
    possessive ("Gwadar's's"). Its tokens are found by `bytes.translate` and `split`, several times
    faster than `_TOKEN`, which reads all other text; both give the same tokens.
    """
    if not text.isascii() or "'s'" in text or _LETTER_BY_DIGIT.search(text):
        return f"  {'  '.join(_TOKEN.findall(text))}  "
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    return f"  {b'  '.join(text.encode().translate(_LETTERS_AND_DIGITS_KEPT).split()).decode()}  "


def key(words: Iterable[str]) -> str:
    """The automaton key of a sequence of tokens: " karachi  circular  railway "."""
    return f" {'  '.join(words)} "


def case_kept_key(name: str) -> str:
    """The key of a name matched as written ("China", "RISE")."""
    return key(_TOKEN.findall(name))


def stem(word: str) -> str:
    """A light plural stem, enough to make "railways" and "railway" one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase(text: str) -> tuple[str, ...]:
    """The canonical token sequence of a watchlist phrase (alias, keyword, exclude or context term)."""
    return tuple(stem(token) for token in tokens(text))


def squashed(canonical: tuple[str, ...]) -> tuple[str, ...]:
    """The phrase with adjacent letter tokens joined: "Main Line-1" also matches "Mainline 1"."""
    joined: list[str] = []
    for token in canonical:
        if joined and token.isalpha() and joined[-1].isalpha():
            joined[-1] += token
        else:
            joined.append(token)
    return tuple(joined)


def inflections(canonical: str) -> set[str]:
    """Surface forms an article may use for a canonical token: plural, and for longer words the
    verb and agent forms news writes ("export" → "exports", "exported", "exporting", "exporters")."""
    if not canonical.isalpha():
        return {canonical}
    forms = {canonical, canonical + "s", canonical + "es"}
    if canonical.endswith("y") and len(canonical) > 2 and canonical[-2] not in _VOWELS:
        forms.add(canonical[:-1] + "ies")
    if len(canonical) >= MIN_SPELLING_VARIANT_LENGTH:
        base = canonical[:-1] if canonical.endswith("e") else canonical
        forms.update(base + suffix for suffix in ("ed", "ing", "er", "ers"))
    return forms


def spelling_variants(word: str) -> set[str]:
    """One-vowel transliteration variants of a long name: a vowel added, dropped or changed.

    Names transliterated into English drift in exactly this way ("Gwadar"/"Gawadar",
    "Khunjerab"/"Khunjrab"), so aliases tolerate it; ordinary keywords do not.
    """
    if len(word) < MIN_SPELLING_VARIANT_LENGTH or not word.isalpha():
        return set()
    variants: set[str] = set()
    for i, char in enumerate(word):
        if char in _VOWELS:
            if 0 < i < len(word) - 1:
                variants.add(word[:i] + word[i + 1 :])
            variants.update(word[:i] + vowel + word[i + 1 :] for vowel in _VOWELS if vowel != char)
        elif i > 0 and word[i - 1] not in _VOWELS:
            variants.update(word[:i] + vowel + word[i:] for vowel in _VOWELS)
    variants.discard(word)
    return variants


def surface_forms(canonical: tuple[str, ...], name: bool) -> set[str]:
    """Every way an article may write a canonical phrase, as automaton keys (" karachi  circular  railway ").

    One word at a time may take another form — an inflection, or for a name's long words a
    one-vowel spelling variant — while the last word may also be inflected ("Gawadar ports"); a
    name may be written with its words run together ("mainline 1"). One word at a time keeps a
    three-word name to a few hundred forms instead of thousands.
    """
    *head, last = canonical
    endings = inflections(last)
    forms = {(*head, ending) for ending in endings}
    for position, word in enumerate(head):
        for other in inflections(word) | (spelling_variants(word) if name else set()):
            forms.update((*head[:position], other, *head[position + 1 :], ending) for ending in endings)
    if name:
        forms.update((*head, other) for other in spelling_variants(last))
        forms.add(squashed(canonical))
    return {key(form) for form in forms}
