"""Amounts and reference numbers in an owner's sentence.

An amount is written with a decimal point or comma ('6,50', '23.40'), thousands marks ('1.234,56',
'1,234.56', '1 234,56', "1'234.50", '1.200' = 1200), a currency symbol or code before or after ('€12',
'12 EUR', '39eur'), 'k' for thousands ('1,5k') and possibly a minus ('-30', '€-30', 'minus 30', and as
statements write it, '(30)' and '30-'). The number with a currency mark, else with decimals, else the only
number is the amount; several equally likely numbers, or a range ('40-50'), are a problem to ask about, not a
guess. A number after 'invoice', 'order', '#'... is a
reference kept in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fintrack.money import AmountError, parse_amount
from fintrack.services.assistant.parsing.lexicon import UNITS
from fintrack.services.assistant.parsing.text import cut_apart, tidy

CURRENCY_CODES = r"eur|usd|gbp|chf|sek|nok|dkk|pln|czk|huf|cad|aud|nzd|jpy|inr|zar"
CURRENCY_WORDS = rf"(?:{CURRENCY_CODES}|euros?|dollars?|pounds?|bucks|quid|kr|zł)"
AMOUNT = re.compile(
    rf"(?<![\w.,'’-])(?P<minus>(?:-|−|minus\s)\s?)?(?P<pre>[€$£¥₹]\s?|(?:{CURRENCY_CODES})\s?)?(?P<minus2>[-−]\s?)?"
    rf"(?P<num>\d{{1,3}}(?:[ ,.'’\u00a0]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?P<dash>[.,]-)?"
    rf"(?P<thousands>\s?k)?(?P<post>\s?[€$£¥₹]|\s?{CURRENCY_WORDS}\b|\s?s?fr\b\.?)?(?![\w])",
    re.I,
)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SYMBOL_FOR_POINT = re.compile(r"(?<![\w.,])(\d+)([€$£])(\d{2})(?!\d)")  # '12€50', as the French write
_REFERENCE = re.compile(
    r"(?:(?P<label>\b(?:invoice|inv|order|ref|reference|receipt)\b\.?|(?<!\w)(?:no|nr)\.)\s*"
    r"(?:(?:no|nr)\.?\s*|number\s+)?#?\s*|(?<![\w#])#\s*)(?P<ref>[a-z]{0,4}[-/]?\d[\w/-]*)(?![\w/-])(?![.,]\d)",
    re.I)
_COUNTED = re.compile(r"\s+(?:[a-z]+s|people|pax|men|children)\b", re.I)
_QUANTITY = re.compile(rf"\s*(?:{UNITS})\b|\s?[x×]\s+(?=[^\W\d])", re.I)  # '120 miles', '2 x coffee'
_TIMES = re.compile(r"(?<!\w)[x×]\s?$", re.I)  # 'coffee 7 x 2': the number after 'x' counts
_RANGE = re.compile(r"\s?[-–]\s?\d")
MORE_THAN_ONE = "I found more than one amount in that sentence; please give just one."


@dataclass(frozen=True)
class Amount:
    """The amount as written: its value (positive), whether a minus stood before it, and how sure we are
    it is money (2: currency mark, 1: decimals, 0: a bare number)."""

    value: Decimal
    negative: bool
    marked: int
    written: str


def symbol_as_point(text: str) -> str:
    """`text` with '12€50' written '12.50 €'."""
    return _SYMBOL_FOR_POINT.sub(r"\1.\3 \2", text)


def _number_text(number: str) -> str:
    """What an owner meant: '1.200' and '1.234.567' (dots every three digits, nothing else) are thousands;
    anything else ('12.50', '1.234,50', '12,5') is read by `parse_amount` as the forms read it."""
    number = number.replace("’", "'")
    return number.replace(".", "") if _DOT_THOUSANDS.fullmatch(number) else number


def _rank(match: re.Match) -> int:
    if match.group("pre") or match.group("post") or match.group("thousands") or match.group("dash"):
        return 2
    return 1 if re.search(r"[.,]\d{1,2}$", match.group("num")) else 0


def amount_matches(text: str) -> list[tuple[int, re.Match]]:
    """Every number that may be the amount, with its rank; a number without a currency mark before a unit
    ('120 miles', '1,5 kg', '2 x coffee') or a bare one after an 'x' ('coffee 7 x 2') is a quantity."""
    ranked = [(_rank(match), match) for match in AMOUNT.finditer(text)]
    return [(rank, match) for rank, match in ranked if rank == 2 or not (
        _QUANTITY.match(text, match.end()) or (rank == 0 and _TIMES.search(text, 0, match.start())))]


def extract_references(text: str) -> tuple[str | None, str]:
    """(notes, text without the reference numbers): 'for invoice 1042', 'order #77', '#1042' are references,
    not amounts. The word 'invoice' stays in the text (it hints at the kind and category)."""
    found, kept, position = [], [], 0
    for match in _REFERENCE.finditer(text):
        found.append(match.group(0).strip())
        cut_from = match.end("label") if match.group("label") else match.start()
        kept.append(text[position:cut_from])
        position = match.end()
    if not found:
        return None, text
    return "; ".join(found), tidy("".join(kept) + text[position:])


def extract_amount(text: str) -> tuple[Amount | None, str, str | None]:
    """(amount, text without it, problem)."""
    candidates = amount_matches(text)
    if not candidates:
        return None, text, None
    best = max(rank for rank, _ in candidates)
    top = [match for rank, match in candidates if rank == best]
    if len(top) > 1:  # "sold 2 chairs for 120": a number before a plural noun counts things
        top = [match for match in top if not _COUNTED.match(text, match.end())] or top
    if len(top) > 1 or _RANGE.match(text, top[0].end()):
        return None, text, MORE_THAN_ONE
    match = top[0]
    try:
        value = parse_amount(_number_text(match.group("num")))
        if match.group("thousands"):
            value = parse_amount(value * 1000)
    except AmountError as error:
        return None, text, f"That amount does not work: {error}."
    except ArithmeticError:  # more digits than a Decimal holds: parse_amount gives up before its own check
        return None, text, "That amount does not work: it is larger than 9,999,999,999.99."
    written = _accounting_negative(text, match)
    negative = bool(match.group("minus") or match.group("minus2") or written)
    return Amount(value, negative, best, written or match.group(0).strip()), cut_apart(text, match), None


def _accounting_negative(text: str, match: re.Match) -> str | None:
    """'(40)' and '40-' as statements and spreadsheets write a negative amount: the amount as written, or
    None. ('40-50' is a range and '12,-' a whole amount, not a sign.)"""
    before, after = text[:match.start()], text[match.end():]
    if before.endswith("(") and after.startswith(")"):
        return f"({match.group(0).strip()})"
    if re.match(r"[-−](?![\w-])", after):
        return f"{match.group(0).strip()}-"
    return None
