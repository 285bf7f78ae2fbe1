"""EntryFilter.narrowing: the one answer to "is the view filtered, and by what?"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fintrack.filters import EntryFilter


def test_an_empty_filter_narrows_nothing_whatever_the_kind_and_sort():
    assert EntryFilter(kind="income", sort="amount_asc").narrowing() == {}
    assert EntryFilter(party_contains="", categories=(), added_by_assistant=False).narrowing() == {}


def test_every_given_filter_is_listed_by_name():
    filters = EntryFilter(date_from=dt.date(2026, 1, 1), categories=("Rent",), text="invoice",
                          added_by_assistant=True)
    assert filters.narrowing() == {"date_from": dt.date(2026, 1, 1), "categories": ("Rent",), "text": "invoice",
                                   "added_by_assistant": True}


def test_an_amount_of_zero_is_a_real_bound():
    assert EntryFilter(amount_min=Decimal("0")).narrowing() == {"amount_min": Decimal("0")}
