"""Amount boxes in the owner's own format: shown as they write numbers, read with their decimal mark."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from fintrack.services.accounts import Owner

EXAMPLE = Decimal("1234.50")


def amount_help(owner: Owner) -> str:
    """How to write an amount, in the owner's format: 'Write amounts as 1.234,50 or 1234,50.'"""
    formats = owner.formats
    return (f"Write amounts as {formats.number(EXAMPLE)} or {formats.number(EXAMPLE, grouped=False)} "
            f"(the decimal mark is '{formats.decimal_mark}').")


def amount_input(owner: Owner, label: str, value: Any, *, key: str,  # noqa: ANN401 - Decimal, text or None
                 column: DeltaGenerator | None = None) -> str:
    """A text box holding `value` as the owner writes it ('1.234,50' in de_DE), with an example placeholder;
    returns the text for the services, which read it with the owner's decimal mark."""
    shown = owner.formats.number(value) if isinstance(value, Decimal) else str(value or "")
    return (column or st).text_input(label, value=shown, placeholder=owner.formats.number(Decimal("42.50")),
                                     key=key, help=amount_help(owner))
