"""Category and payment-method choices for the ledger's pickers, read once per moment, not per widget.

The form, the filter bar and the edit form all offer the same lists; a short-lived cache keyed by owner and
kind reads them from the database once, and every ledger write clears it so a new category shows at once.
"""

from __future__ import annotations

import streamlit as st

from fintrack.services import ledger
from fintrack.ui.resources import database, settings

TTL_SECONDS = 10  # other screens (import, assistant, quick add) write too; they do not clear this cache


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _choices(database_url: str, owner_id: int, kind: str) -> tuple[list[str], list[str]]:
    db = database()
    return (ledger.category_choices(db, owner_id=owner_id, kind=kind),
            ledger.payment_method_choices(db, owner_id=owner_id, kind=kind))


def category_choices(owner_id: int, kind: str) -> list[str]:
    """The owner's categories of `kind`, most used first, then the defaults."""
    return list(_choices(settings().database_url, owner_id, kind)[0])


def payment_method_choices(owner_id: int, kind: str) -> list[str]:
    """The owner's payment methods, most used first, then the defaults."""
    return list(_choices(settings().database_url, owner_id, kind)[1])


def forget_choices() -> None:
    """Call after any ledger write so the pickers read the books again."""
    _choices.clear()
