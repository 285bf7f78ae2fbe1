"""The offline assistant's parser: what an owner typed, understood without a model, deterministically.

`parse(text, today=..., categories=..., category_for_party=..., parties=...)` is a small pipeline:

1. **Routes** that need no reading: "show my expenses at X" (the gap buttons), commands it cannot do
   (delete, change...), advice ("should I lease or buy?"), "what is missing", greetings.
2. **Question or entry?** A question word or "?" makes a question; so does a sentence without an amount
   that names a period, a total, a category or a known vendor ("travel last month", "Hetzner this year").
   Anything with an amount is an entry to propose ("printer paper 23.40", "Globex paid 2,400").
3. **Recognisers** (`parsing/`) take out, in order, the payment method, the date, reference numbers, a
   known vendor or client, the amount, the kind cues, the party and the category; what is left are words.
4. **Decision**: the action with a confidence and the reason (`why`). When unsure of the kind it asks
   (`ask`), never books an expense silently; a doubtful vendor is proposed with `doubt` set, so the answer
   says so; a date it cannot read for sure (3/4) or a negative amount is refused with the reason.

Actions: ``add_entry``, ``ask``, ``totals``, ``breakdown``, ``top_parties``, ``search``, ``missing``,
``help`` and ``refuse``. It is pure: `today` is passed in, vendor history comes through
`category_for_party` and the owner's known vendors and clients through `parties`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from fintrack.services.assistant.parsing import amounts, dates, lexicon, parties, periods, recognise, words
from fintrack.services.assistant.parsing.text import tidy

# Answers are shown as text (never markdown: they quote the owner's books), so they carry no markup.
CONNECT_HINT = ("To ask anything else, connect a model: set OPENAI_API_KEY (and OPENAI_BASE_URL for an "
                "OpenAI-compatible server such as Ollama, vLLM or LM Studio) and restart FinTrack.")
OFFLINE_HELP = (
    "I'm running offline, without a language model, so I understand a few kinds of request:\n"
    "- add an expense or income: “add 42.50 fuel at Shell yesterday, card”, “printer paper 23.40”, "
    "“Globex paid 2,400 last Tuesday”\n"
    "- totals: “how much did I spend on travel this quarter?”, “fuel in March”, “profit last month”, "
    "“expenses by category this year”, “top categories this year”\n"
    "- top clients or vendors: “top clients this year”, “Hetzner this year”\n"
    "- find entries: “show my expenses at Shell”\n"
    "- what is missing from the books\n\n" + CONNECT_HINT
)
NEED_AMOUNT = "I need an amount to add an entry, for example “add 42.50 fuel at Shell”."
NOT_UNDERSTOOD = "I did not understand that."
CANNOT_ANSWER = ("Offline I can answer totals of income, expenses and profit, but not that: it needs a model "
                 "to answer.")
CANNOT_ADVISE = "I can't advise on that without a model."
PartyLookup = Callable[[str, str], str | None]
_WELL_KNOWN = parties.NameIndex({"expense": lexicon.KNOWN_VENDORS, "income": lexicon.KNOWN_PAYERS})
_ROLE = {"income": "client", "expense": "vendor"}
_WELL_KNOWN_CATEGORY = {name.casefold(): category for name, category in lexicon.KNOWN_VENDORS.items()}


@dataclass(frozen=True)
class Parsed:
    """What the sentence asks for. Fields not relevant to `action` stay None.

    `doubt` names a field the parser is unsure of ("kind", "party"); `confidence` (0-1) and `why` say how
    it decided, for the answer and for people reading the tests.
    """

    action: str
    kind: str | None = None
    amount: Decimal | None = None
    date: dt.date | None = None
    party: str | None = None
    category: str | None = None
    payment_method: str | None = None
    period: str | None = None
    reason: str | None = None
    notes: str | None = None
    doubt: str | None = None
    confidence: float = 1.0
    why: str = ""


@dataclass(frozen=True)
class Books:
    """What the parser knows of the owner: categories and known vendors/clients by kind, vendor history."""

    categories: Mapping[str, Sequence[str]]
    category_for_party: PartyLookup | None = None
    parties: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def owned(self, kind: str) -> list[str]:
        return list(self.categories.get(kind, ()))

    @cached_property
    def known(self) -> parties.NameIndex:
        """The owner's vendors and clients, to find in a sentence."""
        return parties.name_index(self.parties)

    def kind_of_party(self, party: str | None, *, well_known: bool = True) -> str | None:
        """'income' for a name known only as a client, 'expense' only as a vendor (or, `well_known`, a
        well-known vendor)."""
        if not party:
            return None
        found = self.known.kinds(party) or (_WELL_KNOWN.kinds(party) if well_known else set())
        return next(iter(found)) if len(found) == 1 else None

    def history(self, kind: str, party: str | None) -> str | None:
        """The category the owner used most for that vendor or client."""
        return self.category_for_party(kind, party) if party and self.category_for_party else None

    def well_known_category(self, kind: str, party: str | None) -> str | None:
        """The category most owners book a well-known vendor under ('Hetzner' is Software)."""
        known = _WELL_KNOWN_CATEGORY.get(party.casefold()) if party and kind == "expense" else None
        return recognise.spelled(known, self.owned(kind)) if known else None

    @cached_property
    def lexicon(self) -> frozenset[str]:
        """Words that are never a name: category words, months, weekdays, question words."""
        return words.category_words(self.owned("expense") + self.owned("income")) | _NOT_NAMES


_NOT_NAMES = frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS) | frozenset(
    "how what which who show list top total tell give much many profit net biggest largest where when find "
    "search spending revenue sum breakdown my hi hello thanks ok okay".split())


def parse(text: str, *, today: dt.date, categories: Mapping[str, Sequence[str]],
          category_for_party: PartyLookup | None = None,
          parties: Mapping[str, Sequence[str]] | None = None) -> Parsed:
    """Understand one sentence. `categories` and `parties` map "expense"/"income" to the owner's category
    names and known vendors/clients; `category_for_party(kind, party)` returns the category most used for
    that vendor/client, if any."""
    text = tidy(text)
    books = Books(categories, category_for_party, parties or {})
    for route in (_empty, _show_party, _command, _advice, _arithmetic, _missing, _help, _year_or_amount):
        routed = route(text, today, books)
        if routed:
            return routed
    if _is_question(text, today, books):
        return _question(text, today, books)
    return _entry(text, today, books)


# --- routes ---------------------------------------------------------------------------------------------

_SHOW_PARTY = re.compile(r"^show my (?P<noun>expenses|incomes?) (?:at|from) (?P<name>\S.*?)\??$", re.I)


def _empty(text: str, today: dt.date, books: Books) -> Parsed | None:
    return Parsed("help", why="nothing was written") if not text else None


def _show_party(text: str, today: dt.date, books: Books) -> Parsed | None:
    """'show my expenses at X' / 'show my income from X' (what the gap buttons ask): X is the party as
    written, whatever words it holds ('Delete Me Inc'). Only a trailing period ('Shell last month') is taken
    off, and only when the books do not know the whole of X as a vendor/client."""
    match = _SHOW_PARTY.match(text)
    if not match:
        return None
    kind = "expense" if match["noun"].lower() == "expenses" else "income"
    name, period = match["name"], "all_time"
    if not (books.category_for_party and books.category_for_party(kind, name)):
        found, rest = periods.extract_period(name, today)
        if found and rest and name.startswith(rest):
            name, period = rest.rstrip(" ,"), found
    return Parsed("search", kind=kind, party=name, period=period, why="the gap buttons' question")


def _command(text: str, today: dt.date, books: Books) -> Parsed | None:
    found = lexicon.REFUSE_VERBS.search(text)
    if not found or lexicon.ADD_WORDS.match(text):
        return None
    verb = found.group(1).lower()
    return Parsed("refuse", reason=f"I can't {verb} things in offline mode; I only add entries (after you confirm) "
                                   "and answer totals.", why=f"'{verb}' is not something I do offline")


def _advice(text: str, today: dt.date, books: Books) -> Parsed | None:
    if not lexicon.ADVICE.search(text):
        return None
    return Parsed("refuse", reason=CANNOT_ADVISE, why="advice needs a model")


def _arithmetic(text: str, today: dt.date, books: Books) -> Parsed | None:
    """'split the bill, my half', 'same as last month': shares and copies need more than one sentence."""
    if lexicon.REPEAT.search(text):
        return _refuse("I can't copy an earlier entry offline; use Duplicate in the Ledger, or write the "
                       "entry out, e.g. “add 850 rent on the 1st”.", "a copy of an earlier entry")
    if lexicon.SHARE.search(text):
        return _refuse("I can't work out shares offline; write the amount you paid yourself, e.g. “add 60 "
                       "dinner”.", "a share of an amount")
    return None


def _missing(text: str, today: dt.date, books: Books) -> Parsed | None:
    return Parsed("missing", why="asks what is missing") if lexicon.MISSING.search(text) else None


def _help(text: str, today: dt.date, books: Books) -> Parsed | None:
    return Parsed("help", why="a greeting or a question about me") if lexicon.HELP.match(text) else None


def _year_or_amount(text: str, today: dt.date, books: Books) -> Parsed | None:
    """'tax 2025': a lone year with no question or total word may be an amount as well; asked, not guessed."""
    if lexicon.QUESTION_LEAD.match(text) or lexicon.ADD_LEAD.match(text) or text.endswith("?"):
        return None
    period, rest = periods.extract_period(text, today)
    if not periods.is_bare_year(text, period) or _metric(text) or amounts.amount_matches(rest):
        return None
    year = period.partition(":")[2]
    return Parsed("refuse", reason=f"I did not understand whether {year} is a year or an amount: ask “{rest} in "
                                   f"{year}” for a total, or write “add {year} {rest}” to record it.",
                  why="a lone year may be an amount")


# --- question or entry ----------------------------------------------------------------------------------


def _is_question(text: str, today: dt.date, books: Books) -> bool:
    """A question word or mark, or no amount beside a period or a total word ('travel last month')."""
    if lexicon.ADD_LEAD.match(text):
        return False
    if lexicon.QUESTION_LEAD.match(text) or text.endswith("?"):
        return True
    period, rest = periods.extract_period(text, today)
    _, rest = amounts.extract_references(rest)
    if amounts.amount_matches(rest) or lexicon.ADD_WORDS.search(text):
        return False
    return bool(period or _metric(rest))


def _first_name(text: str, books: Books) -> str | None:
    """A word written as a name that is no period word ('H1', 'Q3' are periods, asked about elsewhere)."""
    candidates = [word for word in words.tokens(text) if not periods.PERIOD_WORDS.fullmatch(word)]
    return parties.proper_name(candidates, books.lexicon)[0]


def _category_kind(text: str, books: Books) -> str | None:
    """The kind whose categories (or their synonyms) the text names, when only one kind's are named."""
    named = {kind for kind in ("expense", "income")
             if recognise.owned_category(text, [c for c in books.owned(kind) if c.casefold() != "other"])
             or [found for found in recognise.synonyms(text, kind)
                 if not recognise.is_weak(text[found.start:found.end])]}
    return named.pop() if len(named) == 1 else None


# --- entries --------------------------------------------------------------------------------------------


def _refuse(reason: str, why: str) -> Parsed:
    return Parsed("refuse", reason=reason, why=why)


def _entry(text: str, today: dt.date, books: Books) -> Parsed:
    """An expense or income to propose, or the reason it cannot be."""
    if dates.FUTURE.search(text):
        return _refuse(dates.FUTURE_DATE, "a future date")
    method, rest = recognise.extract_payment_method(text)
    date, rest, problem = dates.extract_date(rest, today)
    if problem:
        return _refuse(problem, "a date I cannot read for sure")
    if date and date > today:
        return _refuse(dates.FUTURE_DATE, "a future date")
    month = re.search(rf"\b(?:in|during|on)\s+({dates.MONTH_WORDS})\b", rest, re.I) if not date else None
    if month and month.group(1).lower() != "may":  # "rent for March" names what was paid for: a note
        return _refuse(f"Which day of {month.group(1).title()}? Write it like “on 3 {month.group(1).title()}”.",
                       "a month without a day")
    notes, rest = amounts.extract_references(rest)
    cues = recognise.kind_cues(rest, text)
    known, rest = books.known.find(rest)
    amount, rest, problem = amounts.extract_amount(rest)
    if problem:
        return _refuse(problem, "the amount")
    if amount is None or amount.value == 0:
        return _refuse(NEED_AMOUNT if _looks_like_entry(text, books) else NOT_UNDERSTOOD, "no amount")
    if amount.negative:
        return _refuse(_negative(amount, rest), "a negative amount")
    return _entry_fields(_Draft(text, rest, amount.value, date or today, method, notes, known, cues), books)


def _looks_like_entry(text: str, books: Books) -> bool:
    return bool(lexicon.ADD_WORDS.search(text) or recognise.kind_cues(text).income
                or recognise.kind_cues(text).expense or _category_kind(text, books)
                or books.known.find(text)[0])


def _negative(amount: amounts.Amount, rest: str) -> str:
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
    known: str | None
    cues: recognise.KindCues


def _entry_fields(draft: _Draft, books: Books) -> Parsed:
    cues = draft.cues
    party, rest, party_why = _party(draft, cues, books)
    kind, kind_why, confidence = _kind(cues, party, rest, books,
                                       from_party=bool(party and re.search(rf"\bfrom\s+{re.escape(party)}\b",
                                                                           draft.rest, re.I)))
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
    notes = "; ".join(filter(None, (draft.notes, words.note_of(left, known_words)))) or None
    fields = {"kind": kind, "amount": draft.amount, "date": draft.date, "party": party, "category": category,
              "payment_method": draft.method, "notes": notes}
    why = f"{kind_why}; {party_why}"
    if kind is None:
        question = (f"Is this {draft.amount} money you received or money you paid? Write “received "
                    f"{draft.amount}{' from ' + party if party else ''} …” for an income or “paid "
                    f"{draft.amount}{' to ' + party if party else ''} …” for an expense.")
        return Parsed("ask", **fields, reason=question, doubt="kind", confidence=confidence, why=why)
    return Parsed("add_entry", **fields, doubt=doubt, confidence=confidence * (0.6 if doubt else 1), why=why)


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
        return found, rest, f"{found} follows at/from/to"
    found, rest = _WELL_KNOWN.find(draft.rest)
    if found:
        return found, rest, f"{found} is a well-known vendor"
    return None, draft.rest, "no vendor or client named"


def _kind(cues: recognise.KindCues, party: str | None, rest: str, books: Books,
          from_party: bool) -> tuple[str | None, str, float]:
    """(kind or None when it must be asked, why, confidence): the cues, else who the party is, else what the
    category words name; money 'from' someone with none of these is asked about."""
    if cues.decided == "expense" and set(cues.expense) <= {"fee", "fees"} and _category_kind(rest, books) == "income":
        return "income", "a fee for an income's work ('consulting fee from Initech') is earned", 0.8
    if cues.decided:
        cue = (cues.income or cues.expense)[0]
        return cues.decided, f"'{cue}' says {cues.decided}", 1.0
    if cues.conflicting:
        return None, f"'{cues.income[0]}' says income but '{cues.expense[0]}' says expense", 0.3
    by_party, by_category = books.kind_of_party(party, well_known=False), _category_kind(rest, books)
    if by_party and by_category and by_party != by_category:
        return None, f"{party} is a known {_ROLE[by_party]} but the words name an {by_category} category", 0.4
    if by_party:
        return by_party, f"{party} is a known {_ROLE[by_party]}", 0.9
    well_known = books.kind_of_party(party)
    if well_known:
        return well_known, f"{party} is a well-known {_ROLE[well_known]}", 0.8
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


# --- questions ------------------------------------------------------------------------------------------

_SHOW = re.compile(r"^\s*(show|list|find|search)\b", re.I)
_PARTY_NOUNS = r"clients?|customers?|vendors?|suppliers?|payees?"
_TOP = re.compile(rf"\b(?:top|biggest|largest|best|main)\b.*\b(?:{_PARTY_NOUNS})\b|"
                  rf"\b(?:by|per|each)\s+(?:{_PARTY_NOUNS})\b|\b(?:{_PARTY_NOUNS})\b.*\bthe most\b", re.I)
_BREAKDOWN = re.compile(r"\b(by|per|each) category\b|\bcategories\b|\bbreakdown\b|\bmost on\b|"
                        r"\b(?:biggest|largest|top|main)\b.*\bcategory\b|\btop (?:expenses|costs|spending)\b|"
                        r"\bwhere (?:did|does) (?:my|the|all the) money go\b", re.I)


def _metric(text: str) -> str | None:
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
    if not found:
        found, rest = books.known.find(text)
    if not found:
        found, rest = _WELL_KNOWN.find(text)
    if not found:
        name = _first_name(text, books)
        found, rest = (name, text.replace(name, " ", 1)) if name else (None, text)
    return found, tidy(rest)


def _question(text: str, today: dt.date, books: Books) -> Parsed:
    period, rest = periods.extract_period(text, today)
    party, rest = _asked_party(rest, books)
    if periods.PERIOD_WORDS.search(rest):
        return _refuse(periods.UNKNOWN_PERIOD, "a period I do not know")
    metric = _metric(text) or _question_kind(text, rest, party, books)
    if metric == "expense" and parties.payer(text, parties.PAID_ME_QUESTION)[0]:  # "did Globex pay"
        metric = "income"
    if metric is None:
        return _refuse(CANNOT_ANSWER, "no total, kind, category or name I know")
    why = f"a question about {metric}"
    if _TOP.search(text):
        kind = "income" if re.search(r"\b(clients?|customers?)\b", text, re.I) else "expense"
        return Parsed("top_parties", kind=kind, period=period or "this_year", why=why)
    if metric == "profit":
        return Parsed("totals", kind="profit", period=period or "this_year", why=why)
    if _BREAKDOWN.search(text):
        return Parsed("breakdown", kind=metric, period=period or "this_year", why=why)
    owned = books.owned(metric)
    if party and recognise.owned_category(party, owned):  # "from consulting" names a category, not a client
        category, party = recognise.owned_category(party, owned), None
    else:
        category = recognise.named_category(rest, metric, owned)
    action = "search" if _SHOW.match(text) else "totals"
    return Parsed(action, kind=metric, period=period or ("all_time" if action == "search" else "this_year"),
                  category=category, party=party, why=why)


def _question_kind(text: str, rest: str, party: str | None, books: Books) -> str | None:
    """The kind of a question without a total word: from its category ('travel last month'), its
    vendor/client ('Hetzner this year'), 'from' (income) or 'categories' (expenses)."""
    by_category = _category_kind(rest, books)
    if by_category:
        return by_category
    if party:
        return books.kind_of_party(party) or ("income" if re.search(r"\bfrom\b", text, re.I) else "expense")
    return "expense" if _BREAKDOWN.search(text) else None
