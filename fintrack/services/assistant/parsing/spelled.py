"""Amounts written in words, as owners say them: 'fifty quid', 'twelve euros fifty', 'a hundred and twenty
dollars', 'twelve dollars and fifty cents'.

Only number words followed by a currency word are money; they become digits ('50 quid', '12.50 euros') before
the amounts are read. Number words without a currency word stay words: 'two coffees' counts coffees, and a
sentence with no other amount is still asked for one.
"""

from __future__ import annotations

import re

from fintrack.services.assistant.parsing.amounts import CURRENCY_WORDS

_ONES = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join(sorted(_ONES.keys() - {"a", "an"} | _TENS.keys() | _SCALES.keys(), key=len, reverse=True))
_NUMBER = rf"(?:an?\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
SPELLED = re.compile(
    rf"(?<![\w-])(?P<whole>{_NUMBER})\s+(?P<currency>{CURRENCY_WORDS})\b"
    rf"(?:(?:\s+and)?\s+(?P<cents>{_NUMBER})(?P<unit>\s+(?:cents?|pence|p)\b)?)?(?![\w-])", re.I)


def spelled_as_digits(text: str) -> str:
    """`text` with every amount written in words before a currency word written in digits."""
    return SPELLED.sub(_digits, text)


def _digits(match: re.Match) -> str:
    """The amount in digits; cents under ten count only with their unit ('and five cents'): in 'fifty euros
    two coffees' the two counts coffees."""
    whole, cents = _value(match["whole"]), _value(match["cents"]) if match["cents"] else None
    if whole is None:
        return match.group(0)
    if cents is None or not 0 < cents < 100 or (cents < 10 and not match["unit"]):
        after = match.group(0)[match.end("currency") - match.start():]
        return f"{whole} {match['currency']}{after}"
    return f"{whole}.{cents:02d} {match['currency']}"


def _value(words: str) -> int | None:
    """'a hundred and twenty' -> 120, 'two thousand five hundred' -> 2500; None for an order that is no number
    ('twenty twelve')."""
    total, current, last = 0, 0, None
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "and":
            continue
        if word in _SCALES:
            if last in _SCALES or (word == "hundred" and current >= 100):
                return None
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        elif word in _TENS:
            if current % 100:
                return None
            current += _TENS[word]
        else:
            if current % 10 or (current % 100 and _ONES[word] >= 10):
                return None
            current += _ONES[word]
        last = word
    return total + current
