"""`python -m fintrack COMMAND [ARGS]`: a small dispatcher; each command lives in its own module.

A command is a `main(argv) -> int`-style function named here as "module:function"; it parses its own
arguments and returns the exit status. Modules are imported only when their command runs. Commands log
JSON lines like the app servers, on stderr: their stdout is for the person or script that ran them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from fintrack.config import settings
from fintrack.errors import ConfigurationError
from fintrack.logs import configure_logging

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("fintrack.cli.check:main", "check that this installation can serve (exit status 0 or 1)"),
    "backup": ("fintrack.cli.backup:backup", "write a dated backup of the database, keep the newest ones"),
    "restore": ("fintrack.cli.backup:restore", "replace the database with a backup FILE (--force over existing data)"),
    "rollups": ("fintrack.cli.rollups:main", "rebuild [--owner ID]: recount the monthly rollups from the entries"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()]
    return "usage: python -m fintrack COMMAND [ARGS]\n\ncommands:\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named by the first argument with the rest; 2 (and the usage) for an unknown one."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in COMMANDS:
        print(usage(), file=sys.stderr)
        return 2
    configure_logging(_log_level(), sys.stderr)
    module_name, function_name = COMMANDS[arguments[0]][0].split(":")
    command = getattr(importlib.import_module(module_name), function_name)
    return command(arguments[1:])


def _log_level() -> str:
    try:
        return settings().log_level
    except ConfigurationError:  # the command itself says what is wrong (check) or stops saying it
        return "info"


if __name__ == "__main__":
    sys.exit(main())
