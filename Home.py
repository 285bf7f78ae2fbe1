"""FinTrack's entrypoint: page config, the auth gate, the shared sidebar and the navigation."""

import streamlit as st

from fintrack.ui.navigation import open_screen
from fintrack.ui.run_context import bind_owner, start_run
from fintrack.ui.session import current_owner
from fintrack.ui.sidebar import render_sidebar

st.set_page_config(page_title="FinTrack", page_icon="📒", layout="wide")

start_run()
owner = current_owner()
bind_owner(owner)
if owner is not None:
    render_sidebar(owner)
open_screen(owner)
