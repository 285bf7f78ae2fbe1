"""The ASGI app `streamlit run server.py` serves: Home.py plus the sign-in cookie routes."""

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from fintrack.config import settings_or_exit
from fintrack.web.routes import auth_middleware, auth_routes

settings_or_exit()  # a production server without a strong FINTRACK_SECRET_KEY stops here, saying why

# Home.py lists every screen with st.navigation. Until a first run has called it, Streamlit treats the
# `pages/` folder as a legacy multipage app, so the first request of a new process to a deep link such as
# /ledger would run pages/ledger.py on its own (no gate, no sidebar, the folder's file names as a menu).
PagesManager.uses_pages_directory = False

app = st.App(str(Path(__file__).resolve().parent / "Home.py"), routes=auth_routes(), middleware=auth_middleware())
