"""Entries: an expense or income to propose from a sentence with an amount, or the reason it cannot be.

In order: the payment method, the date, reference numbers, the kind cues, a known vendor or client, the
period paid for (a note: 'for December') and the amount are taken out; then the party, the kind (asked about
when unsure) and the category are decided, and what is left becomes the note.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from fintrack.services.assistant.parsing import amounts, covers, dates, lexicon, parties, recognise, words
from fintrack.services.assistant.parsing.model import ROLE, WELL_KNOWN, Books, Parsed

NEED_AMOUNT = "I need an amount to add an entry, for example “add 42.50 fuel at Shell”."
NOT_UNDERSTOOD = "I did not understand that."


def entry(text: str, today: dt.date, books: Books) -> Parsed:
    """An expense or income to propose, or the reason it cannot be."""
    if dates.FUTURE.search(text):
        return Parsed.refused(dates.FUTURE_DATE, "a future date")
    method, rest = recognise.extract_payment_method(text)
    date, rest, problem = dates.extract_date(rest, today)
    if problem:
        return Parsed.refused(problem, "a date I cannot read for sure")
    if date and date > today:
        return Parsed.refused(dates.FUTURE_DATE, "a future date")
    month = None if date else _month_without_day(rest, today)
    if month:
        return Parsed.refused(f"Which day of {month}? Write it like “on 3 {month}”.", "a month without a day")
    notes, rest = _references(rest)
    cues = recognise.kind_cues(rest, text)
    known, rest = books.known.find(rest)
    covered, rest, problem = covers.extract_covered(rest, today)
    if problem:
        return Parsed.refused(problem, "a year or an amount")
    amount, rest, problem = amounts.extract_amount(rest)
    if problem:
        return Parsed.refused(problem, "the amount")
    if amount is None or amount.value == 0:
        return Parsed.refused(NEED_AMOUNT if _looks_like_entry(text, books) else NOT_UNDERSTOOD, "no amount")
    if amount.negative:
        return Parsed.refused(_negative(amount), "a negative amount")
    return _entry_fields(_Draft(text, rest, amount.value, date or today, method, notes, covered, known, cues), books)


def _references(text: str) -> tuple[str | None, str]:
    """(notes, text without the references) — unless the only number is the one after 'invoice' or 'order':
    then it is the amount ('Acme invoice 1200')."""
    notes, rest = amounts.extract_references(text)
    return (notes, rest) if amounts.amount_matches(rest) or not notes or ";" in notes else (None, text)


def _month_without_day(text: str, today: dt.date) -> str | None:
    """'fuel 40 in February', 'fuel 40 last month': the month of a day not given ('rent for March', 'rent for
    last month' name what was paid for)."""
    month = re.search(rf"\b(?:in|during|on)\s+({dates.MONTH_WORDS})\b", text, re.I)
    if month and month.group(1).lower() != "may":
        return month.group(1).title()
    if re.search(r"(?<!for )\bla?st (?:month|mth)\b", text, re.I):
        return calendar.month_name[(today.replace(day=1) - dt.timedelta(days=1)).month]
    return None


def _looks_like_entry(text: str, books: Books) -> bool:
    """Whether a sentence without an amount meant to add something ('add fuel at Shell')."""
    cues = recognise.kind_cues(text)
    return bool(lexicon.ADD_WORDS.search(text) or cues.income or cues.expense or books.category_kind(text)
                or books.known.find(text)[0])


def _negative(amount: amounts.Amount) -> str:
    return (f"I can't book a negative amount ({amount.written}): amounts are positive and the kind says which "
            f"way the money went. Was it a refund? Write “refund of {amount.value} from …” for money back, "
            f"or “add {amount.value} …” for a cost.")


@dataclass(frozen=True)
class _Draft:
    """An entry's parts found so far; `rest` is the text not yet understood."""

    text: str
    rest: str
    amount: Decimal
    date: dt.date
    method: str | None
    notes: str | None
    covered: str | None
    known: str | None
    cues: recognise.KindCues


def _entry_fields(draft: _Draft, books: Books) -> Parsed:
    """The card's fields from what is left: the party, the kind, the category, the note."""
    cues = draft.cues
    party, rest, party_why = _party(draft, cues, books)
    from_party = bool(party and re.search(rf"\bfrom\s+{re.escape(party)}\b", draft.rest, re.I))
    kind, kind_why, confidence = _kind(cues, party, rest, books, from_party=from_party)
    left = words.tokens(rest)
    doubt = None
    if not party:
        party, left = parties.proper_name(left, books.lexicon)
        party_why = f"{party} is written as a name" if party else party_why
    known_words = books.lexicon
    category = _category(kind or "expense", rest, party, books, written=draft.rest)
    if not party and not category and not cues.income:  # "earned 200 tutoring": what was sold
        party, doubt, left = _doubtful_party(left, known_words)
    category = category or recognise.spelled("Other", books.owned(kind or "expense"))
    notes = "; ".join(filter(None, (draft.notes, words.note_of(left, known_words), draft.covered))) or None
    fields = {"kind": kind, "amount": draft.amount, "date": draft.date, "party": party, "category": category,
              "payment_method": draft.method, "notes": notes}
    why = f"{kind_why}; {party_why}"
    if kind is None:
        return Parsed("ask", **fields, reason=_which_kind(draft.amount, party), doubt="kind", confidence=confidence,
                      why=why)
    return Parsed("add_entry", **fields, doubt=doubt, confidence=confidence * (0.6 if doubt else 1), why=why)


def _which_kind(amount: Decimal, party: str | None) -> str:
    return (f"Is this {amount} money you received or money you paid? Write “received {amount}"
            f"{' from ' + party if party else ''} …” for an income or “paid {amount}"
            f"{' to ' + party if party else ''} …” for an expense.")


def _party(draft: _Draft, cues: recognise.KindCues, books: Books) -> tuple[str | None, str, str]:
    """(vendor or client, text without them, why)."""
    if draft.known:
        return draft.known, draft.rest, f"{draft.known} is in your books"
    if cues.payer:
        found, rest = parties.payer(draft.rest, lexicon.OTHERS_PAID)
        if found:
            return found, rest, f"{found} paid"
    found, rest = parties.after_preposition(draft.rest, books.known)
    if found:
        return books.spelled_name(found), rest, f"{found} follows at/from/to"
    found, rest = WELL_KNOWN.find(draft.rest)
    if found:
        return found, rest, f"{found} is a well-known vendor"
    return None, draft.rest, "no vendor or client named"


def _kind(cues: recognise.KindCues, party: str | None, rest: str, books: Books,
          from_party: bool) -> tuple[str | None, str, float]:
    """(kind or None when it must be asked, why, confidence): the cues, else who the party is, else what the
    category words name; money 'from' someone with none of these is asked about."""
    if cues.decided == "expense" and set(cues.expense) <= {"fee", "fees"} and books.category_kind(rest) == "income":
        return "income", "a fee for an income's work ('consulting fee from Initech') is earned", 0.8
    if cues.decided:
        cue = (cues.income or cues.expense)[0]
        return cues.decided, f"'{cue}' says {cues.decided}", 1.0
    if cues.conflicting:
        return None, f"'{cues.income[0]}' says income but '{cues.expense[0]}' says expense", 0.3
    by_party, by_category = books.kind_of_party(party, well_known=False), books.category_kind(rest)
    if by_party and by_category and by_party != by_category:
        return None, f"{party} is a known {ROLE[by_party]} but the words name an {by_category} category", 0.4
    if by_party:
        return by_party, f"{party} is a known {ROLE[by_party]}", 0.9
    well_known = books.kind_of_party(party)
    if well_known:
        return well_known, f"{party} is a well-known {ROLE[well_known]}", 0.8
    if by_category:
        return by_category, f"the words name an {by_category} category", 0.8
    if from_party:
        return None, f"money from {party} may have come in or gone out", 0.4
    return "expense", "a note with an amount and no income cue is an expense", 0.7


def _category(kind: str, rest: str, party: str | None, books: Books, *, written: str) -> str | None:
    """The category the words name (the head word: 'office rent' is Rent), else that vendor's usual one,
    else a well-known vendor's ('Google Workspace' is Software), else the words with the vendor's name in
    them ('PayPal fee' is a bank fee)."""
    owned = books.owned(kind)
    return (recognise.named_category(rest, kind, owned, weak_words=False) or books.history(kind, party)
            or recognise.named_category(rest, kind, owned) or books.well_known_category(kind, party)
            or recognise.named_category(written, kind, owned))


def _doubtful_party(left: list[str], known: frozenset[str]) -> tuple[str | None, str | None, list[str]]:
    """A lone unknown word in lower case ('hetzner 39') may be the vendor: proposed, marked as a doubt. A
    plural ('candles 30') names things bought: a note."""
    content = words.content(left)
    unknown = [word for word in content
               if word.lower() not in known and not word[:1].isdigit() and not word.lower().endswith("s")]
    if len(unknown) != 1 or len(content) != 1:
        return None, None, left
    return unknown[0], "party", [word for word in left if word != unknown[0]]
