"""Who the entry is with: the vendor of an expense or the client of an income.

In order of trust: a name the owner has used before (vendor or client history, found in any case and
position), the payer in 'Globex paid 2,400', a name after 'at' or 'from' (or after 'to', 'with', 'by' when it
is written as a name), then a proper name standing anywhere ('Spotify 11.99', 'Hetzner server 39').
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fintrack.services.assistant.parsing.lexicon import FILLER
from fintrack.services.assistant.parsing.text import cut

_PARTY_STOP = (r"(?=\s+(?:for|on|in|by|with|using|via|paid|yesterday|today|last|this|ago|as|category|"
               r"and|since|until|till|between|during|under)\b|\s*[,.;!?]|\s*$)")
_PARTY = re.compile(rf"\b(?P<word>at|from|to|with|by)\s+(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){{0,4}}?){_PARTY_STOP}",
                    re.I)
_NAME = r"(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){0,4}?)"
PAID_ME_QUESTION = re.compile(rf"\b(?:did|has|have|does)\s+{_NAME}\s+(?:paid|pay)(?:\s+(?:me|us))?\b", re.I)
_LOWER_NOT_PARTY = {"the", "my", "a", "an", "our", "me", "us", "it", "them", "date", "category", "categories",
                    "month", "months", "client", "customer", "vendor", "supplier", "work", "home", "office",
                    "expenses", "expense", "costs", "cost", "income", "incomes"}
_ROLE_WORDS = re.compile(r"^(?:client|customer|vendor|supplier|shop|store)\s+", re.I)
_NOT_PAYERS = {"i", "we", "you", "they", "he", "she", "someone", "anyone", "who"}
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w&'’.-]*|[a-z]+[A-Z][\w]*)$")  # Spotify, IKEA, Q-Park, eBay, 3M


def named(party: str) -> str | None:
    """The party as named: 'The Ivy' keeps its 'The'; 'the Bank of Ireland' is 'Bank of Ireland';
    'the bank', 'my landlord', 'costs' name nobody."""
    words = _ROLE_WORDS.sub("", party.strip(" .,'")).split()
    if not words:
        return None
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].isupper():
        return " ".join(words if words[0] == "The" else words[1:])
    if words[0].lower() in _LOWER_NOT_PARTY or (len(words) == 1 and words[0].lower() in FILLER):
        return None
    return " ".join(words)


def _looks_named(party: str) -> bool:
    return party[:1].isupper() or party[:1].isdigit()


def after_preposition(text: str, known: Iterable[str] = ()) -> tuple[str | None, str]:
    """(vendor or client after 'at'/'from' — or after 'to'/'with'/'by' when written as a name — text
    without it)."""
    lowered = {name.casefold() for name in known}
    for match in _PARTY.finditer(text):
        party = named(match.group("party"))
        loose = match.group("word").lower() in ("to", "with", "by")
        if party and (not loose or _looks_named(party) or party.casefold() in lowered):
            return party, cut(text, match)
    return None, text


def payer(text: str, pattern: re.Pattern) -> tuple[str | None, str]:
    """(who paid, text without them) in 'Acme paid me 1500' or 'how much did Acme pay us'."""
    match = pattern.search(text)
    found = named(match.group("party")) if match else None
    if not found or found.lower() in _NOT_PAYERS:
        return None, text
    return found, text[: match.start("party")] + text[match.end("party"):]


def known_in(text: str, names: Iterable[str], *, as_written: bool = False) -> tuple[str | None, str]:
    """(a known name — as the owner spelled it, or `as_written` in the text — text without it), the
    longest such name first."""
    for name in sorted(names, key=len, reverse=True):
        match = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.I)
        if match and len(name) > 1:
            return (match.group(0) if as_written else name), cut(text, match)
    return None, text


def proper_name(words: list[str], lexicon: set[str]) -> tuple[str | None, list[str]]:
    """(the first run of words written as a name, the other words): 'Hetzner' in 'Hetzner server',
    'Blue Bottle' in 'coffee Blue Bottle'. A word the parser knows is no name (so 'Parking 6,50' names
    nobody)."""

    def is_name(word: str) -> bool:
        return bool(_NAME_WORD.match(word)) and not word.isdigit() and word.lower() not in FILLER | lexicon

    start = next((index for index, word in enumerate(words) if is_name(word)), None)
    if start is None:
        return None, words
    end = start + 1
    while end < len(words) and is_name(words[end]):
        end += 1
    return " ".join(words[start:end]), words[:start] + words[end:]
