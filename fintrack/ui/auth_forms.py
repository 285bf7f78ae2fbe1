"""The visitor's screen: sign in, create an account, or try the demo.

Our own forms over `fintrack.services.accounts` (bcrypt hashes in streamlit-authenticator's format):
credentials never sit in session state, and every success ends in the server route that sets the
HttpOnly session cookie (`fintrack.ui.session.sign_in_browser`).
"""

from __future__ import annotations

import streamlit as st

from fintrack import demo
from fintrack.errors import ValidationError
from fintrack.services import accounts
from fintrack.services.accounts import LoginPolicy
from fintrack.ui.errors import show_errors
from fintrack.ui.navigation import asked_for, screen_title
from fintrack.ui.profile_fields import profile_data, profile_fields
from fintrack.ui.resources import database, settings
from fintrack.ui.session import client_key, sign_in_browser

SIGN_IN_FORM = "sign_in"
SIGN_UP_FORM = "sign_up"
DEMO_BUTTON = "try_demo"
SIGNIN_PARAM = "signin"
NOTICES = {
    "expired": ("warning", "That sign-in did not complete (the link expired, was already used, or came "
                           "from another browser). Please sign in again."),
    "signed-out": ("success", "You are signed out."),
    "password-changed": ("success", "Your password was changed and every browser was signed out. "
                                    "Sign in with your new password."),
    "account-deleted": ("success", "Your account and all its data were deleted, and you are signed out. "
                                   "Thank you for using FinTrack."),
}


def login_policy() -> LoginPolicy:
    """Sign-in and sign-up throttling from the settings."""
    return LoginPolicy.from_settings(settings())


def render_notice(asked_for: str) -> None:
    """Say why the visitor is on this screen: the screen they asked for (`asked_for`, its URL path), or what
    the cookie routes said (`?signin=`, once)."""
    wanted = screen_title(asked_for)
    if wanted:
        st.info(f"Sign in to open the {wanted} page.", icon=":material/lock:")
    notice = NOTICES.get(st.query_params.get(SIGNIN_PARAM, ""))
    if notice is None:
        return
    kind, message = notice
    (st.success if kind == "success" else st.warning)(message)
    del st.query_params[SIGNIN_PARAM]


def render_sign_in(then: str = "") -> None:
    """Email and password; one message for an unknown email and a wrong password. Then opens `then`."""
    with st.form(SIGN_IN_FORM):
        email = st.text_input("Email", key=f"{SIGN_IN_FORM}_email", autocomplete="email")
        password = st.text_input("Password", type="password", key=f"{SIGN_IN_FORM}_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary", width="stretch")
    if submitted:
        with show_errors():
            owner = accounts.authenticate(database(), email=email, password=password, client=client_key(),
                                          policy=login_policy())
            sign_in_browser(owner, then=then)


def render_sign_up(then: str = "") -> None:
    """A new account: email, password (twice) and the business profile. Then opens `then`."""
    with st.form(SIGN_UP_FORM):
        email = st.text_input("Email", key=f"{SIGN_UP_FORM}_email", autocomplete="email")
        password = st.text_input("Password", type="password", key=f"{SIGN_UP_FORM}_password",
                                 autocomplete="new-password", help="At least 10 characters.")
        repeat = st.text_input("Repeat password", type="password", key=f"{SIGN_UP_FORM}_repeat",
                               autocomplete="new-password")
        fields = profile_fields(SIGN_UP_FORM)
        submitted = st.form_submit_button("Create account", type="primary", width="stretch")
    if submitted:
        with show_errors():
            if password != repeat:
                raise ValidationError({"repeat_password": "does not match the password"})
            owner = accounts.sign_up(database(), {"email": email, "password": password, **profile_data(fields)},
                                     client=client_key(), policy=login_policy(), language=st.context.locale)
            sign_in_browser(owner, then=then)


def render_demo(then: str = "") -> None:
    """'Try the demo' (embedded default only): a ready-made business with two years of books, opening `then`."""
    if not settings().demo_enabled:
        return
    st.divider()
    st.caption("Just looking? Open a sample business with two years of books. Anyone may use the demo, "
               "so keep real numbers out of it.")
    if st.button("Try the demo", key=DEMO_BUTTON, icon=":material/play_circle:"):
        with st.spinner("Preparing the demo business…"):
            owner = demo.create_demo_owner(database())
        sign_in_browser(owner, then=then)


def render_visitor_screen() -> None:
    """Everything a signed-out visitor sees; signing in opens the screen they had asked for, if any."""
    st.title("FinTrack")
    st.caption("Track money in and out, see where it goes, and hand clean numbers to your accountant.")
    wanted = asked_for()
    render_notice(wanted)
    sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Create account"])
    with sign_in_tab:
        render_sign_in(wanted)
    with sign_up_tab:
        render_sign_up(wanted)
    render_demo(wanted)
