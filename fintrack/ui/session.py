"""The auth gate: who is signed in, resolved from the HttpOnly session cookie on every script run.

Nothing caches "signed in" in session state: looking the session row up on each run is what makes
sign-out and password changes revoke access at once. `session_token()` and `browser_id()` are the only
functions that read the cookies, `peer_address()` the only one that reads the connection; screen tests
(AppTest sends neither) replace them.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import streamlit as st

from fintrack.services import sessions
from fintrack.services.accounts import Owner
from fintrack.ui.resources import database, settings
from fintrack.web.clients import client_address
from fintrack.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from fintrack.web.routes import COMPLETE_PATH, NEXT_PARAM, SIGNOUT_PATH

__all__ = ["BROWSER_COOKIE", "SESSION_COOKIE", "browser_id", "client_key", "current_owner", "navigate",
           "peer_address", "require_owner", "session_token", "sign_in_browser", "sign_out_browser"]

UNKNOWN_CLIENT = "unknown"


def session_token() -> str | None:
    """The session token sent with this page (HttpOnly cookies arrive with the websocket handshake)."""
    return st.context.cookies.to_dict().get(SESSION_COOKIE)


def browser_id() -> str | None:
    """This browser's pre-login id (set by the server's middleware on the first page load)."""
    return st.context.cookies.to_dict().get(BROWSER_COOKIE)


def peer_address() -> str | None:
    """The address this page's connection comes from (None from localhost)."""
    return st.context.ip_address


def client_key() -> str:
    """Who is asking, for the per-client limits: see `fintrack.web.clients.client_address`."""
    trusted = settings().trusted_proxies
    forwarded = st.context.headers.get_all("X-Forwarded-For") if trusted else []
    return client_address(peer_address(), forwarded, trusted) or UNKNOWN_CLIENT


def current_owner() -> Owner | None:
    """The signed-in owner, or None for a visitor."""
    return sessions.owner_for_token(database(), token=session_token(), secret_key=settings().secret_key)


def require_owner() -> Owner:
    """The signed-in owner; a visitor is sent to the sign-in screen and the page stops."""
    owner = current_owner()
    if owner is None:
        st.switch_page("pages/home.py")
        st.stop()
    return owner


def navigate(url: str) -> None:
    """Send the whole browser tab to `url` (a route outside Streamlit) and stop this run.

    A meta refresh is stripped by Streamlit and a link opens a new tab, so a one-line script does it.
    """
    st.html(f"<script>window.location.replace({json.dumps(url)});</script>", unsafe_allow_javascript=True)
    st.caption("Just a moment…")
    st.stop()


def sign_in_browser(owner: Owner, *, then: str = "") -> None:
    """Finish a sign-in: a one-time token for this browser, spent by the server route that sets the cookie
    and then opens the screen whose URL path is `then` (Home when empty)."""
    browser = browser_id()
    if not browser:
        st.error("Your browser did not send FinTrack's sign-in cookie. Allow cookies for this site, reload "
                 "the page and try again.", icon=":material/cookie_off:")
        return
    token = sessions.issue_login_token(database(), owner_id=owner.id, browser_id=browser,
                                       secret_key=settings().secret_key)
    navigate(f"{COMPLETE_PATH}?token={quote(token)}" + (f"&{NEXT_PARAM}={quote(then)}" if then else ""))


def sign_out_browser() -> None:
    """End this session now (the row goes at once), then let the server route clear the cookie."""
    token = session_token()
    if token:
        sessions.end_session(database(), token=token, secret_key=settings().secret_key)
    navigate(SIGNOUT_PATH)
