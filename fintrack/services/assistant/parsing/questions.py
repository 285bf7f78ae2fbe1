"""Questions: totals, breakdowns, tops and searches by period, category, vendor or client, from a sentence."""

from __future__ import annotations

import datetime as dt
import re

from fintrack.services.assistant.parsing import parties, periods, recognise
from fintrack.services.assistant.parsing.model import WELL_KNOWN, Books, Parsed
from fintrack.services.assistant.parsing.text import tidy

CANNOT_ANSWER = ("Offline I can answer totals of income, expenses and profit, but not that: it needs a model "
                 "to answer.")
_SHOW = re.compile(r"^\s*(show|list|find|search)\b", re.I)
_PARTY_NOUNS = r"clients?|customers?|vendors?|suppliers?|payees?"
_TOP = re.compile(rf"\b(?:top|biggest|largest|best|main)\b.*\b(?:{_PARTY_NOUNS})\b|"
                  rf"\b(?:by|per|each)\s+(?:{_PARTY_NOUNS})\b|\b(?:{_PARTY_NOUNS})\b.*\bthe most\b", re.I)
_BREAKDOWN = re.compile(r"\b(by|per|each) category\b|\bcategories\b|\bbreakdown\b|\bmost on\b|"
                        r"\b(?:biggest|largest|top|main)\b.*\bcategory\b|\btop (?:expenses|costs|spending)\b|"
                        r"\bwhere (?:did|does) (?:my|the|all the) money go\b", re.I)


def metric(text: str) -> str | None:
    if re.search(r"\b(profit|net|margin|made overall|bottom line|vs|versus|income and expenses|"
                 r"expenses and income)\b", text, re.I):
        return "profit"
    if re.search(r"\b(income|incomes|pa(?:y|id) (?:me|us)|earn|earned|revenue|sales|received|receive|make|made|"
                 r"clients?|customers?|takings|payouts?)\b", text, re.I):
        return "income"
    if re.search(r"\b(spend|spent|spending|expenses?|costs?|paid|pay|vendors?|suppliers?|bought)\b", text, re.I):
        return "expense"
    return None


def _asked_party(text: str, books: Books) -> tuple[str | None, str]:
    """(vendor or client the question is about, text without them): 'did Acme pay me', 'from Acme', 'at Shell',
    a known name, or a name written as one ('what did we pay Initech')."""
    found, rest = parties.payer(text, parties.PAID_ME_QUESTION)
    if not found:
        found, rest = parties.after_preposition(text, books.known)
    found = books.spelled_name(found) if found else None
    if not found:
        found, rest = books.known.find(text)
    if not found:
        found, rest = WELL_KNOWN.find(text)
    if not found:
        name = books.first_name(text)
        found, rest = (name, text.replace(name, " ", 1)) if name else (None, text)
    return found, tidy(rest)


def question(text: str, today: dt.date, books: Books) -> Parsed:
    period, rest = periods.extract_period(text, today)
    party, rest = _asked_party(rest, books)
    if periods.PERIOD_WORDS.search(rest):
        return Parsed.refused(periods.UNKNOWN_PERIOD, "a period I do not know")
    kind = metric(text) or _question_kind(text, rest, party, books)
    if kind == "expense" and parties.payer(text, parties.PAID_ME_QUESTION)[0]:  # "did Globex pay"
        kind = "income"
    if kind is None:
        return Parsed.refused(CANNOT_ANSWER, "no total, kind, category or name I know")
    why = f"a question about {kind}"
    if _TOP.search(text):
        side = "income" if re.search(r"\b(clients?|customers?)\b", text, re.I) else "expense"
        return Parsed("top_parties", kind=side, period=period or "this_year", why=why)
    if kind == "profit":
        return Parsed("totals", kind="profit", period=period or "this_year", why=why)
    if _BREAKDOWN.search(text):
        return Parsed("breakdown", kind=kind, period=period or "this_year", why=why)
    owned = books.owned(kind)
    if party and recognise.owned_category(party, owned):  # "from consulting" names a category, not a client
        category, party = recognise.owned_category(party, owned), None
    else:
        category = recognise.named_category(rest, kind, owned)
    action = "search" if _SHOW.match(text) else "totals"
    return Parsed(action, kind=kind, period=period or ("all_time" if action == "search" else "this_year"),
                  category=category, party=party, why=why)


def _question_kind(text: str, rest: str, party: str | None, books: Books) -> str | None:
    """The kind of a question without a total word: from its category ('travel last month'), its
    vendor/client ('Hetzner this year'), 'from' (income) or 'categories' (expenses)."""
    by_category = books.category_kind(rest)
    if by_category:
        return by_category
    if party:
        return books.kind_of_party(party) or ("income" if re.search(r"\bfrom\b", text, re.I) else "expense")
    return "expense" if _BREAKDOWN.search(text) else None
