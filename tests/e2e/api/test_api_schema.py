"""Schemathesis over /api/openapi.json of the real server: generated requests to every operation, a few each.

No response may be a server error, and every response must be one the document lists, with its content type
and its schema. Each operation is called with a fresh owner's read-write personal token (signing out or
revoking it would otherwise leave the rest of the run signed out). The operations are walked in one test
(the document is read from the running server, which does not exist yet when pytest collects).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 10  # 25 operations: the whole run stays within about a minute


def _exercise(operation, base_url: str, token: str) -> None:  # noqa: ANN001 - a schemathesis APIOperation
    """Call `operation` with a few generated requests and check each response."""

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def call(case) -> None:  # noqa: ANN001 - a schemathesis Case
        case.call_and_validate(base_url=f"{base_url}/api", headers={"Authorization": f"Bearer {token}"},
                               checks=CHECKS)

    call()


def test_every_operation_answers_as_its_schema_says(base_url, new_caller):
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    failed = {}
    for operation in operations:
        try:
            _exercise(operation, base_url, new_caller(personal={"can_write": True}).token)
        except AssertionError as failure:  # every operation's failures are reported together at the end
            failed[operation.label] = failure
    assert not failed, "\n\n".join(f"{label}:\n{failure}" for label, failure in failed.items())
