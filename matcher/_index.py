"""The watchlist compiled into one phrase index: what to look for, and what each find means.

Every alias, keyword, exclude phrase and party name becomes a canonical token sequence. All the
surface forms an article may use for its tokens (plurals; one-vowel spellings of long alias
words) are expanded here, once, into `vocab`, so reading an article costs one dict lookup per
token.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from matcher._context import derive_context
from matcher._evidence import Kind, Target
from matcher._targets import Key, build_targets
from matcher._terms import inflections, phrase, spelling_variants, tokens
from watchlist import Watchlist


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases to look for. One-token phrases are found with one set intersection; longer ones
    are checked only where their first two tokens occur (found with `list.index`, not a loop)."""

    vocab: dict[str, str]
    singles: frozenset[str]
    multi_by_first: dict[str, dict[str | None, tuple[Key, ...]]]
    targets: dict[Key, tuple[Target, ...]]
    kept: frozenset[Key]
    context_of: dict[Key, frozenset[int]]

    def find(self, text: str) -> set[Key]:
        """The indexed phrases that occur in `text`.

        A word inside a longer phrase is read as part of it: "railway" within "Karachi Circular
        Railway" is not also a railway keyword for another pledge, and "counter-terrorism" is one
        keyword, not also "counter" and "terrorism". Aliases and party names always count.
        """
        canon = list(map(self.vocab.get, tokens(text)))
        present = set(canon)
        found: set[Key] = {(token,) for token in self.singles & present if token is not None}
        spans = [span for first in self.multi_by_first.keys() & present for span in self._spans(canon, first)]
        if spans:
            found.update(key for _, _, key in spans)
            found -= self._explained(canon, spans)
        return found

    def _spans(self, canon: list[str | None], first: str) -> list[tuple[int, int, Key]]:
        spans: list[tuple[int, int, Key]] = []
        by_second = self.multi_by_first[first]
        last = len(canon) - 1
        at = canon.index(first)
        while True:
            if at < last and (candidates := by_second.get(canon[at + 1])):
                spans.extend((at, at + len(c), c) for c in candidates if tuple(canon[at : at + len(c)]) == c)
            try:
                at = canon.index(first, at + 1)
            except ValueError:
                return spans

    def _explained(self, canon: list[str | None], spans: list[tuple[int, int, Key]]) -> set[Key]:
        """Phrases every occurrence of which lies inside a longer phrase's occurrence."""
        covered: set[int] = set()
        for start, end, _ in spans:
            covered.update(range(start, end))
        seen_outside: set[Key] = {(t,) for at, t in enumerate(canon) if at not in covered and t is not None}
        for start, end, key in spans:
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans):
                seen_outside.add(key)
        inside: set[Key] = {(t,) for at in covered if (t := canon[at]) is not None}
        inside.update(key for _, _, key in spans)
        return {key for key in inside - seen_outside if key not in self.kept}


def _vocab(phrases: set[Key], alias_words: set[str]) -> dict[str, str]:
    """Surface form → canonical token; exact and plural forms win over spelling variants."""
    vocab: dict[str, str] = {}
    words = {word for key in phrases for word in key}
    for word in sorted(words):
        vocab[word] = word
    for word in sorted(words):
        for form in inflections(word):
            vocab.setdefault(form, word)
    for word in sorted(alias_words):
        for form in spelling_variants(word):
            vocab.setdefault(form, word)
    return vocab


def build_index(watchlist: Watchlist) -> PhraseIndex:
    context = derive_context(watchlist)
    context_of = {phrase(name): frozenset({number}) for number, group in enumerate(context.parties) for name in group}
    party_words = {word for key in context_of for word in key}
    every_party = frozenset(range(len(context.parties)))
    context_of.update((phrase(theme), every_party) for theme in context.themes)
    targets = build_targets(watchlist, party_words, set(context.themes))
    aliases = frozenset(key for key, found in targets.items() if any(t.kind is Kind.ALIAS for t in found))
    alias_words = {word for key in aliases for word in key}
    phrases = set(targets) | set(context_of)
    by_first: defaultdict[str, defaultdict[str | None, list[Key]]] = defaultdict(lambda: defaultdict(list))
    for key in phrases:
        if len(key) > 1:
            by_first[key[0]][key[1]].append(key)
    return PhraseIndex(
        vocab=_vocab(phrases, alias_words),
        singles=frozenset(key[0] for key in phrases if len(key) == 1),
        multi_by_first={
            first: {second: tuple(keys) for second, keys in seconds.items()} for first, seconds in by_first.items()
        },
        targets={key: tuple(found) for key, found in targets.items()},
        kept=aliases | frozenset(context_of),
        context_of=context_of,
    )
