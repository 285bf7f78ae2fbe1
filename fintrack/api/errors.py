"""How refusals look over HTTP: the services' named errors become statuses with one JSON body shape.

`{"detail": "...", "errors": [{"field": "amount", "message": "..."}]}`: `detail` is the message the screens
show; `errors` lists each field's problem for a validation error (422). Another owner's id is a 404, exactly
like a missing one; a rate limit is a 429 with `Retry-After`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from fintrack.errors import (
    AuthenticationError,
    ConflictError,
    FinTrackError,
    NotFoundError,
    NotSavedError,
    RateLimitedError,
    ValidationError,
)

_STATUS: tuple[tuple[type[FinTrackError], int], ...] = (
    (ValidationError, 422), (NotFoundError, 404), (ConflictError, 409), (AuthenticationError, 401),
    (RateLimitedError, 429), (NotSavedError, 503))


class FieldError(BaseModel):
    """One field's problem, worded for people."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """Every error response of the API."""

    detail: str
    errors: list[FieldError] = []


def error_response(status: int, detail: str, errors: list[FieldError] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON error response in the API's one shape."""
    body = ErrorBody(detail=detail, errors=errors or [])
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def status_of(error: FinTrackError) -> int:
    """The HTTP status of a named error (400 for one without a status of its own)."""
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 400)


async def _named_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, FinTrackError)
    headers = {"Retry-After": str(error.retry_after_seconds)} if isinstance(error, RateLimitedError) else None
    fields = ([FieldError(field=name, message=f"{error.label(name)}: {text}")
               for name, text in error.field_errors.items()] if isinstance(error, ValidationError) else [])
    return error_response(status_of(error), error.message, fields, headers)


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own checks (a query parameter that is not a number, a body that is not JSON) in our shape."""
    assert isinstance(error, RequestValidationError)
    fields = [FieldError(field=".".join(str(part) for part in problem["loc"][1:]) or problem["loc"][0],
                         message=problem["msg"]) for problem in error.errors()]
    return error_response(422, "Please correct: " + "; ".join(f"{f.field}: {f.message}" for f in fields), fields)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return error_response(error.status_code, str(error.detail), headers=dict(error.headers or {}))


def install_error_handlers(api: FastAPI) -> None:
    """Answer every refusal of `api` in the one error shape."""
    api.add_exception_handler(FinTrackError, _named_error)
    api.add_exception_handler(RequestValidationError, _invalid_request)
    api.add_exception_handler(HTTPException, _http_error)


ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody, "description": description} for status, description in (
        (401, "No token, or an unknown, expired or revoked one"), (404, "No such thing for this owner"),
        (413, "The request body is too large"), (422, "The input breaks a rule; `errors` says where"),
        (429, "Too many attempts for now; `Retry-After` says when to try again"))}
WRITE_RESPONSES: dict[int | str, dict] = {
    **ERROR_RESPONSES, 403: {"model": ErrorBody, "description": "A read-only token cannot write"}}
RECONCILED_RESPONSES: dict[int | str, dict] = {  # a change of an entry ticked off against a statement
    **WRITE_RESPONSES, 409: {"model": ErrorBody, "description": "The entry is reconciled; send reopen_reconciled"}}
