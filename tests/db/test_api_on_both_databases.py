"""The API's main path on SQLite and PostgreSQL, through Starlette's TestClient (the HTTP tests against the real
server use SQLite): sign-up, sign-in, entries with a cursor, a bulk insert that is all or nothing, assets, the
summary, another owner's ids, a read-only token."""

from __future__ import annotations

import itertools

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from fintrack.api.app import API_PATH, create_api
from fintrack.config import Settings
from fintrack.services import api_tokens

PASSWORD = "correct horse battery"
ENTRY = {"date": "2026-03-02", "category": "Rent", "party": "Landlord", "amount": "1234.50"}
_emails = itertools.count(1)


@pytest.fixture
def client(app_environment):
    app = Starlette(routes=[Mount(API_PATH, app=create_api())])  # as server.py mounts it
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def _signed_in(client) -> dict[str, str]:
    email = f"api{next(_emails)}@example.com"
    assert client.post("/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "business_name": "Acme",
                                                "fiscal_year_start": "2026-01-01", "currency_code": "EUR"}
                       ).status_code == 201
    token = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_entries_page_by_cursor_and_a_bulk_is_all_or_nothing(client):
    auth = _signed_in(client)
    refused = client.post("/api/v1/incomes/bulk", headers=auth, json={"entries": [ENTRY, {**ENTRY, "date": "x"}]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "1.date"
    rows = [{**ENTRY, "date": f"2026-03-{day:02d}", "amount": f"{day}.10"} for day in range(1, 6)]
    assert client.post("/api/v1/incomes/bulk", headers=auth, json={"entries": rows}).json()["created"] == 5
    first = client.get("/api/v1/incomes", headers=auth, params={"limit": 2, "sort": "amount_desc"}).json()
    assert [item["amount"] for item in first["items"]] == ["5.10", "4.10"] and first["total_amount"] == "15.50"
    second = client.get("/api/v1/incomes", headers=auth,
                        params={"limit": 2, "sort": "amount_desc", "cursor": first["next_cursor"]}).json()
    assert [item["amount"] for item in second["items"]] == ["3.10", "2.10"]
    summary = client.get("/api/v1/dashboard/summary", headers=auth, params={"date_from": "2026-03-01",
                                                                        "date_to": "2026-03-31"}).json()
    assert summary["current"]["income"] == "15.50"


def test_another_owner_gets_404_and_a_read_only_token_403(client, app_db):
    ann, bob = _signed_in(client), _signed_in(client)
    entry = client.post("/api/v1/expenses", headers=ann, json=ENTRY).json()
    asset = client.post("/api/v1/assets", headers=ann, json={"name": "Van", "acquisition_date": "2025-06-30",
                                                         "value": "100"}).json()
    for path in (f"/api/v1/expenses/{entry['id']}", f"/api/v1/assets/{asset['id']}"):
        assert client.get(path, headers=bob).status_code == 404
        assert client.delete(path, headers=bob).status_code == 404
    owner_id = client.get("/api/v1/auth/me", headers=ann).json()["id"]
    token = api_tokens.create_token(app_db, owner_id=owner_id, data={"name": "read"},
                                    secret_key=Settings().secret_key).token
    reader = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/expenses/{entry['id']}", headers=reader).status_code == 200
    assert client.delete(f"/api/v1/expenses/{entry['id']}", headers=reader).status_code == 403
    assert client.get(f"/api/v1/expenses/{entry['id']}", headers=ann).status_code == 200
