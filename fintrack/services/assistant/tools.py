"""The model's tools: strict JSON schemas, argument checking, and what each call does.

Read tools answer from the books at once. Write tools (`propose_*`) only build a validated proposal that
the screen shows as a card; the tool result tells the model that nothing is written until the owner
confirms. Bad arguments come back to the model as a clear `{"error": ...}` result, never an exception.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from fintrack.db.engine import Database
from fintrack.errors import FinTrackError, ValidationError
from fintrack.kinds import ENTRY_KINDS
from fintrack.schemas import AssetInput, EntryInput, parse_date, validate
from fintrack.services import gaps, ledger, money_accounts
from fintrack.services.accounts import Owner
from fintrack.services.assistant import books, money_answers
from fintrack.services.assistant.proposals import (
    ADD_ASSET,
    ADD_ENTRY,
    CHANGE_CATEGORY,
    asset_fields,
    entry_fields,
    party_field,
)

PERIOD_DOC = ("Period: a preset relative to today (this_year/last_year are fiscal years), 'all_time', or "
              "'custom' with date_from and date_to (YYYY-MM-DD).")
NULLABLE_TEXT = {"type": ["string", "null"]}
DATE = {"type": "string", "description": "YYYY-MM-DD"}
AMOUNT = {"type": "string", "description": "Positive amount with at most two decimals, like 42.50"}
FAILED = "the tool failed on the server; tell the owner it could not be answered and suggest asking differently"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """Who is asking and when: every tool call is scoped to this owner."""

    db: Database
    owner: Owner
    today: dt.date
    categories: dict[str, list[str]]

    @cached_property
    def tool_specs(self) -> list[dict[str, Any]]:
        """The tool definitions for this owner, built once per answer."""
        return specs(self.categories)

    @cached_property
    def schemas(self) -> dict[str, dict[str, Any]]:
        """Each tool's parameter schema by name."""
        return {spec["function"]["name"]: spec["function"]["parameters"] for spec in self.tool_specs}


@dataclass(frozen=True)
class Outcome:
    """A tool's result for the model, and the proposal to show (write tools only)."""

    result: dict[str, Any]
    proposal: tuple[str, dict[str, Any]] | None = None


def _obj(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def _period_props() -> dict[str, Any]:
    return {"period": {"type": "string", "enum": [*books.PERIOD_KEYS, "custom"], "description": PERIOD_DOC},
            "date_from": NULLABLE_TEXT, "date_to": NULLABLE_TEXT}


def _category(kind: str, categories: dict[str, list[str]], nullable: bool) -> dict[str, Any]:
    names = list(categories.get(kind, []))
    if nullable:
        return {"type": ["string", "null"], "enum": [*names, None]}
    return {"type": "string", "enum": names}


def _entry_props(kind: str, categories: dict[str, list[str]]) -> dict[str, Any]:
    party = party_field(kind)
    return {"date": DATE, "category": _category(kind, categories, nullable=False), party: NULLABLE_TEXT,
            "payment_method": NULLABLE_TEXT, "amount": AMOUNT, "notes": NULLABLE_TEXT}


def _function(name: str, description: str, parameters: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function",
            "function": {"name": name, "description": description, "parameters": parameters, "strict": True}}


def specs(categories: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The tool definitions sent with every request (categories as enums where known)."""
    kind = {"type": "string", "enum": list(ENTRY_KINDS)}
    return [
        _function("get_summary", "Income, expenses, net profit and margin of a period, with categories.",
                  _obj(_period_props())),
        _function("get_totals", "Total and count of expenses or incomes in a period, optionally for one "
                  "category and/or one vendor/client (matched by name).",
                  _obj({"kind": kind, **_period_props(), "category": NULLABLE_TEXT, "party": NULLABLE_TEXT})),
        _function("top_parties", "The ten largest clients (kind=income) or vendors (kind=expense) of a period.",
                  _obj({"kind": kind, **_period_props()})),
        _function("search_entries", "Find entries; text matches vendor/client or notes. Returns at most limit rows.",
                  _obj({"kind": kind, **_period_props(), "category": NULLABLE_TEXT, "text": NULLABLE_TEXT,
                        "limit": {"type": "integer", "minimum": 1, "maximum": books.SEARCH_LIMIT}})),
        _function("list_assets", "Every asset of the business with its value and the total.", _obj({})),
        _function("find_missing_data", "What is missing from the books, with a suggested question for each.",
                  _obj({})),
        _function("propose_expense", "Propose adding an expense. Shown to the owner as a card; NOTHING is "
                  "written until the owner clicks Confirm.", _obj(_entry_props("expense", categories))),
        _function("propose_income", "Propose adding an income. Shown as a card; nothing is written until the "
                  "owner confirms.", _obj(_entry_props("income", categories))),
        _function("propose_asset", "Propose adding an asset. Shown as a card; nothing is written until the "
                  "owner confirms.", _obj({"name": {"type": "string"}, "acquisition_date": DATE, "value": AMOUNT,
                                           "type": NULLABLE_TEXT, "notes": NULLABLE_TEXT})),
        _function("get_account_balances", "Each money account's balance (bank, card, cash, payment platform) at "
                  "the end of a day, or with all the books when on is null, and total cash.",
                  _obj({"on": {"type": ["string", "null"], "description": "YYYY-MM-DD, or null"}})),
        _function("propose_transfer", "Propose a transfer between two of the owner's accounts, named as "
                  "get_account_balances names them (paying the card from the bank, a payout reaching the bank): "
                  "neither income nor expense. Shown as a card; nothing is written until the owner confirms.",
                  _obj({"from_account": {"type": "string"}, "to_account": {"type": "string"}, "date": DATE,
                        "amount": AMOUNT, "notes": NULLABLE_TEXT})),
        _function("propose_category_change", "Propose moving one entry (by id, from search_entries) to another "
                  "category. Shown as a card; nothing changes until the owner confirms.",
                  _obj({"kind": kind, "entry_id": {"type": "integer"}, "category": {"type": "string"}})),
    ]


# --- checking arguments against the schema --------------------------------------------------------------

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str), "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool), "object": lambda v: isinstance(v, dict),
}


def check_arguments(raw: str, schema: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """Parse the model's JSON arguments and check them against the strict schema: (arguments, problem)."""
    try:
        arguments = json.loads(raw or "{}")
    except json.JSONDecodeError as error:
        return None, f"arguments are not valid JSON ({error.msg} at position {error.pos})"
    if not isinstance(arguments, dict):
        return None, "arguments must be a JSON object"
    properties = schema["properties"]
    extra = sorted(set(arguments) - set(properties))
    missing = [name for name in schema["required"] if name not in arguments]
    if extra or missing:
        return None, "; ".join(filter(None, [extra and f"unknown fields: {', '.join(extra)}",
                                              missing and f"missing fields: {', '.join(missing)}"]))
    problems = [_check_value(name, arguments[name], rule) for name, rule in properties.items()]
    problems = [problem for problem in problems if problem]
    return (None, "; ".join(problems)) if problems else (arguments, None)


def _check_value(name: str, value: Any, rule: dict[str, Any]) -> str | None:
    types = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
    if not any(_TYPES[kind](value) for kind in types):
        return f"{name} must be {' or '.join(types)}"
    if "enum" in rule and value not in rule["enum"]:
        shown = ", ".join(str(choice) for choice in rule["enum"] if choice is not None)
        return f"{name} must be one of: {shown}"
    if isinstance(value, int) and not (rule.get("minimum", value) <= value <= rule.get("maximum", value)):
        return f"{name} must be between {rule.get('minimum')} and {rule.get('maximum')}"
    return None


# --- running a call -------------------------------------------------------------------------------------


def run(context: Context, name: str, raw_arguments: str) -> Outcome:
    """Run one tool call for the owner in `context`; every failure becomes an error result."""
    schema = context.schemas.get(name)
    if schema is None:
        return Outcome({"error": f"there is no tool named {name!r}"})
    arguments, problem = check_arguments(raw_arguments, schema)
    if problem:
        return Outcome({"error": f"invalid arguments for {name}: {problem}. Fix them and call again."})
    try:
        return _HANDLERS[name](context, arguments)
    except FinTrackError as error:
        return Outcome({"error": str(error)})
    except Exception:  # a bug must not leave the question waiting (and retried, costing a slot, each rerun)
        log.exception("tool %s failed", name)
        return Outcome({"error": FAILED})


def dumps(result: dict[str, Any]) -> str:
    """A tool result as JSON text (the model reads entries' text as data inside it)."""
    return json.dumps(result, ensure_ascii=False, default=str)


def _period(context: Context, arguments: dict[str, Any]) -> books.Period:
    return books.resolve_period(arguments["period"], db=context.db, owner=context.owner, today=context.today,
                                date_from=arguments["date_from"], date_to=arguments["date_to"])


def _known_category(context: Context, kind: str, name: str) -> str | None:
    """The owner's category called `name` in any case (the exact spelling first), else None."""
    known = context.categories.get(kind, [])
    if name in known:
        return name
    return next((category for category in known if category.casefold() == name.strip().casefold()), None)


def _read_category(context: Context, kind: str, name: str | None) -> str | None:
    """The category a read tool filters on, as the owner spells it; an unknown one is an error that lists
    the known ones (an exact match on a misspelling would silently find nothing)."""
    if name is None or not name.strip():
        return None
    found = _known_category(context, kind, name)
    if found is None:
        known = ", ".join(context.categories.get(kind, [])) or "none yet"
        raise ValidationError({"category": f"'{name}' is not one of the {kind} categories; use one of: {known}"})
    return found


def _summary(context: Context, arguments: dict[str, Any]) -> Outcome:
    return Outcome(books.summary(context.db, owner=context.owner, period=_period(context, arguments),
                                 today=context.today))


def _totals(context: Context, arguments: dict[str, Any]) -> Outcome:
    category = _read_category(context, arguments["kind"], arguments["category"])
    return Outcome(books.total(context.db, owner=context.owner, kind=arguments["kind"],
                               period=_period(context, arguments), category=category, party=arguments["party"]))


def _top(context: Context, arguments: dict[str, Any]) -> Outcome:
    return Outcome(books.top_parties(context.db, owner=context.owner, kind=arguments["kind"],
                                     period=_period(context, arguments)))


def _search(context: Context, arguments: dict[str, Any]) -> Outcome:
    category = _read_category(context, arguments["kind"], arguments["category"])
    return Outcome(books.search(context.db, owner=context.owner, kind=arguments["kind"],
                                period=_period(context, arguments), category=category, text=arguments["text"],
                                limit=arguments["limit"]))


def _assets(context: Context, arguments: dict[str, Any]) -> Outcome:
    return Outcome(books.assets(context.db, owner=context.owner))


def _missing(context: Context, arguments: dict[str, Any]) -> Outcome:
    found = gaps.find_gaps(context.db, owner=context.owner, today=context.today)
    return Outcome({"gaps": [gap.as_json() for gap in found]})


_PROPOSED = ("Shown to the owner as a card with Confirm and Cancel buttons. NOTHING has been written yet: "
             "tell the owner to check the card and click Confirm; do not say it is saved.")


def _propose_entry(kind: str) -> Callable[[Context, dict[str, Any]], Outcome]:
    party = party_field(kind)

    def propose(context: Context, arguments: dict[str, Any]) -> Outcome:
        data = {key: value for key, value in arguments.items() if key != party}
        entry = validate(EntryInput, {**data, "kind": kind, "party": arguments[party]})
        fields = entry_fields(entry)
        return Outcome({"status": "proposed", "proposal": fields, "note": _PROPOSED}, (ADD_ENTRY, fields))

    return propose


def _propose_asset(context: Context, arguments: dict[str, Any]) -> Outcome:
    fields = asset_fields(validate(AssetInput, arguments))
    return Outcome({"status": "proposed", "proposal": fields, "note": _PROPOSED}, (ADD_ASSET, fields))


def _account_balances(context: Context, arguments: dict[str, Any]) -> Outcome:
    on = parse_date(arguments["on"]) if arguments["on"] else None
    found = money_accounts.balances(context.db, owner_id=context.owner.id, on=on)
    return Outcome({"on": on.isoformat() if on else "all the books", "total_cash": str(
        money_accounts.total_cash(found)), "accounts": [
        {"name": b.account.name, "type": b.account.type_label, "balance": str(b.balance)} for b in found]})


def _propose_transfer(context: Context, arguments: dict[str, Any]) -> Outcome:
    data = {key: arguments[key] for key in ("date", "amount", "notes")}
    text, proposal = money_answers.propose_transfer(context.db, owner=context.owner, data=data,
                                                    source=arguments["from_account"], target=arguments["to_account"])
    if proposal is None:
        return Outcome({"error": text})
    return Outcome({"status": "proposed", "proposal": proposal[1], "note": _PROPOSED}, proposal)


def _propose_category_change(context: Context, arguments: dict[str, Any]) -> Outcome:
    entry = ledger.get_entry(context.db, owner_id=context.owner.id, kind=arguments["kind"],
                             entry_id=arguments["entry_id"])
    typed = arguments["category"].strip()  # a new category is allowed, as in the ledger form
    category = _known_category(context, entry.kind, typed) or typed
    validate(EntryInput, entry.as_form() | {"category": category})
    fields = {"kind": entry.kind, "entry_id": entry.id, "category": category, "from_category": entry.category,
              "date": entry.date.isoformat(), "party": entry.party, "amount": str(entry.amount)}
    return Outcome({"status": "proposed", "proposal": fields, "note": _PROPOSED}, (CHANGE_CATEGORY, fields))


_HANDLERS: dict[str, Callable[[Context, dict[str, Any]], Outcome]] = {
    "get_summary": _summary, "get_totals": _totals, "top_parties": _top, "search_entries": _search,
    "list_assets": _assets, "find_missing_data": _missing, "propose_expense": _propose_entry("expense"),
    "propose_income": _propose_entry("income"), "propose_asset": _propose_asset,
    "propose_category_change": _propose_category_change, "get_account_balances": _account_balances,
    "propose_transfer": _propose_transfer,
}
