"""Accounts, balances and transfers through the JSON API on SQLite and PostgreSQL (Starlette's TestClient):
open an account, entries into it, balances on a day and total cash, a transfer, another owner's id, a
read-only token."""

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
