"""The owner's own formats for money, numbers and dates, from CLDR through Babel.

One place for every screen, chart axis and hover label, the workbook's number formats, the CSV export and
the assistant's answers, so a German owner reads `1.234,50 €` everywhere and a Japanese owner `￥1,235`.

Amounts are rounded half-up to the currency's own digits (JPY 0, EUR 2) before they are written; the books
keep their cents. Digits are always Latin (`0-9`), whatever the locale's default numbering system.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.localedata import locale_identifiers
from babel.numbers import (
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_territory_currencies,
    parse_pattern,
)

DEFAULT_LOCALE = "en_US"
NUMBERS = "latn"  # Latin digits everywhere: amounts are read back by forms, spreadsheets and the importer
_NUMBER_PART = re.compile(r"[#0,.]+")
_NBSP = "\u00a0"


@functools.cache
def _locale(identifier: str) -> Locale:
    return Locale.parse(identifier)


def is_locale(identifier: str) -> bool:
    """Whether `identifier` ('de_DE') names a locale with a country that CLDR knows (loading only that one)."""
    return identifier in _identifiers() and bool(_locale(identifier).territory)


@functools.cache
def _identifiers() -> frozenset[str]:
    return frozenset(locale_identifiers())


@functools.cache
def locale_choices() -> list[str]:
    """Every locale with a country, sorted by its English name, for the Settings picker."""
    return sorted((name for name in _identifiers() if is_locale(name)), key=locale_label)


@functools.cache
def locale_label(identifier: str) -> str:
    """'German (Germany) — 1.234,50 · 05.12.2026' style label: the name and what the formats look like."""
    example = Formats(identifier, "").number(Decimal("1234.50"))
    name = _locale(identifier).get_display_name("en") or identifier
    return f"{name} — {example} · {Formats(identifier, '').date(dt.date(2026, 12, 5))}"


# --- Currencies -----------------------------------------------------------------------------------------


@functools.cache
def active_currencies(on: dt.date | None = None) -> frozenset[str]:
    """ISO 4217 codes that are legal tender somewhere on `on` (today by default), from CLDR (XCG included)."""
    on = on or dt.date.today()
    territories = get_global("territory_currencies")
    return frozenset(code for territory in territories for code in get_territory_currencies(territory, on))


def is_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency in circulation."""
    return code in active_currencies()


def currency_choices() -> list[str]:
    """Codes in circulation, sorted, for the currency picker."""
    return sorted(active_currencies())


def currency_label(code: str) -> str:
    """'EUR — Euro' style label for pickers."""
    return f"{code} — {get_currency_name(code, locale='en')}"


def currency_digits(code: str) -> int:
    """How many decimals the currency is written with (JPY 0, EUR 2)."""
    return get_currency_precision(code) if code else 2


def default_locale(currency_code: str, language: str | None = None) -> str:
    """A sensible locale for an owner keeping books in `currency_code`, from the browser's `language`.

    The browser's own locale with its country is how the owner writes numbers and dates ('de-DE': de_DE,
    whatever the currency); a bare language goes where it is most spoken, or to the currency's home
    country, or anywhere the currency is used ('de' with EUR: de_DE, with CHF: de_CH); without a language
    the currency's home country decides (CHF: de_CH, JPY: ja_JP, USD: en_US), and a currency shared by many
    countries (EUR) prefers one where English is spoken, like the screens (en_IE: €1,234.50).
    """
    wanted = _normalised(language)
    if wanted and is_locale(wanted):
        return wanted
    territories = _territories_using(currency_code)
    spoken = _locale(wanted).language if wanted and _known(wanted) else None
    home = _home_territory(currency_code, territories)
    for candidate in _spoken_in(spoken, home, territories):
        if is_locale(candidate):
            return candidate
    if home:
        return str(_locale(f"und_{home}"))
    locales = [str(_locale(f"und_{territory}")) for territory in territories if _known(f"und_{territory}")]
    english = [name for name in locales if name.startswith("en_")]
    return (english or locales or [DEFAULT_LOCALE])[0]


def _spoken_in(language: str | None, home: str | None, territories: list[str]) -> list[str]:
    """`language` in its most likely country, in the currency's home, where it is official, then anywhere."""
    if not language:
        return []
    likely = str(_locale(language)) if _known(language) else language
    likely_territory = get_global("likely_subtags").get(language, likely).split("_")[-1]
    languages = get_global("territory_languages")
    official = [t for t in territories if languages.get(t, {}).get(language, {}).get("official_status")]
    ordered = [t for t in (likely_territory, home) if t in territories] + official + territories
    return [f"{language}_{territory}" for territory in ordered]


def _normalised(language: str | None) -> str | None:
    return language.replace("-", "_") if language else None


def _known(identifier: str) -> bool:
    try:
        _locale(identifier)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _territories_using(currency_code: str) -> list[str]:
    today = dt.date.today()
    return sorted(territory for territory in get_global("territory_currencies")
                  if currency_code in get_territory_currencies(territory, today))


def _home_territory(currency_code: str, territories: list[str]) -> str | None:
    """The country a national currency is named after (CHF: CH), when it uses it."""
    home = currency_code[:2]
    return home if home in territories and _known(f"und_{home}") else None


# --- Formats --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affixes:
    """What stands before and after an amount's digits, for positive and negative amounts."""

    positive: tuple[str, str]
    negative: tuple[str, str]


@dataclass(frozen=True)
class Formats:
    """The owner's locale and currency, and every way FinTrack writes money, numbers and dates with them."""

    locale: str
    currency_code: str

    @property
    def digits(self) -> int:
        return currency_digits(self.currency_code)

    @property
    def decimal_mark(self) -> str:
        """',' or '.' (Latin digits): what the owner types between units and cents."""
        return get_decimal_symbol(self.locale, numbering_system=NUMBERS)

    @property
    def writes_decimal_comma(self) -> bool:
        return self.decimal_mark == ","

    def rounded(self, amount: Decimal | float | int | None, digits: int | None = None) -> Decimal:
        """`amount` rounded half-up to the currency's digits (or `digits`)."""
        places = self.digits if digits is None else digits
        return Decimal(str(amount or 0)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def money(self, amount: Decimal | float | int | None, *, digits: int | None = None) -> str:
        """'1.234,50 €' (de_DE), 'CHF 1'234.50' (de_CH), '￥1,235' (ja_JP), '-$12.00' (en_US)."""
        value = self.rounded(amount, digits)
        before, after = _affixes(self.locale, self.currency_code).negative if value < 0 else \
            _affixes(self.locale, self.currency_code).positive
        return before + self._digits(abs(value), self.digits if digits is None else digits) + after

    def signed_money(self, amount: Decimal | float | int | None) -> str:
        """A change: '+1.234,50 €' for a rise, the negative format for a fall."""
        text = self.money(amount)
        plus = _locale(self.locale).number_symbols[NUMBERS]["plusSign"]
        return text if self.rounded(amount) < 0 else plus + text

    def number(self, amount: Decimal | float | int | None, *, grouped: bool = True) -> str:
        """The amount without a currency, as the owner types it: '1.234,50' (de_DE), '1234,50' ungrouped."""
        value = self.rounded(amount, max(self.digits, _decimals(amount)))
        text = self._digits(abs(value), max(self.digits, _decimals(amount)), grouped=grouped)
        return ("-" if value < 0 else "") + text

    def _digits(self, value: Decimal, digits: int, *, grouped: bool = True) -> str:
        pattern = _number_pattern(self.locale) if grouped else "0"
        pattern += "." + "0" * digits if digits else ""
        return format_decimal(value, format=pattern, locale=self.locale, numbering_system=NUMBERS)

    def count(self, number: int) -> str:
        """A count grouped as the owner groups digits: '1.234' (de_DE), '1,234' (en_US)."""
        return format_decimal(number, locale=self.locale, numbering_system=NUMBERS)

    def percent(self, ratio: Decimal) -> str:
        """A ratio with one decimal: '12,5 %' (de_DE), '12.5%' (en_US)."""
        pattern = _NUMBER_PART.sub(lambda number: number.group(0) + ".0",
                                   _locale(self.locale).percent_formats[None].pattern.split(";")[0], count=1)
        return format_percent(ratio, pattern, locale=self.locale, numbering_system=NUMBERS)

    def points(self, change: Decimal) -> str:
        """A change of a percentage in percentage points, one decimal, with the locale's decimal mark:
        '+12,5 pts' (de_DE), '-3.0 pts' (en_US). The sign is ASCII, as in `number`."""
        value = self.rounded(change, 1)
        return ("-" if value < 0 else "+") + self._digits(abs(value), 1) + " pts"

    def date(self, day: dt.date) -> str:
        """'05.12.2026' (de_DE), 'Dec 5, 2026' (en_US), '2026/12/05' (ja_JP)."""
        return format_date(day, "medium", locale=self.locale)

    def date_with_month(self, day: dt.date) -> str:
        """The date with its month by name, for period names and ranges a person reads: '5 Dec 2026' (en_IE),
        '5. Dez. 2026' (de_DE), 'Dec 5, 2026' (en_US), '2026年12月5日' (ja_JP)."""
        return format_skeleton("yMMMd", day, locale=self.locale)

    def long_date(self, day: dt.date) -> str:
        """A date in a sentence: '17 March 2026' (en_IE), '17. März 2026' (de_DE), 'March 17, 2026' (en_US)."""
        return format_date(day, "long", locale=self.locale)

    def month(self, key: str | dt.date, *, long: bool = False) -> str:
        """A month ('2026-03' or a date in it): 'März 2026', 'Mar 2026', '2026年3月'; `long` for a sentence
        ('March 2026')."""
        day = key if isinstance(key, dt.date) else dt.date(int(key[:4]), int(key[5:7]), 1)
        return format_skeleton("yMMMM" if long else "yMMM", day, locale=self.locale)

    def excel_date_format(self) -> str:
        """The locale's numeric date as an Excel number format: 'dd.mm.yyyy' (de_DE), 'mm/dd/yyyy' (en_US)."""
        order, separator = _date_order(self.locale)
        return separator.join({"d": "dd", "m": "mm", "y": "yyyy"}[part] for part in order)

    def picker_date_format(self) -> str:
        """The locale's numeric date as a date picker's (and the ledger table's momentjs) format: 'DD.MM.YYYY',
        'MM/DD/YYYY', 'YYYY/MM/DD'."""
        order, separator = _date_order(self.locale)
        return separator.join({"d": "DD", "m": "MM", "y": "YYYY"}[part] for part in order)

    def excel_money_format(self) -> str:
        """An Excel number format with the owner's symbol placed as the locale places it, and the currency's
        decimals: '#,##0.00" €";"-"#,##0.00" €"' (de_DE), '"￥"#,##0;"-￥"#,##0' (ja_JP).

        Excel itself shows ',' and '.' in the format as the reader's own grouping and decimal marks."""
        number = "#,##0" + ("." + "0" * self.digits if self.digits else "")
        affixes = _affixes(self.locale, self.currency_code)
        return ";".join(_quoted(before) + number + _quoted(after)
                        for before, after in (affixes.positive, affixes.negative))


def _decimals(amount: object) -> int:
    """2 for an amount with cents, else 0: 12.50 yen in the books are not shown as 13 in a form."""
    return 2 if isinstance(amount, Decimal) and amount.is_finite() and amount != amount.to_integral_value() else 0


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


@functools.cache
def _date_order(locale: str) -> tuple[str, str]:
    """('dmy', '.') for de_DE, ('mdy', '/') for en_US, ('ymd', '/') for ja_JP: from the short date pattern;
    a separator other than '/', '-' or '.' becomes '/', which every date picker and spreadsheet reads."""
    pattern = _locale(locale).date_formats["short"].pattern
    order = "".join(dict.fromkeys(char.lower() for char in pattern if char in "yMd"))
    separators = [char for char in pattern if not char.isalpha() and not char.isspace()]
    separator = separators[0] if separators and separators[0] in "/-." else "/"
    return (order if sorted(order) == ["d", "m", "y"] else "ymd"), separator


@functools.cache
def _number_pattern(locale: str) -> str:
    """The integer part of the locale's currency pattern ('#,##0', or '#,##,##0' in India)."""
    pattern = _locale(locale).currency_formats["standard"].pattern.split(";")[0]
    match = _NUMBER_PART.search(pattern)
    return match.group(0).split(".")[0] if match else "#,##0"


@functools.cache
def _affixes(locale: str, currency_code: str) -> Affixes:
    """The locale's currency pattern around the digits, with the symbol and the locale's minus sign put in,
    and CLDR's currency spacing: a symbol that ends in a letter never touches the digits ('UYU 12.00')."""
    pattern = parse_pattern(_locale(locale).currency_formats["standard"].pattern)
    symbol = get_currency_symbol(currency_code, locale) if currency_code else ""
    minus = _locale(locale).number_symbols[NUMBERS]["minusSign"]

    def fill(before: str, after: str) -> tuple[str, str]:
        before, after = before.replace("-", minus), after.replace("-", minus)
        if before.endswith("¤") and _is_letter_like(symbol[-1:]):
            before += _NBSP
        if after.startswith("¤") and _is_letter_like(symbol[:1]):
            after = _NBSP + after
        return before.replace("¤", symbol), after.replace("¤", symbol)

    return Affixes(fill(pattern.prefix[0], pattern.suffix[0]), fill(pattern.prefix[1], pattern.suffix[1]))


def _is_letter_like(char: str) -> bool:
    """CLDR's currencyMatch: neither a symbol (€, $) nor a space."""
    return bool(char) and not unicodedata.category(char).startswith(("S", "Z"))
