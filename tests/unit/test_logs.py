"""The logging contract: JSON lines, the bound context, secrets kept out, errors logged under an id."""

from __future__ import annotations

import io
import json
import logging

from fintrack.logs import bind_context, configure_logging, log_exception


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_an_event_is_one_json_line_with_its_fields(log_lines: io.StringIO) -> None:
    logging.getLogger("fintrack.test").info(
        "entry.created", extra={"event": "entry.created", "owner_id": 3, "duration_ms": 4.5}
    )
    [line] = lines(log_lines)
    assert line["event"] == "entry.created"
    assert line["level"] == "INFO"
    assert line["owner_id"] == 3
    assert line["duration_ms"] == 4.5


def test_the_bound_request_id_is_on_every_line_inside_the_block(log_lines: io.StringIO) -> None:
    log = logging.getLogger("fintrack.test")
    with bind_context(request_id="r-1"):
        log.info("inside")
    log.info("outside")
    inside, outside = lines(log_lines)
    assert inside["request_id"] == "r-1"
    assert "request_id" not in outside


def test_a_field_named_like_a_secret_is_redacted(log_lines: io.StringIO) -> None:
    logging.getLogger("fintrack.test").info("oops", extra={"password": "hunter2", "note": "private"})
    text = log_lines.getvalue()
    assert "hunter2" not in text
    assert "private" not in text


def test_log_exception_returns_the_id_the_line_carries_with_the_traceback(log_lines: io.StringIO) -> None:
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as error:
        error_id = log_exception("import.failed", error, owner_id=7)
    [line] = lines(log_lines)
    assert line["error_id"] == error_id
    assert line["level"] == "ERROR"
    assert line["event"] == "import.failed"
    assert line["owner_id"] == 7
    assert "RuntimeError: disk on fire" in line["traceback"]
    assert "Traceback" in line["traceback"]


def test_lines_below_the_level_are_left_out() -> None:
    buffer = io.StringIO()
    handler = configure_logging("warning", buffer)
    try:
        logging.getLogger("fintrack.test").info("quiet")
        logging.getLogger("fintrack.test").warning("loud")
    finally:
        logging.getLogger().removeHandler(handler)
    assert [line["event"] for line in lines(buffer)] == ["loud"]
