"""The dashboard's cash through AppTest: total cash and each account's balance at the end of the period,
and the balance-over-time chart with one line per account."""

from __future__ import annotations

import json

from fintrack import clock
from fintrack.services import ledger, transfers
from fintrack.services import money_accounts as accounts
from fintrack.ui.text import plain
from tests.app.test_dashboard_screen import EURO


def test_total_cash_and_balances_at_the_end_of_the_period(app_db, app_owner, sign_in, open_page):
    today = clock.today()
    card = accounts.add_account(app_db, owner_id=app_owner.id, data={
        "name": "Visa <i>card</i>", "type": "credit_card", "opening_balance": "-50", "opening_date": today})
    main = accounts.list_accounts(app_db, owner_id=app_owner.id)[0]
    ledger.add_entry(app_db, owner_id=app_owner.id, data={"kind": "income", "date": today, "category": "Sales",
                                                          "amount": "1000"})
    ledger.add_entry(app_db, owner_id=app_owner.id, data={"kind": "expense", "date": today, "category": "Travel",
                                                          "amount": "20", "account_id": card.id})
    transfers.add_transfer(app_db, owner_id=app_owner.id, data={
        "from_account_id": main.id, "to_account_id": card.id, "date": today, "amount": "70"})
    sign_in(app_owner)
    at = open_page("pages/dashboard.py")
    assert not at.exception
    cards = {metric.label: metric.value for metric in at.metric}
    assert (cards["Total cash"], cards["Main account"], cards[plain("Visa <i>card</i>")]) == (
        "€930.00", "€930.00", "€0.00")  # the owner's name as text, not markup
    assert cards["Income"] == "€1,000.00"  # the transfer is no income
    [chart] = [chart for chart in at.get("plotly_chart") if chart.key == "chart_balances"]
    spec = json.loads(chart.proto.spec)
    assert [trace["name"] for trace in spec["data"]] == ["Main account", "Visa &lt;i&gt;card&lt;/i&gt;"]
    assert spec["layout"]["xaxis"]["ticktext"][-1] == EURO.date(today)  # days written the owner's way
