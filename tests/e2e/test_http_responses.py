"""The real app under `streamlit run server.py` (the browser journeys' server), spoken to over plain HTTP:
every response carries the security headers and a request id, and `/metrics` answers only to its bearer token.
No browser is needed, so these run without the `browser` mark."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from email.message import Message

import pytest
from prometheus_client.parser import text_string_to_metric_families

from fintrack.web.security_headers import SECURITY_HEADERS
from tests.e2e.conftest import METRICS_TOKEN


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """(status, headers, body) of a GET, without following redirects and without raising on 4xx."""
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def a_static_script(base_url: str) -> str:
    _, _, page = fetch(base_url + "/")
    return re.search(rb'src="\./(static/js/[^"]+\.js)"', page).group(1).decode()


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/ledger", 200), ("/_stcore/health", 200), ("STATIC", 200), ("/auth/complete?token=nope", 303),
    ("/auth/signout", 303), ("/metrics", 401),
])
def test_every_response_carries_the_security_headers(base_url, path, status):
    url = base_url + "/" + a_static_script(base_url) if path == "STATIC" else base_url + path
    got, headers, _ = fetch(url)
    assert got == status
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {SECURITY_HEADERS["Referrer-Policy"], "no-referrer"}


def test_the_sign_in_redirect_keeps_its_stricter_referrer_policy(base_url):
    _, headers, _ = fetch(base_url + "/auth/complete?token=nope")
    assert headers.get_all("Referrer-Policy") == ["no-referrer"]  # the token must not leak to the next page


def test_each_response_names_its_request_and_a_proxys_id_is_kept(base_url):
    first, second = (fetch(base_url + "/_stcore/health")[1]["X-Request-ID"] for _ in range(2))
    assert first and second and first != second
    assert fetch(base_url + "/_stcore/health", {"X-Request-ID": "proxy-42"})[1]["X-Request-ID"] == "proxy-42"
    assert fetch(base_url + "/_stcore/health", {"X-Request-ID": "<script>"})[1]["X-Request-ID"] != "<script>"


def test_metrics_answer_only_to_the_bearer_token(base_url):
    assert fetch(base_url + "/metrics")[0] == 401
    assert fetch(base_url + "/metrics", {"Authorization": "Bearer wrong"})[0] == 401
    status, headers, body = fetch(base_url + "/metrics", {"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert status == 200
    names = {family.name for family in text_string_to_metric_families(body.decode())}
    assert {"fintrack_events", "fintrack_errors", "fintrack_live_sessions", "process_cpu_seconds"} <= names
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(("path", "headers", "gets_one"), [
    ("/", {}, True), ("/api/openapi.json", {}, False), ("/api/v1/auth/me", {}, False), ("/api", {}, False),
    ("/metrics", {"Authorization": f"Bearer {METRICS_TOKEN}"}, False), ("/apiary", {}, True),
])
def test_only_pages_give_a_browser_id_scripts_get_no_cookie(base_url, path, headers, gets_one):
    cookies = fetch(base_url + path, headers)[1].get_all("Set-Cookie") or []
    assert any(cookie.startswith("fintrack_browser=") for cookie in cookies) is gets_one
