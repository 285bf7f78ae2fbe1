"""Statement rows against the books: which are already recorded, and which category fits each party.

A duplicate is an entry of the same kind, date, amount and party (case and spacing ignored). Counting
matters: two identical rows in one statement are two real transactions, so if the books hold that entry
once, only one of the two rows is a duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from fintrack.importing.rows import StatementRow
from fintrack.money import to_cents

Key = tuple[str, dt.date, Decimal, str]


def party_key(party: str | None) -> str:
    """How parties are compared: case and runs of spaces ignored, no party equal to an empty one."""
    return " ".join((party or "").split()).casefold()


def entry_key(kind: str, date: dt.date, amount: Decimal, party: str | None) -> Key:
    return kind, date, to_cents(amount), party_key(party)


def flag_duplicates(rows: Sequence[StatementRow], existing: Iterable[Key]) -> list[bool]:
    """For each row, whether it matches an entry already in the books; each entry matches one row only."""
    available = Counter(existing)
    flags = []
    for row in rows:
        key = entry_key(row.kind, row.date, row.amount, row.party)
        flags.append(available[key] > 0)
        if available[key] > 0:
            available[key] -= 1
    return flags


def usual_categories(counts: Iterable[tuple[str, str | None, str, int]]) -> dict[tuple[str, str], str]:
    """(kind, party key) -> the category the owner used most for that party, from (kind, party, category,
    entries) rows. Ties go to the category listed first."""
    totals: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for kind, party, category, entries in counts:
        totals[kind, party_key(party)][category] += entries
    return {key: counter.most_common(1)[0][0] for key, counter in totals.items() if key[1]}
