"""Fields shared by the entry and asset forms whose widgets must never drop what the owner typed.

- **Dates.** Streamlit's date_input keeps its previous value when the typed date is outside its
  `min_value`/`max_value`: the box shows the typed date with a red mark, and the form submits the old one
  (an expense typed as 1850-06-01 was saved dated today). The pickers therefore hold any date the widget
  can (years 1 to 9999) and the books' range (`schemas.EARLIEST_DATE` to `LATEST_DATE`) is checked by the
  service, whose message names it: the date the owner sees is the date that is saved or refused.
- **Notes.** With `max_chars`, a paste longer than the limit is refused by the browser as a whole and the
  box stays empty, so the entry was saved without its note. The limit is shown in the empty box instead, and
  a longer text reaches the service, which refuses it with a message while the box keeps it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack.schemas import MAX_NOTES_LENGTH

PICKER_EARLIEST = dt.date(1, 1, 1)
PICKER_LATEST = dt.date(9999, 12, 31)
NOTES_HINT = f"Optional, up to {MAX_NOTES_LENGTH:,} characters"


def notes_area(value: str | None, *, key: str) -> str:
    """The Notes box of an entry or asset; the limit is written in it while it is empty."""
    return st.text_area("Notes", value=value or "", height=68, key=key, placeholder=NOTES_HINT)
