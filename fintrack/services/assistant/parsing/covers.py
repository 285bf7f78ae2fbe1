"""What a payment covers: the month or quarter written beside an entry's amount ('rent december 1250',
'rent for Dec 950', 'insurance Q4 2025 300'). It goes to the note as the period paid for; the entry is dated
by its own date words (or today), never by it.

A year beside the month is taken only when another number is left for the amount: 'rent december 2025' alone
is asked about (a year or the amount?), and '1250' after 'december' is never a year (see `dates.year_words`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from fintrack.services.assistant.parsing.amounts import amount_matches
from fintrack.services.assistant.parsing.dates import MONTH_WORDS, MONTHS, year_words
from fintrack.services.assistant.parsing.text import cut


@lru_cache(maxsize=4)
def _covered(this_year: int) -> re.Pattern:
    years = year_words(dt.date(this_year, 1, 1))
    return re.compile(rf"\b(?P<for>for\s+(?:the\s+)?)?(?P<what>(?:{MONTH_WORDS})\b\.?|q[1-4]\b)"
                      rf"(?:\s+(?P<year>{years})\b(?![.,]\d))?", re.I)


def _name(match: re.Match) -> str:
    """'December' for 'dec' or 'december', 'Q4' for 'q4'."""
    what = match["what"].rstrip(".").lower()
    return calendar.month_name[MONTHS[what]] if what in MONTHS else what.upper()


def extract_covered(text: str, today: dt.date) -> tuple[str | None, str, str | None]:
    """(the period paid for, as a note: 'for December 2025'; text without it; a problem to ask about)."""
    for match in _covered(today.year).finditer(text):
        if match["what"].lower() == "may" and not match["for"]:  # 'may' is a month only after 'for'
            continue
        name, year, rest = _name(match), match["year"], cut(text, match)
        if year and not amount_matches(rest):
            return None, text, (f"I did not understand whether {year} is a year or an amount: write “{name} {year} "
                                f"950” for a payment for {name} {year}, or “{year} for {name}” for an amount of "
                                f"{year}.")
        return f"for {name} {year}" if year else f"for {name}", rest, None
    return None, text, None
