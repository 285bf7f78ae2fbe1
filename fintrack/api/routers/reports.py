"""The dashboard's figures for a period, and the accountant's workbook of the same period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from fintrack.api.deps import Db, Reader
from fintrack.api.errors import ERROR_RESPONSES
from fintrack.api.shapes import records
from fintrack.api.views import PeriodChoice, period_choice
from fintrack.periods import Period
from fintrack.services import exports, reports
from fintrack.services.exports import XLSX_MIME

router = APIRouter(tags=["reports"], responses=ERROR_RESPONSES)
CHUNK_BYTES = 64 * 1024  # a workbook goes out in pieces of this size
Chosen = Annotated[PeriodChoice, Depends(period_choice)]


class Span(BaseModel):
    """A period: its first and last day and the label the dashboard shows."""

    start: dt.date
    end: dt.date
    label: str

    @classmethod
    def of(cls, period: Period) -> Span:
        return cls(start=period.start, end=period.end, label=period.label)


class Totals(BaseModel):
    income: Decimal
    expenses: Decimal
    net: Decimal
    margin: Decimal | None

    @classmethod
    def of(cls, totals: reports.Totals) -> Totals:
        return cls(income=totals.income, expenses=totals.expenses, net=totals.net, margin=totals.margin)


class Month(BaseModel):
    month: str
    income: Decimal
    expenses: Decimal
    net: Decimal
    cumulative_net: Decimal


class CategoryTotal(BaseModel):
    category: str
    amount: Decimal


class PartyTotal(BaseModel):
    party: str | None
    amount: Decimal
    entries: int


class AssetTypeTotal(BaseModel):
    type: str
    value: Decimal
    assets: int


class DashboardSummary(BaseModel):
    """What the dashboard shows for a period (a period still running is cut at today), compared with the same
    span before it; the same summary service feeds the dashboard, the workbook and the assistant."""

    period: Span
    previous_period: Span
    current: Totals
    previous: Totals
    monthly: list[Month]
    expenses_by_category: list[CategoryTotal]
    income_by_category: list[CategoryTotal]
    top_vendors: list[PartyTotal]
    top_clients: list[PartyTotal]
    assets_by_type: list[AssetTypeTotal]
    assets_total: Decimal
    assets_at: dt.date


@router.get("/dashboard/summary", response_model=DashboardSummary)
def dashboard_summary(access: Reader, db: Db, chosen: Chosen) -> DashboardSummary:
    """The dashboard's figures for a period by name (this fiscal year when none) or by dates."""
    found = reports.summary(db, owner_id=access.owner.id, period=chosen.period(access.owner))
    return DashboardSummary(
        period=Span.of(found.period), previous_period=Span.of(found.previous_period),
        current=Totals.of(found.current), previous=Totals.of(found.previous),
        monthly=records(found.monthly), expenses_by_category=records(found.expenses_by_category),
        income_by_category=records(found.income_by_category), top_vendors=records(found.top_vendors),
        top_clients=records(found.top_clients), assets_by_type=records(found.assets_by_type),
        assets_total=found.assets_total, assets_at=found.assets_at)


def in_chunks(data: bytes, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """`data` in pieces of at most `size` bytes, so the server sends it as it goes (chunked)."""
    view = memoryview(data)
    for start in range(0, len(view), size):
        yield bytes(view[start:start + size])


@router.get("/reports/excel", response_class=StreamingResponse,
            responses={200: {"content": {XLSX_MIME: {"schema": {"type": "string", "format": "binary"}}},
                             "description": "The dashboard's workbook"}})
def excel_report(access: Reader, db: Db, chosen: Chosen) -> StreamingResponse:
    """The workbook the dashboard's download gives for the period: Summary, Profit & Loss, Expenses, Incomes
    and Assets, streamed as an attachment."""
    name, data = exports.dashboard_workbook(db, owner_id=access.owner.id, period=chosen.period(access.owner))
    return StreamingResponse(in_chunks(data), media_type=XLSX_MIME,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
