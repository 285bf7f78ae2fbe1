"""A demo business with two years of realistic books, so a newcomer sees a living dashboard at once.

"Northwind Design Studio": seasonal sales (busy before summer and in Q4), monthly rent, payroll,
software subscriptions, travel, meals, occasional equipment, and equipment assets. The data is generated
deterministically (a fixed seed) and always ends today. `python -m fintrack.demo` (`make demo`) creates or
refreshes it; the sign-in screen's "Try the demo" button calls `create_demo_owner`.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal

from fintrack.config import settings
from fintrack.db.engine import Database
from fintrack.money import to_cents
from fintrack.repository import demo as repo
from fintrack.repository import users as users_repo
from fintrack.services import accounts
from fintrack.services.accounts import Owner

DEMO_EMAIL = "demo@fintrack.example"
DEMO_BUSINESS = "Northwind Design Studio"
SEED = 20240101
_SEASON = (0.7, 0.75, 0.9, 1.0, 1.15, 1.25, 0.95, 0.8, 1.05, 1.15, 1.3, 1.4)  # January..December
_CLIENTS = ("Blue Harbor Hotels", "Greenleaf Organics", "Atlas Logistics", "Maple & Co", "Riverside Clinic",
            "Sunset Bakery", "Orbit Software", "Keystone Legal")
_RECURRING = (  # (category, vendor, payment method, monthly amount)
    ("Rent", "Harbor Properties", "Transfer", Decimal("2400.00")),
    ("Payroll", "Staff salaries", "Transfer", Decimal("9800.00")),
    ("Software", "Adobe", "Card", Decimal("89.99")),
    ("Software", "Google Workspace", "Card", Decimal("36.00")),
    ("Software", "Figma", "Card", Decimal("45.00")),
    ("Utilities", "City Power & Water", "Direct debit", Decimal("310.00")),
    ("Insurance", "Shield Mutual", "Direct debit", Decimal("145.50")),
    ("Bank fees", "First Commerce Bank", "Direct debit", Decimal("19.00")),
)
_OCCASIONAL = (  # (category, vendors, payment method, low, high, times per month)
    ("Travel", ("Lufthansa", "Deutsche Bahn", "Uber", "Shell"), "Card", 25, 640, 3),
    ("Meals", ("Corner Bistro", "Sushi Place", "Cafe Aroma"), "Card", 12, 140, 4),
    ("Office", ("Staples", "IKEA", "Amazon"), "Card", 15, 260, 2),
    ("Advertising", ("Google Ads", "Meta Ads", "LinkedIn"), "Card", 80, 900, 1),
    ("Professional services", ("Baker Accounting", "Keystone Legal"), "Transfer", 250, 1200, 0.5),
)
_ASSETS = (
    ("MacBook Pro 16", "Equipment", 700, Decimal("3299.00")),
    ("Studio camera kit", "Equipment", 540, Decimal("4850.00")),
    ("Standing desks (4)", "Furniture", 420, Decimal("2360.00")),
    ("Company van", "Vehicle", 300, Decimal("28900.00")),
    ("Large-format printer", "Equipment", 120, Decimal("5400.00")),
)


def _months(today: dt.date, count: int = 24) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for back in range(count - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        months.append(dt.date(year, month + 1, 1))
    return months


def _day_in(month: dt.date, rng: random.Random, today: dt.date) -> dt.date | None:
    day = month.replace(day=rng.randint(1, 28))
    return day if day <= today else None


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return to_cents(Decimal(str(round(rng.uniform(low, high), 2))))


def _incomes(today: dt.date, rng: random.Random) -> list[dict]:
    rows = []
    for month in _months(today):
        season = _SEASON[month.month - 1]
        for _ in range(rng.randint(5, 9)):
            when = _day_in(month, rng, today)
            if when:
                category = rng.choice(("Sales", "Sales", "Services", "Consulting"))
                rows.append({"date": when, "category": category, "client": rng.choice(_CLIENTS),
                             "payment_method": "Transfer", "amount": _money(rng, 900 * season, 4200 * season),
                             "notes": None})
        if month.month in (3, 6, 9, 12) and month.replace(day=28) <= today:
            rows.append({"date": month.replace(day=28), "category": "Interest", "client": "First Commerce Bank",
                         "payment_method": "Transfer", "amount": _money(rng, 8, 30), "notes": "Quarterly interest"})
    return rows


def _expenses(today: dt.date, rng: random.Random) -> list[dict]:
    rows = []
    for month in _months(today):
        for category, vendor, method, amount in _RECURRING:
            when = month.replace(day=1 if category == "Rent" else 25)
            if when <= today:
                rows.append({"date": when, "category": category, "vendor": vendor, "payment_method": method,
                             "amount": amount, "notes": None})
        for category, vendors, method, low, high, per_month in _OCCASIONAL:
            for _ in range(int(per_month) + (rng.random() < per_month % 1)):
                when = _day_in(month, rng, today)
                if when:
                    rows.append({"date": when, "category": category, "vendor": rng.choice(vendors),
                                 "payment_method": method, "amount": _money(rng, low, high), "notes": None})
    return rows


def _assets(today: dt.date) -> list[dict]:
    return [{"name": name, "type": kind, "acquisition_date": today - dt.timedelta(days=days_ago),
             "value": value, "notes": None} for name, kind, days_ago, value in _ASSETS]


def demo_books(today: dt.date) -> tuple[list[dict], list[dict], list[dict]]:
    """(expenses, incomes, assets) rows for the demo business, ending `today`; same input, same books."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    return _expenses(today, rng), _incomes(today, rng), _assets(today)


def create_demo_owner(db: Database, today: dt.date | None = None) -> Owner:
    """Create the demo owner (or refresh its books) and return it. Signing in happens through a session."""
    today = today or dt.date.today()
    with db.transaction() as session:
        existing = users_repo.get_by_email(session, email=DEMO_EMAIL)
    owner = Owner.from_row(existing) if existing else accounts.sign_up(db, {
        "email": DEMO_EMAIL, "password": secrets.token_urlsafe(24), "business_name": DEMO_BUSINESS,
        "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    expenses, incomes, assets = demo_books(today)
    with db.transaction() as session:
        repo.replace_books(session, owner_id=owner.id, expenses=expenses, incomes=incomes, assets=assets)
    return owner


if __name__ == "__main__":
    demo = create_demo_owner(Database.from_url(settings().database_url))
    print(f"Demo business '{demo.business_name}' is ready: open the app and press 'Try the demo'.")
