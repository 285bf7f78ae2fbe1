"""The model's tool definitions are strict, arguments are checked against them, and the history sent with
them fits a budget without breaking the tool call / tool result pairs."""

from __future__ import annotations

import json

import pytest

from fintrack.categories import DEFAULT_CATEGORIES
from fintrack.services.assistant.conversations import fit_history
from fintrack.services.assistant.tools import check_arguments, specs

CATEGORIES = {kind: list(names) for kind, names in DEFAULT_CATEGORIES.items()}
SPECS = {spec["function"]["name"]: spec["function"] for spec in specs(CATEGORIES)}


def _objects(schema):
    if schema.get("type") == "object":
        yield schema
        for value in schema["properties"].values():
            yield from _objects(value)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_tool_is_strict(name):
    function = SPECS[name]
    assert function["strict"] is True and function["description"]
    for schema in _objects(function["parameters"]):
        assert schema["additionalProperties"] is False
        assert sorted(schema["required"]) == sorted(schema["properties"])


def test_write_tools_only_propose_and_use_category_enums():
    writers = [name for name in SPECS if not name.startswith(("get_", "top_", "search_", "list_", "find_"))]
    assert all(name.startswith("propose_") for name in writers)
    assert SPECS["propose_expense"]["parameters"]["properties"]["category"]["enum"] == CATEGORIES["expense"]
    assert SPECS["propose_income"]["parameters"]["properties"]["category"]["enum"] == CATEGORIES["income"]
    assert "NOTHING is written" in SPECS["propose_expense"]["description"]


EXPENSE = {"date": "2026-03-17", "category": "Travel", "vendor": "Shell", "payment_method": None,
           "amount": "42.50", "notes": None}


@pytest.mark.parametrize(("arguments", "problem"), [
    ("{bad", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    (json.dumps({**EXPENSE, "extra": 1}), "unknown fields: extra"),
    (json.dumps({k: v for k, v in EXPENSE.items() if k != "amount"}), "missing fields: amount"),
    (json.dumps({**EXPENSE, "category": "Yachts"}), "category must be one of: Advertising"),
    (json.dumps({**EXPENSE, "amount": 42.5}), "amount must be string"),
    (json.dumps({**EXPENSE, "vendor": 7}), "vendor must be string or null"),
])
def test_bad_arguments_are_explained(arguments, problem):
    checked, found = check_arguments(arguments, SPECS["propose_expense"]["parameters"])
    assert checked is None and problem in found


def test_good_arguments_pass():
    checked, problem = check_arguments(json.dumps(EXPENSE), SPECS["propose_expense"]["parameters"])
    assert problem is None and checked == EXPENSE


def test_integer_bounds():
    schema = SPECS["search_entries"]["parameters"]
    arguments = {"kind": "expense", "period": "this_year", "date_from": None, "date_to": None, "category": None,
                 "text": None, "limit": 500}
    assert "limit must be between 1 and 50" in check_arguments(json.dumps(arguments), schema)[1]
    assert "kind must be one of" in check_arguments(json.dumps({**arguments, "kind": "x", "limit": 5}), schema)[1]


SYSTEM = {"role": "system", "content": "You answer from the books."}
CALL = {"role": "assistant", "content": None,
        "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "list_assets", "arguments": "{}"}}]}
FIRST_TURN = [{"role": "user", "content": "q1"}, CALL, {"role": "tool", "tool_call_id": "call_1", "content": "t" * 500},
              {"role": "assistant", "content": "a1"}]
LATER_TURNS = [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "a2"},
               {"role": "user", "content": "q3"}]


def _size(messages):
    return sum(len(json.dumps(message)) for message in messages)


def test_history_that_fits_is_sent_whole():
    messages = [SYSTEM, *FIRST_TURN, *LATER_TURNS]
    assert fit_history(messages, budget=_size(messages)) == messages


def test_the_oldest_turn_goes_whole_so_no_tool_result_loses_its_call():
    messages = [SYSTEM, *FIRST_TURN, *LATER_TURNS]
    # one character short even without the first question: dropping single messages would keep the tool
    # result and lose the call it answers
    budget = _size(messages) - _size(FIRST_TURN[:1]) - 1
    assert fit_history(messages, budget=budget) == [SYSTEM, *LATER_TURNS]


def test_the_system_prompt_and_latest_turn_are_kept_over_any_budget():
    messages = [SYSTEM, *LATER_TURNS, CALL, FIRST_TURN[2]]
    assert fit_history(messages, budget=1) == [SYSTEM, LATER_TURNS[-1], CALL, FIRST_TURN[2]]
