"""One way to show errors: the message an `...Error` built, in the owner's words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from fintrack.errors import FinTrackError, RateLimitedError, ValidationError
from fintrack.ui.text import plain


def show_error(error: FinTrackError) -> None:
    """Render one error: field problems as a list, rate limits as a warning, the rest as an error.

    Messages are text, and often quote what the owner typed or a file held: shown literally."""
    if isinstance(error, ValidationError):
        lines = "\n".join(f"- **{plain(error.label(field))}**: {plain(problem)}"
                          for field, problem in error.field_errors.items())
        st.error("Please correct the following and try again:\n\n" + lines, icon=":material/back_hand:")
    elif isinstance(error, RateLimitedError):
        st.warning(plain(error), icon=":material/hourglass_top:")
    else:
        st.error(plain(error), icon=":material/warning:")


@contextmanager
def show_errors() -> Iterator[None]:
    """`with show_errors(): service_call(...)` shows a FinTrackError instead of a traceback."""
    try:
        yield
    except FinTrackError as error:
        show_error(error)
