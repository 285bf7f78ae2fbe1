"""A date range as the whole months the rollups answer and the days read from the entries."""

from __future__ import annotations

import datetime as dt

import pytest

from fintrack.repository.rollups import Span, split

D = dt.date


@pytest.mark.parametrize(("start", "end", "span"), [
    (D(2026, 1, 1), D(2026, 3, 31), Span((D(2026, 1, 1), D(2026, 3, 1)), ())),
    (D(2026, 1, 15), D(2026, 3, 10), Span((D(2026, 2, 1), D(2026, 2, 1)),
                                          ((D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 10))))),
    (D(2025, 4, 6), D(2026, 4, 5), Span((D(2025, 5, 1), D(2026, 3, 1)),
                                        ((D(2025, 4, 6), D(2025, 4, 30)), (D(2026, 4, 1), D(2026, 4, 5))))),
    (D(2024, 2, 1), D(2024, 2, 29), Span((D(2024, 2, 1), D(2024, 2, 1)), ())),  # a leap February is whole
    (D(2024, 2, 1), D(2024, 2, 28), Span(None, ((D(2024, 2, 1), D(2024, 2, 28)),))),
    (D(2026, 1, 10), D(2026, 1, 20), Span(None, ((D(2026, 1, 10), D(2026, 1, 20)),))),
    (D(2026, 1, 31), D(2026, 2, 1), Span(None, ((D(2026, 1, 31), D(2026, 2, 1)),))),
    (D(2026, 1, 2), D(2026, 2, 27), Span(None, ((D(2026, 1, 2), D(2026, 2, 27)),))),
    (D(1, 1, 1), D(9999, 12, 31), Span((D(1, 1, 1), D(9999, 12, 1)), ())),
    (D(9999, 12, 2), D(9999, 12, 31), Span(None, ((D(9999, 12, 2), D(9999, 12, 31)),))),
])
def test_whole_months_and_the_days_around_them(start, end, span):
    assert split(start, end) == span
