"""Keyset cursors: an opaque string that round-trips and refuses what it did not write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack import paging
from fintrack.errors import ValidationError


@pytest.mark.parametrize("cursor", [
    paging.Cursor("date_desc", dt.date(2025, 3, 1), 42, "after"),
    paging.Cursor("amount_asc", Decimal("1234.50"), 7, "before"),
])
def test_a_cursor_round_trips_through_its_url_safe_string(cursor):
    token = cursor.encode()
    assert token.isascii() and not set(token) & set("+/=")
    assert paging.decode(token, sort=cursor.sort) == cursor


DAY = dt.date(2025, 3, 1)


@pytest.mark.parametrize(("token", "sort"), [
    ("", "date_desc"), ("x", "date_desc"), ("%%%", "date_desc"),
    (paging.Cursor("date_desc", DAY, 1).encode()[:-3], "date_desc"),  # cut short
    (paging.Cursor("amount_desc", Decimal("NaN"), 1).encode(), "amount_desc"),
    (paging.Cursor("date_desc", DAY, 1, "sideways").encode(), "date_desc"),  # type: ignore[arg-type]
    (paging.Cursor("date_desc", DAY, 1).encode(), "date_asc"),  # another sort's cursor
])
def test_anything_else_is_refused_as_a_validation_error(token, sort):
    with pytest.raises(ValidationError):
        paging.decode(token, sort=sort)
