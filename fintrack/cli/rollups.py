"""`python -m fintrack rollups rebuild [--owner ID]` (also `python -m fintrack.rollups rebuild`): recount the
monthly rollups the reports read from the entries, for every owner or one. Exit status 0, or 1 with the
reason on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from fintrack.config import settings_or_exit
from fintrack.db.engine import Database
from fintrack.services import rollups


def main(argv: Sequence[str] | None = None) -> int:
    """Run `rebuild`, the one subcommand."""
    parser = argparse.ArgumentParser(prog="fintrack rollups", description="Recount the monthly rollups.")
    commands = parser.add_subparsers(dest="command", required=True)
    rebuild = commands.add_parser("rebuild", help="recount the rollups from the entries, in one transaction")
    rebuild.add_argument("--owner", type=int, help="only this owner's (by id); every owner's without it")
    arguments = parser.parse_args(argv)
    db = Database.from_url(settings_or_exit().database_url)
    try:
        cells = rollups.rebuild(db, owner_id=arguments.owner)
    except SQLAlchemyError as error:
        print(f"Rebuilding the rollups failed: {error.__class__.__name__}: {error.orig or error}", file=sys.stderr)
        return 1
    finally:
        db.bind.dispose()
    whose = f"owner {arguments.owner}" if arguments.owner is not None else "every owner"
    print(f"Rollups rebuilt for {whose}: {cells:,} monthly cells.")
    return 0
