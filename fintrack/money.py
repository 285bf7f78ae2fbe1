"""Money as Decimal: parsing what people type and rounding half-up to cents.

Floats never enter the books; screens and charts may turn aggregates into floats for display only. Writing
amounts in the owner's formats is `fintrack.display`'s job.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
_CURRENCY_MARKS = re.compile(r"[€$£¥₹₽₺₩₪฿]|\b[A-Z]{3}\b|\bR\$|\bCA\$|\bA\$")
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")
_SPACED = re.compile(r"[+-]?\d{1,3}(?:[\s\u00a0\u202f'’]\d{3})+(?:[.,]\d+)?")  # 1 234,56 or 1'234.56
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")  # no exponent, NaN or Infinity


class AmountError(ValueError):
    """A text that is not an amount; the message says why in the owner's words."""


def to_cents(value: Decimal | int | str) -> Decimal:
    """Round half-up to two decimals (1.005 -> 1.01), as accountants do."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def ungrouped(number: str, thousands: str) -> str | None:
    """`number` ('1,234.56' with `thousands` ',') without its thousands marks, or None unless they fall
    every three digits before the decimal mark ('12.5.2024', '1,5,0' and '1,2' are not amounts)."""
    decimal = "." if thousands == "," else ","
    head, mark, tail = number.partition(decimal)
    sign = head[:1] if head[:1] in ("+", "-") else ""
    digits = head[len(sign):]
    if thousands in tail or (thousands in digits and not _grouped(digits, thousands)):
        return None
    return sign + digits.replace(thousands, "") + mark + tail


def _grouped(digits: str, thousands: str) -> bool:
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+", digits) is not None


def _normalise_separators(text: str, decimal_mark: str | None) -> str | None:
    """Turn '1.234,56', '1,234.56', '12,5' and '1 234,56' into '1234.56' style text (None: not an amount)."""
    if _SPACES.search(text):
        if not _SPACED.fullmatch(text):
            return None
        text = _SPACES.sub("", text)
    plain = ungrouped(text, _thousands_mark(text, decimal_mark))
    return plain.replace(",", ".") if plain is not None else None


def _thousands_mark(text: str, decimal_mark: str | None) -> str:
    """The mark that groups thousands in `text`: the one before the other when both appear; else the
    owner's (`decimal_mark` ',' groups with '.'), unless the text cannot be grouped that way ('12.5' is 12.50
    for a decimal-comma owner too); else a guess from the digits."""
    has_comma, has_dot = "," in text, "." in text
    if has_comma and has_dot:
        return "." if text.rfind(",") > text.rfind(".") else ","
    if decimal_mark and (has_comma or has_dot):
        grouping = "." if decimal_mark == "," else ","
        return grouping if ungrouped(text, grouping) is not None else decimal_mark
    if has_comma:
        head, _, tail = text.rpartition(",")
        digits = head.lstrip("+-")
        is_grouped = text.count(",") > 1 or (len(tail) == 3 and digits[:1] not in ("", "0"))
        return "," if is_grouped else "."  # 1,234,567 or 1,234; else 12,5
    return "." if text.count(".") > 1 else ","  # 1.234.567


def parse_amount(value: object, *, allow_negative: bool = False, decimal_mark: str | None = None) -> Decimal:
    """Parse what a person or a statement wrote into a Decimal with cents.

    Accepts a decimal comma ('12,50'), thousands separators ('1.234,56', '1,234.56', '1 234,56') every three
    digits, currency marks ('€12', '$1,000.00', '12 EUR') and one sign: a leading or trailing minus, or
    balanced parentheses. More than two decimals as written is refused, never silently rounded: '12.345' is
    most likely a typo, and '1.200' may mean 1200 (the assistant reads it so) as well as 1.20; exponents
    ('1e3'), 'NaN' and 'Infinity' are not amounts.

    `decimal_mark` (',' or '.') is the owner's, from their locale: it settles a single mark, so a German
    owner's '1.234' is 1234.00 and '1,5' is 1.50. Without it (statements, the assistant) the digits decide.
    """
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return _checked(Decimal(value), str(value), allow_negative)
    if isinstance(value, float):
        raise AmountError("amounts must be given as text or Decimal, not float")
    text = str(value or "").strip()
    if not text:
        raise AmountError("an amount is required")
    negative, number = _sign_and_number(text, decimal_mark)
    if number is None:
        raise AmountError(f"'{value}' is not an amount (try 42.50 or 42,50)")
    if len(number.partition(".")[2]) > 2:  # as written: '1.200' may mean 1200, so it is not quietly 1.20
        raise AmountError(f"'{value}' has more than two decimals")
    return _checked(-Decimal(number) if negative else Decimal(number), str(value), allow_negative)


def _sign_and_number(text: str, decimal_mark: str | None) -> tuple[bool, str | None]:
    """Whether `text` is negative, and its plain number ('-12.5' style); None when it is not an amount."""
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    if "(" in text or ")" in text:
        return negative, None
    text = _CURRENCY_MARKS.sub("", text).strip()
    if text.endswith("-"):
        if negative:
            return negative, None
        negative, text = True, text[:-1].rstrip()
    number = _normalise_separators(text, decimal_mark)
    if number is None or not _PLAIN_NUMBER.fullmatch(number) or (negative and number[:1] in ("+", "-")):
        return negative, None
    return negative, number


def _checked(amount: Decimal, original: str, allow_negative: bool) -> Decimal:
    # The size is checked first: quantizing a number of more digits than the decimal context holds (28)
    # raises InvalidOperation instead of giving an owner's message.
    if not allow_negative and amount < 0:
        raise AmountError("the amount must be positive")
    if abs(amount) > MAX_AMOUNT:
        raise AmountError("the amount is larger than 9,999,999,999.99")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"'{original}' has more than two decimals")
    return to_cents(amount)
