"""The ASGI app `streamlit run server.py` serves: Home.py plus the sign-in cookie routes."""

from pathlib import Path

import streamlit as st

from fintrack.web.routes import auth_middleware, auth_routes

app = st.App(str(Path(__file__).resolve().parent / "Home.py"), routes=auth_routes(), middleware=auth_middleware())
