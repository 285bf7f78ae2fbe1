"""Sensible starting categories and payment methods for a small business (pure data)."""

from __future__ import annotations

from fintrack.schemas import EntryKind

DEFAULT_CATEGORIES: dict[EntryKind, tuple[str, ...]] = {
    "expense": (
        "Advertising", "Bank fees", "Contractors", "Equipment", "Insurance", "Meals", "Office", "Payroll",
        "Professional services", "Rent", "Software", "Taxes & licences", "Travel", "Utilities", "Other",
    ),
    "income": ("Sales", "Services", "Consulting", "Interest", "Refunds", "Other"),
}

DEFAULT_PAYMENT_METHODS: tuple[str, ...] = (
    "Card", "Bank transfer", "Direct debit", "Cash", "Cheque", "PayPal",
)


def merge_choices(used: list[str], defaults: tuple[str, ...]) -> list[str]:
    """The owner's own values first (in the given order, most used first), then unused defaults.

    Matching is case-insensitive so 'rent' used by the owner hides the default 'Rent'.
    """
    seen = {value.casefold() for value in used}
    return list(used) + [value for value in defaults if value.casefold() not in seen]
