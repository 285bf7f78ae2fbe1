"""Parsing, rounding and formatting money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fintrack.money import AmountError, format_money, parse_amount, to_cents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42.50", "42.50"), ("42,50", "42.50"), ("12,5", "12.50"), ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"), ("1 234,56", "1234.56"), ("$1,000.00", "1000.00"), ("€12", "12.00"),
        ("12 EUR", "12.00"), ("1,234", "1234.00"), ("1.234.567", "1234567.00"), ("9999999999.99", "9999999999.99"),
        (" 7 ", "7.00"), (Decimal("3.1"), "3.10"), (5, "5.00"), ("1.234,50", "1234.50"), ("1,234.50", "1234.50"),
        ("12.50", "12.50"), ("€ 1 234,50", "1234.50"), ("1'234.50", "1234.50"), ("1,234,567.89", "1234567.89"),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [("-63,89", "-63.89"), ("(5.00)", "-5.00"), ("100-", "-100.00")])
def test_negative_amounts_when_allowed(text, expected):
    assert parse_amount(text, allow_negative=True) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "required"), ("abc", "not an amount"), ("12.345", "more than two decimals"),
        ("0,125", "more than two decimals"), ("1.200", "more than two decimals"), ("12.340", "more than two decimals"),
        ("-5", "positive"), ("10000000000", "larger than"),
        ("NaN", "not an amount"), ("Infinity", "not an amount"), ("nan", "not an amount"), ("inf", "not an amount"),
        ("12.5.2024", "not an amount"), ("1,5,0", "not an amount"), ("1,2.50", "not an amount"),
        ("1.23,45", "not an amount"), ("12 5", "not an amount"), ("1e3", "not an amount"), ("1E-2", "not an amount"),
        ("(5", "not an amount"), ("5)", "not an amount"), ("((5))", "not an amount"), ("(-5)", "not an amount"),
        ("-5-", "not an amount"),
    ],
)
def test_bad_amounts_say_why(text, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


def test_floats_are_refused():
    with pytest.raises(AmountError, match="not float"):
        parse_amount(0.1)


def test_rounding_is_half_up():
    assert to_cents("1.005") == Decimal("1.01")
    assert to_cents("2.675") == Decimal("2.68")
    assert to_cents("-1.005") == Decimal("-1.01")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [(Decimal("1234.5"), "EUR", "€1,234.50"), (-12, "USD", "-$12.00"), (3, "CHF", "CHF 3.00"),
     (None, "GBP", "£0.00"), (Decimal("1000000"), "JPY", "¥1,000,000.00")],
)
def test_format_money(amount, currency, expected):
    assert format_money(amount, currency) == expected
