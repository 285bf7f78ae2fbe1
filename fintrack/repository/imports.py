"""Queries the statement importer needs, always scoped by owner id: what is already in the books for a
date range, which category the owner usually gives a vendor or client, and remembered column mappings.

Entries themselves are written with `fintrack.repository.entries.insert_many` (one executemany).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fintrack.db.models import ImportMapping
from fintrack.repository.entries import party_column, table_for
from fintrack.schemas import EntryKind


def existing_keys(session: Session, *, owner_id: int, kind: EntryKind, date_from: dt.date,
                  date_to: dt.date) -> list[tuple[dt.date, Decimal, str | None]]:
    """(date, amount, party) of every entry of `kind` the owner has between the two dates (inclusive)."""
    table = table_for(kind)
    rows = session.execute(
        select(table.date, table.amount, party_column(kind)).where(
            table.user_id == owner_id, table.date >= date_from, table.date <= date_to)
    ).all()
    return [(date, Decimal(amount), party) for date, amount, party in rows]


def category_counts(session: Session, *, owner_id: int, kind: EntryKind) -> list[tuple[str, str, int]]:
    """(party, category, entries) for every vendor or client the owner has categorised, most used first."""
    table, party = table_for(kind), party_column(kind)
    uses = func.count(table.id)
    rows = session.execute(
        select(party, table.category, uses)
        .where(table.user_id == owner_id, party.is_not(None))
        .group_by(party, table.category)
        .order_by(uses.desc(), table.category)
    ).all()
    return [(name, category, int(count)) for name, category, count in rows]


def get_mapping(session: Session, *, owner_id: int, signature: str) -> str | None:
    """The mapping (JSON) the owner confirmed for the header with `signature`, if any."""
    return session.scalar(select(ImportMapping.mapping_json).where(
        ImportMapping.user_id == owner_id, ImportMapping.header_signature == signature))


def save_mapping(session: Session, *, owner_id: int, signature: str, mapping_json: str,
                 at: dt.datetime) -> None:
    """Remember `mapping_json` for the owner's header layout `signature` (replacing an older one)."""
    stored = session.scalar(select(ImportMapping).where(
        ImportMapping.user_id == owner_id, ImportMapping.header_signature == signature))
    if stored is None:
        session.add(ImportMapping(user_id=owner_id, header_signature=signature, mapping_json=mapping_json,
                                  updated_at=at))
    else:
        stored.mapping_json = mapping_json
        stored.updated_at = at
    session.flush()
