"""Typos in the words that decide an entry's date and kind: 'yesterdy', 'wednsday', 'recived', 'expnese'.

Only those words are mended, never a name or a word the parser knows: a word of five letters or more, in
lower case (or opening the sentence), one letter away (one missing, extra, wrong or two swapped) from exactly
one of them. A misspelt category word is left alone: at worst the entry lands in Other, where the owner sees it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

# The words whose misspelling would date an entry wrongly (today instead of yesterday) or flip its kind.
_MENDED = frozenset((
    "yesterday today tonight tomorrow morning weeks "
    "received receive income expense expenses payment refund refunded invoice invoiced payout deposit "
    "deposited interest earned bought spent purchased takings transfer"
).split() + [name.lower() for name in (*calendar.day_name, *calendar.month_name) if name])
_WORD = re.compile(r"\b[^\W\d_]{5,}\b")


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1:] for index in range(len(word))}


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Each one-letter deletion of a word, to the words it comes from."""
    index: dict[str, set[str]] = {}
    for word in _MENDED:
        for variant in _deletions(word):
            index.setdefault(variant, set()).add(word)
    return {variant: frozenset(words) for variant, words in index.items()}


def _meant(word: str) -> str | None:
    """The one word `word` misspells, the closest kind of slip first: a letter missing ('yesterdy'), then one
    too many ('yesterdday'), then one wrong or two swapped ('thrusday') in a word of six letters or more (a
    'match' is no March); None when two words fit as well."""
    index, deletions = _index(), _deletions(word)
    swapped = {meant for variant in deletions for meant in index.get(variant, ())} if len(word) > 5 else set()
    for found in (index.get(word, frozenset()), deletions & _MENDED, swapped):
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None


def mended(text: str, keep: Callable[[str], bool], known: Iterable[str] = ()) -> str:
    """`text` with the typos in date and kind words mended; `keep(word)` says a word is a name to leave as
    written, and `known` holds the words the parser reads as they are (categories, fillers)."""
    known = frozenset(known)

    def mend(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in _MENDED or lower in known or lower.rstrip("s") in known or keep(word):
            return word
        if word != lower and match.start() != 0:  # a capital inside the sentence writes a name
            return word
        meant = _meant(lower)
        return (meant.capitalize() if word[0].isupper() else meant) if meant else word

    return _WORD.sub(mend, text)
