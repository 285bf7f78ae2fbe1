"""The owner's settings (business profile, password) and personal access tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from fintrack.api.deps import Db, Reader, Writer, config
from fintrack.api.errors import ERROR_RESPONSES, WRITE_RESPONSES
from fintrack.api.shapes import Done, body_of
from fintrack.config import Settings
from fintrack.schemas import ApiTokenInput, PasswordChangeInput, ProfileInput
from fintrack.services import accounts, api_tokens
from fintrack.services.accounts import Owner
from fintrack.services.api_tokens import NewToken, TokenInfo

router = APIRouter(prefix="/user", tags=["settings"], responses=ERROR_RESPONSES)


@router.get("/settings", response_model=Owner)
def get_settings(access: Reader) -> Owner:
    """The business settings: name, fiscal year start, currency and locale."""
    return access.owner


@router.put("/settings", response_model=Owner, responses=WRITE_RESPONSES, openapi_extra=body_of(ProfileInput))
def put_settings(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Owner:
    """Change the business settings (a locale left out is kept)."""
    return accounts.update_profile(db, owner_id=access.owner.id, data=data)


@router.put("/password", response_model=Done, responses=WRITE_RESPONSES,
            openapi_extra=body_of(PasswordChangeInput))
def put_password(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Done:
    """Change the password; every sign-in (browsers and sign-in tokens) ends, personal tokens stay."""
    accounts.change_password(db, owner_id=access.owner.id, data=data)
    return Done(detail="Password changed; every sign-in has ended.")


@router.get("/tokens", response_model=list[TokenInfo])
def list_tokens(access: Reader, db: Db) -> list[TokenInfo]:
    """The owner's personal tokens (names, scopes, dates; never the tokens themselves)."""
    return api_tokens.list_tokens(db, owner_id=access.owner.id)


@router.post("/tokens", status_code=201, response_model=NewToken, responses=WRITE_RESPONSES,
             openapi_extra=body_of(ApiTokenInput))
def create_token(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db,
                 settings: Annotated[Settings, Depends(config)]) -> NewToken:
    """A new personal token; `token` is shown this once."""
    return api_tokens.create_token(db, owner_id=access.owner.id, data=data, secret_key=settings.secret_key)


@router.delete("/tokens/{token_id}", response_model=Done, responses=WRITE_RESPONSES)
def revoke_token(token_id: int, access: Writer, db: Db) -> Done:
    """Revoke one personal token at once."""
    api_tokens.revoke_token(db, owner_id=access.owner.id, token_id=token_id)
    return Done(detail="Token revoked.")


@router.delete("/tokens", response_model=Done, responses=WRITE_RESPONSES)
def revoke_all_tokens(access: Writer, db: Db) -> Done:
    """Revoke every personal token of the owner."""
    revoked = api_tokens.revoke_all(db, owner_id=access.owner.id)
    return Done(detail=f"{revoked} token(s) revoked.")
