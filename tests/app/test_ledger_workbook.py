"""The ledger's Excel download: built only when asked, for the filtered view on screen."""

from __future__ import annotations

import datetime as dt

from fintrack.demo import create_demo_owner


def test_the_ledger_workbook_is_prepared_on_request(app_db, sign_in, open_page):
    sign_in(create_demo_owner(app_db, today=dt.date.today()))
    at = open_page("pages/ledger.py")
    assert not at.exception
    assert not [d for d in at.get("download_button") if ".xlsx" in d.proto.label]
    at.button(key="ledger_expense_prepare").click().run()
    assert not at.exception
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download fintrack-northwind-design-studio-expenses-all.xlsx" in labels
