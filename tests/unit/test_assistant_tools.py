"""The model's tool definitions are strict, and arguments are checked against them."""

from __future__ import annotations

import json

import pytest

from fintrack.categories import DEFAULT_CATEGORIES
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
