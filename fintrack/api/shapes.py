"""The API's shapes, taken from what the services already define rather than written a second time.

Request bodies are documented from the input schemas of `fintrack.schemas` (the services validate them, so the
messages are the screens'); responses are the services' own value objects (`ledger.Entry`, `assets.Asset`,
`accounts.Owner`, ...). Money is a decimal string ("1234.50"), dates and times ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd
from pydantic import BaseModel

from fintrack.services.ledger import Entry


def body_of(schema: type[BaseModel], *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """`openapi_extra` documenting a route's JSON body as `schema`, without the fields its path settles
    (an expense's `kind`)."""
    return _json_body(shape_of(schema, leave_out))


def shape_of(schema: type[BaseModel], leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON schema of `schema` without the fields in `leave_out`."""
    shape = schema.model_json_schema()
    shape["properties"] = {name: field for name, field in shape["properties"].items() if name not in leave_out}
    shape["required"] = [name for name in shape.get("required", []) if name not in leave_out]
    return shape


def array_body_of(schema: type[BaseModel], *, leave_out: tuple[str, ...] = (), max_items: int) -> dict[str, Any]:
    """`openapi_extra` for a body `{"entries": [<schema>, ...]}` of at most `max_items` items."""
    items = {"type": "array", "items": shape_of(schema, leave_out), "minItems": 1, "maxItems": max_items}
    return _json_body({"type": "object", "properties": {"entries": items}, "required": ["entries"],
                       "additionalProperties": False})


def _json_body(shape: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": shape}}}}


class EntryPage(BaseModel):
    """A page of the ledger's filtered view, with the count and total of the whole view and the cursors of
    the pages before and after it (null at either end)."""

    items: list[Entry]
    total_count: int
    total_amount: Decimal
    next_cursor: str | None
    previous_cursor: str | None


class BulkCreated(BaseModel):
    """What a bulk insert wrote: every entry or none."""

    created: int
    ids: list[int]


class SignedIn(BaseModel):
    """A sign-in token for scripts: send it as `Authorization: Bearer <token>` until it expires."""

    token: str
    token_type: str = "bearer"  # noqa: S105 - the scheme, not a secret
    expires_at: dt.datetime


class Done(BaseModel):
    """A request that changed something and has nothing else to say."""

    detail: str


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts (a missing value is None, never NaN; numpy numbers become Python's)."""
    return [{name: None if pd.isna(value) else value for name, value in record.items()}
            for record in frame.astype(object).to_dict("records")]
