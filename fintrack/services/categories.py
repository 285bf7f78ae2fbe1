"""Categories across the ledger: rename one, or merge it into another by renaming onto its name."""

from __future__ import annotations

from dataclasses import dataclass

from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.repository import entries as entries_repo
from fintrack.schemas import CategoryRenameInput, validate
from fintrack.services.ledger import category_spellings, check_kind


def category_usage(db: Database, *, owner_id: int, kind: str) -> list[tuple[str, int]]:
    """The owner's categories of `kind` with their number of entries, most used first."""
    with db.transaction() as session:
        return entries_repo.category_usage(session, owner_id=owner_id, kind=check_kind(kind))


@dataclass(frozen=True)
class Renamed:
    """What a rename did: how many entries moved, to which name, and whether that merged two categories."""

    moved: int
    name: str
    merged: bool


@observed("category.renamed", family=WRITE, fields=lambda done: {"entries": done.moved, "merged": done.merged})
def rename_category(db: Database, *, owner_id: int, kind: str, old: str, new: str) -> Renamed:
    """Move every entry of `kind` in category `old` to `new`.

    Renaming onto a category that already exists merges the two, in whatever case `new` is typed ('travel'
    merges into 'Travel'); a case-only change of `old` itself ('Travel' -> 'TRAVEL') is a plain rename.
    The old name must be in use.
    """
    form = validate(CategoryRenameInput, {"kind": kind, "old": old, "new": new})
    if form.new == form.old:
        raise ValidationError({"new": "is the same as the current name"}, CategoryRenameInput.labels({}))
    with db.transaction() as session:
        spellings = category_spellings(session, owner_id=owner_id, kind=form.kind, excluding=form.old)
        existing = spellings.get(form.new.casefold())
        moved = entries_repo.rename_category(session, owner_id=owner_id, kind=form.kind, old=form.old,
                                             new=existing or form.new)
        if not moved:
            raise NotFoundError("category", f"'{form.old}'")
        return Renamed(moved=moved, name=existing or form.new, merged=existing is not None)
