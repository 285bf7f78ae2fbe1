"""The expense/income form: add a new entry, or correct a selected one.

The same fields serve both; the service validates (amount as text, decimal comma accepted), and any
problem is shown in the owner's words while what they typed stays in the form.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from fintrack import kinds
from fintrack.schemas import EARLIEST_DATE, LATEST_DATE, EntryKind, is_book_date
from fintrack.services import ledger, money_accounts
from fintrack.services.accounts import Owner
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST, notes_area
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.forms import add_form
from fintrack.ui.ledger_choices import category_choices, forget_choices, payment_method_choices
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.reconciled import asking_to_reopen, reopen_question
from fintrack.ui.resources import database


def _index(options: list[str], value: str | None) -> int | None:
    return options.index(value) if value in options else None


def _options(options: list[str], value: str | None) -> list[str]:
    return options if value is None or value in options else [value, *options]


def picker_start(date: Any) -> Any:  # noqa: ANN401 - a date, "today" or None
    """A date picker's start value; a date stored before the range was enforced is asked again (entries and
    assets)."""
    if date == "today" or is_book_date(date):
        return date
    st.warning(f"The stored date {date} is outside {EARLIEST_DATE} to {LATEST_DATE}; pick the right one.")
    return None


def entry_fields(owner: Owner, kind: EntryKind, *, initial: dict[str, Any], key: str) -> dict[str, Any]:
    """Draw the entry fields (inside a form) and return what they hold, ready for the ledger service."""
    categories = _options(category_choices(owner.id, kind), initial.get("category"))
    methods = _options(payment_method_choices(owner.id, kind), initial.get("payment_method"))
    values: dict[str, Any] = {"kind": kind}
    first, second, third = st.columns(3)
    values["date"] = first.date_input("Date", value=picker_start(initial.get("date", "today")),
                                      min_value=PICKER_EARLIEST,
                                      max_value=PICKER_LATEST, format=owner.formats.picker_date_format(),
                                      key=f"{key}_date")
    values["category"] = second.selectbox(
        "Category", categories, index=_index(categories, initial.get("category")), accept_new_options=True,
        placeholder="Pick one or type a new category", key=f"{key}_category",
        help="Your most used categories come first. Type a name that is not listed to create it.")
    values["party"] = third.text_input(kinds.of(kind).party_label, value=initial.get("party") or "",
                                       max_chars=255, key=f"{key}_party")
    first, second, _ = st.columns(3)
    values["amount"] = amount_input(owner, "Amount", initial.get("amount"), key=f"{key}_amount", column=first)
    values["payment_method"] = second.selectbox(
        "Payment method", methods, index=_index(methods, initial.get("payment_method")),
        accept_new_options=True, placeholder="Optional", key=f"{key}_payment_method")
    values["notes"] = notes_area(initial.get("notes"), key=f"{key}_notes")
    values["account_id"] = _account_field(owner, initial.get("account_id"), key=f"{key}_account")
    return values


def _account_field(owner: Owner, account_id: int | None, *, key: str) -> int | None:
    """The money account the entry went through; asked only of an owner with more than one (None: the
    default account for a new entry, the entry's own when editing)."""
    accounts = money_accounts.list_accounts(database(), owner_id=owner.id)
    if len(accounts) < 2:
        return account_id
    names = {account.id: account.name for account in accounts}
    chosen = account_id if account_id in names else accounts[0].id  # the default account comes first
    return st.selectbox("Account", list(names), index=list(names).index(chosen), format_func=names.__getitem__,
                        key=key)


def render_add_form(owner: Owner, kind: EntryKind) -> None:
    """The 'add an expense/income' form; on success it starts empty again and says what was added."""

    def save(values: dict[str, Any]) -> str:
        entry = ledger.add_entry(database(), owner_id=owner.id, data=values, decimal_mark=owner.formats.decimal_mark)
        forget_choices()
        return (f"Added {kinds.of(kind).singular} #{entry.id}: {entry.category}, "
                f"{owner.formats.money(entry.amount)} on {owner.formats.date(entry.date)}.")

    add_form(f"add_{kind}", fields=lambda key: entry_fields(owner, kind, initial={}, key=key),
             submit_label=f"Add {kinds.of(kind).singular}", save=save)


def render_edit_form(owner: Owner, entry: ledger.Entry) -> bool:
    """Correct one entry; returns True when it was saved."""
    key = f"edit_{entry.kind}_{entry.id}"
    with st.form(key):
        st.markdown(f"**Edit {kinds.of(entry.kind).singular} #{entry.id}**")
        values = entry_fields(owner, entry.kind, initial=entry.as_form(), key=key)
        submitted = st.form_submit_button("Save changes", type="primary")
    reopen = reopen_question(f"{key}_reconciled", "save")
    if not submitted and not reopen:
        return False
    with show_errors(), asking_to_reopen(f"{key}_reconciled"):
        ledger.update_entry(database(), owner_id=owner.id, kind=entry.kind, entry_id=entry.id, data=values,
                            decimal_mark=owner.formats.decimal_mark, reopen_reconciled=reopen)
        forget_choices()
        flash(f"Saved {kinds.of(entry.kind).singular} #{entry.id}.")
        return True
    return False
