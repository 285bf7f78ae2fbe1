"""Settings: the business profile and the password (a password change signs every browser out)."""

from __future__ import annotations

import streamlit as st

from fintrack.errors import ValidationError
from fintrack.services import accounts
from fintrack.services.accounts import Owner
from fintrack.ui.errors import show_errors
from fintrack.ui.profile_fields import profile_data, profile_fields
from fintrack.ui.resources import database
from fintrack.ui.session import navigate
from fintrack.web.routes import PASSWORD_CHANGED_SIGNOUT

PROFILE_FORM = "settings_profile"
LOGIN_FORM = "settings_login"
FLASH_KEY = "settings_flash"


def render_flash() -> None:
    """The confirmation of the last change, shown once after the rerun that refreshes the sidebar."""
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")


def render_profile(owner: Owner) -> None:
    """Business name, fiscal year start, currency and formats."""
    st.subheader("Business profile")
    with st.form(PROFILE_FORM):
        fields = profile_fields(PROFILE_FORM, business_name=owner.business_name,
                                fiscal_start=owner.fiscal_year_start, currency_code=owner.currency_code,
                                locale=owner.locale)
        st.caption("Changing the currency relabels your amounts; it does not convert them.")
        submitted = st.form_submit_button("Save profile", type="primary")
    if submitted:
        with show_errors():
            accounts.update_profile(database(), owner_id=owner.id, data=profile_data(fields))
            st.session_state[FLASH_KEY] = "Profile saved."
            st.rerun()  # the sidebar and every screen read the new profile


def render_password(owner: Owner) -> None:
    """Current password, then the new one twice; success signs out every browser, this one included."""
    st.subheader("Password")
    with st.form(LOGIN_FORM, clear_on_submit=True):
        current = st.text_input("Current password", type="password", key=f"{LOGIN_FORM}_current",
                                autocomplete="current-password")
        new = st.text_input("New password", type="password", key=f"{LOGIN_FORM}_new",
                            autocomplete="new-password", help="At least 10 characters.")
        repeat = st.text_input("Repeat new password", type="password", key=f"{LOGIN_FORM}_repeat",
                               autocomplete="new-password")
        st.caption("Changing your password signs you out everywhere, here too.")
        submitted = st.form_submit_button("Change password")
    if submitted:
        with show_errors():
            if new != repeat:
                raise ValidationError({"repeat_new_password": "does not match the new password"})
            accounts.change_password(database(), owner_id=owner.id,
                                     data={"current_password": current, "new_password": new})
            navigate(PASSWORD_CHANGED_SIGNOUT)
