"""The sidebar every owner sees: who is signed in ("me") and the way out."""

from __future__ import annotations

import streamlit as st

from fintrack.display import currency_label
from fintrack.services.accounts import Owner
from fintrack.ui.session import sign_out_browser
from fintrack.ui.text import plain

SIGN_OUT_KEY = "sidebar_sign_out"


def render_sidebar(owner: Owner) -> None:
    """Business, email and currency of the signed-in owner, and the sign-out button."""
    with st.sidebar:
        with st.container(border=True, key="sidebar_me"):
            st.markdown(f"**{plain(owner.business_name)}**")
            st.caption(f"{plain(owner.email)}  \n{plain(currency_label(owner.currency_code))}")
            if st.button("Sign out", key=SIGN_OUT_KEY, icon=":material/logout:", width="stretch"):
                sign_out_browser()
