"""Browser journeys: the real app under `streamlit run server.py` and headless Chromium through Playwright.

One server per test session on a free port, with its own fresh SQLite database and data folder and no
OpenAI key (the assistant runs offline). Each test gets a new browser context (no shared cookies) and a
page; when a test fails, a screenshot of that page is saved into `test-artifacts/`.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from fintrack.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
START_TIMEOUT_SECONDS = 90
UI_TIMEOUT_MS = 30_000
PASSWORD = "correct horse battery"
METRICS_TOKEN = "e2e-metrics-token-0123456789"  # /metrics is on, as in production

_emails = itertools.count(1)
expect.set_options(timeout=15_000)  # Playwright's 5 s default is short for Streamlit reruns on a loaded CI machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def _wait_until_healthy(process: subprocess.Popen, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        if _healthy(base_url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer /_stcore/health in {START_TIMEOUT_SECONDS}s:\n"
                       f"{log.read_text()}")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Start the real app; yields its `base_url`, `database_url` and `data_dir`, and stops it after."""
    folder = tmp_path_factory.mktemp("e2e-server")
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")}
    env.update(DATABASE_URL=f"sqlite:///{folder / 'fintrack.db'}", FINTRACK_DATA_DIR=str(folder / "data"),
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", FINTRACK_METRICS_TOKEN=METRICS_TOKEN,
               # Every journey signs up and in from 127.0.0.1: the per-client limits would stop the suite,
               # not an attacker. The per-email limits stay as shipped (a test relies on them).
               FINTRACK_SIGNUP_MAX_PER_CLIENT="100000", FINTRACK_LOGIN_MAX_PER_CLIENT="100000")
    log = folder / "server.log"
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "server.py"),
               "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output,  # noqa: S603
                                   stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, base_url, log)
        yield {"base_url": base_url, "database_url": env["DATABASE_URL"],
               "data_dir": env["FINTRACK_DATA_DIR"], "log": str(log)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def base_url(app_server: dict[str, str]) -> str:
    """Where the running app answers, e.g. http://127.0.0.1:43121 (no trailing slash)."""
    return app_server["base_url"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Keep each phase's report on the test item so the `page` fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh browser context; its screenshot goes to test-artifacts/ if the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(UI_TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        new_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit has rendered the script's output and is no longer running it."""
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def new_email() -> str:
    """A fresh address for each sign-up in the run."""
    return f"owner{next(_emails)}-{os.getpid()}@example.com"


def sign_up(page: Page, base_url: str, email: str | None = None, password: str = PASSWORD,
            business_name: str = "Acme Studio") -> str:
    """Create an owner through the sign-up form and wait until signed in; returns the email used."""
    email = email or new_email()
    page.goto(f"{base_url}/")
    wait_for_app(page)
    page.get_by_role("tab", name="Create account").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Create account"))
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password", exact=True).fill(password)
    form.get_by_label("Repeat password").fill(password)
    form.get_by_label("Business name").fill(business_name)
    form.get_by_role("button", name="Create account").click()
    expect_signed_in(page)
    return email


def sign_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in form and wait until signed in."""
    page.goto(f"{base_url}/")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign in"))
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password", exact=True).fill(password)
    form.get_by_role("button", name="Sign in").click()
    expect_signed_in(page)


def expect_signed_in(page: Page) -> None:
    """The sidebar's sign-out button shows only to a signed-in owner."""
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_be_visible(
        timeout=UI_TIMEOUT_MS)


def expect_signed_out(page: Page) -> None:
    """The sign-in form is what a visitor sees."""
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=UI_TIMEOUT_MS)
