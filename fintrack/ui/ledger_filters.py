"""The ledger's filter bar: period presets, categories, vendor/client, payment method, amounts, text, sort.

Widget keys carry the kind, so expenses and incomes keep their own filters. Everything the widgets hold
becomes one `EntryFilter`; an amount that cannot be read is pointed out and left out of the filter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import streamlit as st

from fintrack import kinds, periods
from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter, SortKey
from fintrack.money import AmountError, parse_amount
from fintrack.schemas import EARLIEST_DATE, LATEST_DATE, EntryKind
from fintrack.services import money_accounts
from fintrack.services.accounts import Owner
from fintrack.ui.errors import show_error
from fintrack.ui.ledger_choices import category_choices, payment_method_choices
from fintrack.ui.resources import database

ALL_DATES = "All dates"
CUSTOM = "Custom range"
DATE_PRESETS = ("This month", "Last month", "This quarter", "This fiscal year", "Last fiscal year")
SORTS: dict[SortKey, str] = {
    "date_desc": "Newest first", "date_asc": "Oldest first",
    "amount_desc": "Largest first", "amount_asc": "Smallest first",
}


def filter_key(kind: EntryKind, name: str) -> str:
    """The session-state key of one filter widget (tests and the clear button use it)."""
    return f"ledger_filter_{kind}_{name}"


def _date_range(owner: Owner, kind: EntryKind, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    choice = st.selectbox("Period", (ALL_DATES, *DATE_PRESETS, CUSTOM), key=filter_key(kind, "period"))
    if choice == ALL_DATES:
        return None, None
    if choice == CUSTOM:
        picked = st.date_input("From – to", value=(today.replace(day=1), today), min_value=EARLIEST_DATE,
                               max_value=LATEST_DATE, format=owner.formats.picker_date_format(),
                               key=filter_key(kind, "range"))
        start, end = (tuple(picked) + (None, None))[:2]
        return start, end or start
    period = periods.presets(today, owner.fiscal_year_start)[choice]
    st.caption(f"{period.title(owner.formats)}: {period.date_range(owner.formats)}")
    return period.start, period.end


def _amount(kind: EntryKind, name: str, decimal_mark: str) -> Decimal | None:
    """An amount bound read with the owner's `decimal_mark`, as the entry form reads amounts."""
    labels = EntryFilter.labels()
    text = st.text_input(labels[name], key=filter_key(kind, name), placeholder="any")
    if not text.strip():
        return None
    try:
        return parse_amount(text, decimal_mark=decimal_mark)
    except AmountError as problem:
        show_error(ValidationError({name: str(problem)}, labels))
        return None


def render_filters(owner: Owner, kind: EntryKind, *, today: dt.date | None = None) -> EntryFilter:
    """Draw the filter bar and return the filter it describes."""
    today = today or dt.date.today()
    with st.expander("Find entries", expanded=True, icon=":material/search:"):
        first, second, third, fourth = st.columns(4)
        with first:
            date_from, date_to = _date_range(owner, kind, today)
        categories = second.multiselect("Categories", category_choices(owner.id, kind),
                                        key=filter_key(kind, "categories"), placeholder="All categories")
        party = third.text_input(f"{kinds.of(kind).party_label} contains", key=filter_key(kind, "party"))
        method = fourth.selectbox("Payment method", payment_method_choices(owner.id, kind),
                                  index=None, placeholder="Any", key=filter_key(kind, "payment_method"))
        first, second, third, fourth = st.columns(4)
        with first:
            amount_min = _amount(kind, "amount_min", owner.formats.decimal_mark)
        with second:
            amount_max = _amount(kind, "amount_max", owner.formats.decimal_mark)
        text = third.text_input("Text (vendor, client or notes)", key=filter_key(kind, "text"))
        sort = fourth.selectbox("Sort", tuple(SORTS), format_func=SORTS.__getitem__, key=filter_key(kind, "sort"))
        account_id = _account(owner, kind)
        by_assistant = st.checkbox("Only what the assistant added", key=filter_key(kind, "assistant"),
                                   help="Entries you confirmed from the assistant's proposals.")
    return EntryFilter(kind=kind, date_from=date_from, date_to=date_to, categories=tuple(categories),
                       party_contains=party.strip() or None, payment_method=method,
                       amount_min=amount_min, amount_max=amount_max, text=text.strip() or None,
                       added_by_assistant=by_assistant, account_id=account_id, sort=sort)


def _account(owner: Owner, kind: EntryKind) -> int | None:
    """The money account to show the entries of (asked only of an owner with two or more)."""
    accounts = {account.id: account.name for account in money_accounts.list_accounts(database(), owner_id=owner.id)}
    if len(accounts) < 2:
        return None
    return st.selectbox("Account", list(accounts), index=None, format_func=accounts.__getitem__,
                        placeholder="All accounts", key=filter_key(kind, "account"))


def is_filtered(filters: EntryFilter) -> bool:
    """True when anything narrows the view (sorting does not)."""
    return bool(filters.narrowing())
