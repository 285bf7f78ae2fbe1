"""One way to show errors: the message an `...Error` built, in the owner's words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from fintrack.errors import FinTrackError, RateLimitedError, ValidationError


def show_error(error: FinTrackError) -> None:
    """Render one error: field problems as a list, rate limits as a warning, the rest as an error."""
    if isinstance(error, ValidationError):
        lines = "\n".join(f"- **{error.label(field)}**: {problem}" for field, problem in error.field_errors.items())
        st.error("Please correct the following and try again:\n\n" + lines, icon=":material/back_hand:")
    elif isinstance(error, RateLimitedError):
        st.warning(str(error), icon=":material/hourglass_top:")
    else:
        st.error(str(error), icon=":material/warning:")


@contextmanager
def show_errors() -> Iterator[None]:
    """`with show_errors(): service_call(...)` shows a FinTrackError instead of a traceback."""
    try:
        yield
    except FinTrackError as error:
        show_error(error)
