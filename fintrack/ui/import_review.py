"""The import screen's review: the rows to write (categories editable), bad rows, duplicates, the totals,
the Confirm button with a progress bar, and the summary of what was written.

Bad rows block the import until the owner either fixes the file or ticks "skip them": a statement with
an unreadable row is often read with the wrong settings, and silently leaving rows out would make the
books disagree with the bank without anyone noticing.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import streamlit as st

from fintrack.services import imports
from fintrack.services.accounts import Owner
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database
from fintrack.ui.text import plain
from fintrack.ui.transfer_views import remember_imported

RESULT_KEY = "import_result"
EDITABLE_ROWS = 2_000
SHOWN_ROWS = 5_000


@dataclass(frozen=True)
class Choices:
    """What the owner decided on the review: keep duplicates, skip bad rows, changed categories."""

    keep_duplicates: bool = False
    skip_bad_rows: bool = False
    categories: tuple[tuple[int, str], ...] = ()


def render_review(owner: Owner, preview: imports.Preview, key: str) -> Choices:
    """Show the rows, bad rows and duplicates; return the owner's choices."""
    if preview.mapping_problems:
        for role, problem in preview.mapping_problems.items():
            st.error(f"**{role.replace('_', ' ').capitalize()}**: {plain(problem)}", icon=":material/explore:")
        return Choices()
    if preview.currency_warning:
        st.warning(plain(preview.currency_warning), icon=":material/currency_exchange:")
    skip = _bad_rows(preview, key)
    keep = _duplicates(preview, key)
    categories = _rows_table(owner, preview, key)
    _fees(owner, preview)
    return Choices(keep, skip, categories)


def _fees(owner: Owner, preview: imports.Preview) -> None:
    if preview.fees:
        total = sum((fee.amount for fee in preview.fees), Decimal(0))
        st.caption(plain(f"The platform kept {owner.formats.money(total)} in fees on {len(preview.fees)} row(s): "
                         f"each becomes an expense in “{imports.FEES_CATEGORY}”, so the sales less the fees give "
                         "the payout."))


def render_balance_check(owner: Owner, preview: imports.Preview) -> None:
    """What the statement's running balance says: that it adds up, or the first line where it does not, and
    whether the books before it agree. Nothing is adjusted to make a difference go away. Messages are plain
    text: a '$' of the owner's money would start a formula in markdown."""
    check, money = preview.balance_check, owner.formats.money
    if check is None or preview.account is None:
        return
    if check.first_break is None:
        st.info(plain(f"The statement's balances add up, from {money(check.opening)} to {money(check.closing)} "
                      f"on {owner.formats.date(check.closing_date)}."), icon=":material/fact_check:")
    else:
        found = check.first_break
        st.error(plain(f"The balances stop adding up at line {found.line}: the balance before it plus its amount "
                       f"is {money(found.expected)}, but the statement says {money(found.stated)}. A line is "
                       "missing before it, or it is doubled; check the file."), icon=":material/rule:")
    if preview.books_difference:
        st.warning(plain(f"Before this statement your books hold {money(preview.books_before)} in "
                         f"{preview.account.name}, but the statement starts from {money(check.opening)} (a "
                         f"difference of {money(preview.books_difference)}). A statement before this one may be "
                         "missing, or the account's opening balance is off."), icon=":material/balance:")


def _bad_rows(preview: imports.Preview, key: str) -> bool:
    if not preview.errors:
        return False
    st.error(f"{len(preview.errors)} row(s) cannot be read. Fix the file (or the settings above) and upload "
             "it again, or skip these rows.", icon=":material/block:")
    st.dataframe(preview.errors_frame(), hide_index=True, width="stretch",
                 column_config={"line": st.column_config.NumberColumn("Line", format="%d"),
                                "reason": "Why", "row": "Row as written"})
    return st.checkbox(f"Skip these {len(preview.errors)} row(s) and import the rest",
                       key=f"{key}_skip_bad")


def _duplicates(preview: imports.Preview, key: str) -> bool:
    if not preview.duplicates:
        return False
    st.warning(f"{preview.duplicates} row(s) are already in your books (same kind, date, amount and "
               "vendor/client). They are marked below and will be skipped.", icon=":material/content_copy:")
    return st.checkbox("Import them anyway (keep duplicates)", key=f"{key}_keep_duplicates")


def _rows_table(owner: Owner, preview: imports.Preview, key: str) -> tuple[tuple[int, str], ...]:
    """The rows as they will be written; categories can be changed when the file is not huge."""
    if not preview.rows:
        if not preview.errors:
            st.info("This file has a header but no transactions to import.", icon=":material/inbox:")
        return ()
    frame = _display_frame(owner, preview.rows_frame().head(SHOWN_ROWS))
    config = {"line": st.column_config.NumberColumn("Line", format="%d"), "kind": "Kind", "date": "Date",
              "party": "Vendor / client", "category": "Category", "amount": "Amount", "notes": "Notes",
              "duplicate": st.column_config.CheckboxColumn("Already in books")}
    if len(preview.rows) > SHOWN_ROWS:
        st.caption(f"Showing the first {SHOWN_ROWS:,} of {len(preview.rows):,} rows; all of them will be imported.")
    if len(preview.rows) > EDITABLE_ROWS:
        st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
        return ()
    st.caption("Categories are suggested from your own entries for the same vendor or client; change any "
               "of them here.")
    edited = st.data_editor(frame, hide_index=True, width="stretch", column_config=config,
                            disabled=[name for name in frame.columns if name != "category"],
                            key=f"{key}_rows_{zlib.crc32(preview.mapping.to_json().encode()):08x}")
    return tuple((int(line), str(category)) for line, category, original
                 in zip(edited["line"], edited["category"], frame["category"], strict=True)
                 if category and category != original)


def _display_frame(owner: Owner, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["amount"] = [owner.formats.money(amount) for amount in frame["amount"]]
    frame["kind"] = frame["kind"].str.capitalize()
    frame[["party", "notes"]] = frame[["party", "notes"]].fillna("")
    return frame


def render_totals(owner: Owner, preview: imports.Preview, choices: Choices) -> imports.Totals:
    """What Confirm would write, as counts and sums per kind."""
    totals = preview.totals(keep_duplicates=choices.keep_duplicates)
    first, second, third = st.columns(3)
    quiet = {"delta_color": "off", "delta_arrow": "off"}
    first.metric("Expenses to import", f"{totals.expenses}",
                 owner.formats.money(totals.expenses_total), **quiet)
    second.metric("Incomes to import", f"{totals.incomes}",
                  owner.formats.money(totals.incomes_total), **quiet)
    if totals.first_date:
        third.metric("Dates", owner.formats.date(totals.first_date), f"to {owner.formats.date(totals.last_date)}",
                     delta_color="off", delta_arrow="off")
    return totals


def render_confirm(owner: Owner, preview: imports.Preview, choices: Choices, totals: imports.Totals) -> bool:
    """The Confirm button; writes all rows or none with a progress bar. True when something was imported."""
    count = totals.expenses + totals.incomes
    blocked = _blocked_because(preview, choices, count)
    label = f"Import {count} entr{'y' if count == 1 else 'ies'}"
    clicked = st.button(label, type="primary", disabled=blocked is not None, key="import_confirm")
    if blocked:
        st.caption(blocked)
    if not clicked:
        return False
    bar = st.progress(0.0, text="Writing entries…")
    with show_errors():
        reviewed = preview.with_categories(dict(choices.categories))
        result = imports.commit(database(), owner_id=owner.id, preview=reviewed,
                                keep_duplicates=choices.keep_duplicates, skip_bad_rows=choices.skip_bad_rows,
                                progress=lambda done: bar.progress(done, text="Writing entries…"))
        st.session_state[RESULT_KEY] = result
        return True
    return False


def _blocked_because(preview: imports.Preview, choices: Choices, count: int) -> str | None:
    """Why Confirm is not available yet, in the owner's words (None when it is)."""
    if preview.mapping_problems:
        return "Choose the date and amount columns under Columns first."
    if preview.needs_date_order:
        return "Say how the dates are written (under Columns) first."
    if preview.errors and not choices.skip_bad_rows:
        return "Fix the rows that cannot be read, or tick “Skip these rows”."
    if count == 0:
        return "Nothing new to import."
    return None


def _noun(count: int, singular: str, plural: str | None = None) -> str:
    """The word for `count` things: 'expense' for 1, 'expenses' otherwise (or `plural`: 'entries')."""
    return singular if count == 1 else plural or f"{singular}s"


def render_result(owner: Owner) -> None:
    """The summary of the last import, shown once."""
    result: imports.ImportResult | None = st.session_state.pop(RESULT_KEY, None)
    if result is None:
        return
    totals, formats = result.totals, owner.formats
    remember_imported(totals.first_date, totals.last_date)
    expenses = (f"{totals.expenses} {_noun(totals.expenses, 'expense')} "
                f"({formats.money(totals.expenses_total)})")
    incomes = f"{totals.incomes} {_noun(totals.incomes, 'income')} ({formats.money(totals.incomes_total)})"
    lines = [f"Imported **{result.written}** {_noun(result.written, 'entry', 'entries')}: {expenses} and {incomes}"]
    if totals.first_date:
        lines.append(f"dated {formats.date(totals.first_date)} to {formats.date(totals.last_date)}")
    skips = ((result.duplicates_skipped, "duplicate"), (result.bad_rows_skipped, "unreadable row"))
    skipped = [f"{count} {_noun(count, what)}" for count, what in skips if count]
    text = ", ".join(lines) + "." + (f" Skipped {' and '.join(skipped)}." if skipped else "")
    st.success(text + " The layout is remembered for your next statement from this bank.",
               icon=":material/check_circle:")
    st.page_link("pages/ledger.py", label="See them in the ledger", icon=":material/receipt_long:")
