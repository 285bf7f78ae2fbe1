"""An uncaught error on a screen: the owner reads a short message with an error id, and the log line under
that id holds the stack trace, the script run's id and the owner's id.

AppTest has no `on_script_error` parameter, so its script runner is given the handler that `server.py`
hands to `st.App` (tests/server checks the real server's wiring of the rest of server.py).
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from streamlit.testing.v1 import app_test
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from fintrack.ui import sidebar
from fintrack.ui.uncaught import UNCAUGHT_EVENT, show_uncaught_error

FAILURE = "the books could not be read: disk quota exceeded"


class _HookedRunner(LocalScriptRunner):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - LocalScriptRunner's own
        super().__init__(*args, **kwargs)
        self._on_script_error = show_uncaught_error


@pytest.fixture
def script_error_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test, "LocalScriptRunner", _HookedRunner)


def _broken(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
    raise RuntimeError(FAILURE)


def test_a_failing_screen_shows_an_error_id_that_the_log_explains(script_error_hook, log_lines, app_owner, sign_in,
                                                                  open_page, monkeypatch):
    sign_in(app_owner)
    monkeypatch.setattr(sidebar, "render_sidebar", _broken)  # Home.py's sidebar, after the gate

    at = open_page()

    assert not at.exception  # Streamlit's own traceback is not shown
    [message] = [error.value for error in at.error]
    error_id = re.search(r"error id \*\*([0-9a-f]{8})\*\*", message).group(1)
    assert FAILURE not in message and "Traceback" not in message
    [logged] = [line for line in map(json.loads, log_lines.getvalue().splitlines())
                if line["event"] == UNCAUGHT_EVENT]
    assert logged["error_id"] == error_id
    assert logged["level"] == "ERROR" and logged["error_type"] == "RuntimeError"
    assert logged["owner_id"] == app_owner.id and logged["run_id"]
    assert f"RuntimeError: {FAILURE}" in logged["traceback"] and "Home.py" in logged["traceback"]


def test_each_script_run_logs_under_its_own_run_id(log_lines, app_owner, sign_in, open_page, monkeypatch):
    monkeypatch.setattr(sidebar, "render_sidebar", lambda owner: logging.getLogger("probe").info("sidebar.shown"))
    sign_in(app_owner)
    open_page()
    open_page()  # AppTest reruns a page on its own; a browser's every rerun starts at Home.py
    shown = [line for line in map(json.loads, log_lines.getvalue().splitlines()) if line["event"] == "sidebar.shown"]
    assert len(shown) == 2
    assert shown[0]["run_id"] != shown[1]["run_id"]
    assert shown[0]["owner_id"] == shown[1]["owner_id"] == app_owner.id
