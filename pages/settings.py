"""Settings: the business profile, the password, the categories (rename / merge), API tokens, and all your data."""

import streamlit as st

from fintrack.ui.account_admin import render_account_deletion, render_data_download
from fintrack.ui.api_tokens import render_api_tokens
from fintrack.ui.category_admin import render_category_admin
from fintrack.ui.session import require_owner
from fintrack.ui.settings_forms import render_flash, render_password, render_profile

owner = require_owner()
st.title("Settings")
render_flash()
render_profile(owner)
st.divider()
render_password(owner)

# --- Categories (rename / merge), from the ledger area ---
st.divider()
render_category_admin(owner)

# --- Personal access tokens of the JSON API ---
st.divider()
render_api_tokens(owner)

# --- Your data: download all of it, or delete the account ---
st.divider()
render_data_download(owner)
st.divider()
render_account_deletion(owner)
