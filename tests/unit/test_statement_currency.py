"""The currency each real statement states for its amounts, and the warning when it is not the books'."""

from __future__ import annotations

import pytest

from fintrack.importing.currency import DOLLAR, mismatch, stated_currencies
from fintrack.importing.guess import guess_mapping
from fintrack.importing.reading import read_table
from tests.statements import STATEMENTS_DIR

STATED = {
    "n26-fr.csv": {"EUR"},  # 'Amount (EUR)'
    "gls.csv": {"EUR"},  # a 'Währung' column
    "outbank.csv": {"EUR"},  # a 'Currency' column
    "stripe-default.csv": {"CAD"},  # 'cad' in its 'currency' column
    "schwab-checking.csv": {DOLLAR},  # '$20.00'
    "capitalone.csv": set(), "mint.csv": set(), "ingesp.csv": set(),
}


@pytest.mark.parametrize(("name", "stated"), STATED.items())
def test_each_statement_states_its_currency_or_none(name, stated):
    table = read_table((STATEMENTS_DIR / name).read_bytes(), name)
    assert stated_currencies(table, guess_mapping(table)) == stated


@pytest.mark.parametrize(("stated", "books", "warned"), [
    ({"EUR"}, "EUR", None), ({"EUR"}, "USD", "EUR"), (set(), "USD", None),
    ({DOLLAR}, "USD", None), ({DOLLAR}, "CAD", None), ({DOLLAR}, "EUR", "dollars"),
    ({"EUR", "GBP"}, "EUR", "GBP"),
])
def test_a_warning_names_the_statements_currency_and_the_books(stated, books, warned):
    message = mismatch(frozenset(stated), books)
    if warned is None:
        assert message is None
    else:
        assert f"amounts are in {warned}, but your books are kept in {books}" in message
        assert "never converts" in message
