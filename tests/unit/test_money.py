"""Parsing, rounding and formatting money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fintrack.money import AmountError, parse_amount, to_cents


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
        # more digits than Decimal's context holds: a message, not decimal.InvalidOperation
        ("123456789012345678901234567890", "larger than"), ("9" * 40 + ".5", "larger than"),
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
    ("text", "mark", "expected"),
    [("1.234,50", ",", "1234.50"), ("12,5", ",", "12.50"), ("1.234", ",", "1234.00"), ("1.200", ",", "1200.00"),
     ("12.5", ",", "12.50"),  # a point that cannot group thousands is a German owner's decimal point too
     ("1,234", ".", "1234.00"), ("12,5", ".", "12.50"), ("1’234.50", ".", "1234.50"), ("1'234.50", ".", "1234.50"),
     ("1 234,50", ",", "1234.50"), ("1,234.50", ",", "1234.50")],  # both marks: the last one is the decimal
)
def test_the_owners_decimal_mark_settles_a_single_mark(text, mark, expected):
    assert parse_amount(text, decimal_mark=mark) == Decimal(expected)


def test_a_decimal_comma_owners_three_decimals_are_refused_not_read_as_thousands():
    with pytest.raises(AmountError, match="more than two decimals"):
        parse_amount("1,234", decimal_mark=",")
    with pytest.raises(AmountError, match="more than two decimals"):
        parse_amount("1.200")  # without the owner's mark '1.200' stays ambiguous
