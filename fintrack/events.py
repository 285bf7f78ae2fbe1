"""The events the logs and the metrics are made of: what a service did, for whom, how it went, how long.

A service function is decorated once:

    @observed("entry.created", family=WRITE, fields=lambda entry: {"entry_id": entry.id})
    def add_entry(db, *, owner_id, data): ...

and each call logs one line, e.g. `{"event": "entry.created", "family": "write", "outcome": "success",
"owner_id": 3, "entry_id": 41, "duration_ms": 7.3}`. A refusal the owner is told about (a `FinTrackError`)
logs the same event with outcome `failure` (`throttled` for a rate limit) and the error's class name, never
its message; anything else propagates untouched to the screen's error hook, which logs it with an id.
`fintrack.metrics` counts and times these lines by family and outcome, so the logs and the metrics agree.

Only ids, counts, names of things and durations go into the fields: never the values owners typed.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from fintrack.errors import FinTrackError, RateLimitedError

SIGN_IN = "sign_in"
SIGN_UP = "sign_up"
SIGN_OUT = "sign_out"
WRITE = "write"
IMPORT = "import"
EXPORT = "export"
ASSISTANT = "assistant"
FAMILIES = (SIGN_IN, SIGN_UP, SIGN_OUT, WRITE, IMPORT, EXPORT, ASSISTANT)

SUCCESS, FAILURE, THROTTLED = "success", "failure", "throttled"

P = ParamSpec("P")
R = TypeVar("R")


def emit(logger: logging.Logger, event: str, *, family: str, started: float, **fields: Any) -> None:
    """Log `event` of `family` with the time since `started` (a `time.perf_counter()` reading)."""
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.info(event, extra={"event": event, "family": family, "duration_ms": duration_ms, **fields})


def outcome_of(error: FinTrackError) -> str:
    """`throttled` for a rate limit, `failure` for any other refusal."""
    return THROTTLED if isinstance(error, RateLimitedError) else FAILURE


def observed(event: str, *, family: str,
             fields: Callable[[Any], dict[str, Any]] | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Log each call of the decorated service as `event`; `fields(result)` adds ids and counts on success.

    The owner id is taken from the call's `owner_id=` (or `owner=`) keyword argument, as services take it.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        logger = logging.getLogger(function.__module__)

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            started = time.perf_counter()
            owner = _owner_id(kwargs)
            try:
                result = function(*args, **kwargs)
            except FinTrackError as error:
                emit(logger, event, family=family, started=started, outcome=outcome_of(error), **owner,
                     error_type=type(error).__name__)
                raise
            emit(logger, event, family=family, started=started, outcome=SUCCESS,
                 **{**owner, **(fields(result) if fields else {})})
            return result

        return wrapper

    return decorate


def _owner_id(kwargs: dict[str, Any]) -> dict[str, Any]:
    if "owner_id" in kwargs:
        return {"owner_id": kwargs["owner_id"]}
    owner = kwargs.get("owner")
    return {"owner_id": owner.id} if owner is not None else {}
