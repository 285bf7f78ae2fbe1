"""Owner and statement text that holds image links loads no image, on any screen, in a real browser.

A local HTTP server (127.0.0.1, started here) counts every request. The owner's business name, vendors,
client, categories, asset name and type, notes and an imported statement's column and vendors hold
`![x](http://127.0.0.1:<port>/p.png)` and `<img src=http://127.0.0.1:<port>/h.png>`; every screen is
visited, and the server must get no request: the text was shown, not rendered.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from fintrack.db.engine import Database
from fintrack.services import accounts, assets, ledger
from tests.e2e.conftest import PASSWORD, UI_TIMEOUT_MS, new_email, sign_in

pytestmark = pytest.mark.browser
SCREENS = ("", "dashboard", "ledger", "assets", "assistant", "settings")
SETTLE_MS = 1_000  # time for an image element, had one been rendered, to be fetched


class Counter(ThreadingHTTPServer):
    """Answers every GET with a 1-byte body and remembers the paths asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server naming
                counter.paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", "1")
                self.end_headers()
                self.wfile.write(b"\0")

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def image_server() -> Iterator[Counter]:
    server = Counter()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def hostile(word: str, port: int) -> str:
    return f"**{word}** ![x](http://127.0.0.1:{port}/p.png) <img src=http://127.0.0.1:{port}/h.png>"


def seed(database_url: str, port: int) -> str:
    """An owner of the running app whose every name and note is hostile; returns the email."""
    db = Database.from_url(database_url)
    try:
        email = new_email()
        owner = accounts.sign_up(db, {
            "email": email, "password": PASSWORD, "business_name": hostile("Acme", port),
            "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
        start = dt.date.today().replace(day=1)
        for months_ago in (4, 5, 6):  # a vendor that stopped: the assistant's gaps panel names it
            ledger.add_entry(db, owner_id=owner.id, data={
                "kind": "expense", "date": (start - dt.timedelta(days=30 * months_ago)).replace(day=10),
                "category": hostile("Fuel", port), "party": hostile("Shell", port), "amount": "42.50",
                "notes": hostile("Note", port)})
        ledger.add_entry(db, owner_id=owner.id, data={
            "kind": "income", "date": start, "category": hostile("Sales", port), "party": hostile("Client", port),
            "amount": "900", "notes": hostile("Note", port)})
        assets.add_asset(db, owner_id=owner.id, data={
            "name": hostile("Van", port), "type": hostile("Vehicles", port), "acquisition_date": "2025-01-15",
            "value": "1500", "notes": hostile("Note", port)})
        return email
    finally:
        db.bind.dispose()


def settle(page: Page) -> None:
    """Wait until the script has run (the assistant's first element is a hidden one, so `wait_for_app`'s
    first-element check does not fit every screen) and leave time for any image to be fetched."""
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(SETTLE_MS)


def visit(page: Page, base_url: str, screen: str) -> None:
    page.goto(f"{base_url}/{screen}")
    settle(page)


def import_statement(page: Page, port: int) -> None:
    """Upload a statement whose column and vendors are hostile, import it, and upload it again (the
    remembered layout names its columns)."""
    statement = (f'Date,"{hostile("Payee", port)}",Amount\n2026-01-05,"{hostile("Kiosk", port)}",-12.50\n'
                 f'2026-01-06,"{hostile("Buyer", port)}",100.00\n').encode()
    for expected in ("Import 2 entries", "Import 0 entries"):
        settle(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            {"name": "hostile.csv", "mimeType": "text/csv", "buffer": statement})
        expect(page.get_by_role("button", name=expected)).to_be_visible()
        settle(page)
        if expected == "Import 2 entries":
            page.get_by_role("button", name=expected).click()
            expect(page.get_by_text("Imported 2 entries")).to_be_visible()
    expect(page.get_by_text("Recognised layout")).to_be_visible()


def test_hostile_owner_text_loads_no_image_on_any_screen(page, base_url, app_server, image_server):
    port = image_server.server_address[1]
    visit(page, base_url, "")
    page.evaluate(f"() => new Promise(done => {{ const i = new Image(); i.onload = i.onerror = done; "
                  f"i.src = 'http://127.0.0.1:{port}/probe.png'; }})")
    assert image_server.paths == ["/probe.png"]  # the counter sees what the browser loads
    image_server.paths.clear()

    sign_in(page, base_url, seed(app_server["database_url"], port))
    shown_literally = f"![x](http://127.0.0.1:{port}/p.png)"
    sidebar = page.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
    assert f"**Acme** {shown_literally}" in sidebar and f"<img src=http://127.0.0.1:{port}/h.png>" in sidebar
    for screen in SCREENS:
        visit(page, base_url, screen)
    visit(page, base_url, "import")
    import_statement(page, port)
    visit(page, base_url, "assistant")
    page.get_by_test_id("stChatInputTextArea").fill(f"show my expenses at {hostile('Shell', port)}")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2)
    settle(page)

    assert image_server.paths == []
