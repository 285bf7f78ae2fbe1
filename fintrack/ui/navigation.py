"""The screens, listed explicitly: visitors get only Home (sign in / sign up); owners get them all.

Each `url_path` equals its file's stem so `AppTest.switch_page` and direct URLs agree. A signed-out
visitor who opens a page URL is served the default page, which is the sign-in screen.
"""

from __future__ import annotations

import streamlit as st

from fintrack.services.accounts import Owner

HOME = "pages/home.py"
OWNER_PAGES = (
    ("pages/dashboard.py", "Dashboard", ":material/dashboard:"),
    ("pages/ledger.py", "Ledger", ":material/receipt_long:"),
    ("pages/import.py", "Import", ":material/upload_file:"),
    ("pages/assets.py", "Assets", ":material/inventory_2:"),
    ("pages/assistant.py", "Assistant", ":material/chat:"),
    ("pages/settings.py", "Settings", ":material/settings:"),
)


def _page(path: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    stem = path.rsplit("/", 1)[-1].removesuffix(".py")
    return st.Page(path, title=title, icon=icon, url_path=stem, default=default)


def pages_for(owner: Owner | None) -> list[st.Page]:
    """The pages this visitor may open."""
    home = _page(HOME, "Home", ":material/home:", default=True)
    if owner is None:
        return [home]
    return [home] + [_page(path, title, icon) for path, title, icon in OWNER_PAGES]
