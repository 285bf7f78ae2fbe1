"""Reports over periods that start or end inside a month: whole months from the rollups plus the days around
them from the entries add up to exactly what the test sums itself from the rows it wrote, on both databases."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest

from fintrack import periods
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput, validate
from fintrack.services import reports
from fintrack.services.assistant import books, offline_answers

D = dt.date
LATER = D(2030, 1, 1)  # "today" after every period, so none is cut short
PERIODS = [(D(2025, 11, 1), D(2026, 4, 30)), (D(2025, 11, 15), D(2026, 3, 14)), (D(2025, 12, 1), D(2025, 12, 31)),
           (D(2026, 1, 10), D(2026, 1, 20)), (D(2026, 2, 28), D(2026, 3, 1)), (D(2025, 10, 1), D(2026, 6, 30)),
           (D(2026, 3, 31), D(2026, 3, 31)), (D(2026, 1, 2), D(2026, 2, 27))]
CATEGORIES = ("Rent", "Travel", "Office")
PARTIES = ("Acme GmbH", "ACME Ltd", "Shell", "", None)


def _rows(seed: int, count: int) -> list[tuple]:
    rng = random.Random(seed)
    return [(rng.choice(("expense", "income")), D(2025, 11, 1) + dt.timedelta(days=rng.randrange(181)),
             rng.choice(CATEGORIES), rng.choice(PARTIES), Decimal(rng.randint(1, 90_000)) / 100)
            for _ in range(count)]


@pytest.fixture
def written(db, owner, make_owner):
    """400 entries of the owner through the entries repository (which counts them), a neighbour's 50."""
    mine = _rows(1, 400)
    for who, rows in ((owner, mine), (make_owner(), _rows(2, 50))):
        with db.transaction() as session:
            for kind in ("expense", "income"):
                entries_repo.insert_many(session, owner_id=who.id, kind=kind, entries=[
                    validate(EntryInput, {"kind": k, "date": day, "category": category, "party": party,
                                          "amount": amount})
                    for k, day, category, party, amount in rows if k == kind])
    return mine


def _within(rows, kind, start, end):
    return [row for row in rows if row[0] == kind and start <= row[1] <= end]


def _grid(rows):
    sums = defaultdict(lambda: Decimal("0.00"))
    for _, day, category, _, amount in rows:
        sums[(category, f"{day.year:04d}-{day.month:02d}")] += amount
    return sorted((category, month, amount) for (category, month), amount in sums.items())


def _top(rows):
    sums = defaultdict(lambda: [Decimal("0.00"), 0])
    for _, _, _, party, amount in rows:
        if party:
            sums[party][0] += amount
            sums[party][1] += 1
    return sorted(((name, amount, count) for name, (amount, count) in sums.items()), key=lambda r: (-r[1], r[0]))


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_summary_of_any_period_equals_the_sums_of_its_rows(db, owner, written, start, end):
    period = periods.custom(start, end)
    result = reports.summary(db, owner_id=owner.id, period=period, today=LATER)
    before = result.previous_period
    for kind, grid, top in (("expense", result.expenses_by_category_month, result.top_vendors),
                            ("income", result.income_by_category_month, result.top_clients)):
        rows = _within(written, kind, start, end)
        assert list(grid.itertuples(index=False, name=None)) == _grid(rows)
        assert list(top.itertuples(index=False, name=None)) == _top(rows)[:10]
    assert result.current.expenses == sum((r[4] for r in _within(written, "expense", start, end)), Decimal(0))
    assert result.previous.income == sum((r[4] for r in _within(written, "income", before.start, before.end)),
                                         Decimal(0))


@pytest.mark.parametrize(("start", "end"), PERIODS)
@pytest.mark.parametrize(("category", "party"), [(None, None), ("Travel", None), (None, "acme"), ("Rent", "acme")])
def test_the_assistants_totals_equal_the_sums_of_their_rows(db, owner, written, start, end, category, party):
    def wanted(row):
        return (category is None or row[2] == category) and (party is None or party in (row[3] or "").casefold())

    rows = [row for row in _within(written, "income", start, end) if wanted(row)]
    answer = books.total(db, owner=owner, kind="income", period=periods.custom(start, end), category=category,
                         party=party)
    assert (answer["entries"], Decimal(answer["total"])) == (len(rows), sum((r[4] for r in rows), Decimal("0.00")))


def test_the_offline_assistant_knows_the_parties_most_used_first(db, owner, written):
    def ranked(kind):
        uses = defaultdict(int)
        for row in written:
            if row[0] == kind and row[3]:
                uses[row[3]] += 1
        return sorted(uses, key=lambda name: (-uses[name], name))

    assert offline_answers.known_parties(db, owner.id) == {"expense": ranked("expense"), "income": ranked("income")}
