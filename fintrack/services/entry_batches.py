"""Many entries at once, all or none: what a script pushes in one request.

Every row goes through `EntryInput` (the form's schema); a problem in any row names the row and writes
nothing. The rows are then written in one transaction, categories spelled as the owner already spells them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fintrack.db.engine import Database
from fintrack.errors import ValidationError
from fintrack.events import WRITE, observed
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput, validate
from fintrack.services.ledger import check_kind, known_categories

MAX_BATCH = 1_000


@observed("entries.created", family=WRITE, fields=lambda ids: {"entries": len(ids)})
def add_entries(db: Database, *, owner_id: int, kind: str, rows: Sequence[Any]) -> list[int]:
    """Record every row as an entry of `kind`, or none of them; returns the new ids in the rows' order."""
    kind = check_kind(kind)
    if not 1 <= len(rows) <= MAX_BATCH:
        raise ValidationError({"entries": f"send between 1 and {MAX_BATCH:,} entries"})
    entries = _validated(kind, rows)
    with db.transaction() as session:
        entries = known_categories(session, owner_id=owner_id, entries=entries)
        return entries_repo.insert_many_returning_ids(session, owner_id=owner_id, kind=kind, entries=entries)


def _validated(kind: str, rows: Sequence[Any]) -> list[EntryInput]:
    """Each row through the entry schema; every row's problems at once, fields named `<row>.<field>`."""
    entries, problems, labels = [], {}, {}
    for number, row in enumerate(rows):
        try:
            if not isinstance(row, dict):
                raise ValidationError({"entry": "must be an object with date, category, amount, ..."})
            entries.append(validate(EntryInput, {**row, "kind": kind}))
        except ValidationError as error:
            problems.update({f"{number}.{field}": text for field, text in error.field_errors.items()})
            labels.update({f"{number}.{field}": f"Entry {number + 1}, {error.label(field).lower()}"
                           for field in error.field_errors})
    if problems:
        raise ValidationError(problems, labels)
    return entries
