"""The currency a statement says its amounts are in, where it says so: a currency column ('Currency',
'Währung', 'Devise', 'Moneda', 'Valuta'), a code in a money column's header ('Amount (EUR)', 'Betrag EUR'),
or a € or £ sign in its amounts. FinTrack records amounts as written and never converts them, so the preview
warns when a statement is in another currency than the books (`mismatch`).
"""

from __future__ import annotations

import re

from fintrack.display import is_currency
from fintrack.importing.mapping import ColumnMapping
from fintrack.importing.reading import Table

CURRENCY_HEADERS = frozenset({"currency", "währung", "waehrung", "devise", "moneda", "divisa", "valuta"})
MONEY_ROLES = ("amount", "debit", "credit")
_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_SIGNS = {"€": "EUR", "£": "GBP"}
DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD", "BSD", "BBD", "BZD", "BMD",
                     "FJD", "JMD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "GYD", "KYD", "BND"})
DOLLAR = "$"  # a dollar of some country: not the books' currency only when the books are in no dollar at all


def stated_currencies(table: Table, mapping: ColumnMapping) -> frozenset[str]:
    """The ISO codes (or `DOLLAR`) the statement states for its amounts; empty when it states none."""
    found: set[str] = set()
    for index, name in enumerate(table.header):
        if name.strip().lower() in CURRENCY_HEADERS:
            found |= {value.strip().upper() for value in table.column(index) if is_currency(value.strip().upper())}
    for role in MONEY_ROLES:
        index = getattr(mapping, role)
        if index is None:
            continue
        found |= {code for code in _CODE.findall(table.header[index]) if is_currency(code)}
        values = " ".join(table.column(index))
        found |= {code for sign, code in _SIGNS.items() if sign in values}
        if DOLLAR in values:
            found.add(DOLLAR)
    return frozenset(found)


def mismatch(stated: frozenset[str], books_currency: str) -> str | None:
    """What to tell the owner when the statement states another currency than the books' (None when it
    states none, or the books')."""
    other = sorted(code for code in stated
                   if code != books_currency and not (code == DOLLAR and books_currency in DOLLARS))
    if not other:
        return None
    named = ", ".join("dollars" if code == DOLLAR else code for code in other)
    return (f"This statement's amounts are in {named}, but your books are kept in {books_currency}. FinTrack "
            f"records amounts as they are written and never converts them: import it only if the amounts are "
            f"meant as {books_currency}.")
