"""Settings › API tokens: create a personal token for a script (shown once), see them, revoke one or all.

A new token is kept in session state only until the screen has shown it once; the database holds its hash.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack import clock
from fintrack.services import api_tokens
from fintrack.services.accounts import Owner
from fintrack.services.api_tokens import TokenInfo
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database, settings
from fintrack.ui.text import plain

FORM = "api_token_form"
NEW_TOKEN_KEY = "api_token_new"  # noqa: S105 - a state key; holds (name, token) until shown once
REVOKE_KEY = "api_token_revoke"
REVOKE_ALL_KEY = "api_tokens_revoke_all"
READ_ONLY, READ_WRITE = "Read only", "Read and write"


def render_api_tokens(owner: Owner) -> None:
    """The new token (once), the form that creates one, and the owner's tokens with their Revoke buttons."""
    st.subheader("API tokens")
    st.caption("Scripts, spreadsheets and other tools reach your books through the JSON API under `/api` with "
               "one of these tokens (reference at `/api/docs`). A read-only token can never change anything.")
    _show_new_token()
    _create_form(owner)
    tokens = api_tokens.list_tokens(database(), owner_id=owner.id)
    if not tokens:
        st.caption("No tokens yet.")
    for token in tokens:
        _token_row(owner, token)
    if len(tokens) > 1 and st.button("Revoke all tokens", key=REVOKE_ALL_KEY, icon=":material/block:"):
        with show_errors():
            api_tokens.revoke_all(database(), owner_id=owner.id)
            st.rerun()


def _show_new_token() -> None:
    created = st.session_state.pop(NEW_TOKEN_KEY, None)
    if created:
        name, token = created
        st.success(f"Token **{plain(name)}** created. Copy it now: it is not shown again.", icon=":material/key:")
        st.code(token, language=None)


def _create_form(owner: Owner) -> None:
    with st.form(FORM, clear_on_submit=True):
        name = st.text_input("Name", key=f"{FORM}_name", placeholder="Nightly bank import")
        access = st.radio("Access", (READ_ONLY, READ_WRITE), horizontal=True, key=f"{FORM}_access")
        last_day = st.date_input("Last day (optional)", value=None, min_value=clock.today(),
                                 format=owner.formats.picker_date_format(), key=f"{FORM}_last_day")
        submitted = st.form_submit_button("Create token")
    if submitted:
        with show_errors():
            new = api_tokens.create_token(database(), owner_id=owner.id, secret_key=settings().secret_key, data={
                "name": name, "can_write": access == READ_WRITE, "expires_on": last_day})
            st.session_state[NEW_TOKEN_KEY] = (new.info.name, new.token)
            st.rerun()


def _day(owner: Owner, moment: dt.datetime | None, missing: str) -> str:
    return owner.formats.date(moment.date()) if moment else missing


def _token_row(owner: Owner, token: TokenInfo) -> None:
    about, revoke = st.columns([5, 1], vertical_alignment="center")
    scope = READ_WRITE if token.can_write else READ_ONLY
    last_day = _day(owner, token.expires_at - dt.timedelta(days=1) if token.expires_at else None, "none")
    about.markdown(f"**{plain(token.name)}** · {scope} · created {_day(owner, token.created_at, '')} · "
                   f"last used {_day(owner, token.last_used_at, 'never')} · last day {last_day}")
    if revoke.button("Revoke", key=f"{REVOKE_KEY}_{token.id}"):
        with show_errors():
            api_tokens.revoke_token(database(), owner_id=owner.id, token_id=token.id)
            st.rerun()
