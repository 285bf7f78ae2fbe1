"""The offline assistant's parser: what an owner typed, understood without a model, deterministically.

`parse(text, today=..., categories=..., category_for_party=..., parties=...)` is a small pipeline:

1. **Routes** that need no reading: "show my expenses at X" (the gap buttons), commands it cannot do
   (delete, change...), advice ("should I lease or buy?"), "what is missing", greetings.
2. **Question or entry?** A question word or "?" makes a question; so does a sentence without an amount
   that names a period or a total ("travel last month", "Hetzner this year"): `parsing.questions`.
   Anything with an amount is an entry to propose ("printer paper 23.40", "Globex paid 2,400"):
   `parsing.entries`.
3. **Recognisers** (`parsing/`), once typos in date and kind words are mended, take out, in order, the
   payment method, the date, reference numbers, the kind cues, a known vendor or client, the period paid for
   ('rent december 1250'), the amount, the party and the category; what is left are words.
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
from collections.abc import Mapping, Sequence

from fintrack.services.assistant.parsing import amounts, entries, lexicon, periods, questions, spelling
from fintrack.services.assistant.parsing.model import WELL_KNOWN, Books, Parsed, PartyLookup
from fintrack.services.assistant.parsing.spelled import spelled_as_digits
from fintrack.services.assistant.parsing.text import tidy, unseparated

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
CANNOT_ADVISE = "I can't advise on that without a model."


def parse(text: str, *, today: dt.date, categories: Mapping[str, Sequence[str]],
          category_for_party: PartyLookup | None = None,
          parties: Mapping[str, Sequence[str]] | None = None) -> Parsed:
    """Understand one sentence. `categories` and `parties` map "expense"/"income" to the owner's category
    names and known vendors/clients; `category_for_party(kind, party)` returns the category most used for
    that vendor/client, if any."""
    books = Books(categories, category_for_party, parties or {})
    text = _POLITE.sub("", _mended(unseparated(spelled_as_digits(amounts.symbol_as_point(tidy(text)))), books))
    for route in (_empty, _show_party, _command, _advice, _arithmetic, _own_money, _missing, _help,
                  _year_or_amount, _amount_asked):
        routed = route(text, today, books)
        if routed:
            return routed
    if _is_question(text, today, books):
        return questions.question(text, today, books)
    return entries.entry(text, today, books)


# 'Can you add 25 lunch', 'please record ...', 'I need to log ...': the request is the verb that follows.
_POLITE = re.compile(r"^(?:(?:please|pls|plz|kindly|just|can you|could you|would you|can u|could u|i need to|"
                     r"i want to|i'd like to|i would like to)\s+)+(?=(?:add|record|log|enter|book|put|note)\b)", re.I)


def _mended(text: str, books: Books) -> str:
    """The sentence with typos in its date and kind words mended ('yesterdy'), names left as written."""
    return spelling.mended(text, keep=lambda word: bool(books.known.kinds(word) or WELL_KNOWN.kinds(word)),
                           known=books.lexicon | lexicon.FILLER)


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
    what = _COMMAND_WORDS.get(verb.split()[0], f"{verb} things")
    return Parsed("refuse", reason=f"I can't {what} in offline mode; I only add entries (after you confirm) "
                                   "and answer totals.", why=f"'{verb}' is not something I do offline")


_COMMAND_WORDS = {"loan": "record loans", "tax": "do tax returns", "pay": "pay bills", "transfer": "move money"}


def _own_money(text: str, today: dt.date, books: Books) -> Parsed | None:
    """Cash taken out, savings, drawings: money moving between the owner's own pockets is no entry."""
    if not lexicon.OWN_MONEY.search(text):
        return None
    return Parsed.refused("That is money moving between your own accounts or pockets (a withdrawal, savings, "
                          "drawings), not an expense or an income, so I don't record it.", "the owner's own money")


def _advice(text: str, today: dt.date, books: Books) -> Parsed | None:
    if not lexicon.ADVICE.search(text):
        return None
    return Parsed("refuse", reason=CANNOT_ADVISE, why="advice needs a model")


def _arithmetic(text: str, today: dt.date, books: Books) -> Parsed | None:
    """'split the bill, my half', 'same as last month': shares and copies need more than one sentence."""
    if lexicon.REPEAT.search(text):
        return Parsed.refused("I can't copy an earlier entry offline; use Duplicate in the Ledger, or write the "
                       "entry out, e.g. “add 850 rent on the 1st”.", "a copy of an earlier entry")
    if lexicon.SHARE.search(text):
        return Parsed.refused("I can't work out shares offline; write the amount you paid yourself, e.g. “add 60 "
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
    if not periods.is_bare_year(text, period) or questions.metric(text) or amounts.amount_matches(rest):
        return None
    year = period.partition(":")[2]
    return Parsed("refuse", reason=f"I did not understand whether {year} is a year or an amount: ask “{rest} in "
                                   f"{year}” for a total, or write “add {year} {rest}” to record it.",
                  why="a lone year may be an amount")


def _amount_asked(text: str, today: dt.date, books: Books) -> Parsed | None:
    """'lunch 18?': an amount with a question mark and no question word may be an entry or a question;
    asked, not guessed (a total of lunch would drop the 18)."""
    if not text.endswith("?") or lexicon.QUESTION_LEAD.match(text) or lexicon.ADD_LEAD.match(text):
        return None
    _, rest = amounts.extract_references(periods.extract_period(text, today)[1])
    if not amounts.amount_matches(rest):
        return None
    entry = text.rstrip("?! ")
    return Parsed("refuse", reason=f"Is that an entry to add or a question? Write “{entry}” without the question "
                                   f"mark to add it, or ask “how much …?” for a total.",
                  why="an amount with a question mark")


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
    return bool(period or questions.metric(rest))
