"""Recounting the monthly rollups from the entries (`python -m fintrack rollups rebuild`).

The rollups are kept by every write, so a rebuild is for books written past the application: a restore of
an old backup made before the rollups existed, rows loaded by hand, or a doubt.
"""

from __future__ import annotations

import logging
import time

from fintrack.db.engine import Database
from fintrack.repository import rollups

log = logging.getLogger(__name__)


def rebuild(db: Database, *, owner_id: int | None = None) -> int:
    """Recount one owner's monthly rollups (every owner's when None) in one transaction; returns the cells."""
    started = time.perf_counter()
    with db.transaction() as session:
        cells = rollups.rebuild(session, owner_id=owner_id)
    log.info("rollups.rebuilt", extra={"event": "rollups.rebuilt", "owner_id": owner_id, "cells": cells,
                                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    return cells
