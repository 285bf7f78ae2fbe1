"""What the offline parser knows and returns: the owner's books as it sees them (`Books`) and its reading of
one sentence (`Parsed`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from fintrack.services.assistant.parsing import dates, lexicon, parties, periods, recognise, words

PartyLookup = Callable[[str, str], str | None]
WELL_KNOWN = parties.NameIndex({"expense": lexicon.KNOWN_VENDORS, "income": lexicon.KNOWN_PAYERS})
ROLE = {"income": "client", "expense": "vendor"}
_WELL_KNOWN_CATEGORY = {name.casefold(): category for name, category in lexicon.KNOWN_VENDORS.items()}


@dataclass(frozen=True)
class Parsed:
    """What the sentence asks for. Fields not relevant to `action` stay None.

    `doubt` names a field the parser is unsure of ("kind", "party"); `confidence` (0-1) and `why` say how
    it decided, for the answer and for people reading the tests.
    """

    action: str
    kind: str | None = None
    amount: Decimal | None = None
    date: dt.date | None = None
    party: str | None = None
    category: str | None = None
    payment_method: str | None = None
    period: str | None = None
    reason: str | None = None
    notes: str | None = None
    doubt: str | None = None
    confidence: float = 1.0
    why: str = ""

    @classmethod
    def refused(cls, reason: str, why: str) -> Parsed:
        """A refusal with the reason the owner reads."""
        return cls("refuse", reason=reason, why=why)


@dataclass(frozen=True)
class Books:
    """What the parser knows of the owner: categories and known vendors/clients by kind, vendor history."""

    categories: Mapping[str, Sequence[str]]
    category_for_party: PartyLookup | None = None
    parties: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def owned(self, kind: str) -> list[str]:
        return list(self.categories.get(kind, ()))

    @cached_property
    def known(self) -> parties.NameIndex:
        """The owner's vendors and clients, to find in a sentence."""
        return parties.name_index(self.parties)

    def kind_of_party(self, party: str | None, *, well_known: bool = True) -> str | None:
        """'income' for a name known only as a client, 'expense' only as a vendor (or, `well_known`, a
        well-known vendor)."""
        if not party:
            return None
        found = self.known.kinds(party) or (WELL_KNOWN.kinds(party) if well_known else set())
        return next(iter(found)) if len(found) == 1 else None

    def spelled_name(self, name: str) -> str:
        """A vendor or client written in lower case as the books (or the well-known names) spell it ('shell'
        is 'Shell'); a name the owner wrote with capitals ('Ikea') stays as written."""
        if name != name.lower():
            return name
        for index in (self.known, WELL_KNOWN):
            found, rest = index.find(name)
            if found and not rest:
                return found
        return name

    def history(self, kind: str, party: str | None) -> str | None:
        """The category the owner used most for that vendor or client."""
        return self.category_for_party(kind, party) if party and self.category_for_party else None

    def well_known_category(self, kind: str, party: str | None) -> str | None:
        """The category most owners book a well-known vendor under ('Hetzner' is Software)."""
        known = _WELL_KNOWN_CATEGORY.get(party.casefold()) if party and kind == "expense" else None
        return recognise.spelled(known, self.owned(kind)) if known else None

    @cached_property
    def lexicon(self) -> frozenset[str]:
        """Words that are never a name: category words, months, weekdays, question words."""
        return words.category_words(self.owned("expense") + self.owned("income")) | _NOT_NAMES

    def category_kind(self, text: str) -> str | None:
        """The kind whose categories (or their words) the text names, when only one kind's are named."""
        named = {kind for kind in ("expense", "income")
                 if recognise.owned_category(text, [c for c in self.owned(kind) if c.casefold() != "other"])
                 or [found for found in recognise.synonyms(text, kind)
                     if not recognise.is_weak(text[found.start:found.end])]}
        return named.pop() if len(named) == 1 else None

    def first_name(self, text: str) -> str | None:
        """A word written as a name that is no period word ('H1', 'Q3' are periods, asked about elsewhere)."""
        candidates = [word for word in words.tokens(text) if not periods.PERIOD_WORDS.fullmatch(word)]
        return parties.proper_name(candidates, self.lexicon)[0]


_NOT_NAMES = frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS) | frozenset(
    "how what which who show list top total tell give much many profit net biggest largest where when find "
    "search spending revenue sum breakdown my hi hello thanks ok okay".split())
