"""Getting started: which first steps an owner has taken, for the checklist on Home."""

from __future__ import annotations

from dataclasses import dataclass

from fintrack.db.engine import Database
from fintrack.repository import onboarding as repo


@dataclass(frozen=True)
class Progress:
    """One flag per first step; the profile is set at sign-up, so it is always done."""

    profile: bool
    expense: bool
    income: bool
    asset: bool
    statement_imported: bool
    assistant_tried: bool

    @property
    def done(self) -> int:
        """How many steps are done."""
        return sum(vars(self).values())

    @property
    def total(self) -> int:
        return len(vars(self))

    @property
    def complete(self) -> bool:
        return self.done == self.total


def progress(db: Database, *, owner_id: int) -> Progress:
    """The owner's first steps, read with one query."""
    with db.transaction() as session:
        steps = repo.first_steps(session, owner_id=owner_id)
    return Progress(profile=True, expense=steps["expense"], income=steps["income"], asset=steps["asset"],
                    statement_imported=steps["import"], assistant_tried=steps["assistant"])
