"""`/metrics` through Starlette's TestClient on a real SQLite and PostgreSQL database: off unless a token is
set, the token checked, and the counters and the live-sessions gauge right after real service calls."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from fintrack import metrics
from fintrack.api.app import API_PATH, create_api
from fintrack.db.engine import Database
from fintrack.db.models import AuthSession
from fintrack.errors import AuthenticationError, RateLimitedError
from fintrack.logs import log_exception
from fintrack.services import accounts, ledger, sessions
from fintrack.web.metrics import metrics_routes

TOKEN = "metrics-token-0123456789abcdef"
SECRET_KEY = "m" * 48
PASSWORD = "correct horse battery"
_emails = itertools.count(1)


@pytest.fixture
def metrics_db(app_db, monkeypatch) -> Database:
    monkeypatch.setenv("FINTRACK_METRICS_TOKEN", TOKEN)
    metrics.install()
    return app_db


@pytest.fixture
def client(metrics_db) -> Iterator[TestClient]:
    with TestClient(Starlette(routes=metrics_routes())) as test_client:
        yield test_client


def scrape(client: TestClient) -> dict[tuple[str, frozenset], float]:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def value(scraped: dict[tuple[str, frozenset], float], name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


def sign_ins(scraped, outcome: str) -> float:
    return value(scraped, "fintrack_events_total", family="sign_in", event="auth.sign_in", outcome=outcome)


def test_metrics_are_off_without_a_token_setting(client, monkeypatch):
    monkeypatch.delenv("FINTRACK_METRICS_TOKEN")
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_a_missing_or_wrong_token_is_refused(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "fintrack_" not in response.text


def test_sign_ins_are_counted_by_outcome_and_timed(client, metrics_db):
    owner = accounts.sign_up(metrics_db, {"email": f"metrics{next(_emails)}@example.com", "password": PASSWORD,
                                          "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
                                          "currency_code": "EUR"})
    policy = accounts.LoginPolicy(per_email=2)
    before = scrape(client)

    accounts.authenticate(metrics_db, email=owner.email, password=PASSWORD, client="c", policy=policy)
    with pytest.raises(AuthenticationError):
        accounts.authenticate(metrics_db, email=owner.email, password="wrong", client="c", policy=policy)
    with pytest.raises(AuthenticationError):
        accounts.authenticate(metrics_db, email=owner.email, password="wrong", client="c", policy=policy)
    with pytest.raises(RateLimitedError):
        accounts.authenticate(metrics_db, email=owner.email, password=PASSWORD, client="c", policy=policy)
    after = scrape(client)

    assert sign_ins(after, "success") - sign_ins(before, "success") == 1
    assert sign_ins(after, "failure") - sign_ins(before, "failure") == 2
    assert sign_ins(after, "throttled") - sign_ins(before, "throttled") == 1
    timed = ("fintrack_event_duration_seconds_count", {"family": "sign_in", "event": "auth.sign_in"})
    assert value(after, timed[0], **timed[1]) - value(before, timed[0], **timed[1]) == 4


def test_writes_and_errors_are_counted(client, metrics_db):
    owner = accounts.sign_up(metrics_db, {"email": f"metrics{next(_emails)}@example.com", "password": PASSWORD,
                                          "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
                                          "currency_code": "EUR"})
    before = scrape(client)
    ledger.add_entry(metrics_db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2026, 1, 5),
                                                          "amount": "9.99", "category": "Travel"})
    log_exception("screen.uncaught_error", RuntimeError("boom"), owner_id=owner.id)
    after = scrape(client)

    created = {"family": "write", "event": "entry.created", "outcome": "success"}
    assert value(after, "fintrack_events_total", **created) - value(before, "fintrack_events_total", **created) == 1
    errors = {"event": "screen.uncaught_error"}
    assert value(after, "fintrack_errors_total", **errors) - value(before, "fintrack_errors_total", **errors) == 1


def test_browsers_and_scripts_are_counted_apart(client, metrics_db):
    """A script signs in through the real POST /api/v1/auth/login, a browser through the sign-in's session."""
    email = f"metrics{next(_emails)}@example.com"
    owner = accounts.sign_up(metrics_db, {"email": email, "password": PASSWORD, "business_name": "Acme",
                                          "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    before = scrape(client)
    with TestClient(Starlette(routes=[Mount(API_PATH, app=create_api())])) as api:
        assert api.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).status_code == 200
    sessions.start_session(metrics_db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)
    sessions.start_session(metrics_db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)
    after = scrape(client)

    def grown(client_kind: str) -> float:
        name = "fintrack_live_sessions"
        return value(after, name, client=client_kind) - value(before, name, client=client_kind)

    assert (grown("browser"), grown("script")) == (2, 1)


def test_live_sessions_are_read_from_the_database_at_scrape_time(client, metrics_db):
    owner = accounts.sign_up(metrics_db, {"email": f"metrics{next(_emails)}@example.com", "password": PASSWORD,
                                          "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
                                          "currency_code": "EUR"})
    before = value(scrape(client), "fintrack_live_sessions", client="browser")
    tokens = [sessions.start_session(metrics_db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)
              for _ in range(3)]
    assert value(scrape(client), "fintrack_live_sessions", client="browser") == before + 3

    sessions.end_session(metrics_db, token=tokens[0], secret_key=SECRET_KEY)
    with metrics_db.transaction() as session:  # another one expires
        session.execute(update(AuthSession).where(AuthSession.token_hash == sessions.token_hash(tokens[1], SECRET_KEY))
                        .values(expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    assert value(scrape(client), "fintrack_live_sessions", client="browser") == before + 1
