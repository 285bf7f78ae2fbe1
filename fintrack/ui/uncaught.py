"""What an owner sees when a screen fails unexpectedly: a short message with an error id, never a traceback.

`server.py` hands `show_uncaught_error` to `st.App(on_script_error=...)`, which Streamlit calls for any
exception a script run (or a widget callback) does not catch; the log line under the same id holds the
stack trace, the run id and the owner id. Expected refusals never get here: screens show those with
`fintrack.ui.errors.show_errors`.
"""

from __future__ import annotations

import streamlit as st

from fintrack.logs import log_exception

UNCAUGHT_EVENT = "screen.uncaught_error"


def show_uncaught_error(error: Exception) -> bool:
    """Log `error` with its stack trace under a new id and show the owner that id; True tells Streamlit not
    to show its own traceback."""
    error_id = log_exception(UNCAUGHT_EVENT, error)
    st.error(f"Something went wrong on this screen. Try again; if it keeps happening, give your administrator "
             f"the error id **{error_id}**.", icon=":material/error:")
    return True
