"""The screens, listed explicitly, and the gate in front of them.

Each `url_path` equals its file's stem so `AppTest.switch_page` and direct URLs agree. A visitor's
navigation holds every screen too, behind a hidden menu, so a direct URL such as /ledger is known (rather
than Streamlit's "page not found"); the gate keeps the screen asked for in `ASKED_FOR_KEY` and sends the
visitor to Home's sign-in, which then opens that screen.
"""

from __future__ import annotations

import streamlit as st

from fintrack.services.accounts import Owner

HOME = "pages/home.py"
ASKED_FOR_KEY = "asked_for_screen"
OWNER_PAGES = (
    ("pages/dashboard.py", "Dashboard", ":material/dashboard:"),
    ("pages/ledger.py", "Ledger", ":material/receipt_long:"),
    ("pages/import.py", "Import", ":material/upload_file:"),
    ("pages/accounts.py", "Accounts", ":material/account_balance:"),
    ("pages/reconcile.py", "Reconcile", ":material/fact_check:"),
    ("pages/assets.py", "Assets", ":material/inventory_2:"),
    ("pages/assistant.py", "Assistant", ":material/chat:"),
    ("pages/settings.py", "Settings", ":material/settings:"),
)


def _page(path: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    stem = path.rsplit("/", 1)[-1].removesuffix(".py")
    return st.Page(path, title=title, icon=icon, url_path=stem, default=default)


def all_pages() -> list[st.Page]:
    """Every screen, Home first (the default); only an owner sees them in the menu."""
    home = _page(HOME, "Home", ":material/home:", default=True)
    return [home] + [_page(path, title, icon) for path, title, icon in OWNER_PAGES]


def open_screen(owner: Owner | None) -> None:
    """Run the screen the URL names; a visitor asking for any screen but Home is sent to sign in first."""
    page = st.navigation(all_pages(), position="sidebar" if owner else "hidden")
    if owner is None and page.url_path:  # the default page, Home, has the empty path
        st.session_state[ASKED_FOR_KEY] = page.url_path
        st.switch_page(HOME)
    page.run()


def asked_for() -> str:
    """The URL path of the screen a visitor asked for before signing in ('' for none)."""
    return st.session_state.get(ASKED_FOR_KEY, "")


def screen_title(url_path: str) -> str | None:
    """'ledger' -> 'Ledger': the title of an owner's screen by its URL path, None for anything else."""
    return next((title for path, title, _ in OWNER_PAGES if path == f"pages/{url_path}.py"), None)
