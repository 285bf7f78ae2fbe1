"""What is left of a sentence once amounts, dates, methods, parties and cues are recognised: its words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from fintrack.services.assistant.parsing.lexicon import CATEGORY_SYNONYMS, COMPANY_SUFFIXES, FILLER

_EDGES = " ,.;:!?()[]\"'“”‘’*"
SYNONYM_WORDS = frozenset(word for groups in CATEGORY_SYNONYMS.values() for words, _ in groups
                          for alternative in words.split("|") if "\\" not in alternative
                          for written in (alternative.replace("s?", ""), alternative.replace("?", ""))
                          for word in re.findall(r"[a-z]+", written))


def tokens(text: str) -> list[str]:
    """The words of `text`, without the punctuation around them."""
    return [word for word in (raw.strip(_EDGES) for raw in text.split()) if word]


def category_words(categories: Iterable[str]) -> frozenset[str]:
    """Every word the parser reads as a category: the owner's category names and the synonyms."""
    return SYNONYM_WORDS | {word.lower() for name in categories for word in re.findall(r"\w+", name)}


def content(words: list[str]) -> list[str]:
    """The words that say something: no filler, no lone '&' or '-'."""
    return [word for word in words
            if word.lower() not in FILLER and word.lower() not in COMPANY_SUFFIXES and re.search(r"\w", word)]


def note_of(words: list[str], known: frozenset[str]) -> str | None:
    """The description worth keeping ('coffee beans', '3 coffees'): the content words, when at least one of
    them is more than a category word ('parking' alone says nothing the category does not)."""
    kept = content(words)
    if not any(word.lower().rstrip("s") not in known and word.lower() not in known for word in kept):
        return None
    return " ".join(kept)
