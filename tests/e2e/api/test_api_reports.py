"""The API's dashboard summary, workbook, statement imports and assistant on the real server, over HTTP."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from fintrack.services import money_accounts
from fintrack.services.exports import XLSX_MIME
from tests.e2e.api.conftest import EXPENSE
from tests.statements import STATEMENTS, STATEMENTS_DIR


def test_the_dashboard_summary_has_the_dashboards_figures(caller):
    caller.call("POST", "/expenses/bulk", json={"entries": [
        {**EXPENSE, "date": "2026-03-02", "amount": "100.10"}, {**EXPENSE, "date": "2026-04-02", "category": "Fuel",
                                                                 "party": "Shell", "amount": "0.20"}]})
    caller.call("POST", "/incomes", json={**EXPENSE, "category": "Sales", "party": "Acme", "amount": "1000"})
    summary = caller.call("GET", "/dashboard/summary", params={"date_from": "2026-03-01", "date_to": "2026-04-30"})
    assert summary.status_code == 200
    found = summary.json()
    assert found["current"] == {"income": "1000.00", "expenses": "100.30", "net": "899.70", "margin": "0.8997"}
    assert found["period"]["start"] == "2026-03-01" and found["previous_period"]["end"] == "2026-02-28"
    assert [(month["month"], month["expenses"]) for month in found["monthly"]] == [
        ("2026-03", "100.10"), ("2026-04", "0.20")]
    assert found["expenses_by_category"] == [{"category": "Rent", "amount": "100.10"},
                                             {"category": "Fuel", "amount": "0.20"}]
    assert found["top_clients"] == [{"party": "Acme", "amount": "1000.00", "entries": 1}]
    assert caller.call("GET", "/dashboard/summary", params={"period": "last_12_months"}).status_code == 200
    both = caller.call("GET", "/dashboard/summary", params={"period": "this_month", "date_from": "2026-01-01"})
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "period"
    backwards = caller.call("GET", "/dashboard/summary", params={"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert backwards.status_code == 422


def test_the_workbook_is_the_dashboards_streamed_as_an_attachment(caller):
    caller.call("POST", "/expenses", json=EXPENSE)
    workbook = caller.call("GET", "/reports/excel", params={"date_from": "2026-01-01", "date_to": "2026-12-31"},
                           stream=True)
    assert workbook.status_code == 200 and workbook.headers["Content-Type"] == XLSX_MIME
    assert workbook.headers["Transfer-Encoding"] == "chunked" and "Content-Length" not in workbook.headers
    assert re.fullmatch(r'attachment; filename="fintrack-acme-2026-01-01-to-2026-\d\d-\d\d\.xlsx"',
                        workbook.headers["Content-Disposition"])  # a period still running ends today
    book = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.iter_content(chunk_size=None))))
    assert book.sheetnames == ["Summary", "Profit & Loss", "Expenses", "Incomes", "Assets", "Accounts"]
    amounts = [row[4] for row in book["Expenses"].iter_rows(min_row=2, values_only=True)]
    assert amounts == [1234.5, "=SUM(E2:E2)"]  # the row and its total line


@pytest.mark.parametrize("expected", STATEMENTS, ids=lambda expected: expected.file)
def test_a_real_statement_imports_to_the_counts_the_screen_shows(caller, expected):
    ordered = {"date_order": "DMY"} if expected.file == "ingesp.csv" else {}
    files = {"statement": (expected.file, (STATEMENTS_DIR / expected.file).read_bytes(), "text/csv")}
    preview = caller.call("POST", "/imports", files=files, data=ordered).json()
    assert len(preview["rows"]) == expected.rows and preview["duplicates"] == 0 and not preview["needs_date_order"]
    foreign = {"schwab-checking.csv": "dollars", "stripe-default.csv": "CAD"}.get(expected.file)  # books in EUR
    if foreign:
        assert preview["currency_warning"].startswith(f"This statement's amounts are in {foreign}")
    else:
        assert preview["currency_warning"] is None
    totals = preview["totals"]
    assert (totals["expenses"], Decimal(totals["expenses_total"]), totals["incomes"],
            Decimal(totals["incomes_total"])) == (expected.expenses, expected.expenses_total, expected.incomes,
                                                 expected.incomes_total)
    assert caller.call("GET", "/expenses").json()["total_count"] == 0  # a preview writes nothing
    done = caller.call("POST", "/imports/commit", files=files, data=ordered)
    assert done.status_code == 201 and done.json()["written"] == expected.rows
    assert caller.call("GET", "/expenses").json()["total_count"] == expected.expenses
    assert caller.call("GET", "/incomes").json()["total_amount"] == f"{expected.incomes_total:.2f}"
    again = caller.call("POST", "/imports", files=files, data=ordered).json()
    assert again["duplicates"] == expected.rows and again["mapping"]["source"] == "remembered"
    assert caller.call("POST", "/imports/commit", files=files, data=ordered).json()["written"] == 0


def test_an_import_with_ambiguous_dates_is_refused_until_the_order_is_given(caller):
    files = {"statement": ("ambiguous.csv", b"Date,Amount,Payee\n01/02/2026,-10.00,Shell\n03/04/2026,20.00,Acme\n",
                           "text/csv")}
    assert caller.call("POST", "/imports", files=files).json()["needs_date_order"] is True
    refused = caller.call("POST", "/imports/commit", files=files)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "date_order"
    assert caller.call("GET", "/incomes").json()["total_count"] == 0
    done = caller.call("POST", "/imports/commit", files=files, data={"date_order": "DMY"})
    assert done.status_code == 201 and done.json()["totals"]["first_date"] == "2026-02-01"


def test_a_statement_over_the_import_cap_is_413(caller):
    files = {"statement": ("huge.csv", b"date,amount\n" + b"2026-01-01,1.00\n" * 800_000, "text/csv")}
    assert caller.call("POST", "/imports", files=files).status_code == 413


def test_the_assistant_proposes_and_only_a_confirm_writes(caller):
    reply = caller.call("POST", "/ai/chat", json={"message": "add 42.50 fuel at Shell yesterday, card"})
    assert reply.status_code == 200
    [card] = reply.json()["proposals"]
    assert card["status"] == "pending" and card["fields"]["amount"] == "42.50"
    assert caller.call("GET", "/expenses").json()["total_count"] == 0
    confirmed = caller.call("POST", f"/ai/proposals/{card['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    view = caller.call("GET", "/expenses").json()
    assert view["total_count"] == 1 and view["items"][0]["party"] == "Shell"
    again = caller.call("POST", "/ai/chat", json={"message": "add 10 coffee at Cafe Nero today",
                                                  "conversation_id": reply.json()["conversation_id"]})
    [second] = again.json()["proposals"]
    assert caller.call("POST", f"/ai/proposals/{second['id']}/cancel").json()["status"] == "cancelled"
    assert caller.call("GET", "/expenses").json()["total_count"] == 1
    answered = caller.call("POST", "/ai/chat", json={"message": "how much did I spend this year?"}).json()
    assert answered["proposals"] == [] and "42.50" in answered["answer"]


def test_another_owners_proposals_and_conversations_are_404(new_caller):
    ann, bob = new_caller(), new_caller()
    reply = ann.call("POST", "/ai/chat", json={"message": "add 42.50 fuel at Shell yesterday"}).json()
    [card] = reply["proposals"]
    for action in ("confirm", "cancel"):
        assert bob.call("POST", f"/ai/proposals/{card['id']}/{action}").status_code == 404
    foreign = bob.call("POST", "/ai/chat", json={"message": "hello", "conversation_id": reply["conversation_id"]})
    assert foreign.status_code == 404
    assert ann.call("POST", f"/ai/proposals/{card['id']}/confirm").status_code == 200


def test_the_assistants_limit_is_a_429_with_retry_after(caller):
    statuses = [caller.call("POST", "/ai/chat", json={"message": "profit this month"}) for _ in range(61)]
    assert [response.status_code for response in statuses[:60]] == [200] * 60
    assert statuses[60].status_code == 429 and int(statuses[60].headers["Retry-After"]) > 0
    assert "FINTRACK_OFFLINE_PER_MINUTE" in statuses[60].json()["detail"]


def test_a_statement_goes_to_the_chosen_account_and_never_to_another_owners(new_caller, server_db):
    ann, bob = new_caller(), new_caller()
    savings = money_accounts.add_account(server_db, owner_id=ann.owner.id, data={
        "name": "Savings", "type": "savings", "opening_balance": "0", "opening_date": "2020-01-01"})
    [bobs] = money_accounts.list_accounts(server_db, owner_id=bob.owner.id)
    files = {"statement": ("gls.csv", (STATEMENTS_DIR / "gls.csv").read_bytes(), "text/csv")}
    refused = ann.call("POST", "/imports/commit", files=files, data={"account_id": str(bobs.id)})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "account_id"  # as a missing one
    assert ann.call("GET", "/expenses").json()["total_count"] == 0
    assert ann.call("POST", "/imports", files=files, data={"account_id": str(savings.id)}).json()["account_id"] == (
        savings.id)
    assert ann.call("POST", "/imports/commit", files=files, data={"account_id": str(savings.id)}).status_code == 201
    [entry] = ann.call("GET", "/expenses").json()["items"]
    assert entry == ann.call("GET", f"/expenses/{entry['id']}").json() and entry["account_id"] == savings.id


def test_another_owners_account_is_refused_exactly_like_a_missing_one(new_caller, server_db):
    """An account named in a body is a reference, so it is a 422 on the field rather than the 404 of a path's
    id; either way another owner's account must be told from one that does not exist by nothing at all."""
    ann, bob = new_caller(), new_caller()
    [bobs] = money_accounts.list_accounts(server_db, owner_id=bob.owner.id)
    entry = ann.call("POST", "/expenses", json=EXPENSE).json()
    files = {"statement": ("gls.csv", (STATEMENTS_DIR / "gls.csv").read_bytes(), "text/csv")}

    def refusals(account_id: int) -> list:
        return [ann.call("POST", "/expenses", json={**EXPENSE, "account_id": account_id}),
                ann.call("PUT", f"/expenses/{entry['id']}", json={**EXPENSE, "account_id": account_id}),
                ann.call("POST", "/imports", files=files, data={"account_id": str(account_id)}),
                ann.call("POST", "/imports/commit", files=files, data={"account_id": str(account_id)})]

    theirs, missing = refusals(bobs.id), refusals(2**31 - 1)
    assert [response.status_code for response in theirs] == [422] * 4 == [response.status_code for response in missing]
    assert [response.json() for response in theirs] == [response.json() for response in missing]
    assert [error["field"] for error in theirs[0].json()["errors"]] == ["account_id"]
    assert ann.call("GET", "/expenses").json()["total_count"] == 1  # nothing written
