"""Workbooks tell how far they have come: the progress callback the screen's bar listens to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from fintrack import periods
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput
from fintrack.services import exports
from fintrack.services.export_progress import RowProgress


def test_row_progress_reports_the_share_written_after_each_chunk():
    seen: list[float] = []
    rows = RowProgress(seen.append, expected=10)
    chunks = [pd.DataFrame({"n": range(4)}), pd.DataFrame({"n": range(4)}), pd.DataFrame({"n": range(2)})]
    assert [len(chunk) for chunk in rows.counted(chunks)] == [4, 4, 2]
    rows.finished()
    assert seen == [0.4, 0.8, 1.0, 1.0]


def test_row_progress_without_a_listener_or_rows_is_quiet():
    rows = RowProgress(None, expected=0)
    assert list(rows.counted([pd.DataFrame({"n": [1]})]))[0]["n"].tolist() == [1]
    rows.finished()


def _books(db, owner, count: int) -> None:
    for kind in ("expense", "income"):
        entries = [EntryInput(kind=kind, date=dt.date(2026, 1, 1) + dt.timedelta(days=n % 80), category="Rent",
                              amount=Decimal(n + 1)) for n in range(count)]
        with db.transaction() as session:
            entries_repo.insert_many(session, owner_id=owner.id, kind=kind, entries=entries)


def test_both_workbooks_report_progress_up_to_the_whole(db, owner):
    _books(db, owner, 12_000)  # more than two export chunks of each kind
    for build in (
        lambda progress: exports.ledger_workbook(db, owner_id=owner.id, filters=EntryFilter(), progress=progress),
        lambda progress: exports.dashboard_workbook(db, owner_id=owner.id, progress=progress,
                                                    period=periods.custom(dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
    ):
        seen: list[float] = []
        build(seen.append)
        assert len(seen) >= 4 and 0 < seen[0] < 0.5 and seen == sorted(seen) and seen[-2:] == [1.0, 1.0]
