"""The two kinds of entry, expense and income, and everything that differs between them.

Both kinds share one shape (date, category, party, payment method, amount, notes). What differs is where
they are stored, which column holds the party (an expense's vendor, an income's client) and the owner's
words for them. Code that needs any of these asks the kind (`kinds.of(kind).party_label`) instead of
spelling them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntryKind = Literal["expense", "income"]


@dataclass(frozen=True)
class Kind:
    """One kind of entry."""

    name: EntryKind  # what forms, filters, services and the assistant pass around
    table: str  # the table that stores entries of this kind
    party: str  # that table's column for the other side: "vendor" or "client"
    party_label: str  # the owner's word for the party: "Vendor" or "Client"
    singular: str  # in a sentence: "Added expense #12"
    plural: str  # in a sentence: "12 expenses matching"

    @property
    def heading(self) -> str:
        """The kind as a title: "Expenses" (a worksheet, the ledger's switch)."""
        return self.plural.capitalize()


EXPENSE = Kind("expense", table="expenses", party="vendor", party_label="Vendor", singular="expense",
               plural="expenses")
INCOME = Kind("income", table="incomes", party="client", party_label="Client", singular="income",
              plural="incomes")
KINDS: tuple[Kind, ...] = (EXPENSE, INCOME)
ENTRY_KINDS: tuple[EntryKind, ...] = tuple(kind.name for kind in KINDS)
_BY_NAME = {kind.name: kind for kind in KINDS}


def of(name: str) -> Kind:
    """The kind called `name` ("expense" or "income"); any other name is a `KeyError` (a programming error:
    input from outside is checked by the schemas first)."""
    return _BY_NAME[name]
