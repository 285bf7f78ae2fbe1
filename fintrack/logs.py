"""Structured logs: one JSON object per line on stdout, set up once per process.

Code everywhere logs through the standard library and names the event in `extra`:

    log = logging.getLogger(__name__)
    log.info("import.committed", extra={"event": "import.committed", "owner_id": 3, "rows": 120})

`configure_logging()` sends every record as JSON, once per process: server.py to stdout, the commands to
stderr. The request id, script-run id and owner id bound to the current context (`bind_context()`,
`start_context()`, `add_context()`) are added to each line. An unexpected error the
owner must see goes through `log_exception()`, which logs the stack trace under a short id the screen shows.
"""

from __future__ import annotations

import contextvars
import json
import logging
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

log = logging.getLogger(__name__)

# The attributes every LogRecord has; anything else on a record came from `extra=`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

# Field names that must never reach a log line, whoever passes them (defence in depth: services log ids
# and counts, not values).
SECRET_FIELDS = frozenset({
    "password", "new_password", "current_password", "token", "session_token", "cookie", "api_key",
    "secret", "secret_key", "authorization", "note", "notes", "content", "text", "statement",
})
REDACTED = "[redacted]"

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("fintrack_log_context", default=None)


class JsonFormatter(logging.Formatter):
    """Render a record as one JSON line: time, level, logger, event, the bound context, the extra fields
    and, for errors, the stack trace."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": getattr(record, "event", None) or record.getMessage(),
        }
        message = record.getMessage()
        if message != entry["event"]:
            entry["message"] = message
        entry.update(current_context())
        entry.update(_extra_fields(record))
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: REDACTED if key.lower() in SECRET_FIELDS else value
        for key, value in vars(record).items()
        if key not in _RECORD_ATTRIBUTES and key != "event"
    }


_HANDLER_NAME = "fintrack-json"
# Libraries that would log every HTTP request or SQL statement at INFO or DEBUG are held at WARNING whatever
# LOG_LEVEL says: their lines are noise, and a statement's or request's details may carry owners' data.
QUIET_LOGGERS = ("sqlalchemy", "httpx", "httpcore", "openai", "urllib3", "alembic.runtime.plugins")


def configure_logging(level: str = "info", stream: TextIO | None = None) -> logging.Handler:
    """Send all records to `stream` (stdout) as JSON lines from `level` up (the LOG_LEVEL setting).

    Idempotent: calling it again replaces the handler it installed, so tests can capture into a buffer.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(_level(level))
    root.addHandler(handler)
    root.setLevel(min(handler.level, logging.INFO))  # INFO events still reach the metrics at LOG_LEVEL=warning
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


def _level(name: str) -> int:
    level = logging.getLevelName(name.strip().upper())
    if not isinstance(level, int):
        raise ValueError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {name!r}.")
    return level


@contextmanager
def bind_context(**fields: Any) -> Iterator[None]:
    """Add `fields` (request_id, run_id, owner_id …) to every line logged inside the block."""
    token = _context.set({**current_context(), **fields})
    try:
        yield
    finally:
        _context.reset(token)


def start_context(**fields: Any) -> None:
    """Replace the fields on this thread's lines with `fields`: a Streamlit script run starts with its own
    run id (its thread may have served an earlier run)."""
    _context.set(dict(fields))


def add_context(**fields: Any) -> None:
    """Add `fields` to this thread's lines until the next `start_context()` (the owner, once known)."""
    _context.set({**current_context(), **fields})


def current_context() -> dict[str, Any]:
    """The fields `bind_context()` has bound here (empty outside any block)."""
    return dict(_context.get() or {})


def new_id() -> str:
    """A short random id for a request, a script run or an error (8 hex characters)."""
    return secrets.token_hex(4)


def log_exception(event: str, exc: BaseException, **fields: Any) -> str:
    """Log `exc` with its stack trace as an error named `event`; return the id to show the owner."""
    error_id = new_id()
    log.error(
        event,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"event": event, "error_id": error_id, "error_type": type(exc).__name__, **fields},
    )
    return error_id

