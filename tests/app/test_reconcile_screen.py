"""The reconcile screen through AppTest: a statement typed or read from the file, the difference, ticking
off, Finish at zero; and on the ledger, a reconciled entry is changed only after a yes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.services import imports, reconcile
from fintrack.services import money_accounts as accounts
from tests.statements import STATEMENTS_DIR

RECONCILE = "pages/reconcile.py"
SCHWAB = (STATEMENTS_DIR / "schwab-checking.csv").read_bytes()


@pytest.fixture
def bank(app_db, app_owner):
    account = accounts.add_account(app_db, owner_id=app_owner.id, data={
        "name": "Schwab", "type": "current", "opening_balance": "1093.74", "opening_date": dt.date(2022, 8, 1)})
    imports.commit(app_db, owner_id=app_owner.id, preview=imports.preview(
        app_db, owner_id=app_owner.id, data=SCHWAB, filename="schwab.csv", account_id=account.id))
    return account


@pytest.fixture
def screen(app_owner, sign_in, open_page):
    sign_in(app_owner)

    def open_(account):
        at = open_page(RECONCILE)
        at.selectbox(key="reconcile_account").set_value(account.id).run()
        assert not at.exception
        return at

    return open_


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def statement_form(at) -> str:
    return next(box.key for box in at.text_input if box.key.endswith("_balance")).removesuffix("_balance")


def tick_rows(at, account, *rows: int):
    edits = {row: {"On statement": True} for row in rows}
    at.session_state[f"reconcile_entries_{account.id}_0"] = {"edited_rows": edits, "added_rows": [],
                                                            "deleted_rows": []}
    return at.run()


def test_reconcile_to_zero_and_finish(app_db, app_owner, bank, screen):
    at = screen(bank)
    form = statement_form(at)
    at.date_input(key=f"{form}_date").set_value(dt.date(2022, 8, 17))
    at.text_input(key=f"{form}_balance").set_value("878.47")
    at.button(key=f"FormSubmitter:{form}-Reconcile with this statement").click().run()
    assert not at.exception
    assert metrics(at)["Difference"] == "-€215.27" and at.button(key="reconcile_finish").disabled
    at = tick_rows(at, bank, 0, 1, 2, 3)
    assert not at.exception and metrics(at)["Difference"] == "€0.00"
    at.button(key="reconcile_finish").click().run()
    assert "Schwab is reconciled with the statement of 17 Aug 2022." in at.success[0].value
    assert reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id).finished


def test_the_statement_is_read_from_the_file(app_db, app_owner, bank, screen):
    at = screen(bank)
    at.file_uploader(key=f"reconcile_file_{bank.id}").set_value(("schwab.csv", SCHWAB, "text/csv")).run()
    assert "Read from the file: €878.47 on 17 Aug 2022." in [caption.value for caption in at.caption]
    form = statement_form(at)
    at.button(key=f"FormSubmitter:{form}-Reconcile with this statement").click().run()
    status = reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id)
    assert (status.statement_date, status.statement_balance) == (dt.date(2022, 8, 17), Decimal("878.47"))


def reconciled_ledger(app_db, app_owner, bank, sign_in, open_page):
    """The ledger with every entry of the bank reconciled, its first row selected."""
    status = reconcile.start(app_db, owner_id=app_owner.id, account_id=bank.id,
                             data={"statement_date": dt.date(2022, 8, 17), "statement_balance": "878.47"})
    for kind in ("expense", "income"):
        reconcile.tick(app_db, owner_id=app_owner.id, account_id=bank.id, kind=kind,
                       entry_ids=[entry.id for entry in status.entries if entry.kind == kind])
    reconcile.finish(app_db, owner_id=app_owner.id, account_id=bank.id)
    sign_in(app_owner)
    at = open_page("pages/ledger.py")
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": []}}
    return at.run()


def test_a_reconciled_entry_is_edited_on_the_ledger_only_after_a_yes(app_db, app_owner, bank, sign_in, open_page):
    at = reconciled_ledger(app_db, app_owner, bank, sign_in, open_page)
    assert list(at.dataframe[0].value["Reconciled"]) == ["✓", "✓", "✓"]  # the page's three expenses, marked
    form = next(box.key for box in at.text_input if box.key.startswith("edit_expense_")).rsplit("_", 1)[0]
    at.text_input(key=f"{form}_amount").set_value("1")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert not at.exception and "reconciled with a bank statement" in at.warning[0].value
    assert reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id).finished  # nothing changed yet
    at.button(key=f"{form}_reconciled_yes").click().run()
    assert not at.exception and any("Saved expense" in message.value for message in at.success)
    reopened = reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id)
    assert not reopened.finished and reopened.difference != 0


def test_a_reconciled_entry_is_deleted_only_after_a_yes(app_db, app_owner, bank, sign_in, open_page):
    at = reconciled_ledger(app_db, app_owner, bank, sign_in, open_page)
    at.button(key="ledger_delete").click().run()
    at.button(key="ledger_confirm_yes").click().run()
    assert not at.exception and any("reconciled with a bank statement" in w.value for w in at.warning)
    assert reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id).finished
    at.button(key="ledger_delete_reconciled_yes").click().run()
    assert not at.exception and any("Deleted 1 expense." in message.value for message in at.success)
    assert not reconcile.status(app_db, owner_id=app_owner.id, account_id=bank.id).finished


def test_tick_off_all_listed(app_db, app_owner, bank, screen):
    reconcile.start(app_db, owner_id=app_owner.id, account_id=bank.id,
                    data={"statement_date": dt.date(2022, 8, 17), "statement_balance": "878.47"})
    at = screen(bank)
    at.button(key="reconcile_tick_all").click().run()
    assert not at.exception and metrics(at)["Difference"] == "€0.00"
    assert not at.button(key="reconcile_finish").disabled
