"""Expenses and incomes: the ledger's view (filters, sort, keyset cursors), one entry, add, correct, delete,
many at once (all or none), and the CSV of the view. One router per kind, from the same code."""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import Response

from fintrack import kinds
from fintrack.api.deps import Db, Reader, Writer
from fintrack.api.errors import ERROR_RESPONSES, RECONCILED_RESPONSES, WRITE_RESPONSES
from fintrack.api.shapes import BulkCreated, Done, EntryPage, array_body_of, body_of, records
from fintrack.api.views import LedgerQuery, ledger_query
from fintrack.kinds import EntryKind
from fintrack.schemas import EntryInput
from fintrack.services import entry_batches, ledger
from fintrack.services.ledger import MAX_PAGE_SIZE, Entry

EntryId = Annotated[int, Path(ge=1, le=2**31 - 1)]
View = Annotated[LedgerQuery, Depends(ledger_query)]
ReopenReconciled = Annotated[bool, Query(description="Change an entry ticked off against a bank statement, which "
                                                     "reopens its account's reconciliation (else 409).")]
CSV_RESPONSE = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The view as CSV"}}


def entries_from(kind: EntryKind, frame: pd.DataFrame) -> list[Entry]:
    """A page's rows as entries (a missing vendor is null, never NaN)."""
    return [Entry(kind=kind, **record) for record in records(frame)]


def entries_router(kind: EntryKind) -> APIRouter:
    """The routes of one kind under `/expenses` or `/incomes`."""
    plural = kinds.of(kind).table
    router = APIRouter(prefix=f"/{plural}", tags=[plural], responses=ERROR_RESPONSES)
    body = body_of(EntryInput, leave_out=("kind",))

    @router.get("", response_model=EntryPage, name=f"list_{plural}")
    def list_entries(access: Reader, db: Db, view: View,
                     cursor: Annotated[str | None, Query(description="next_cursor or previous_cursor of a "
                                                                     "page of this view")] = None,
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50) -> EntryPage:
        """A page of the filtered view, newest first unless sorted otherwise; the cursors page on from it
        and stay put while entries are added elsewhere. Each item has the fields of the entry's own GET."""
        page = ledger.find_entries(db, owner_id=access.owner.id, filters=view.filters(access.owner, kind),
                                   cursor=cursor, page_size=limit)
        return EntryPage(items=entries_from(kind, page.frame), total_count=page.total_count,
                         total_amount=page.total_amount, next_cursor=page.next_cursor,
                         previous_cursor=page.previous_cursor)

    @router.get("/export.csv", response_class=Response, responses=CSV_RESPONSE, name=f"csv_of_{plural}")
    def export_csv(access: Reader, db: Db, view: View,
                   comma: Annotated[bool, Query(description="Commas and a decimal point whatever the owner's "
                                                            "locale")] = False) -> Response:
        """The whole filtered view as CSV, as the ledger's download gives it (';' and decimal commas where the
        owner's locale writes them, unless `comma=true`)."""
        data = ledger.export_csv(db, owner_id=access.owner.id, filters=view.filters(access.owner, kind),
                                 formats=None if comma else access.owner.formats)
        return Response(data, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{plural}.csv"'})

    @router.get("/{entry_id}", response_model=Entry, name=f"get_{kind}")
    def get_entry(entry_id: EntryId, access: Reader, db: Db) -> Entry:
        """One entry of the owner (another owner's id is a 404, like a missing one)."""
        return ledger.get_entry(db, owner_id=access.owner.id, kind=kind, entry_id=entry_id)

    @router.post("", status_code=201, response_model=Entry, responses=WRITE_RESPONSES, openapi_extra=body,
                 name=f"add_{kind}")
    def add_entry(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Entry:
        """Record one entry, validated as the form validates it."""
        return ledger.add_entry(db, owner_id=access.owner.id, data={**data, "kind": kind})

    @router.post("/bulk", status_code=201, response_model=BulkCreated, responses=WRITE_RESPONSES,
                 openapi_extra=array_body_of(EntryInput, leave_out=("kind",), max_items=entry_batches.MAX_BATCH),
                 name=f"add_{plural}")
    def add_many(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> BulkCreated:
        """Record many entries at once, all or none: any bad row (named by its position) writes nothing."""
        rows = data.get("entries")
        ids = entry_batches.add_entries(db, owner_id=access.owner.id, kind=kind,
                                        rows=rows if isinstance(rows, list) else [])
        return BulkCreated(created=len(ids), ids=ids)

    @router.put("/{entry_id}", response_model=Entry, responses=RECONCILED_RESPONSES, openapi_extra=body,
                name=f"update_{kind}")
    def update_entry(entry_id: EntryId, data: Annotated[dict[str, Any], Body()], access: Writer, db: Db,
                     reopen_reconciled: ReopenReconciled = False) -> Entry:
        """Correct an entry: every field is given and validated again."""
        return ledger.update_entry(db, owner_id=access.owner.id, kind=kind, entry_id=entry_id, data=data,
                                   reopen_reconciled=reopen_reconciled)

    @router.delete("/{entry_id}", response_model=Done, responses=RECONCILED_RESPONSES, name=f"delete_{kind}")
    def delete_entry(entry_id: EntryId, access: Writer, db: Db, reopen_reconciled: ReopenReconciled = False) -> Done:
        """Delete an entry."""
        ledger.delete_entries(db, owner_id=access.owner.id, kind=kind, entry_ids=[entry_id],
                              reopen_reconciled=reopen_reconciled)
        return Done(detail=f"{kinds.of(kind).singular.capitalize()} {entry_id} deleted.")

    return router
