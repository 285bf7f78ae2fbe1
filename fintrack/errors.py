"""Named errors whose constructor builds the message the owner reads.

The screens show any of these through one helper (`fintrack.ui.errors.show_errors`); nothing else needs to
know how to word them.
"""

from __future__ import annotations

from collections.abc import Mapping


class FinTrackError(Exception):
    """Base of every error an owner may see; `str(error)` is the owner-facing message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(FinTrackError):
    """The app is configured in a way that cannot work (raised at start-up)."""


class ValidationError(FinTrackError):
    """Input that breaks a rule; `field_errors` maps each field to what was wrong with it, and `labels` a
    field to the owner's word for it where that is not the field's name (an expense's party is its Vendor)."""

    def __init__(self, field_errors: Mapping[str, str], labels: Mapping[str, str] | None = None) -> None:
        self.field_errors = dict(field_errors)
        self.labels = dict(labels or {})
        lines = [f"{self.label(field)}: {problem}" for field, problem in self.field_errors.items()]
        super().__init__("Please correct: " + "; ".join(lines))

    def label(self, field: str) -> str:
        """What the owner calls `field`: 'payment_method' is 'Payment method', an expense's party 'Vendor'."""
        return self.labels.get(field) or field.replace("_", " ").capitalize()


class NotFoundError(FinTrackError):
    """The thing does not exist for this owner (also used for other owners' ids, to reveal nothing)."""

    def __init__(self, what: str, identifier: object) -> None:
        self.what = what
        self.identifier = identifier
        super().__init__(f"{what.capitalize()} {identifier} was not found. It may have been deleted; "
                         "refresh the page and try again.")


class NotSavedError(FinTrackError):
    """A write failed for a reason that is not the owner's (the database): nothing was written, and the
    operator finds the cause in the log under `error_id`, which the message shows."""

    def __init__(self, what: str, error_id: str) -> None:
        self.error_id = error_id
        super().__init__(f"The {what} could not be saved; nothing was written. Error id {error_id}: please try "
                         "again in a moment, and if it fails again, give this id to whoever runs FinTrack.")


class ConflictError(FinTrackError):
    """The change clashes with what is already stored (a taken email, a duplicate name)."""


class ReconciledError(ConflictError):
    """The change touches entries already ticked off against a statement: it needs the owner's yes, which
    reopens the account's reconciliation (nothing reconciled changes silently)."""

    def __init__(self, count: int) -> None:
        self.count = count
        what = "This entry is" if count == 1 else f"{count} of these entries are"
        super().__init__(f"{what} reconciled with a bank statement. Changing or deleting it reopens the "
                         "account's reconciliation, which you then finish again.")


class AuthenticationError(FinTrackError):
    """Sign-in failed; one message whatever the reason, so emails cannot be probed."""

    def __init__(self) -> None:
        super().__init__("That email and password do not match an account.")


class RateLimitedError(FinTrackError):
    """Too many attempts in a window; says when to try again."""

    def __init__(self, action: str, retry_after_seconds: int) -> None:
        self.retry_after_seconds = retry_after_seconds
        minutes = max(1, round(retry_after_seconds / 60))
        wait = f"{retry_after_seconds} seconds" if retry_after_seconds < 90 else f"about {minutes} minutes"
        super().__init__(f"Too many {action} for now. Please try again in {wait}.")
