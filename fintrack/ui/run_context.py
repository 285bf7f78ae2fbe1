"""The log context of a script run: a run id on every line it writes, and the owner once signed in."""

from __future__ import annotations

from fintrack.logs import add_context, new_id, start_context
from fintrack.services.accounts import Owner


def start_run() -> None:
    """Give this script run its own id on every log line (called first thing by Home.py)."""
    start_context(run_id=new_id())


def bind_owner(owner: Owner | None) -> None:
    """Put the signed-in owner's id on the rest of this run's log lines (nothing for a visitor)."""
    if owner is not None:
        add_context(owner_id=owner.id)
