"""Settings: the business profile, the password, and the categories (rename / merge)."""

import streamlit as st

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
