"""Accounts, balances and transfers through the JSON API on SQLite and PostgreSQL (Starlette's TestClient):
open an account, entries into it, balances on a day and total cash, a transfer, another owner's id, a
read-only token; an account reconciled with a statement."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from fintrack.api.app import API_PATH, create_api
from tests.db.test_api_on_both_databases import _signed_in


@pytest.fixture
def client(app_environment):
    app = Starlette(routes=[Mount(API_PATH, app=create_api())])  # as server.py mounts it
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def test_accounts_balances_and_transfers(client):
    auth = _signed_in(client)
    card = client.post("/api/v1/accounts", headers=auth, json={
        "name": "Card", "type": "credit_card", "opening_balance": "-100.00", "opening_date": "2026-03-01"})
    assert card.status_code == 201
    card = card.json()
    entry = {"date": "2026-03-02", "category": "Travel", "amount": "20.10"}
    assert client.post("/api/v1/expenses/bulk", headers=auth, json={"entries": [
        {**entry, "account_id": card["id"]}, entry]}).json()["created"] == 2
    listed = client.get("/api/v1/accounts", headers=auth).json()
    assert [(item["account"]["name"], item["balance"]) for item in listed["items"]] == [
        ("Main account", "-20.10"), ("Card", "-120.10")]
    assert listed["total_cash"] == "-140.20"
    main = listed["items"][0]["account"]
    moved = client.post("/api/v1/transfers", headers=auth, json={
        "from_account_id": main["id"], "to_account_id": card["id"], "date": "2026-03-05", "amount": "120.10"})
    assert moved.status_code == 201
    assert client.get(f"/api/v1/accounts/{card['id']}", headers=auth).json()["balance"] == "0.00"
    on_the_4th = client.get(f"/api/v1/accounts/{card['id']}", headers=auth, params={"on": "2026-03-04"}).json()
    assert on_the_4th["balance"] == "-120.10"
    assert [t["amount"] for t in client.get("/api/v1/transfers", headers=auth).json()] == ["120.10"]
    summary = client.get("/api/v1/dashboard/summary", headers=auth,
                         params={"date_from": "2026-03-01", "date_to": "2026-03-31"}).json()
    assert summary["current"]["expenses"] == "40.20"  # the transfer is no expense

    stranger = _signed_in(client)
    assert client.get(f"/api/v1/accounts/{card['id']}", headers=stranger).status_code == 404
    refused = client.post("/api/v1/expenses", headers=stranger, json={**entry, "account_id": card["id"]})
    assert refused.status_code == 422
    bad = client.post("/api/v1/accounts", headers=auth, json={"name": "Jar", "type": "piggy", "opening_balance": "0",
                                                          "opening_date": "2026-03-01"})
    assert bad.status_code == 422


def test_an_account_is_reconciled_through_the_api(client):
    auth = _signed_in(client)
    main = client.get("/api/v1/accounts", headers=auth).json()["items"][0]["account"]
    path = f"/api/v1/accounts/{main['id']}/reconciliation"
    assert client.get(path, headers=auth).status_code == 404  # never reconciled
    assert client.post(f"{path}/finish", headers=auth).status_code == 422  # nothing open
    for amount in ("10.00", "2.50"):
        client.post("/api/v1/expenses", headers=auth, json={"date": "2026-03-02", "category": "Rent",
                                                            "amount": amount})
    bad = client.post(path, headers=auth, json={"statement_date": "31/03/2026", "statement_balance": "ten"})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {
        "statement_date", "statement_balance"}

    started = client.post(path, headers=auth, json={"statement_date": "2026-03-31", "statement_balance": "-10.00"})
    assert started.status_code == 200
    status = started.json()
    assert (status["cleared"], status["difference"], status["finished_at"]) == ("0.00", "-10.00", None)
    assert sorted((e["amount"], e["signed"], e["ticked"]) for e in status["entries"]) == [
        ("10.00", "-10.00", False), ("2.50", "-2.50", False)]
    rent = next(e for e in status["entries"] if e["amount"] == "10.00")
    refused = client.post(f"{path}/finish", headers=auth)
    assert refused.status_code == 422 and "not zero" in refused.json()["errors"][0]["message"]
    assert client.post(f"{path}/ticks", headers=auth, json={"kind": "payment", "entry_ids": [rent["id"]]}
                       ).status_code == 422

    ticked = client.post(f"{path}/ticks", headers=auth, json={"kind": "expense", "entry_ids": [rent["id"]]}).json()
    assert (ticked["cleared"], ticked["difference"]) == ("-10.00", "0.00")
    finished = client.post(f"{path}/finish", headers=auth).json()
    assert finished["finished_at"] is not None and client.get(path, headers=auth).json() == finished

    stranger = _signed_in(client)
    assert client.get(path, headers=stranger).status_code == 404
    assert client.post(path, headers=stranger, json={"statement_date": "2026-03-31",
                                                     "statement_balance": "0"}).status_code == 404


def test_a_reconciled_entry_is_changed_through_the_api_only_with_reopen_reconciled(client):
    auth = _signed_in(client)
    entry = client.post("/api/v1/expenses", headers=auth, json={"date": "2026-03-02", "category": "Rent",
                                                               "amount": "10.00"}).json()
    main = client.get("/api/v1/accounts", headers=auth).json()["items"][0]["account"]
    path = f"/api/v1/accounts/{main['id']}/reconciliation"
    client.post(path, headers=auth, json={"statement_date": "2026-03-31", "statement_balance": "-10.00"})
    client.post(f"{path}/ticks", headers=auth, json={"kind": "expense", "entry_ids": [entry["id"]]})
    assert client.post(f"{path}/finish", headers=auth).status_code == 200
    changed = {"date": "2026-03-02", "category": "Rent", "amount": "11.00"}
    refused = client.put(f"/api/v1/expenses/{entry['id']}", headers=auth, json=changed)
    assert refused.status_code == 409 and "reconciled" in refused.json()["detail"]
    assert client.delete(f"/api/v1/expenses/{entry['id']}", headers=auth).status_code == 409
    done = client.put(f"/api/v1/expenses/{entry['id']}", headers=auth, json=changed,
                      params={"reopen_reconciled": "true"})
    assert done.status_code == 200 and done.json()["amount"] == "11.00"
    assert client.get(path, headers=auth).json()["finished_at"] is None  # reopened
