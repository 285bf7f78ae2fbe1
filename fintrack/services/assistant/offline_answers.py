"""The offline assistant's answers: what `offline.parse` understood, answered from the books in words.

Writes are proposals (cards), exactly like the model path; nothing is saved until the owner confirms.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fintrack.db.engine import Database
from fintrack.errors import FinTrackError
from fintrack.repository import assistant as repo
from fintrack.schemas import EntryInput, validate
from fintrack.services import gaps
from fintrack.services.accounts import Owner
from fintrack.services.assistant import books, money_answers, offline
from fintrack.services.assistant.offline import CONNECT_HINT, OFFLINE_HELP, Parsed
from fintrack.services.assistant.proposals import ADD_ENTRY, entry_fields, party_field, with_party

MAX_LISTED = 10
MAX_KNOWN_PARTIES = 500
FAILED = "Sorry, something went wrong on my side while answering that. Try asking in another way."
log = logging.getLogger(__name__)


def category_for_party(db: Database, owner_id: int) -> Any:
    """A lookup of the category the owner used most for a vendor/client."""

    def lookup(kind: str, party: str) -> str | None:
        with db.transaction() as session:
            return repo.most_used_category(session, owner_id=owner_id, kind=kind, party=party)

    return lookup


def known_parties(db: Database, owner_id: int) -> dict[str, list[str]]:
    """The owner's vendors and clients, most used first, for the parser to recognise without 'at'/'from'."""
    with db.transaction() as session:
        return {kind: repo.known_parties(session, owner_id=owner_id, kind=kind, limit=MAX_KNOWN_PARTIES)
                for kind in ("expense", "income")}


def reply(db: Database, *, owner: Owner, today: dt.date, question: str,
          categories: dict[str, list[str]]) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """(answer text, proposal to show or None) for one question, without a model."""
    try:
        about_accounts = money_answers.reply(db, owner=owner, today=today, question=question)
        if about_accounts is not None:
            return about_accounts
        parsed = offline.parse(question, today=today, categories=categories,
                               category_for_party=category_for_party(db, owner.id),
                               parties=known_parties(db, owner.id))
        return _ANSWERS[parsed.action](db, owner, today, parsed)
    except FinTrackError as error:
        return f"I could not do that: {error}", None
    except Exception:  # a bug must not leave the question waiting (and retried, costing a slot, each rerun)
        log.exception("the offline answer failed")
        return FAILED, None


def _money(owner: Owner, amount: Any) -> str:
    return owner.formats.money(amount)


def _add(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    entry = validate(EntryInput, {"kind": parsed.kind, "date": parsed.date, "category": parsed.category,
                                  "party": parsed.party, "payment_method": parsed.payment_method,
                                  "amount": parsed.amount, "notes": parsed.notes})
    noted = f", note “{entry.notes}”" if entry.notes else ""
    if parsed.doubt == "party":
        noted += (f". I was not sure “{entry.party}” is the {party_field(entry.kind)}: if not, Cancel and name it "
                  f"after “at” or “from”")
    text = (f"Here is the {entry.kind} I understood: {_money(owner, entry.amount)} on "
            f"{owner.formats.date(entry.date)}"
            f"{with_party(entry.kind, entry.party)}, category “{entry.category}”{noted}. Check the card and "
            "click Confirm to save it, or Cancel.")
    return text, (ADD_ENTRY, entry_fields(entry))


def _period(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> books.Period:
    return books.resolve_period(parsed.period or "this_year", db=db, owner=owner, today=today)


def _scope(period: books.Period, owner: Owner) -> str:
    """'in FY2026 (1 Jan 2026 – 31 Dec 2026)', 'on 17 March 2026': the words in English, the dates as the owner
    writes them ('in FY2026 (1. Jan. 2026 – 31. Dez. 2026)', 'on 17. März 2026' for a German owner)."""
    if period.name == books.ALL_TIME:
        return "in total"
    if period.start == period.end:
        return f"on {owner.formats.long_date(period.start)}"
    return f"in {period.described(owner.formats)}"


def _totals(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    period = _period(db, owner, today, parsed)
    if parsed.kind == "profit":  # up to today, as the dashboard shows a period still running
        period = period.so_far(today)
        result = books.summary(db, owner=owner, period=period, today=today)
        return (f"Net profit {_scope(period, owner)}: {_money(owner, result['net_profit'])} (income "
                f"{_money(owner, result['income'])}, expenses {_money(owner, result['expenses'])})."), None
    result = books.total(db, owner=owner, kind=parsed.kind, period=period, category=parsed.category,
                         party=parsed.party)
    verb = "You spent" if parsed.kind == "expense" else "You received"
    what = (f" on {parsed.category}" if parsed.category else "") + with_party(parsed.kind, parsed.party)
    return (f"{verb} {_money(owner, result['total'])}{what} {_scope(period, owner)}, "
            f"in {result['entries']} entr{'y' if result['entries'] == 1 else 'ies'}."), None


def _breakdown(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    period = _period(db, owner, today, parsed)
    rows = books.by_category(db, owner=owner, kind=parsed.kind, period=period)["by_category"]
    noun = "Expenses" if parsed.kind == "expense" else "Income"
    if not rows:
        return f"No {noun.lower()} recorded {_scope(period, owner)}.", None
    lines = [f"- {row['category']}: {_money(owner, row['amount'])}" for row in rows]
    return f"{noun} by category {_scope(period, owner)}:\n\n" + "\n".join(lines), None


def _top(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    period = _period(db, owner, today, parsed)
    result = books.top_parties(db, owner=owner, kind=parsed.kind, period=period)
    who = f"{party_field(parsed.kind)}s"
    if not result["top"]:
        return f"No {who} with entries {_scope(period, owner)} yet.", None
    lines = [f"{number}. {row['name']}: {_money(owner, row['total'])} ({_entries(row['entries'])})"
             for number, row in enumerate(result["top"], start=1)]
    return f"Top {who} {_scope(period, owner)}:\n\n" + "\n".join(lines), None


def _date(owner: Owner, iso: str) -> str:
    return owner.formats.date(dt.date.fromisoformat(iso))


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _search(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    period = _period(db, owner, today, parsed)
    result = books.search(db, owner=owner, kind=parsed.kind, period=period, category=parsed.category,
                          party=parsed.party, limit=MAX_LISTED)
    noun = "expenses" if parsed.kind == "expense" else "incomes"
    if not result["entries"]:
        return f"No {noun} match that {_scope(period, owner)}.", None
    lines = [f"- {_date(owner, row['date'])} · {row['party'] or '—'} · {row['category']} · "
             f"{_money(owner, row['amount'])}"
             for row in result["entries"]]
    head = (f"{result['matching_entries']} {noun} {_scope(period, owner)}, "
            f"{_money(owner, result['matching_total'])} in all")
    more = f" (the latest {len(lines)} below)" if result["matching_entries"] > len(lines) else ""
    return f"{head}{more}:\n\n" + "\n".join(lines), None


def _missing(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    found = gaps.find_gaps(db, owner=owner, today=today)
    if not found:
        return "Nothing obvious is missing from your books.", None
    return "Here is what looks missing:\n\n" + "\n".join(f"- {gap.title}: {gap.detail}" for gap in found), None


def _help(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    return OFFLINE_HELP, None


def _ask(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    """Unsure of the kind: a question, no card (an income booked as an expense is worse than a question)."""
    return parsed.reason or "", None


def _refuse(db: Database, owner: Owner, today: dt.date, parsed: Parsed) -> tuple[str, Any]:
    return f"{parsed.reason} (I'm in offline mode.)\n\n{CONNECT_HINT}", None


_ANSWERS = {"add_entry": _add, "totals": _totals, "breakdown": _breakdown, "top_parties": _top, "search": _search,
            "missing": _missing, "help": _help, "ask": _ask, "refuse": _refuse}
