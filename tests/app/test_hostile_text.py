"""Owner and statement text holding markdown, an image link and HTML is shown literally on every screen.

A business name, vendor, client, category, asset name or type, note or statement column that holds
`**bold**`, `![x](http://…/p.png)` or `<img src=…>` must reach no element that Streamlit renders as
markdown (text, captions, titles, alerts, widget labels and help) other than escaped by `plain()`. Tables,
selectbox options and input values show text as text, so they may (and do) hold it as typed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from fintrack.services import accounts, assets, ledger
from fintrack.ui.text import plain
from tests.fakes.openai_server import FakeOpenAI

IMAGE = "![x](http://127.0.0.1:9/p.png)"
HTML = "<img src=http://127.0.0.1:9/h.png>"


def hostile(word: str) -> str:
    return f"**{word}** {IMAGE} {HTML}"


WORDS = ("Acme", "Shell", "Client", "Fuel", "Van", "Vehicles", "Note", "Payee", "Travel")
BUSINESS, VENDOR, CLIENT, CATEGORY, ASSET, TYPE, NOTE, PAYEE, TRAVEL = (hostile(word) for word in WORDS)
# As typed, unescaped: markup, were it rendered as markdown.
RAW = re.compile("|".join(rf"(?<!\\){re.escape(raw)}" for raw in (*(f"**{w}**" for w in WORDS), "![x]", "<img")))
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error",
                     "toast", "exception")
LABELLED = ("button", "text_input", "text_area", "selectbox", "multiselect", "date_input", "number_input",
            "checkbox", "toggle", "radio", "metric", "expander", "tab", "chat_input")


def rendered(at) -> list[str]:
    """Every string of the app (main area and sidebar) that Streamlit renders as markdown."""
    values = [str(element.value) for kind in MARKDOWN_ELEMENTS for element in at.get(kind)]
    for kind in LABELLED:
        for element in at.get(kind):
            values += [str(getattr(element, name, None) or "") for name in ("label", "help", "placeholder")]
    return values


def shown(at) -> str:
    return "\n".join(rendered(at))


def assert_as_text(at) -> None:
    assert not at.exception, at.exception
    for value in rendered(at):
        assert not RAW.search(value), value


@pytest.fixture
def books(app_db):
    """An owner whose every name and note is hostile, with entries, an asset and a vendor that stopped."""
    owner = accounts.sign_up(app_db, {
        "email": "owner@example.com", "password": "correct horse battery", "business_name": BUSINESS,
        "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    start = dt.date.today().replace(day=1)
    for months_ago in (4, 5, 6):  # a recurring vendor that stopped: the assistant's gaps panel names it
        day = (start - dt.timedelta(days=30 * months_ago)).replace(day=10)
        ledger.add_entry(app_db, owner_id=owner.id, data={
            "kind": "expense", "date": day, "category": CATEGORY, "party": VENDOR, "amount": "42.50",
            "notes": NOTE})
    ledger.add_entry(app_db, owner_id=owner.id, data={
        "kind": "income", "date": start, "category": CATEGORY, "party": CLIENT, "amount": "900", "notes": NOTE})
    assets.add_asset(app_db, owner_id=owner.id, data={
        "name": ASSET, "type": TYPE, "acquisition_date": "2025-01-15", "value": "1500", "notes": NOTE})
    return owner


@pytest.fixture
def screen(books, sign_in, open_page):
    sign_in(books)

    def open_(page: str | None = None):
        at = open_page(page)
        assert_as_text(at)
        return at

    return open_


def select_first_row(at, key_prefix: str):
    table = next(frame for frame in at.dataframe if (frame.key or "").startswith(key_prefix))
    at.session_state[table.key] = {"selection": {"rows": [0], "columns": []}}
    return at.run()


def test_home_and_sidebar(screen):
    at = screen()
    assert at.title[0].value == f"Welcome, {plain(BUSINESS)}"
    assert f"**{plain(BUSINESS)}**" in [element.value for element in at.sidebar.markdown]


def test_dashboard_charts_label_owner_text_as_text(screen):
    at = screen("pages/dashboard.py")
    at.selectbox(key="dashboard_period_choice").set_value("Last 12 months").run()
    assert_as_text(at)
    labels = [label for chart in at.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]
              for label in [*trace.get("labels", []), *trace.get("y", [])] if isinstance(label, str)]
    assert html.escape(VENDOR, quote=False) in labels and html.escape(CATEGORY, quote=False) in labels
    assert not [label for label in labels if "<" in label]  # Plotly reads <b>, <a href>, <br> in labels


def test_ledger_table_filters_edit_form_flash_error_and_delete(screen):
    at = screen("pages/ledger.py")
    assert VENDOR in list(at.dataframe[0].value["Vendor"])  # a table shows text as typed
    assert CATEGORY in at.multiselect(key="ledger_filter_expense_categories").options
    at.text_input(key="ledger_filter_expense_text").set_value(VENDOR).run()
    assert_as_text(at)
    at = select_first_row(at, "ledger_table")
    assert_as_text(at)
    assert any((field.key or "").startswith("edit_expense_") for field in at.text_input)  # the edit form
    at.button(key="ledger_delete").click().run()
    assert_as_text(at)
    assert "Delete 1 expense?" in shown(at)

    form = "add_expense_0"
    at.selectbox(key=f"{form}_category").set_value(CATEGORY)
    at.text_input(key=f"{form}_party").set_value(VENDOR)
    at.text_input(key=f"{form}_amount").set_value(HTML)  # refused: the message may quote it
    at.button(key=f"FormSubmitter:{form}-Add expense").click().run()
    assert_as_text(at)
    assert at.error
    at.text_input(key=f"{form}_amount").set_value("10")
    at.button(key=f"FormSubmitter:{form}-Add expense").click().run()
    assert_as_text(at)
    assert plain(CATEGORY) in at.success[0].value


def test_import_review_and_the_remembered_layout_name_statement_columns_as_text(screen):
    data = (f'Date,"{PAYEE}",Amount\n2026-01-05,"{VENDOR}",-12.50\n2026-01-06,"{CLIENT}",100.00\n').encode()
    at = screen("pages/import.py")
    at.file_uploader[0].set_value(("hostile.csv", data, "text/csv")).run()
    assert_as_text(at)
    at.button(key="import_confirm").click().run()
    assert_as_text(at)
    at.file_uploader[0].set_value(("again.csv", data, "text/csv")).run()
    assert_as_text(at)
    assert any(plain(PAYEE) in success.value for success in at.success)  # "Recognised layout: … → header"


def test_assets_list_form_and_delete_warning(screen):
    at = select_first_row(screen("pages/assets.py"), "assets_table")
    assert_as_text(at)
    assert f"**Edit {plain(ASSET)}**" in [element.value for element in at.markdown]
    delete = next(button for button in at.button if button.label == "Delete asset")
    delete.click().run()
    assert_as_text(at)
    assert f"Delete {plain(ASSET)}? This cannot be undone." in [element.value for element in at.warning]
    at.button(key="assets_confirm_yes").click().run()
    assert_as_text(at)
    assert f"Deleted {plain(ASSET)}." in at.success[0].value


def test_assistant_answers_proposal_cards_and_gaps(screen, monkeypatch):
    server = FakeOpenAI().start()
    try:
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        server.reply_tool_calls(("propose_expense", {
            "date": "2026-03-17", "category": CATEGORY, "vendor": VENDOR, "payment_method": "Card",
            "amount": "42.50", "notes": NOTE}))
        server.reply_text(f"You paid **{VENDOR}** {IMAGE}: please confirm.")
        at = screen("pages/assistant.py")
        gaps = shown(at)
        assert plain(f"{VENDOR} stopped appearing") in gaps
        assert f"Ask: “{plain(f'show my expenses at {VENDOR}')}”" in gaps
        at.chat_input[0].set_value(f"add 42.50 at {VENDOR}").run()
        assert_as_text(at)
        text = shown(at)
        assert plain(f"You paid **{VENDOR}** {IMAGE}: please confirm.") in text  # the model's markdown too
        assert f"- **Vendor:** {plain(VENDOR)}" in text and f"- **Notes:** {plain(NOTE)}" in text
        assert plain(f"add 42.50 at {VENDOR}") in text
    finally:
        server.stop()


def test_settings_profile_and_categories_admin(screen):
    at = screen("pages/settings.py")
    assert at.text_input(key="settings_profile_business_name").value == BUSINESS  # an input shows it as typed
    assert CATEGORY in at.selectbox(key="category_admin_expense_0_old").options
    at.selectbox(key="category_admin_expense_0_old").set_value(CATEGORY)
    at.text_input(key="category_admin_expense_0_new").set_value(TRAVEL)
    at.button(key="FormSubmitter:category_admin_expense_0-Rename or merge").click().run()
    assert_as_text(at)
    assert plain(f"Renamed '{CATEGORY}' into '{TRAVEL}'") in at.success[0].value
