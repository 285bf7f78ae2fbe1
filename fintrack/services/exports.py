"""Excel workbooks for the owner's accountant: the dashboard's period and the ledger's filtered view.

Raw rows are streamed from the database in chunks straight into a constant-memory writer, so an owner
with hundreds of thousands of entries is exported without holding them in memory. The key figures come
from `reports.summary`, the same numbers the dashboard shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import pandas as pd

from fintrack import excel, kinds
from fintrack.db.engine import Database
from fintrack.display import Formats
from fintrack.events import EXPORT, observed
from fintrack.excel import Column, Comparison, ProfitAndLossSheet, SummarySheet, TableSheet
from fintrack.filters import EntryFilter
from fintrack.periods import Period, slugify
from fintrack.repository import entries as entries_repo
from fintrack.repository import reports as reports_repo
from fintrack.repository import view_totals
from fintrack.schemas import EntryKind
from fintrack.services import accounts, money_accounts, reports
from fintrack.services.accounts import Owner
from fintrack.services.assets import UNTYPED
from fintrack.services.export_progress import Progress, RowProgress

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ASSET_COLUMNS = (
    Column("name", "Name", width=30), Column("type", "Type", width=16),
    Column("acquisition_date", "Acquired", "date", 12), Column("value", "Value", "money", 16),
    Column("notes", "Notes", width=40),
)
ID_COLUMN = Column("id", "Id", "number", 8)
ACCOUNT_COLUMNS = (
    Column("name", "Account", width=26), Column("type", "Type", width=18),
    Column("opening_balance", "Opening balance", "money", 16), Column("opening_date", "Opened", "date", 12),
    Column("start", "Balance at start", "money", 16), Column("end", "Balance at end", "money", 16),
)


def entry_columns(kind: EntryKind) -> tuple[Column, ...]:
    """The columns of an expenses or incomes sheet."""
    return (
        Column("date", "Date", "date", 12), Column("category", "Category", width=22),
        Column("party", kinds.of(kind).party_label, width=26), Column("payment_method", "Payment method", width=16),
        Column("amount", "Amount", "money", 16), Column("notes", "Notes", width=40),
    )


@observed("export.dashboard_workbook", family=EXPORT, fields=lambda named: {"bytes": len(named[1])})
def dashboard_workbook(db: Database, *, owner_id: int, period: Period, today: dt.date | None = None,
                       progress: Progress | None = None) -> tuple[str, bytes]:
    """(file name, .xlsx bytes): Summary, Profit & Loss, Expenses, Incomes, Assets and Accounts for `period`.

    `progress`, when given, is called with the fraction of the rows written so far (0.0 to 1.0)."""
    owner = accounts.get_owner(db, owner_id=owner_id)
    result = reports.summary(db, owner_id=owner_id, period=period, today=today)
    period = result.period  # up to today while it runs, compared like for like, as on the dashboard
    summary_sheet = SummarySheet(facts=_about(owner, period, today) + (("Assets held on", result.assets_at),
                                                                      ("Assets value", result.assets_total)),
                                 comparison=_comparison(result, owner.formats))
    pnl = ProfitAndLossSheet(months=tuple(result.monthly["month"]), income=result.income_by_category_month,
                             expenses=result.expenses_by_category_month, month_label=owner.formats.month)
    with db.transaction() as session:
        views = [_period_filter(kind.name, period) for kind in kinds.KINDS]
        written = RowProgress(progress, sum(view_totals.count_and_total(session, owner_id=owner_id, filters=view)[0]
                                            for view in views))
        tables = [TableSheet(kinds.of(view.kind).heading, entry_columns(view.kind), written.counted(
            entries_repo.frame_for_export(session, owner_id=owner_id, filters=view))) for view in views]
        assets = TableSheet("Assets", ASSET_COLUMNS, _labelled_types(reports_repo.assets_for_export(
            session, owner_id=owner_id, acquired_by=result.assets_at)))
        data = excel.workbook_bytes([summary_sheet, pnl, *tables, assets,
                                     _accounts_sheet(db, owner_id, period.start, result.assets_at)],
                                    formats=owner.formats)
    written.finished()
    return f"fintrack-{slugify(owner.business_name)}-{period.slug}.xlsx", data


def _accounts_sheet(db: Database, owner_id: int, start: dt.date, end: dt.date) -> TableSheet:
    """Each account's balance when the period starts (the end of the day before) and at `end`; the total
    row's SUMs are total cash."""
    before = {b.account.id: b.balance
              for b in money_accounts.balances(db, owner_id=owner_id, on=start - dt.timedelta(days=1))}
    rows = [{"name": b.account.name, "type": b.account.type_label, "opening_balance": b.account.opening_balance,
             "opening_date": b.account.opening_date, "start": before[b.account.id], "end": b.balance}
            for b in money_accounts.balances(db, owner_id=owner_id, on=end)]
    return TableSheet("Accounts", ACCOUNT_COLUMNS, (pd.DataFrame(rows, columns=[c.key for c in ACCOUNT_COLUMNS]),))


@observed("export.ledger_workbook", family=EXPORT, fields=lambda named: {"bytes": len(named[1])})
def ledger_workbook(db: Database, *, owner_id: int, filters: EntryFilter, today: dt.date | None = None,
                    progress: Progress | None = None) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of the ledger's filtered view: a sheet describing the filters and the rows,
    with their Id as in the CSV and on screen. `progress` as for `dashboard_workbook`."""
    owner = accounts.get_owner(db, owner_id=owner_id)
    names = {account.id: account.name for account in money_accounts.list_accounts(db, owner_id=owner_id)}
    facts = _about(owner, None, today) + describe_filters(filters, account_names=names)
    with db.transaction() as session:
        written = RowProgress(progress, view_totals.count_and_total(session, owner_id=owner_id, filters=filters)[0])
        rows = TableSheet(kinds.of(filters.kind).heading, (ID_COLUMN, *entry_columns(filters.kind)),
                          written.counted(entries_repo.frame_for_export(session, owner_id=owner_id, filters=filters)))
        data = excel.workbook_bytes([SummarySheet(facts=facts, name="Filters"), rows], formats=owner.formats)
    written.finished()
    name = f"fintrack-{slugify(owner.business_name)}-{kinds.of(filters.kind).plural}-{_range_slug(filters)}"
    return f"{name}.xlsx", data


def describe_filters(filters: EntryFilter, *, account_names: dict[int, str] | None = None
                     ) -> tuple[tuple[str, object], ...]:
    """The filters in force as (label, value) rows; filters left empty are not listed, and an account is
    named by `account_names`."""
    labels = {
        "date_from": "From", "date_to": "To", "categories": "Categories",
        "party_contains": kinds.of(filters.kind).party_label + " contains", "payment_method": "Payment method",
        "amount_min": "Amount at least", "amount_max": "Amount at most", "text": "Text",
        "added_by_assistant": "Only what the assistant added", "account_id": "Account",
    }
    names = account_names or {}
    described = ((labels[name], names.get(value, value) if name == "account_id" else _shown(value))
                 for name, value in filters.narrowing().items())
    return (("Entries", kinds.of(filters.kind).heading), *described)


def _shown(value: object) -> object:
    """A filter value as a workbook cell: categories joined, a ticked box as Yes, the rest as it is."""
    if isinstance(value, tuple):
        return ", ".join(value)
    return "Yes" if value is True else value


def _about(owner: Owner, period: Period | None, today: dt.date | None) -> tuple[tuple[str, object], ...]:
    rows: list[tuple[str, object]] = [("Business", owner.business_name)]
    if period is not None:
        rows += [("Period", period.title(owner.formats)), ("From", period.start), ("To", period.end)]
    rows += [("Currency", owner.currency_code), ("Prepared on", today or dt.date.today())]
    return tuple(rows)


def _labelled_types(chunks: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Asset chunks with a missing or empty type named as the dashboard names it (UNTYPED)."""
    for chunk in chunks:
        yield chunk.assign(type=chunk["type"].fillna("").replace("", UNTYPED))


def _comparison(result: reports.Summary, formats: Formats) -> Comparison:
    return Comparison(
        current_label=result.period.described(formats), previous_label=result.previous_period.described(formats),
        income=result.current.income, expenses=result.current.expenses,
        previous_income=result.previous.income, previous_expenses=result.previous.expenses,
    )


def _period_filter(kind: EntryKind, period: Period) -> EntryFilter:
    return EntryFilter(kind=kind, date_from=period.start, date_to=period.end, sort="date_asc")


def _range_slug(filters: EntryFilter) -> str:
    start = filters.date_from.isoformat() if filters.date_from else "start"
    end = filters.date_to.isoformat() if filters.date_to else "today"
    return "all" if not (filters.date_from or filters.date_to) else f"{start}-to-{end}"
