"""What is missing from the books: each gap says what is wrong and offers a question to ask or a page to open.

Found: settings not filled in, no entries at all, months of the current fiscal year (up to last month)
with no income or no expenses, entries left in a catch-all category, vendors/clients that came every
month and stopped, assets without a type, accounts not reconciled with a statement for more than a month,
and a statement balance the books do not reach.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fintrack import kinds, periods
from fintrack.db.engine import Database
from fintrack.repository import gaps as repo
from fintrack.services import reconcile, reports
from fintrack.services.accounts import Owner

CATCH_ALL = ("Other", "Uncategorised", "Uncategorized", "Misc", "Miscellaneous", "Unknown", "General")
RECURRING_MIN_MONTHS = 3
RECURRING_LOOKBACK_DAYS = 365
RECONCILED_WITHIN_DAYS = 31
LEDGER_PAGE, ASSETS_PAGE, SETTINGS_PAGE, IMPORT_PAGE, RECONCILE_PAGE = (
    "pages/ledger.py", "pages/assets.py", "pages/settings.py", "pages/import.py", "pages/reconcile.py")
_NOUNS = {"expense": "expenses", "income": "income"}  # "No income in 2 months", "show my income in Other"


@dataclass(frozen=True)
class Gap:
    """One thing missing. `ask` is a message for the assistant; `page`/`page_label` a one-click fix."""

    key: str
    title: str
    detail: str
    ask: str | None = None
    page: str | None = None
    page_label: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """The gap as a tool result for the model."""
        return {"key": self.key, "title": self.title, "detail": self.detail, "suggested_question": self.ask}


def find_gaps(db: Database, *, owner: Owner, today: dt.date) -> list[Gap]:
    """Every gap in the owner's books, most important first."""
    found = _settings_gaps(owner)
    if not reports.has_books(db, owner_id=owner.id):
        return found + [Gap("no_entries", "No entries yet",
                            "Your books are empty: add your first expense or income, or import a bank statement.",
                            ask="what can you do?", page=IMPORT_PAGE,
                            page_label="Import a statement")]
    with db.transaction() as session:
        for kind in kinds.ENTRY_KINDS:
            found += _empty_months(session, owner, kind, today)
        for kind in kinds.ENTRY_KINDS:
            found += _catch_all(session, owner, kind)
        for kind in kinds.ENTRY_KINDS:
            found += _stopped_parties(session, owner, kind, today)
        found += _untyped_assets(session, owner)
        found += _reconciliation_gaps(session, owner, today)
    return found


def _settings_gaps(owner: Owner) -> list[Gap]:
    if owner.business_name.strip() and owner.currency_code.strip():
        return []
    return [Gap("settings", "Business settings are incomplete",
                "Add your business name and currency so reports and the workbook are labelled right.",
                page=SETTINGS_PAGE, page_label="Open Settings")]


def _completed_months(owner: Owner, today: dt.date) -> periods.Period | None:
    """The current fiscal year up to the end of last month (None in its first month)."""
    fiscal = periods.fiscal_year_containing(today, owner.fiscal_year_start)
    end = today.replace(day=1) - dt.timedelta(days=1)
    return periods.custom(fiscal.start, end) if end >= fiscal.start else None


def _empty_months(session: Session, owner: Owner, kind: str, today: dt.date) -> list[Gap]:
    span = _completed_months(owner, today)
    if span is None:
        return []
    seen = repo.months_with_entries(session, owner_id=owner.id, kind=kind, start=span.start, end=span.end)
    missing = [key for key in span.month_keys() if key not in seen]
    if not missing:
        return []
    names = ", ".join(owner.formats.month(key, long=True) for key in missing)
    noun = _NOUNS[kind]
    return [Gap(f"empty_months_{kind}", f"No {noun} in {len(missing)} month(s) of this fiscal year",
                f"Nothing recorded for {names}. Was that month really without {noun}?",
                page=LEDGER_PAGE, page_label=f"Add {noun}")]


def _catch_all(session: Session, owner: Owner, kind: str) -> list[Gap]:
    gaps = []
    for category, count in repo.category_counts(session, owner_id=owner.id, kind=kind, names=CATCH_ALL):
        entries = "entry" if count == 1 else "entries"
        gaps.append(Gap(f"catch_all_{kind}_{category}", f"{count} {kind} {entries} in “{category}”",
                        "Entries in a catch-all category hide where the money goes; give them a real category.",
                        ask=f"show my {_NOUNS[kind]} in {category}"))
    return gaps


def _stopped_parties(session: Session, owner: Owner, kind: str, today: dt.date) -> list[Gap]:
    since = today - dt.timedelta(days=RECURRING_LOOKBACK_DAYS)
    last_month_start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    gaps = []
    for name, months, last in repo.recurring_parties(session, owner_id=owner.id, kind=kind, since=since,
                                                     min_months=RECURRING_MIN_MONTHS):
        if last < last_month_start:
            gaps.append(Gap(f"stopped_{kind}_{name}", f"{name} stopped appearing",
                            f"This {kinds.of(kind).party} appeared in {months} months, last on "
                            f"{owner.formats.date(last)}. "
                            f"Missing a {'bill' if kind == 'expense' else 'payment'}?",
                            ask=f"show my {'expenses at' if kind == 'expense' else 'income from'} {name}"))
    return sorted(gaps, key=lambda gap: gap.title)


def _untyped_assets(session: Session, owner: Owner) -> list[Gap]:
    count = repo.untyped_assets(session, owner_id=owner.id)
    if not count:
        return []
    return [Gap("untyped_assets", f"{count} asset(s) without a type",
                "Give each asset a type (Equipment, Vehicle, Furniture...) so the dashboard can group them.",
                page=ASSETS_PAGE, page_label="Open Assets")]


def _reconciliation_gaps(session: Session, owner: Owner, today: dt.date) -> list[Gap]:
    """Accounts whose books were not checked against a statement for more than a month, and statements whose
    balance the books do not reach. An owner who has never reconciled any account is not told about each
    one (the Reconcile screen is there when they want it); once they do, an account never reconciled is."""
    gaps, money = [], owner.formats.money
    standings = reconcile.standings(session, owner_id=owner.id)
    if all(status is None for _, status in standings):
        return []
    for account, status in standings:
        if status is not None and not status.finished and status.difference:
            gaps.append(Gap(f"statement_differs_{account.id}", f"{account.name} disagrees with its statement",
                            f"The statement of {owner.formats.date(status.statement_date)} says "
                            f"{money(status.statement_balance)}; the books have cleared {money(status.cleared)}, "
                            f"a difference of {money(status.difference)}. An entry is missing, doubled or "
                            "different.", page=RECONCILE_PAGE, page_label="Open Reconcile"))
        last = status.statement_date if status is not None and status.finished else None
        if last is None or (today - last).days > RECONCILED_WITHIN_DAYS:
            since = f"since the statement of {owner.formats.date(last)}" if last else "yet"
            gaps.append(Gap(f"not_reconciled_{account.id}", f"{account.name} not reconciled {since}",
                            "Check the account against your bank's statement so the books are known to agree.",
                            page=RECONCILE_PAGE, page_label="Open Reconcile"))
    return gaps
