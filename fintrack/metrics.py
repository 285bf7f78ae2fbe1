"""Prometheus metrics of this process, counted from the log events (`fintrack.events`), so the two agree.

`install()` puts a logging handler on the root logger that turns each event line into counts and
durations; `exposition()` renders them in Prometheus' text format for `/metrics`. Counters live in the
process: with several app servers each one is scraped on its own and Prometheus adds them up
(`sum by (family, outcome) (rate(fintrack_events_total[5m]))`); a restarted server starts again from zero,
which `rate()` understands. The live-sessions gauge is read from the sessions table at scrape time, so every
server reports the same, whole number.
"""

from __future__ import annotations

import logging

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.process_collector import ProcessCollector

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
CONTENT_TYPE = CONTENT_TYPE_LATEST

EVENTS = Counter("fintrack_events", "Sign-ins, sign-ups, sign-outs, writes, imports, exports and assistant calls, "
                 "by family, event and outcome (success, failure, throttled).", ["family", "event", "outcome"],
                 registry=REGISTRY)
DURATIONS = Histogram("fintrack_event_duration_seconds", "How long each event took, by family and event.",
                      ["family", "event"], registry=REGISTRY,
                      buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
ERRORS = Counter("fintrack_errors", "Log lines at level ERROR or above (unexpected errors), by event.", ["event"],
                 registry=REGISTRY)
TOKENS = Counter("fintrack_assistant_tokens", "Model tokens used by the assistant, by kind (prompt, completion).",
                 ["kind"], registry=REGISTRY)
LIVE_SESSIONS = Gauge("fintrack_live_sessions", "Live sign-ins by client: browser, or script (the tokens of POST "
                      "/api/v1/auth/login); unexpired sessions of all app servers, read from the database at scrape "
                      "time. Personal API tokens are not sessions.", ["client"], registry=REGISTRY)

_HANDLER_NAME = "fintrack-metrics"


class EventMetrics(logging.Handler):
    """Count each event line by family and outcome, time it, and count error lines."""

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None) or record.getMessage()
        if record.levelno >= logging.ERROR:
            ERRORS.labels(event).inc()
        family = getattr(record, "family", None)
        if family is None:
            return
        EVENTS.labels(family, event, getattr(record, "outcome", "success")).inc()
        duration_ms = getattr(record, "duration_ms", None)
        if duration_ms is not None:
            DURATIONS.labels(family, event).observe(duration_ms / 1000)
        for kind in ("prompt", "completion"):
            TOKENS.labels(kind).inc(getattr(record, f"{kind}_tokens", 0) or 0)


def install() -> None:
    """Count this process's events from now on (once; calling again changes nothing)."""
    root = logging.getLogger()
    if any(handler.get_name() == _HANDLER_NAME for handler in root.handlers):
        return
    handler = EventMetrics()
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
    if root.getEffectiveLevel() > logging.INFO:  # events are INFO lines: they must be made to be counted
        root.setLevel(logging.INFO)


def exposition(live_sessions: dict[str, int]) -> bytes:
    """All metrics in Prometheus' text format, with the live-sessions gauge set to `live_sessions` (client:
    count)."""
    for client, count in live_sessions.items():
        LIVE_SESSIONS.labels(client=client).set(count)
    return generate_latest(REGISTRY)
