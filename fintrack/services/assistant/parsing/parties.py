"""Who the entry is with: the vendor of an expense or the client of an income.

In order of trust: a name the owner has used before (vendor or client history, found in any case and
position), the payer in 'Globex paid 2,400', a name after 'at' or 'from' (or after 'to', 'with', 'by' when it
is written as a name), then a proper name standing anywhere ('Spotify 11.99', 'Hetzner server 39').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from fintrack.services.assistant.parsing.lexicon import COMPANY_SUFFIXES, FILLER
from fintrack.services.assistant.parsing.text import cut, tidy

_PARTY_STOP = (r"(?=\s+(?:for|on|in|by|with|using|via|paid|yesterday|today|last|this|ago|as|category|"
               r"and|since|until|till|between|during|under|came|went|arrived|cleared)\b|\s*[,.;!?]|\s*$)")
_PARTY = re.compile(rf"\b(?P<word>at|from|to|with|by)\s+(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){{0,4}}?){_PARTY_STOP}",
                    re.I)
_NAME = r"(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){0,4}?)"
PAID_ME_QUESTION = re.compile(rf"\b(?:did|has|have|does)\s+{_NAME}\s+(?:paid|pay)(?:\s+(?:me|us))?\b", re.I)
_LOWER_NOT_PARTY = {"the", "my", "a", "an", "our", "me", "us", "it", "them", "date", "category", "categories",
                    "month", "months", "client", "customer", "vendor", "supplier", "work", "home", "office",
                    "bank", "landlord", "council", "savings", "account",
                    "expenses", "expense", "costs", "cost", "income", "incomes"}
_ROLE_WORDS = re.compile(r"^(?:client|customer|vendor|supplier|shop|store)\s+", re.I)
_NOT_PAYERS = {"i", "we", "you", "they", "he", "she", "someone", "anyone", "who"}
_PAID_TO = re.compile(r"\b(?:paid|pay|sent|transferred|sold|invoiced?|refund(?:ed)?|gave|owed?)\b", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w&'’.-]*|[a-z]+[A-Z][\w]*)$")  # Spotify, IKEA, Q-Park, eBay, 3M


def named(party: str) -> str | None:
    """The party as named: 'The Ivy' keeps its 'The'; 'the Bank of Ireland' is 'Bank of Ireland';
    'Hooli invoice' is 'Hooli'; 'the bank', 'my landlord', 'costs' name nobody."""
    words = _ROLE_WORDS.sub("", party.strip(" .,'")).split()
    while len(words) > 1 and words[-1].lower() in FILLER:
        words.pop()
    if not words:
        return None
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].isupper():
        return " ".join(words if words[0] == "The" else words[1:])
    if words[0].lower() in _LOWER_NOT_PARTY or (len(words) == 1 and words[0] in FILLER):  # 'from X' names X
        return None
    return " ".join(words)


def _looks_named(party: str) -> bool:
    return party[:1].isupper() or party[:1].isdigit()


def after_preposition(text: str, known: NameIndex) -> tuple[str | None, str]:
    """(vendor or client after 'at'/'from' — or after 'with'/'by' when written as a name or known, or after
    'to' when money went to them ('paid 120 to Bob', not 'train to London') — text without it)."""
    paid_to = _PAID_TO.search(text) is not None
    for match in _PARTY.finditer(text):
        party = named(match.group("party"))
        word = match.group("word").lower()
        loose = word in ("with", "by") or (word == "to" and paid_to)
        if party and (word in ("at", "from") or (loose and (_looks_named(party) or known.kinds(party)))):
            return party, cut(text, match)
    return None, text


def payer(text: str, pattern: re.Pattern) -> tuple[str | None, str]:
    """(who paid, text without them) in 'Acme paid me 1500' or 'how much did Acme pay us'."""
    match = pattern.search(text)
    found = named(match.group("party")) if match else None
    if not found or found.lower() in _NOT_PAYERS:
        return None, text
    return found, text[: match.start("party")] + text[match.end("party"):]


class NameIndex:
    """Known names (an owner's vendors and clients, or well-known vendors) with their kinds, found in a text
    in one pass over its words whatever their number: each run of up to N words is looked up, the longest
    run first. Build it with `name_index`, which keeps the last few built."""

    def __init__(self, kinds: Mapping[str, Iterable[str]]) -> None:
        self._names: dict[str, str] = {}
        self._kinds: dict[str, set[str]] = {}
        for kind, names in kinds.items():
            for name in names:
                key = _key(name)
                if len(key) > 1:
                    self._names.setdefault(key, name)
                    self._kinds.setdefault(key, set()).add(kind)
        self._longest = max((key.count(" ") + 1 for key in self._names), default=0)

    def kinds(self, name: str) -> set[str]:
        """The kinds ('expense', 'income') under which `name` is known; empty when it is not."""
        return self._kinds.get(_key(name), set())

    def find(self, text: str, *, as_written: bool = False) -> tuple[str | None, str]:
        """(a known name — as first given, or `as_written` in the text — text without it)."""
        found = list(_WORD.finditer(text))
        for size in range(min(self._longest, len(found)), 0, -1):
            for first in range(len(found) - size + 1):
                run = found[first:first + size]
                name = self._names.get(_key(" ".join(match.group(0) for match in run)))
                if name:
                    start, end = run[0].start(), run[-1].start() + len(run[-1].group(0).rstrip(_TRAILING))
                    return (text[start:end] if as_written else name), tidy(text[:start] + " " + text[end:])
        return None, text


@lru_cache(maxsize=16)
def _cached_index(kinds: tuple[tuple[str, tuple[str, ...]], ...]) -> NameIndex:
    return NameIndex(dict(kinds))


def name_index(kinds: Mapping[str, Sequence[str]]) -> NameIndex:
    """The index of these names, built once for the same names (an owner asking question after question)."""
    return _cached_index(tuple((kind, tuple(names)) for kind, names in kinds.items()))


_WORD = re.compile(r"[\w&'’.-]+")
_TRAILING = ".'’-"
_TRAILING_MARKS = re.compile(r"[.'’-]+(?=\s|$)")


def _key(name: str) -> str:
    """'Acme Inc.' and 'acme  inc' alike: case folded, single spaces, no marks ending a word."""
    return _TRAILING_MARKS.sub("", " ".join(name.casefold().split()))


def proper_name(words: list[str], lexicon: set[str]) -> tuple[str | None, list[str]]:
    """(the first run of words written as a name, the other words): 'Hetzner' in 'Hetzner server',
    'Blue Bottle' in 'coffee Blue Bottle'. A word the parser knows is no name (so 'Parking 6,50' names
    nobody)."""

    def is_name(word: str) -> bool:
        counted = re.fullmatch(r"\d[\d.,]*x?|x\d+", word, re.I) is not None  # '2x', 'x3', '12', '2.5'
        return bool(_NAME_WORD.match(word)) and not counted and word.lower() not in FILLER | lexicon

    def starts_name(index: int) -> bool:
        """A place ('to London', 'in Paris') or a capitalised first verb ('Picked up ...') is no vendor."""
        after_place_word = index > 0 and words[index - 1].lower() in ("to", "in", "into")
        first_verb = index == 0 and words[0].lower().endswith("ed")
        return is_name(words[index]) and not after_place_word and not first_verb

    def continues_name(index: int) -> bool:
        """A capitalised word the parser knows inside a company's name: 'Design' in 'Nordic Design AB'."""
        following = words[index + 1] if index + 1 < len(words) else ""
        return words[index][:1].isupper() and (is_name(following) or following.lower() in COMPANY_SUFFIXES)

    start = next((index for index in range(len(words)) if starts_name(index)), None)
    if start is None:
        return None, words
    end = start + 1
    while end < len(words):
        if is_name(words[end]) or words[end].lower() in COMPANY_SUFFIXES or continues_name(end):
            end += 1
        elif words[end] == "&" and end + 1 < len(words) and is_name(words[end + 1]):  # 'Marks & Spencer'
            end += 2
        else:
            break
    if start > 0 and words[start - 1] == "The":  # 'The Ivy', written so
        start -= 1
    return " ".join(words[start:end]), words[:start] + words[end:]
