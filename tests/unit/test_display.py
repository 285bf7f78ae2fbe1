"""The owner's formats from CLDR: money, numbers, dates, currencies and the locale an owner starts with."""

import datetime as dt
from decimal import Decimal

import pytest

from fintrack import display
from fintrack.display import Formats

NBSP = "\u00a0"
DAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(("locale", "currency", "positive", "negative", "date"), [
    ("de_DE", "EUR", f"1.234,50{NBSP}€", f"-722,56{NBSP}€", "05.12.2026"),
    ("de_CH", "CHF", f"CHF{NBSP}1'234.50", "CHF-722.56", "05.12.2026"),
    ("ja_JP", "JPY", "￥1,235", "-￥723", "2026/12/05"),  # no decimals for yen, half-up
    ("en_US", "USD", "$1,234.50", "-$722.56", "Dec 5, 2026"),
])
def test_money_and_dates_in_four_locales(locale, currency, positive, negative, date):
    formats = Formats(locale, currency)
    assert formats.money(Decimal("1234.50")) == positive
    assert formats.money(Decimal("-722.56")) == negative
    assert formats.date(DAY) == date


def test_a_symbol_ending_in_a_letter_never_touches_the_digits_and_negatives_are_written_one_way():
    assert Formats("en_US", "UYU").money(Decimal("1234.50")) == f"UYU{NBSP}1,234.50"
    assert Formats("es_UY", "UYU").money(Decimal("-1234.50")) == f"-${NBSP}1.234,50"
    assert Formats("en_US", "CAD").money(Decimal("5")) == "CA$5.00"
    assert Formats("en_IE", "EUR").money(Decimal("-1000")) == "-€1,000.00"


def test_numbers_for_forms_changes_and_percentages():
    german = Formats("de_DE", "EUR")
    assert (german.number(Decimal("1234.50")), german.number(Decimal("1234.50"), grouped=False)) == \
        ("1.234,50", "1234,50")
    assert german.signed_money(Decimal("10")) == f"+10,00{NBSP}€"
    assert german.percent(Decimal("0.125")) == f"12,5{NBSP}%"
    assert (german.count(1234567), Formats("de_CH", "CHF").count(1234)) == ("1.234.567", "1'234")
    assert Formats("ja_JP", "JPY").number(Decimal("1235.00")) == "1,235"
    assert Formats("ja_JP", "JPY").number(Decimal("12.50")) == "12.50"  # cents in the books stay visible
    assert (german.decimal_mark, Formats("de_CH", "CHF").decimal_mark) == (",", ".")


def test_months_and_date_formats_for_pickers_and_spreadsheets():
    assert [Formats(name, "EUR").month("2026-03") for name in ("de_DE", "en_US", "ja_JP")] == \
        ["März 2026", "Mar 2026", "2026年3月"]
    assert Formats("en_IE", "EUR").month("2026-03", long=True) == "March 2026"
    assert [Formats(name, "EUR").picker_date_format() for name in ("de_DE", "en_US", "ja_JP", "nl_NL")] == \
        ["DD.MM.YYYY", "MM/DD/YYYY", "YYYY/MM/DD", "DD-MM-YYYY"]
    assert Formats("en_US", "USD").excel_date_format() == "mm/dd/yyyy"


def test_excel_money_formats_follow_the_locales_pattern_and_the_currencys_digits():
    assert Formats("de_DE", "EUR").excel_money_format() == f'#,##0.00"{NBSP}€";"-"#,##0.00"{NBSP}€"'
    assert Formats("de_CH", "CHF").excel_money_format() == f'"CHF{NBSP}"#,##0.00;"CHF-"#,##0.00'
    assert Formats("ja_JP", "JPY").excel_money_format() == '"￥"#,##0;"-￥"#,##0'


def test_the_currency_list_is_cldrs_currencies_in_circulation():
    codes = display.currency_choices()
    assert "XCG" in codes and "EUR" in codes and "ZWG" in codes
    assert "ANG" not in codes and "HRK" not in codes and "DEM" not in codes  # replaced by XCG, EUR, EUR
    assert display.currency_label("XCG") == "XCG — Caribbean guilder"


@pytest.mark.parametrize(("currency", "language", "expected"), [
    ("CHF", None, "de_CH"), ("JPY", None, "ja_JP"), ("USD", None, "en_US"), ("GBP", None, "en_GB"),
    ("EUR", None, "en_IE"),  # shared by many countries: English, like the screens
    ("EUR", "de-DE", "de_DE"), ("EUR", "de", "de_DE"), ("EUR", "de-AT", "de_AT"), ("CHF", "fr", "fr_CH"),
    ("CHF", "de", "de_CH"), ("EUR", "en", "en_IE"), ("XCG", None, "en_SX"), ("EUR", "xx", "en_IE"),
    ("USD", "de-DE", "de_DE"), ("CHF", "en-GB", "en_GB"),  # the browser's own locale: how they write numbers
])
def test_default_locale_from_the_currency_and_the_browsers_language(currency, language, expected):
    assert display.default_locale(currency, language) == expected


def test_locales_offered_have_a_country_and_say_what_they_look_like():
    assert "de_DE" in display.locale_choices() and "de" not in display.locale_choices()
    assert display.locale_label("de_DE") == "German (Germany) — 1.234,50 · 05.12.2026"
    assert display.is_locale("ja_JP") and not display.is_locale("xx_YY")


def test_dates_with_the_month_by_name_and_changes_in_points_follow_the_locale():
    assert [Formats(name, "EUR").date_with_month(DAY) for name in ("de_DE", "en_IE", "en_US", "ja_JP")] == \
        ["5. Dez. 2026", "5 Dec 2026", "Dec 5, 2026", "2026年12月5日"]
    assert Formats("de_DE", "EUR").long_date(DAY) == "5. Dezember 2026"
    assert [Formats(name, "EUR").points(Decimal("12.5")) for name in ("de_DE", "en_US", "fr_FR")] == \
        ["+12,5 pts", "+12.5 pts", "+12,5 pts"]
    assert Formats("de_DE", "EUR").points(Decimal("-3.04")) == "-3,0 pts"  # an ASCII minus: the card's arrow
