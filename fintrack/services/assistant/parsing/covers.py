"""What a payment covers: the period written beside an entry's amount, kept in the note as the period paid
for; the entry is dated by its own date words (or today), never by it. A month ('rent december 1250', 'rent
for Dec 950'), two ('rent nov & dec 2500', 'oct-dec'), a quarter ('insurance Q4 2025 300'), 'for next month'
(the month it names), a numeric month ('12/2026') or a year beside another number ('insurance 2026 1200').

A year beside the month is taken only when another number is left for the amount: 'add rent december 2025'
is asked about (a year or the amount?), and '1250' after 'december' is never a year (see `dates.year_words`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from fintrack.services.assistant.parsing.amounts import amount_matches
from fintrack.services.assistant.parsing.dates import MONTH_WORDS, MONTHS, year_words
from fintrack.services.assistant.parsing.text import cut, cut_apart


@lru_cache(maxsize=4)
def _covered(this_year: int) -> re.Pattern:
    """A month ('dec'), two ('nov & dec', 'oct-dec'), a quarter or 'for next month', with a year ('2025',
    "'25") or not."""
    years, month = year_words(this_year), rf"(?:{MONTH_WORDS})\b\.?"
    return re.compile(rf"\b(?P<for>for\s+(?:the\s+)?)?(?P<what>{month}|q[1-4]\b|"
                      rf"(?<=for\s)(?:this|last|next)\s+(?:month|quarter|year)\b)"
                      rf"(?:\s*(?P<joint>[-–+&/]|\bto\b|\band\b|\bthrough\b)\s*(?P<until>{month}))?(?:['’]s\b)?"
                      rf"(?:\s+(?P<year>{years})\b(?![.,]\d)|\s*['’](?P<short>\d\d)\b)?", re.I)


@lru_cache(maxsize=4)
def _numeric_month(this_year: int) -> re.Pattern:
    """'12/2026' and '2026-12': a month of a year, never an amount nor a day."""
    years = year_words(this_year)
    return re.compile(rf"(?<![\d.,/-])\b(?:for\s+)?(?:(?P<month>0?[1-9]|1[0-2])/(?P<year>{years})|"
                      rf"(?P<year2>{years})-(?P<month2>0?[1-9]|1[0-2]))\b(?![.,/-]\d)")


@lru_cache(maxsize=4)
def _lone_year(this_year: int) -> re.Pattern:
    years = year_words(this_year)
    return re.compile(rf"(?<![\d.,])\b(?:for\s+(?:the\s+)?(?:year\s+)?)?(?P<year>{years})\b(?![.,]\d)", re.I)


_BEFORE_A_NAME = re.compile(r"\b(?:at|from|to|with|by|paid|pay|and)\s+$", re.I)
_AFTER_A_PAYER = re.compile(r"\s+(?:has\s+)?(?:paid|pays|sent|transferred)\b", re.I)


def _is_a_name(match: re.Match, text: str) -> bool:
    """'may' is a month only after 'for'; 'from Jan', 'paid June', 'April paid me' name people."""
    if match["for"]:
        return False
    return (match["what"].lower() == "may" or _BEFORE_A_NAME.search(text, 0, match.start()) is not None
            or (match.start() == 0 and _AFTER_A_PAYER.match(text, match.end()) is not None))


_STEP = {"last": -1, "this": 0, "next": 1}


def _name(match: re.Match, today: dt.date) -> str:
    """'December' for 'dec' or 'december', 'Q4' for 'q4'; 'next month' is the month it names ('April' in
    March), as the note outlives the day it was written."""
    what = match["what"].rstrip(".").lower()
    if what in MONTHS:
        return calendar.month_name[MONTHS[what]]
    if what.startswith("q"):
        return what.upper()
    step, unit = _STEP[what.split()[0]], what.split()[-1]
    if unit == "year":
        return str(today.year + step)
    if unit == "quarter":
        quarter = (today.month - 1) // 3 + step
        return f"Q{quarter % 4 + 1} {today.year + quarter // 4}"
    month = today.month - 1 + step
    return f"{calendar.month_name[month % 12 + 1]} {today.year + month // 12}"


def _span(match: re.Match, today: dt.date) -> str:
    """'November and December', 'October to December', or the one period named."""
    if not match["until"]:
        return _name(match, today)
    until = calendar.month_name[MONTHS[match["until"].rstrip(".").lower()]]
    joint = "to" if match["joint"].lower() in ("-", "–", "to", "through") else "and"
    return f"{_name(match, today)} {joint} {until}"


def _year_or_amount(name: str, year: str) -> str:
    return (f"I did not understand whether {year} is a year or an amount: write “{name} {year} 950” for a payment "
            f"for {name} {year}, or “{year} for {name}” for an amount of {year}.")


def extract_covered(text: str, today: dt.date) -> tuple[str | None, str, str | None]:
    """(the period paid for, as a note: 'for December 2025'; text without it; a problem to ask about)."""
    numeric = _numeric_month(today.year).search(text)
    if numeric:
        month, year = numeric["month"] or numeric["month2"], numeric["year"] or numeric["year2"]
        return f"for {calendar.month_name[int(month)]} {year}", cut_apart(text, numeric), None
    for match in _covered(today.year).finditer(text):
        if _is_a_name(match, text):
            continue
        name, year = _span(match, today), match["year"] or (f"20{match['short']}" if match["short"] else None)
        if match["year"] and not amount_matches(cut(text, match)):
            return None, text, _year_or_amount(name, year)
        return f"for {name} {year}" if year else f"for {name}", cut_apart(text, match), None
    year = _lone_year(today.year).search(text)  # 'insurance 2026 1200': the year, when another number is left
    if year and amount_matches(cut(text, year)):
        return f"for {year['year']}", cut_apart(text, year), None
    return None, text, None
