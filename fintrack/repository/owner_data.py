"""Everything one owner has, table by table: read for 'Download all my data', deleted with the account.

The tables are found from the models (every table with a `user_id` column), so a table added later is
exported and deleted without a change here. Secrets never leave: password hashes and session or sign-in
token hashes are not selected, and the one-minute sign-in tokens (nothing but secrets) are not exported.
Nor are the monthly rollups: counts recomputed from the books, which are exported themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Column, Date, DateTime, Integer, Numeric, Table, delete, select
from sqlalchemy.orm import Session

from fintrack.db.models import Base, RateLimitEvent, User

SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "browser_hash"})
NOT_EXPORTED = frozenset({"login_tokens", "books_stamps",  # a stamp of the books, not data
                          "category_months", "party_months", "account_days"})  # rollups: derived
BOOKS = ("expenses", "incomes", "assets")
PROFILE = User.__tablename__  # the owner's own row: `fields(PROFILE)` describes what `profile` returns
CHUNK_ROWS = 5_000

FieldKind = Literal["money", "date", "timestamp", "integer", "text"]
_KINDS: tuple[tuple[type, FieldKind], ...] = (
    (Numeric, "money"), (DateTime, "timestamp"), (Date, "date"), (Integer, "integer"))


@dataclass(frozen=True)
class Field:
    """One exported column: its name and what its values are."""

    name: str
    kind: FieldKind


def owner_tables() -> list[Table]:
    """Every table holding an owner's rows, parents before children (the schema's creation order)."""
    return [table for table in Base.metadata.sorted_tables if "user_id" in table.c]


def exported_tables() -> list[str]:
    """The names of the tables an owner gets back: the books first, then the rest in the schema's order."""
    names = [table.name for table in owner_tables() if table.name not in NOT_EXPORTED]
    return sorted(names, key=lambda name: BOOKS.index(name) if name in BOOKS else len(BOOKS))


def _columns(table: Table) -> list[Column]:
    """The key first, then every other column but secrets and the owner id itself."""
    columns = [column for column in table.c if column.name not in SECRET_COLUMNS | {"user_id"}]
    return sorted(columns, key=lambda column: not column.primary_key)


def fields(table_name: str) -> list[Field]:
    """The exported columns of `table_name`, in the order `row_chunks` gives their values."""
    return [Field(column.name, next((kind for sql_type, kind in _KINDS if isinstance(column.type, sql_type)), "text"))
            for column in _columns(Base.metadata.tables[table_name])]


def profile(session: Session, *, owner_id: int) -> dict[str, Any] | None:
    """The owner's own row without the password hash."""
    users: Table = User.__table__
    row = session.execute(select(*_columns(users)).where(users.c.id == owner_id)).first()
    return row._asdict() if row else None


def row_chunks(session: Session, *, table_name: str, owner_id: int) -> Iterator[list[tuple]]:
    """The owner's rows of `table_name` (values in the order of `fields`), by key, a few thousand at a time."""
    table = Base.metadata.tables[table_name]
    statement = (select(*_columns(table)).where(table.c.user_id == owner_id)
                 .order_by(*table.primary_key.columns).execution_options(yield_per=CHUNK_ROWS))
    for chunk in session.execute(statement).partitions():
        yield [tuple(row) for row in chunk]


def delete_owner(session: Session, *, owner_id: int, buckets: Iterable[str]) -> dict[str, int]:
    """Delete every row of the owner (children first), the owner's rate-limit `buckets` and the owner's
    account; return how many rows went from each table. The caller's transaction makes it all or nothing."""
    removed = {table.name: session.execute(delete(table).where(table.c.user_id == owner_id)).rowcount
               for table in reversed(owner_tables())}
    removed[RateLimitEvent.__tablename__] = session.execute(
        delete(RateLimitEvent).where(RateLimitEvent.bucket.in_(list(buckets)))).rowcount
    removed[User.__tablename__] = session.execute(delete(User).where(User.id == owner_id)).rowcount
    return removed
