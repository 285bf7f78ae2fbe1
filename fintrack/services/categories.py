"""Categories across the ledger: rename one, or merge it into another by renaming onto its name."""

from __future__ import annotations

from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.repository import entries as entries_repo
from fintrack.schemas import CategoryRenameInput, validate
from fintrack.services.ledger import check_kind


def category_usage(db: Database, *, owner_id: int, kind: str) -> list[tuple[str, int]]:
    """The owner's categories of `kind` with their number of entries, most used first."""
    with db.transaction() as session:
        return entries_repo.category_usage(session, owner_id=owner_id, kind=check_kind(kind))


def rename_category(db: Database, *, owner_id: int, kind: str, old: str, new: str) -> int:
    """Move every entry of `kind` in category `old` to `new`; returns how many entries moved.

    Renaming onto a category that already exists merges the two. The old name must be in use.
    """
    form = validate(CategoryRenameInput, {"kind": kind, "old": old, "new": new})
    if form.new == form.old:
        raise ValidationError({"new": "is the same as the current name"})
    with db.transaction() as session:
        moved = entries_repo.rename_category(session, owner_id=owner_id, kind=form.kind, old=form.old,
                                             new=form.new)
        if not moved:
            raise NotFoundError("category", f"'{form.old}'")
        return moved
