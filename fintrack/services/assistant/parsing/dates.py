"""Date phrases in an owner's sentence: the day an entry happened, never guessed.

'yesterday', 'on friday' (the most recent past Friday, today included), 'last Tuesday', 'on the 3rd' (this
month, or last month if the 3rd is still ahead), '3 March', 'March 3rd', '15.03.2026', '2026-03-15',
'15/3'. A date written so that it could be two days ('3/4') or that does not exist comes back as a problem
to ask about; a date ahead of today is the caller's to refuse. A number beside a month is a day only when
it can be one (1 to 31, not part of an amount like '12,50' or '1.250,00'), and a bare one ('rent dec 15') only
when another number is left for the amount: otherwise it is the amount ('phone bill nov 25').
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from fintrack.services.assistant.parsing.amounts import amount_matches
from fintrack.services.assistant.parsing.text import cut

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
WEEKDAYS |= {"mon": 0, "tue": 1, "tues": 1, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}  # not sun, sat, wed
_SHORT_DAYS = {"wed": 2, "sat": 5, "sun": 6}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): index for index, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_WORDS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

IMPOSSIBLE_DATE = "That date does not exist; please check the day and month."
FUTURE_DATE = ("That date is in the future; I only record what already happened. Add it on the day, "
               "or in the Ledger if you really mean to.")

_ISO_DATE = re.compile(r"\b(?:on\s+)?(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b")  # 2026-03-15, 2026/03/15
_DAY_FIRST_DATE = re.compile(r"\b(?:on\s+)?(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b")
_SLASH_DATE = re.compile(r"\b(?:on\s+)?(\d{1,2})/(\d{1,2})\b(?!/)")
# "on 15.03" (not "on 4.50"), or opening the sentence: "12.11. fuel 40" (the amount when it is the only number)
_DAY_DOT_MONTH = re.compile(r"(?:(?P<lead>\bon\s+)|^)(?P<day>\d{1,2})\.(?P<month>0?[1-9]|1[0-2])\.?(?![\d.,])")
_DAY = r"(?<![\d.,])(?P<day>0?[1-9]|[12]\d|3[01])(?P<suffix>st|nd|rd|th)?(?![\d]|[.,]\d)"


def year_words(this_year: int) -> str:
    """The years an owner writes beside a month or quarter (the last twenty, and next year), as a pattern:
    '1250' after 'december' is an amount, never a year."""
    return "|".join(str(year) for year in range(this_year + 1, this_year - 21, -1))


@lru_cache(maxsize=4)
def _month_dates(this_year: int) -> tuple[re.Pattern, re.Pattern]:
    """'3 March', '3rd of March 2025' and 'March 3rd', 'March 3, 2025', with the years owners write."""
    years = year_words(this_year)
    return (re.compile(rf"\b(?P<lead>on\s+|the\s+|on\s+the\s+)?{_DAY}\s+(?P<of>of\s+)?(?P<month>{MONTH_WORDS})\.?"
                       rf"(?:,?\s+(?P<year>{years}))?\b", re.I),
            re.compile(rf"\b(?P<lead>on\s+)?(?P<month>{MONTH_WORDS})\.?\s+{_DAY}(?:,?\s+(?P<year>{years}))?\b",
                       re.I))
_ORDINAL_DAY = re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b|\bon\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)
# 'sat', 'sun' and 'wed' are words too: a day after on/last, or ending the sentence in lower case ('fuel 40 sat')
# or with a dot ('Sat.'); 'lunch at Rising Sun' keeps its vendor.
_WEEKDAY = re.compile(rf"\b(?:(last|on|this\s+past|past)\s+)?({WEEKDAY_WORDS})\b\.?|"
                      r"\b(last|on)\s+(sat|sun|wed)\b\.?|"
                      r"(?<![\w'])(?P<end>(?-i:sat|sun|wed)|(?:sat|sun|wed)\.)(?=[\s!?.]*$)", re.I)
# Days back for the words owners write, shorthand included ('yest', "y'day", 'this am', 'last wk').
_DAYS_BACK = {"today": 0, "tonight": 0, "this morning": 0, "earlier today": 0, "this am": 0, "yesterday": 1,
              "yday": 1, "y'day": 1, "yest": 1, "ystd": 1, "last night": 1, "last nite": 1,
              "day before yesterday": 2, "last week": 7, "last wk": 7}
_RELATIVE = re.compile(rf"\b({'|'.join(sorted(_DAYS_BACK, key=len, reverse=True))}|"
                       r"(\d{1,2}|a|one|two|three) ?(days?|d|weeks?|wks?) ago)\b", re.I)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}
# A day ahead; 'for next month' is what a payment covers ('rent for next month 950'), not its date.
FUTURE = re.compile(rf"\b(tomorrow|(?<!for )next (?:week|month|year|{WEEKDAY_WORDS})|in (?:\d+|a|one|two|three) "
                    r"(?:days?|weeks?|months?))\b", re.I)


def past_date(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    """The date with that month and day; without a year, the latest one not after today."""
    try:
        if year:
            return dt.date(year, month, day)
        found = dt.date(today.year, month, day)
        return found if found <= today else dt.date(today.year - 1, month, day)
    except ValueError:
        return None


def _day_first(match: re.Match) -> dt.date | None:
    """15.03.2026 and 15/03/2026 are day first; 3/15/2026 is month first, as the 15th cannot be a month."""
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    year += 2000 if year < 100 else 0
    if match[2] == "/" and first <= 12 < second:
        first, second = second, first
    try:
        return dt.date(year, second, first)
    except ValueError:
        return None


def _slash_day(match: re.Match, today: dt.date) -> dt.date | str | None:
    """'15/3' (day first) or '3/15' (month first): whichever number cannot be a month is the day."""
    first, second = int(match[1]), int(match[2])
    if first > 12 or first == second:
        return past_date(None, second, first, today)
    if second > 12:
        return past_date(None, first, second, today)
    return (f"“{match[1]}/{match[2]}” could be the {first} of {calendar.month_name[second]} or "
            f"{calendar.month_name[first]} {second}; please write the month as a word (“{first} "
            f"{calendar.month_name[second]}”) or the date as YYYY-MM-DD.")


def _relative(match: re.Match, today: dt.date) -> dt.date:
    word = match.group(1).lower()
    if word in _DAYS_BACK:
        return today - dt.timedelta(days=_DAYS_BACK[word])
    count = _NUMBER_WORDS.get(match.group(2).lower()) or int(match.group(2))
    days = count * (7 if match.group(3).lower().startswith("w") else 1)
    return today - dt.timedelta(days=days)


def _weekday(match: re.Match, today: dt.date) -> dt.date:
    """'on friday' / 'friday': the most recent one, today included; 'last friday': before today."""
    lead, day = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
    day = day or match["end"].rstrip(".")
    target = WEEKDAYS.get(day.lower(), _SHORT_DAYS.get(day.lower()))
    back = (today.weekday() - target) % 7
    if back == 0 and (lead or "").lower().startswith(("last", "this", "past")):
        back = 7
    return today - dt.timedelta(days=back)


def _ordinal_day(match: re.Match, today: dt.date) -> dt.date | None:
    """'on the 3rd': this month's, or last month's when this month's is still ahead."""
    day = int(match.group(1) or match.group(2))
    found = past_date(today.year, today.month, day, today) if day <= 31 else None
    if found and found <= today:
        return found
    previous = today.replace(day=1) - dt.timedelta(days=1)
    return past_date(previous.year, previous.month, day, today)


def _month_date(match: re.Match, today: dt.date) -> dt.date | None:
    year = int(match["year"]) if match["year"] else None
    return past_date(year, MONTHS[match["month"].lower()], int(match["day"]), today)


def _is_the_amount(match: re.Match, text: str) -> bool:
    """'phone bill nov 25', '12.11 fuel': a bare day and month ('on', 'the', 'of', '3rd' or a year make it a
    date) hold the amount when no other number is left for it."""
    written = match.groupdict()
    if "month" not in written or any(written.get(name) for name in ("lead", "suffix", "of", "year")):
        return False
    return not amount_matches(cut(text, match))


def _readers(today: dt.date) -> tuple[tuple[re.Pattern, Callable[[re.Match], dt.date | str | None]], ...]:
    return (
        (_ISO_DATE, lambda m: past_date(int(m[1]), int(m[3]), int(m[4]), today)),
        (_DAY_FIRST_DATE, _day_first),
        (_SLASH_DATE, lambda m: _slash_day(m, today)),
        (_DAY_DOT_MONTH, lambda m: past_date(None, int(m["month"]), int(m["day"]), today)),
        *((pattern, lambda m: _month_date(m, today)) for pattern in _month_dates(today.year)),
        (_ORDINAL_DAY, lambda m: _ordinal_day(m, today)),
        (_RELATIVE, lambda m: _relative(m, today)),
        (_WEEKDAY, lambda m: _weekday(m, today)),
    )


def extract_date(text: str, today: dt.date) -> tuple[dt.date | None, str, str | None]:
    """(date, text without the date words, problem): the problem says why a written date was not taken
    (it does not exist, or it is ambiguous, like 3/4)."""
    for pattern, read in _readers(today):
        match = pattern.search(text)
        if match and not _is_the_amount(match, text):
            found = read(match)
            if found is None or isinstance(found, str):
                return None, text, found or IMPOSSIBLE_DATE
            return found, cut(text, match), None
    return None, text, None
