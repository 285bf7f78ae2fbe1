"""Statement amounts: a decimal comma or a decimal point, thousands separators, currency marks, signs.

Which mark is decimal is decided once for the whole file from its amount columns (a statement never mixes
them), so '1,234' is read the same way on every row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from fintrack.money import AmountError, parse_amount, ungrouped

_COMMA_DECIMAL = re.compile(r"\d,\d{1,2}\s*\D*$")
_POINT_DECIMAL = re.compile(r"\d\.\d{1,2}\s*\D*$")
_DOT_THOUSANDS = re.compile(r"\d\.\d{3}(?:\.\d{3})*,")
_COMMA_THOUSANDS = re.compile(r"\d,\d{3}(?:,\d{3})*\.")
_NUMBER_RUN = re.compile(r"\d[\d.,]*")
_SUFFIX = re.compile(r"(?<=\d)\s*(CR|DR)$", re.IGNORECASE)


def detect_decimal_comma(values: list[str], *, hint: bool = False) -> bool:
    """Whether these amounts use a decimal comma; `hint` (a `;` delimited file) decides a tie."""
    comma = point = 0
    for value in values:
        value = value.strip()
        if _COMMA_DECIMAL.search(value) or _DOT_THOUSANDS.search(value):
            comma += 1
        elif _POINT_DECIMAL.search(value) or _COMMA_THOUSANDS.search(value):
            point += 1
    if comma == point:
        return hint
    return comma > point


def parse_signed(text: str, *, decimal_comma: bool) -> Decimal:
    """The signed amount in `text` ('-98,76', '$1,036.47', '(12.00)'); raises `AmountError`."""
    value, sign = _debit_credit_suffix(text.strip())
    value = _NUMBER_RUN.sub(lambda match: _plain(match.group(), text, decimal_comma), value, count=1)
    try:
        return sign * parse_amount(value, allow_negative=True)
    except AmountError as exc:
        message = str(exc).replace(f"'{value}'", f"'{text.strip()}'")
        raise AmountError(message) from None


def _plain(number: str, text: str, decimal_comma: bool) -> str:
    """'1.234,56' (decimal comma) or '1,234.56' as '1234.56'; thousands marks must fall every three digits."""
    plain = ungrouped(number, "." if decimal_comma else ",")
    if plain is None:
        raise AmountError(f"'{text.strip()}' is not an amount (thousands are grouped by three digits)")
    return plain.replace(",", ".")


def _debit_credit_suffix(text: str) -> tuple[str, int]:
    """'12.00 DR' -> ('12.00', -1): some card statements mark money out with DR and money in with CR."""
    match = _SUFFIX.search(text)
    if not match:
        return text, 1
    return text[:match.start()], -1 if match.group(1).upper() == "DR" else 1


def is_amount(text: str) -> bool:
    """Whether `text` reads as an amount with either decimal mark (used to recognise an amount column)."""
    for decimal_comma in (False, True):
        try:
            parse_signed(text, decimal_comma=decimal_comma)
        except AmountError:
            continue
        return True
    return False
