"""The ASGI app `streamlit run server.py` serves: Home.py plus the sign-in cookie routes, /metrics and the JSON
API under /api.

Process-wide set-up happens here, once: JSON logs, the metrics handler, the security headers and request ids on
every HTTP response, the hook that turns an uncaught screen error into an error id, and the screens' heavy
imports (pandas, Plotly, XlsxWriter, openai), so the first visitor of a new process does not wait for them.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Mount
from streamlit.runtime.pages_manager import PagesManager

from fintrack import metrics
from fintrack.api.app import API_PATH, create_api
from fintrack.config import settings_or_exit
from fintrack.logs import configure_logging
from fintrack.ui.uncaught import show_uncaught_error
from fintrack.web.metrics import METRICS_PATH, metrics_routes
from fintrack.web.preload import preload
from fintrack.web.request_ids import RequestIdMiddleware
from fintrack.web.routes import auth_middleware, auth_routes
from fintrack.web.security_headers import SecurityHeadersMiddleware

settings = settings_or_exit()  # a production server without a strong FINTRACK_SECRET_KEY stops here, saying why
configure_logging(settings.log_level)  # once per process: JSON lines on stdout
metrics.install()
preload()  # after the logs are configured: it logs how long it took

# Home.py lists every screen with st.navigation. Until a first run has called it, Streamlit treats the
# `pages/` folder as a legacy multipage app, so the first request of a new process to a deep link such as
# /ledger would run pages/ledger.py on its own (no gate, no sidebar, the folder's file names as a menu).
PagesManager.uses_pages_directory = False

app = st.App(
    str(Path(__file__).resolve().parent / "Home.py"),
    routes=[*auth_routes(), *metrics_routes(), Mount(API_PATH, app=create_api())],
    middleware=[Middleware(SecurityHeadersMiddleware), Middleware(RequestIdMiddleware),
                *auth_middleware(script_paths=(API_PATH, METRICS_PATH))],  # scripts need no browser cookie
    on_script_error=show_uncaught_error,  # the owner sees an error id; the log has it with the traceback
)
