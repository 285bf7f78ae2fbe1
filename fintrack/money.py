"""Money as Decimal: parsing what people type, rounding half-up to cents, formatting by currency.

Floats never enter the books; screens and charts may turn aggregates into floats for display only.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from fintrack.currencies import currency_symbol

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
_CURRENCY_MARKS = re.compile(r"[€$£¥₹₽₺₩₪฿]|\b[A-Z]{3}\b|\bR\$|\bCA\$|\bA\$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


class AmountError(ValueError):
    """A text that is not an amount; the message says why in the owner's words."""


def to_cents(value: Decimal | int | str) -> Decimal:
    """Round half-up to two decimals (1.005 -> 1.01), as accountants do."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _normalise_separators(text: str) -> str:
    """Turn '1.234,56', '1,234.56', '12,5' and '1 234,56' into '1234.56' style text."""
    text = _SPACES.sub("", text)
    has_comma, has_dot = "," in text, "." in text
    if has_comma and has_dot:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        return text.replace(thousands, "").replace(decimal_mark, ".")
    if has_comma:
        head, _, tail = text.rpartition(",")
        digits = head.lstrip("+-")
        if text.count(",") > 1 or (len(tail) == 3 and digits[:1] not in ("", "0")):
            return text.replace(",", "")  # 1,234,567 or 1,234
        return head + "." + tail
    if text.count(".") > 1:
        return text.replace(".", "")  # 1.234.567
    return text


def parse_amount(value: object, *, allow_negative: bool = False) -> Decimal:
    """Parse what a person or a statement wrote into a Decimal with cents.

    Accepts a decimal comma ('12,50'), thousands separators ('1.234,56', '1,234.56'), currency marks
    ('€12', '$1,000.00', '12 EUR') and a leading minus or parentheses for negatives. More than two
    decimals is refused, never silently rounded: '12.345' is most likely a typo.
    """
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return _checked(Decimal(value), str(value), allow_negative)
    if isinstance(value, float):
        raise AmountError("amounts must be given as text or Decimal, not float")
    text = str(value or "").strip()
    if not text:
        raise AmountError("an amount is required")
    negative = text.startswith("(") and text.endswith(")")
    text = _CURRENCY_MARKS.sub("", text.strip("()"))
    text = _normalise_separators(text)
    if text.endswith("-"):
        negative, text = True, text[:-1]
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise AmountError(f"'{value}' is not an amount (try 42.50 or 42,50)") from None
    if not amount.is_finite():
        raise AmountError(f"'{value}' is not an amount (try 42.50 or 42,50)")
    return _checked(-amount if negative else amount, str(value), allow_negative)


def _checked(amount: Decimal, original: str, allow_negative: bool) -> Decimal:
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"'{original}' has more than two decimals")
    if not allow_negative and amount < 0:
        raise AmountError("the amount must be positive")
    if abs(amount) > MAX_AMOUNT:
        raise AmountError("the amount is larger than 9,999,999,999.99")
    return to_cents(amount)


def format_money(amount: Decimal | float | int | None, currency_code: str) -> str:
    """'€1,234.50', '-$12.00', 'CHF 3.00': symbol, thousands commas, two decimals."""
    if amount is None:
        amount = 0
    value = to_cents(Decimal(str(amount)))
    symbol = currency_symbol(currency_code)
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.2f}"
    if len(symbol) > 1 and symbol.isalpha():
        return f"{sign}{symbol} {body}"
    return f"{sign}{symbol}{body}"
