"""Changing entries that are ticked off against a statement: the service refuses until the owner says yes.

A write wrapped in `asking_to_reopen` that meets a `ReconciledError` keeps its message under a key and runs
the screen again; `reopen_question` then draws it with a yes button, and the screen repeats the write with
`reopen_reconciled=True` when the owner presses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from fintrack.errors import ReconciledError


def reopen_question(key: str, action: str) -> bool:
    """Draw the question asked under `key` (nothing when none was); True when the owner said yes."""
    message = st.session_state.get(key)
    if not message:
        return False
    with st.container(border=True):
        st.warning(message, icon=":material/lock_open:")
        yes, no, _ = st.columns([3, 1, 2])
        if no.button("Cancel", key=f"{key}_no"):
            st.session_state.pop(key, None)
            st.rerun()
        return yes.button(f"Yes, {action} and reopen the reconciliation", type="primary", key=f"{key}_yes")


@contextmanager
def asking_to_reopen(key: str) -> Iterator[None]:
    """Run a write; a `ReconciledError` becomes the question `reopen_question(key, ...)` draws next run."""
    try:
        yield
    except ReconciledError as asked:
        st.session_state[key] = str(asked)
        st.rerun()
    except BaseException:
        st.session_state.pop(key, None)
        raise
    else:
        st.session_state.pop(key, None)
