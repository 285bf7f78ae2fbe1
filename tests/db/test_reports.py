"""The summary on both databases, checked against sums the test computes itself from the rows it inserts."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest
import sqlalchemy as sa

from fintrack import periods
from fintrack.db.models import Asset, Expense, Income
from fintrack.repository import rollups
from fintrack.services import assets, assistant, reports
from fintrack.services.assistant import AssistantConfig
from fintrack.services.assistant import books as assistant_books

D = dt.date
APR_1 = D(2000, 4, 1)
FY2026 = periods.fiscal_year(2026, APR_1)  # 1 Apr 2025 - 31 Mar 2026
ZERO = Decimal("0.00")


def _insert(db, model, owner_id, rows):
    party = "vendor" if model is Expense else "client"
    values = [{"user_id": owner_id, "date": day, "category": category, party: who, "amount": amount}
              for day, category, who, amount in rows]
    with db.transaction() as session:
        session.execute(sa.insert(model), values)
        rollups.rebuild(session, owner_id=owner_id)  # rows written past the entries repository: recount them


def _random_rows(seed, count, start, end, categories, parties):
    rng = random.Random(seed)
    span = (end - start).days
    return [(start + dt.timedelta(days=rng.randint(0, span)), rng.choice(categories), rng.choice(parties),
             Decimal(rng.randint(1, 500_000)) / 100) for _ in range(count)]


def _month(day):
    return f"{day.year:04d}-{day.month:02d}"


def _sums(rows, key):
    totals = defaultdict(lambda: ZERO)
    for row in rows:
        totals[key(row)] += row[3]
    return dict(totals)


@pytest.fixture
def books(db, make_owner):
    """An owner with expenses and incomes over FY2026 except November and December 2025, plus a
    second owner whose rows fall in the same dates and must never show up."""
    me, other = make_owner(fiscal_year_start=APR_1), make_owner(fiscal_year_start=APR_1)
    categories = [f"Category {n:02d}" for n in range(30)]
    vendors = [f"Vendor {n}" for n in range(15)] + [None]
    busy = [(D(2025, 4, 1), D(2025, 10, 31)), (D(2026, 1, 1), D(2026, 3, 31))]
    expenses = [row for n, (lo, hi) in enumerate(busy)
                for row in _random_rows(n, 600, lo, hi, categories, vendors)]
    incomes = [row for n, (lo, hi) in enumerate(busy)
               for row in _random_rows(10 + n, 300, lo, hi, ["Sales", "Services", "Interest"],
                                       ["Client A", "Client B", "Client C"])]
    _insert(db, Expense, me.id, expenses)
    _insert(db, Income, me.id, incomes)
    _insert(db, Expense, other.id, _random_rows(99, 200, D(2025, 4, 1), D(2026, 3, 31), ["Rent"], ["X"]))
    _insert(db, Income, other.id, _random_rows(98, 200, D(2025, 4, 1), D(2026, 3, 31), ["Sales"], ["Y"]))
    return me, expenses, incomes


def test_totals_net_and_margin_match_the_inserted_rows(db, books):
    me, expenses, incomes = books
    result = reports.summary(db, owner_id=me.id, period=FY2026)
    income, spent = sum(r[3] for r in incomes), sum(r[3] for r in expenses)
    assert (result.current.income, result.current.expenses) == (income, spent)
    assert result.current.net == income - spent
    assert result.current.margin == ((income - spent) / income).quantize(Decimal("0.0001"))


def test_months_without_entries_are_zero_and_months_add_up(db, books):
    me, expenses, incomes = books
    monthly = reports.summary(db, owner_id=me.id, period=FY2026).monthly
    assert list(monthly["month"]) == FY2026.month_keys()
    by_month = monthly.set_index("month")
    expected_spent, expected_income = _sums(expenses, lambda r: _month(r[0])), _sums(incomes, lambda r: _month(r[0]))
    for key in FY2026.month_keys():
        assert by_month.loc[key, "expenses"] == expected_spent.get(key, ZERO)
        assert by_month.loc[key, "income"] == expected_income.get(key, ZERO)
    assert by_month.loc["2025-11", "income"] == by_month.loc["2025-12", "expenses"] == ZERO
    assert monthly["cumulative_net"].iloc[-1] == sum(r[3] for r in incomes) - sum(r[3] for r in expenses)


def test_categories_and_the_category_month_grid(db, books):
    me, expenses, _ = books
    result = reports.summary(db, owner_id=me.id, period=FY2026)
    expected = _sums(expenses, lambda r: r[1])
    assert dict(zip(result.expenses_by_category["category"], result.expenses_by_category["amount"],
                    strict=True)) == expected
    assert list(result.expenses_by_category["amount"]) == sorted(expected.values(), reverse=True)
    grid = result.expenses_by_category_month
    cell = _sums(expenses, lambda r: (r[1], _month(r[0])))
    assert {(c, m): a for c, m, a in grid.itertuples(index=False)} == cell


def test_top_vendors_and_clients(db, books):
    me, expenses, incomes = books
    result = reports.summary(db, owner_id=me.id, period=FY2026)
    vendor_totals = _sums([r for r in expenses if r[2]], lambda r: r[2])
    top = sorted(vendor_totals.items(), key=lambda item: -item[1])[:10]
    assert list(zip(result.top_vendors["party"], result.top_vendors["amount"], strict=True)) == top
    assert set(result.top_clients["party"]) == {"Client A", "Client B", "Client C"}


def test_previous_period_totals(db, make_owner):
    me = make_owner(fiscal_year_start=APR_1)
    _insert(db, Income, me.id, [(D(2024, 4, 1), "Sales", None, Decimal("100.10")),
                                (D(2025, 3, 31), "Sales", None, Decimal("0.05")),
                                (D(2025, 4, 1), "Sales", None, Decimal("7.00"))])
    _insert(db, Expense, me.id, [(D(2024, 3, 31), "Rent", None, Decimal("999.00")),
                                 (D(2024, 6, 1), "Rent", None, Decimal("40.00"))])
    result = reports.summary(db, owner_id=me.id, period=FY2026)
    assert result.previous_period.label == "FY2025"
    assert (result.previous.income, result.previous.expenses) == (Decimal("100.15"), Decimal("40.00"))
    assert result.current.income == Decimal("7.00")


def test_period_edges_are_inclusive(db, owner):
    march = periods.month(2026, 3)
    _insert(db, Expense, owner.id, [(D(2026, 2, 28), "A", None, Decimal("1.00")),
                                    (D(2026, 3, 1), "A", None, Decimal("2.00")),
                                    (D(2026, 3, 31), "A", None, Decimal("4.00")),
                                    (D(2026, 4, 1), "A", None, Decimal("8.00"))])
    result = reports.summary(db, owner_id=owner.id, period=march)
    assert result.current.expenses == Decimal("6.00")
    assert result.previous.expenses == Decimal("1.00")


def test_cents_do_not_drift(db, owner):
    """Thousands of 0.10 and 0.20 amounts: a float sum would be off by fractions of a cent."""
    rows = [(D(2026, 5, 1 + n % 28), "Tiny", "Shop", Decimal("0.10") if n % 2 else Decimal("0.20"))
            for n in range(5000)]
    rows.append((D(2026, 5, 3), "Tiny", "Shop", Decimal("0.01")))
    _insert(db, Expense, owner.id, rows)
    result = reports.summary(db, owner_id=owner.id, period=periods.month(2026, 5))
    assert result.current.expenses == Decimal("750.01")
    assert str(result.current.expenses) == "750.01"
    assert result.expenses_by_category["amount"].iloc[0] == Decimal("750.01")


def test_assets_acquired_up_to_the_end_of_the_period(db, make_owner):
    me, other = make_owner(), make_owner()
    with db.transaction() as session:
        session.execute(sa.insert(Asset), [
            {"user_id": me.id, "name": "Laptop", "type": "Equipment", "acquisition_date": D(2020, 1, 1),
             "value": Decimal("1500.50")},
            {"user_id": me.id, "name": "Camera", "type": "Equipment", "acquisition_date": D(2026, 12, 31),
             "value": Decimal("999.99")},
            {"user_id": me.id, "name": "Van", "type": "Vehicle", "acquisition_date": D(2026, 6, 1),
             "value": Decimal("20000.00")},
            {"user_id": me.id, "name": "Shelf", "type": None, "acquisition_date": D(2026, 2, 1),
             "value": Decimal("80.00")},
            {"user_id": me.id, "name": "Desk", "type": "Other", "acquisition_date": D(2026, 2, 1),
             "value": Decimal("30.00")},
            {"user_id": me.id, "name": "Future", "type": "Vehicle", "acquisition_date": D(2027, 1, 1),
             "value": Decimal("5.00")},
            {"user_id": other.id, "name": "Theirs", "type": "Equipment", "acquisition_date": D(2026, 1, 1),
             "value": Decimal("7.00")},
        ])
    result = reports.summary(db, owner_id=me.id, period=periods.fiscal_year(2026, D(2000, 1, 1)), today=D(2027, 6, 1))
    rows = list(result.assets_by_type.itertuples(index=False, name=None))
    # untyped assets are labelled as on the Assets screen, never merged into the owner's own "Other" type
    assert rows == [("Vehicle", Decimal("20000.00"), 1), ("Equipment", Decimal("2500.49"), 2),
                    ("Untyped", Decimal("80.00"), 1), ("Other", Decimal("30.00"), 1)]
    assert result.assets_total == Decimal("22610.49")
    assert assets.asset_totals(db, owner_id=me.id).by_type[2:] == [("Untyped", Decimal("80.00")),
                                                                   ("Other", Decimal("30.00"))]


def test_an_owner_without_entries_gets_zeros(db, owner):
    result = reports.summary(db, owner_id=owner.id, period=periods.fiscal_year(2026, owner.fiscal_year_start),
                             today=D(2027, 6, 1))
    assert result.is_empty
    assert (result.current.income, result.current.expenses, result.current.margin) == (ZERO, ZERO, None)
    assert len(result.monthly) == 12 and set(result.monthly["net"]) == {ZERO}
    assert result.top_vendors.empty and result.assets_by_type.empty and result.assets_total == ZERO
    assert not reports.has_books(db, owner_id=owner.id)


def test_has_books_once_anything_is_recorded(db, owner):
    _insert(db, Income, owner.id, [(D(2026, 1, 1), "Sales", None, Decimal("1.00"))])
    assert reports.has_books(db, owner_id=owner.id)


DEC_5 = D(2026, 12, 5)
APR_6 = D(2000, 4, 6)


def test_this_fiscal_year_on_5_december_is_compared_with_the_same_span_a_year_earlier(db, make_owner):
    """Income up 10 % to date must not look down against the whole of last year."""
    me = make_owner(fiscal_year_start=APR_6)
    _insert(db, Income, me.id, [(D(2025, 4, 6), "Sales", "A", Decimal("100.00")),
                                (D(2025, 12, 5), "Sales", "A", Decimal("1000.00")),
                                (D(2025, 12, 6), "Sales", "A", Decimal("5000.00")),  # after the same day
                                (D(2026, 4, 6), "Sales", "A", Decimal("210.00")),
                                (D(2026, 12, 5), "Sales", "A", Decimal("1000.00")),
                                (D(2026, 12, 6), "Sales", "A", Decimal("9.00"))])  # after today
    with db.transaction() as session:
        session.execute(sa.insert(Asset), [
            {"user_id": me.id, "name": "Van", "acquisition_date": DEC_5, "value": Decimal("1.00")},
            {"user_id": me.id, "name": "Ordered", "acquisition_date": D(2026, 12, 20), "value": Decimal("2.00")}])
    this_year = periods.presets(DEC_5, APR_6)["This fiscal year"]
    result = reports.summary(db, owner_id=me.id, period=this_year, today=DEC_5)
    assert (result.period.start, result.period.end) == (D(2026, 4, 6), DEC_5)
    assert (result.previous_period.start, result.previous_period.end) == (D(2025, 4, 6), D(2025, 12, 5))
    assert (result.current.income, result.previous.income) == (Decimal("1210.00"), Decimal("1100.00"))
    assert list(result.monthly["month"])[-1] == "2026-12"  # no months after today drawn as zeros
    assert result.monthly["cumulative_net"].iloc[-1] == Decimal("1210.00")
    assert (result.assets_at, result.assets_total) == (DEC_5, Decimal("1.00"))


def test_a_period_yet_to_come_holds_assets_as_of_today_and_no_empty_months(db, make_owner):
    me = make_owner(fiscal_year_start=APR_6)
    _insert(db, Expense, me.id, [(D(2027, 2, 10), "Rent", "Landlord", Decimal("50.00"))])
    result = reports.summary(db, owner_id=me.id, period=periods.custom(D(2027, 1, 1), D(2027, 3, 31)), today=DEC_5)
    assert result.assets_at == DEC_5
    assert list(result.monthly["month"]) == ["2027-02"]
    assert result.current.expenses == Decimal("50.00")


def test_the_assistant_compares_the_same_spans_as_the_dashboard(db, make_owner):
    me = make_owner(fiscal_year_start=APR_6)
    this_year = periods.presets(DEC_5, APR_6)["This fiscal year"]
    answer = assistant_books.summary(db, owner=me, period=this_year, today=DEC_5)
    assert (answer["period"]["from"], answer["period"]["to"]) == ("2026-04-06", "2026-12-05")
    previous = answer["previous_period"]
    assert (previous["label"], previous["from"], previous["to"]) == ("FY2026 to 5 Dec 2025", "2025-04-06", "2025-12-05")


def test_the_offline_profit_answer_runs_to_the_assistants_today_like_the_dashboard(db, make_owner):
    me = make_owner()  # fiscal year from 1 January
    _insert(db, Income, me.id, [(D(2026, 3, 1), "Sales", "A", Decimal("100.00")),
                                (D(2026, 6, 1), "Sales", "A", Decimal("900.00"))])  # after the assistant's today
    conversation = assistant.current_conversation(db, owner_id=me.id)
    assistant.ask(db, owner_id=me.id, conversation_id=conversation, text="profit this year")
    offline = AssistantConfig(model=None, per_minute=100, per_day=1000)
    answer = "".join(assistant.answer(db, owner=me, conversation_id=conversation, config=offline, today=D(2026, 3, 18)))
    assert "FY2026 to 18 Mar 2026" in answer and "€100.00" in answer and "€1,000.00" not in answer


def test_top_vendors_tied_at_the_tenth_place_are_cut_by_name_in_code_point_order(db, make_owner):
    """The database ranks the totals; among equal totals the names decide by code point on both databases (a
    LIMIT in SQL would cut ties by the database's collation, which puts 'alpha' before 'Zeta')."""
    me = make_owner(fiscal_year_start=APR_1)
    tied = ["alpha", "Zeta", "beta", "Émile", "Gamma", "delta", "Omega", "omega", "eta", "Theta", "iota", "Kappa"]
    _insert(db, Expense, me.id, [(D(2025, 5, 2), "Software", "Biggest", Decimal("99.00"))]
            + [(D(2025, 6, 3), "Software", name, Decimal("10.00")) for name in tied])
    result = reports.summary(db, owner_id=me.id, period=FY2026)
    assert list(result.top_vendors["party"]) == ["Biggest", *sorted(tied)[:9]]
    assert list(result.top_vendors["amount"]) == [Decimal("99.00")] + [Decimal("10.00")] * 9
