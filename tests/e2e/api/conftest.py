"""Speaking to the JSON API of the real server (`app_server`, the browser journeys' server) over HTTP.

Owners and their tokens are made through the services on the server's own database (the sign-up and sign-in
endpoints are tested themselves, and making every owner through them would spend the per-client limits).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from fintrack.db.engine import Database
from fintrack.db.shared import shared_database
from fintrack.services import accounts, api_tokens, sessions
from fintrack.services.accounts import Owner
from tests.e2e.conftest import PASSWORD, new_email

SESSION_DAYS = 14


@dataclass(frozen=True)
class Caller:
    """An owner and a bearer token of theirs, with the API's address."""

    api: str
    owner: Owner
    token: str

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """`method` on `/api/v1<path>` with this caller's token (or the `headers` given)."""
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, self.api + path, headers=headers, timeout=30, **kwargs)

    def with_token(self, token: str) -> Caller:
        return Caller(self.api, self.owner, token)


@pytest.fixture(scope="session")
def api(base_url: str) -> str:
    """The versioned API's address, e.g. http://127.0.0.1:43121/api/v1."""
    return f"{base_url}/api/v1"


@pytest.fixture(scope="session")
def server_db(app_server: dict[str, str]) -> Database:
    """The running server's database, migrated (the server migrates it on its first request, which may not
    have come yet)."""
    return shared_database(app_server["database_url"])


@pytest.fixture(scope="session")
def server_secret(app_server: dict[str, str]) -> str:
    """The key the server generated into its data folder (it signs tokens)."""
    return (Path(app_server["data_dir"]) / "secret_key").read_text().strip()


def make_owner(db: Database) -> Owner:
    return accounts.sign_up(db, {"email": new_email(), "password": PASSWORD, "business_name": "Acme",
                                 "fiscal_year_start": dt.date(2026, 1, 1), "currency_code": "EUR"})


@pytest.fixture
def new_caller(api: str, server_db: Database, server_secret: str):
    """Make a new owner with a sign-in token (as POST /auth/login gives); `personal=` a personal token."""

    def make(owner: Owner | None = None, *, personal: dict[str, Any] | None = None) -> Caller:
        owner = owner or make_owner(server_db)
        if personal is not None:
            token = api_tokens.create_token(server_db, owner_id=owner.id, data={"name": "script", **personal},
                                            secret_key=server_secret).token
        else:
            token = sessions.start_session(server_db, owner_id=owner.id, secret_key=server_secret,
                                           days=SESSION_DAYS)
        return Caller(api, owner, token)

    return make


@pytest.fixture
def caller(new_caller) -> Caller:
    """A new owner with a sign-in token."""
    return new_caller()


EXPENSE = {"date": "2026-03-02", "category": "Rent", "party": "Landlord", "payment_method": "Bank transfer",
           "amount": "1234.50", "notes": "March"}
