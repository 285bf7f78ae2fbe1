"""The offline assistant's parser: common requests understood without a model, deterministically.

`parse(text, today=..., categories=..., category_for_party=...)` turns one sentence into a `Parsed` action:

- ``add_entry``: "add 42.50 fuel at Shell yesterday, card", "received 1.200,00 € from Acme on the 5th",
  "Acme paid me 1500 on 15.03.2026" (a number after "invoice", "order", "#"... is a reference kept in notes)
- ``totals``: "how much did I spend on travel this quarter", "profit last month", "how much did Acme pay me"
- ``breakdown``: "expenses by category this year"
- ``top_parties``: "top clients this year", "biggest vendors last quarter", "income by client"
- ``search``: "show my expenses at Shell", "list incomes in Other"; in "show my expenses at X" (the sentence
  the gap buttons ask) X is the vendor as written, even "Travel Lodge" or "Delete Me Inc"
- ``missing``: "what is missing"
- ``help`` (greetings, "what can you do") and ``refuse`` (with the reason) for everything else.

It is pure: `today` is passed in and vendor history comes through `category_for_party`.
Periods are keys (`this_month`, `last_quarter`, `this_year` = this fiscal year, `month:2026-03`, `week:2026-03-16`
(a Monday), `day:2026-03-17`, `quarter:1` (of this fiscal year), `quarter:2025-1` (Q1 FY2025), `fiscal:2025`,
`calendar:2025`) that the service turns into dates with the owner's fiscal year. A question with a period word
the parser does not know is refused, never answered for another period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from fintrack.money import AmountError, parse_amount

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): index for index, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_WORDS = "|".join(WEEKDAYS)

PAYMENT_METHODS: tuple[tuple[str, str], ...] = (
    (r"direct debit", "Direct debit"),
    (r"bank transfer|wire transfer|transfer|wire", "Bank transfer"),
    (r"credit card|debit card|card|visa|mastercard|amex", "Card"),
    (r"cash", "Cash"),
    (r"cheque|check", "Cheque"),
    (r"paypal", "PayPal"),
)

KEYWORD_CATEGORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "expense": (
        (r"fuel|petrol|diesel|gas station|taxi|uber|train|flights?|airfare|hotel|parking|mileage|tolls?",
         "Travel"),
        (r"lunch|dinner|breakfast|coffee|restaurant|meals?|food|catering", "Meals"),
        (r"software|subscription|saas|licen[cs]e|app|hosting|domain", "Software"),
        (r"rent|lease", "Rent"),
        (r"electricity|power bill|water bill|internet|broadband|phone bill|mobile plan|utilities", "Utilities"),
        (r"laptop|computer|printer|monitor|equipment|tools?|camera", "Equipment"),
        (r"ads|advert\w*|marketing|facebook ads|google ads", "Advertising"),
        (r"accountant|bookkeep\w*|lawyer|legal|solicitor|consultant", "Professional services"),
        (r"insurance", "Insurance"),
        (r"stationery|paper|office supplies|postage|stamps|ink", "Office"),
        (r"bank fees?|bank charges?|fees?", "Bank fees"),
        (r"salary|salaries|wages|payroll", "Payroll"),
        (r"contractor|freelancer", "Contractors"),
        (r"tax|taxes|licence fee|permit", "Taxes & licences"),
    ),
    "income": (
        (r"consulting|consultancy|advice", "Consulting"),
        (r"interest", "Interest"),
        (r"refund|refunded|reimburse\w*", "Refunds"),
        (r"sale|sales|sold|shop|products?", "Sales"),
        (r"invoice|services?|project|design|work", "Services"),
    ),
}

CONNECT_HINT = ("To ask anything else, connect a model: set `OPENAI_API_KEY` (and `OPENAI_BASE_URL` for an "
                "OpenAI-compatible server such as Ollama, vLLM or LM Studio) and restart FinTrack.")
OFFLINE_HELP = (
    "I'm running offline, without a language model, so I understand a few kinds of request:\n"
    "- **add** an expense or income: *add 42.50 fuel at Shell yesterday, card* or "
    "*received 1,200 from Acme on the 5th*\n"
    "- **totals**: *how much did I spend on travel this quarter?*, *profit last month*, *income this year*, "
    "*expenses by category this year*\n"
    "- **top** clients or vendors: *top clients this year*\n"
    "- **find** entries: *show my expenses at Shell*\n"
    "- **what is missing** from the books\n\n" + CONNECT_HINT
)


@dataclass(frozen=True)
class Parsed:
    """What the sentence asks for. Fields not relevant to `action` stay None."""

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


# --- dates ----------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\b(?:on\s+)?(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_FIRST_DATE = re.compile(r"\b(?:on\s+)?(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})\b")
_SLASH_DATE = re.compile(r"\b(?:on\s+)?(\d{1,2})/(\d{1,2})\b(?!/)")
_ON_DAY_DOT_MONTH = re.compile(r"\bon\s+(\d{1,2})\.(0?[1-9]|1[0-2])\.?(?![\d.,])")  # "on 15.03", not "on 4.50"
_DAY_MONTH = re.compile(
    rf"\b(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_WORDS})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b(?:on\s+)?({_MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(\d{{4}}))?\b", re.I)
_ORDINAL_DAY = re.compile(r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_WEEKDAY = re.compile(rf"\b(?:(last|on|this\s+past)\s+)?({_WEEKDAY_WORDS})\b", re.I)
_RELATIVE = re.compile(r"\b(day before yesterday|yesterday|today|last week|(\d{1,2}|a|one|two|three) (days?|weeks?) "
                       r"ago)\b", re.I)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}
_FUTURE = re.compile(rf"\b(tomorrow|next (?:week|month|year|{_WEEKDAY_WORDS})|in (?:\d+|a|one|two|three) "
                     r"(?:days?|weeks?|months?))\b", re.I)
IMPOSSIBLE_DATE = "That date does not exist; please check the day and month."
FUTURE_DATE = ("That date is in the future; I only record what already happened. Add it on the day, "
               "or in the Ledger if you really mean to.")


def _cut(text: str, match: re.Match) -> str:
    """`text` without what `match` matched, spaces tidied."""
    joined = text[: match.start()] + " " + text[match.end():]
    return re.sub(r"\s+([,.;!?])", r"\1", " ".join(joined.split()))


def _past_date(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
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
        return _past_date(None, second, first, today)
    if second > 12:
        return _past_date(None, first, second, today)
    return (f"“{match[1]}/{match[2]}” could be the {first} of {calendar.month_name[second]} or "
            f"{calendar.month_name[first]} {second}; please write the month as a word (“{first} "
            f"{calendar.month_name[second]}”) or the date as YYYY-MM-DD.")


def _relative(match: re.Match, today: dt.date) -> dt.date:
    word = match.group(1).lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if word == "day before yesterday":
        return today - dt.timedelta(days=2)
    if word == "last week":
        return today - dt.timedelta(days=7)
    count = _NUMBER_WORDS.get(match.group(2).lower()) or int(match.group(2))
    days = count * (7 if match.group(3).lower().startswith("week") else 1)
    return today - dt.timedelta(days=days)


def _weekday(match: re.Match, today: dt.date) -> dt.date:
    target = WEEKDAYS[match.group(2).lower()]
    back = (today.weekday() - target) % 7
    if back == 0 and (match.group(1) or "").lower().startswith(("last", "this")):
        back = 7
    return today - dt.timedelta(days=back)


def _ordinal_day(match: re.Match, today: dt.date) -> dt.date | None:
    day = int(match.group(1))
    found = _past_date(today.year, today.month, day, today) if day <= 31 else None
    if found and found <= today:
        return found
    previous = today.replace(day=1) - dt.timedelta(days=1)
    return _past_date(previous.year, previous.month, day, today)


def extract_date(text: str, today: dt.date) -> tuple[dt.date | None, str, str | None]:
    """(date, text without the date words, problem): the problem says why a written date was not taken
    (it does not exist, or it is ambiguous, like 3/4)."""
    readers: tuple[tuple[re.Pattern, Callable[[re.Match], dt.date | str | None]], ...] = (
        (_ISO_DATE, lambda m: _past_date(int(m[1]), int(m[2]), int(m[3]), today)),
        (_DAY_FIRST_DATE, _day_first),
        (_SLASH_DATE, lambda m: _slash_day(m, today)),
        (_ON_DAY_DOT_MONTH, lambda m: _past_date(None, int(m[2]), int(m[1]), today)),
        (_DAY_MONTH, lambda m: _past_date(int(m[3]) if m[3] else None, MONTHS[m[2].lower()], int(m[1]), today)),
        (_MONTH_DAY, lambda m: _past_date(int(m[3]) if m[3] else None, MONTHS[m[1].lower()], int(m[2]), today)),
        (_ORDINAL_DAY, lambda m: _ordinal_day(m, today)),
        (_RELATIVE, lambda m: _relative(m, today)),
        (_WEEKDAY, lambda m: _weekday(m, today)),
    )
    for pattern, read in readers:
        match = pattern.search(text)
        if match:
            found = read(match)
            if found is None or isinstance(found, str):
                return None, text, found or IMPOSSIBLE_DATE
            return found, _cut(text, match), None
    return None, text, None


# --- amounts, payment methods, parties, categories ------------------------------------------------------

_CURRENCY_WORDS = r"(?:eur|euros?|usd|dollars?|gbp|pounds?|bucks|chf|aud|cad)"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<pre>[€$£¥]\s?|(?:eur|usd|gbp|chf)\s)?"
    rf"(?P<num>\d{{1,3}}(?:[ ,.\u00a0]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?P<thousands>k)?(?P<post>\s?[€$£¥]|\s{_CURRENCY_WORDS}\b)?(?![\w])",
    re.I,
)


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_REFERENCE = re.compile(
    r"(?:(?P<label>\b(?:invoice|inv|order|ref|reference|receipt)\b\.?|(?<!\w)(?:no|nr)\.)\s*"
    r"(?:(?:no|nr)\.?\s*|number\s+)?#?\s*|(?<![\w#])#\s*)(?P<ref>[a-z]{0,4}[-/]?\d[\w/-]*)", re.I)


def _number_text(number: str) -> str:
    """What an owner meant: '1.200' and '1.234.567' (dots every three digits, nothing else) are thousands;
    anything else ('12.50', '1.234,50', '12,5') is read by `parse_amount` as the forms read it."""
    return number.replace(".", "") if _DOT_THOUSANDS.fullmatch(number) else number


def extract_references(text: str) -> tuple[str | None, str]:
    """(notes, text without the reference numbers): 'for invoice 1042', 'order #77', '#1042' are references,
    not amounts. The word 'invoice' stays in the text (it hints at the category)."""
    found, kept, position = [], [], 0
    for match in _REFERENCE.finditer(text):
        found.append(match.group(0).strip())
        cut_from = match.end("label") if match.group("label") else match.start()
        kept.append(text[position:cut_from])
        position = match.end()
    if not found:
        return None, text
    rest = " ".join(("".join(kept) + text[position:]).split())
    return "; ".join(found), re.sub(r"\s+([,.;!?])", r"\1", rest)


def extract_amount(text: str) -> tuple[Decimal | None, str, str | None]:
    """(amount, text without it, problem) — the amount is the number with a currency mark or decimals,
    or the only number; several equally likely numbers are a problem, not a guess."""
    candidates = []
    for match in _AMOUNT.finditer(text):
        number = _number_text(match.group("num"))
        marked = match.group("pre") or match.group("post") or match.group("thousands")
        rank = 2 if marked else 1 if re.search(r"[.,]\d{1,2}$", number) else 0
        candidates.append((rank, match))
    if not candidates:
        return None, text, None
    best = max(rank for rank, _ in candidates)
    top = [match for rank, match in candidates if rank == best]
    if len(top) > 1:
        return None, text, "I found more than one amount in that sentence; please give just one."
    match = top[0]
    try:
        amount = parse_amount(_number_text(match.group("num")))
        if match.group("thousands"):
            amount = parse_amount(amount * 1000)
    except AmountError as error:
        return None, text, f"That amount does not work: {error}."
    return amount, _cut(text, match), None


def extract_payment_method(text: str) -> tuple[str | None, str]:
    lowered = text.lower()
    for pattern, label in PAYMENT_METHODS:
        match = re.search(rf"\b(?:(?:by|with|via|using|paid by|paid with|on)\s+(?:my\s+|the\s+)?)?(?:{pattern})\b",
                          lowered)
        if match:
            return label, _cut(text, match)
    return None, text


_PARTY_STOP = (r"(?=\s+(?:for|on|in|by|with|using|via|paid|yesterday|today|last|this|ago|as|category|"
               r"and|since|until|till|between|during)\b|\s*[,.;!?]|\s*$)")
_PARTY = re.compile(rf"\b(?:at|from|to|with|by)\s+(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){{0,4}}?){_PARTY_STOP}", re.I)
_LOWER_NOT_PARTY = {"the", "my", "a", "an", "our", "me", "us", "it", "them", "date", "category", "categories",
                    "month", "months"}
_ROLE_WORDS = re.compile(r"^(?:client|customer|vendor|supplier|shop|store)\s+", re.I)


_NAME = r"(?P<party>[\w&'’.-]+(?:\s+[\w&'’.-]+){0,4}?)"
_PAID_ME_ADD = re.compile(rf"^{_NAME}\s+(?:has\s+|have\s+)?paid\s+(?:me|us)\b", re.I)
_PAID_ME_QUESTION = re.compile(rf"\b(?:did|has|have)\s+{_NAME}\s+(?:paid|pay)\s+(?:me|us)\b", re.I)
_NOT_PAYERS = {"i", "we", "you", "they", "he", "she", "someone", "anyone", "who"}


def _named(party: str) -> str | None:
    """The party as named: 'The Ivy' keeps its 'The'; 'the Bank of Ireland' is 'Bank of Ireland';
    'the bank', 'my landlord' name nobody."""
    words = _ROLE_WORDS.sub("", party.strip(" .'")).split()
    if not words:
        return None
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].isupper():
        return " ".join(words if words[0] == "The" else words[1:])
    return " ".join(words) if words[0].lower() not in _LOWER_NOT_PARTY else None


def extract_party(text: str) -> tuple[str | None, str]:
    """(vendor or client after 'at', 'from', 'to', 'with' or 'by', text without it)."""
    for match in _PARTY.finditer(text):
        party = _named(match.group("party"))
        if party:
            return party, _cut(text, match)
    return None, text


def extract_payer(text: str, pattern: re.Pattern) -> tuple[str | None, str]:
    """(who paid, text without them) in 'Acme paid me 1500' or 'how much did Acme pay us'."""
    match = pattern.search(text)
    payer = _named(match.group("party")) if match else None
    if not payer or payer.lower() in _NOT_PAYERS:
        return None, text
    return payer, text[: match.start("party")] + text[match.end("party"):]


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I) is not None


def match_category(text: str, categories: Sequence[str]) -> str | None:
    """The longest of the owner's categories written in `text` (whole words, any case)."""
    for category in sorted(categories, key=len, reverse=True):
        if _word_in(category, text) or (category.endswith("s") and _word_in(category[:-1], text)):
            return category
    return None


def keyword_category(text: str, kind: str, categories: Sequence[str]) -> str | None:
    """A category guessed from words like 'fuel' (Travel), spelled as the owner spells it."""
    for pattern, category in KEYWORD_CATEGORIES[kind]:
        if re.search(rf"\b(?:{pattern})s?\b", text, re.I):
            return next((known for known in categories if known.casefold() == category.casefold()), category)
    return None


# --- periods --------------------------------------------------------------------------------------------

_PERIODS: tuple[tuple[str, str], ...] = (
    (r"this (?:fiscal |financial )?year|so far this year|year to date|ytd", "this_year"),
    (r"last (?:fiscal |financial )?year|previous year", "last_year"),
    (r"this quarter|current quarter", "this_quarter"),
    (r"last quarter|previous quarter", "last_quarter"),
    (r"this month|current month", "this_month"),
    (r"last month|previous month", "last_month"),
    (r"last 12 months|past 12 months|past year|last twelve months", "last_12_months"),
    (r"today", "today"),
    (r"all time|ever|in total|overall", "all_time"),
)
_FULL_MONTHS = "|".join(name.lower() for name in calendar.month_name if name and name != "May")
UNKNOWN_PERIOD = ("I did not understand the period in that question. I know: this or last week, month, quarter "
                  "or year; yesterday; Q1 to Q4 (of this fiscal year, or Q1 2025); FY2025; a month (in March, "
                  "March 2025); a year (2025); year to date; last 12 months; all time.")
_PERIOD_WORDS = re.compile(rf"\b(?:weeks?|weekends?|fortnight|months?|quarters?|years?|days?|tomorrow|tonight|"
                           rf"since|until|till|between|next|last|past|previous|h[12]|fy\d*|q\d|{_WEEKDAY_WORDS})\b",
                           re.I)


def _month_key(name: str, year: str | None, today: dt.date) -> str:
    """'month:2025-12' for December asked in March 2026 (the latest one not after today)."""
    number = MONTHS[name.lower()]
    found = int(year) if year else today.year - (1 if number > today.month else 0)
    return f"month:{found:04d}-{number:02d}"


def _period_readers(today: dt.date) -> tuple[tuple[str, Callable[[re.Match], str]], ...]:
    """(pattern, key of what it matched) for the periods written with dates or numbers."""
    monday = today - dt.timedelta(days=today.weekday())
    return (
        (r"this week|current week", lambda m: f"week:{monday.isoformat()}"),
        (r"last week|previous week", lambda m: f"week:{(monday - dt.timedelta(days=7)).isoformat()}"),
        (r"yesterday", lambda m: f"day:{(today - dt.timedelta(days=1)).isoformat()}"),
        (r"q([1-4])(?:\s+(?:of\s+)?(?:fy\s?)?(\d{4}))?", lambda m: f"quarter:{m[2]}-{m[1]}" if m[2]
         else f"quarter:{m[1]}"),
        (r"fy\s?(\d{4})", lambda m: f"fiscal:{m[1]}"),
        (rf"(?:in|for|during)\s+({_MONTH_WORDS})(?:\s+(\d{{4}}))?", lambda m: _month_key(m[1], m[2], today)),
        (rf"({_FULL_MONTHS})(?:\s+(\d{{4}}))?", lambda m: _month_key(m[1], m[2], today)),
        (r"(?:in|for|during)\s+(\d{4})", lambda m: f"calendar:{m[1]}"),
        (r"((?:19|20)\d{2})", lambda m: f"calendar:{m[1]}"),
    )


def extract_period(text: str, today: dt.date) -> tuple[str | None, str]:
    """(period key, text without the period words)."""
    readers = [(pattern, lambda m, key=key: key) for pattern, key in _PERIODS] + list(_period_readers(today))
    for pattern, read in readers:
        match = re.search(rf"\b(?:{pattern})\b", text, re.I)
        if match:
            return read(match), _cut(text, match)
    return None, text


# --- the sentence ---------------------------------------------------------------------------------------

_REFUSE = re.compile(r"\b(delete|remove|erase|undo|edit|change|update|rename|forecast|predict|invest|tax return|"
                     r"send|email|pay (?:my|the)|transfer money|loan)\b", re.I)
_MISSING = re.compile(r"\b(missing|gaps?|incomplete|forgot(?:ten)?|what (?:else )?should i add)\b", re.I)
_HELP = re.compile(r"^\s*(hi|hello|hey|help|what can you do|how does this work|who are you)\b", re.I)
_QUESTION = re.compile(r"^\s*(how|what|what's|whats|which|who|show|list|top|total|tell|give|did|do|are|was|is|"
                       r"where|when|find|search|profit|net|income|expenses?|spending|revenue|biggest|largest)\b", re.I)
_INCOME_WORDS = re.compile(r"\b(income|received|receive|got paid|got|earned|earn|invoice paid|paid by|paid (?:me|us)|"
                           r"revenue|sold|sale|client paid|customer paid|deposit from|"
                           r"from (?:a |my |the )?(?:client|customer))\b", re.I)
_EXPENSE_WORDS = re.compile(r"\b(spent|spend|paid|pay|bought|buy|purchased|expense|cost|costs)\b", re.I)
_ADD_WORDS = re.compile(r"\b(add|record|log|enter|note|put down|book)\b", re.I)
_ADD_LEAD = re.compile(r"^\s*(add|record|log|enter|(?:income|expense)\s+(?:of\s+)?[€$£]?\d)", re.I)
_SHOW_PARTY = re.compile(r"^show my (?P<noun>expenses|incomes?) (?:at|from) (?P<name>\S.*?)\??$", re.I)
_PARTY_NOUNS = r"clients?|customers?|vendors?|suppliers?|payees?"
_TOP = re.compile(rf"\b(?:top|biggest|largest|best|main)\b.*\b(?:{_PARTY_NOUNS})\b|"
                  rf"\b(?:by|per|each)\s+(?:{_PARTY_NOUNS})\b", re.I)
PartyLookup = Callable[[str, str], str | None]


def parse(text: str, *, today: dt.date, categories: Mapping[str, Sequence[str]],
          category_for_party: PartyLookup | None = None) -> Parsed:
    """Understand one sentence. `categories` maps "expense"/"income" to the owner's category names;
    `category_for_party(kind, party)` returns the category most used for that vendor/client, if any."""
    text = " ".join(text.split())
    if not text:
        return Parsed("help")
    shown = _SHOW_PARTY.match(text)
    if shown:  # before the command words: the vendor may be "Delete Me Inc" or "Missing Link Ltd"
        return _show_party(shown, today, category_for_party)
    if _REFUSE.search(text) and not _ADD_WORDS.match(text):
        return Parsed("refuse", reason=_cannot(text))
    if _MISSING.search(text):
        return Parsed("missing")
    if _HELP.match(text):
        return Parsed("help")
    if _QUESTION.match(text) and not _ADD_LEAD.match(text):
        return _question(text, today, categories)
    if _ADD_WORDS.search(text) or _INCOME_WORDS.search(text) or _EXPENSE_WORDS.search(text):
        return _add(text, today, categories, category_for_party)
    if _has_marked_amount(text):  # "fuel 42.50", "Shell €20 yesterday"
        return _add(text, today, categories, category_for_party)
    return Parsed("refuse", reason="I did not understand that.")


def _has_marked_amount(text: str) -> bool:
    return any(match.group("pre") or match.group("post") or re.search(r"[.,]\d{1,2}$", match.group("num"))
               for match in _AMOUNT.finditer(text))


def _cannot(text: str) -> str:
    verb = _REFUSE.search(text).group(1).lower()
    return f"I can't {verb} things in offline mode; I only add entries (after you confirm) and answer totals."


def _show_party(match: re.Match, today: dt.date, category_for_party: PartyLookup | None) -> Parsed:
    """'show my expenses at X' / 'show my income from X' (what the gap buttons ask): X is the party as
    written, whatever words it holds. Only a trailing period ('Shell last month') is taken off, and only when
    the books do not know the whole of X as a vendor/client."""
    kind = "expense" if match["noun"].lower() == "expenses" else "income"
    name, period = match["name"], "all_time"
    if not (category_for_party and category_for_party(kind, name)):
        found, rest = extract_period(name, today)
        if found and rest and name.startswith(rest):
            name, period = rest.rstrip(" ,"), found
    return Parsed("search", kind=kind, party=name, period=period)


def _entry_kind(text: str) -> str:
    if _INCOME_WORDS.search(text) and not re.search(r"\b(spent|bought|paid (?:to|for|at))\b", text, re.I):
        return "income"
    return "expense"


def _add(text: str, today: dt.date, categories: Mapping[str, Sequence[str]],
         category_for_party: PartyLookup | None) -> Parsed:
    if _FUTURE.search(text):
        return Parsed("refuse", reason=FUTURE_DATE)
    method, rest = extract_payment_method(text)  # first: "paid by card" says nothing about the kind
    kind = _entry_kind(rest)
    date, rest, problem = extract_date(rest, today)
    if problem:
        return Parsed("refuse", reason=problem)
    if date and date > today:
        return Parsed("refuse", reason=FUTURE_DATE)
    payer, rest = extract_payer(rest, _PAID_ME_ADD)
    notes, rest = extract_references(rest)
    amount, rest, problem = extract_amount(rest)
    if problem:
        return Parsed("refuse", reason=problem)
    if amount is None or amount == 0:
        return Parsed("refuse", reason="I need an amount to add an entry, for example *add 42.50 fuel at Shell*.")
    party, rest = (payer, rest) if payer else extract_party(rest)
    owned = list(categories.get(kind, ()))
    category = (match_category(rest, owned)
                or (category_for_party(kind, party) if party and category_for_party else None)
                or keyword_category(rest, kind, owned)
                or next((c for c in owned if c.casefold() == "other"), "Other"))
    return Parsed("add_entry", kind=kind, amount=amount, date=date or today, party=party, category=category,
                  payment_method=method, notes=notes)


def _metric(text: str) -> str | None:
    if re.search(r"\b(profit|net|margin|made overall|bottom line)\b", text, re.I):
        return "profit"
    if re.search(r"\b(income|incomes|pa(?:y|id) (?:me|us)|earn|earned|revenue|sales|received|receive|make|made|"
                 r"clients?|customers?)\b", text, re.I):
        return "income"
    if re.search(r"\b(spend|spent|spending|expenses?|costs?|paid|pay|vendors?|suppliers?|bought)\b", text, re.I):
        return "expense"
    return None


def _asked_party(text: str) -> tuple[str | None, str]:
    """(vendor or client the question is about, text without them): 'did Acme pay me', 'from Acme', 'at Shell'."""
    payer, rest = extract_payer(text, _PAID_ME_QUESTION)
    return (payer, rest) if payer else extract_party(text)


def _question(text: str, today: dt.date, categories: Mapping[str, Sequence[str]]) -> Parsed:
    period, rest = extract_period(text, today)
    party, rest = _asked_party(rest)
    if _PERIOD_WORDS.search(rest):
        return Parsed("refuse", reason=UNKNOWN_PERIOD)
    metric = _metric(text) or (("income" if re.search(r"\bfrom\b", text, re.I) else "expense") if party else None)
    if metric is None:
        return Parsed("refuse", reason="I can answer totals of income, expenses and profit, but not that.")
    if _TOP.search(text):
        kind = "income" if re.search(r"\b(clients?|customers?)\b", text, re.I) else "expense"
        return Parsed("top_parties", kind=kind, period=period or "this_year")
    if metric == "profit":
        return Parsed("totals", kind="profit", period=period or "this_year")
    if re.search(r"\b(by|per|each) category\b|\bcategories\b|\bbreakdown\b", text, re.I):
        return Parsed("breakdown", kind=metric, period=period or "this_year")
    owned = list(categories.get(metric, ()))
    if party and match_category(party, owned):  # "from consulting" names a category, not a client
        category, party = match_category(party, owned), None
    else:
        category = match_category(rest, owned) or keyword_category(rest, metric, owned)
    action = "search" if re.match(r"^\s*(show|list|find|search)\b", text, re.I) else "totals"
    return Parsed(action, kind=metric, period=period or ("all_time" if action == "search" else "this_year"),
                  category=category, party=party)
