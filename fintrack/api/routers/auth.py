"""Sign-up, sign-in (a token for scripts), sign-out and who am I."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel

from fintrack.api.deps import Db, Reader, client_key, config, presented_token
from fintrack.api.errors import ERROR_RESPONSES
from fintrack.api.shapes import Done, SignedIn, body_of
from fintrack.clock import utcnow
from fintrack.config import Settings
from fintrack.errors import ValidationError
from fintrack.schemas import SignUpInput
from fintrack.services import accounts, sessions
from fintrack.services.accounts import LoginPolicy, Owner

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)
Config = Annotated[Settings, Depends(config)]
Client = Annotated[str, Depends(client_key)]


class Credentials(BaseModel):
    """An email and password, as the sign-in form takes them."""

    email: str
    password: str


@router.post("/signup", status_code=201, response_model=Owner, openapi_extra=body_of(SignUpInput))
def sign_up(data: Annotated[dict[str, Any], Body()], db: Db, settings: Config, client: Client) -> Owner:
    """Create an account (throttled per client like the sign-up screen); then sign in with /auth/login."""
    return accounts.sign_up(db, data, client=client, policy=LoginPolicy.from_settings(settings))


@router.post("/login", response_model=SignedIn)
def log_in(credentials: Credentials, db: Db, settings: Config, client: Client) -> SignedIn:
    """Check the email and password (throttled like the sign-in screen) and return a sign-in token.

    The token reads and writes; it lasts FINTRACK_SESSION_DAYS and ends at sign-out, at sign-out everywhere
    and when the password changes."""
    owner = accounts.authenticate(db, email=credentials.email, password=credentials.password, client=client,
                                  policy=LoginPolicy.from_settings(settings))
    token = sessions.start_session(db, owner_id=owner.id, secret_key=settings.secret_key,
                                   days=settings.session_days, client=sessions.SCRIPT)
    return SignedIn(token=token, expires_at=utcnow() + dt.timedelta(days=settings.session_days))


@router.post("/logout", response_model=Done)
def log_out(access: Reader, db: Db, settings: Config, token: Annotated[str | None, Depends(presented_token)],
            everywhere: Annotated[bool, Query(description="End every sign-in of the owner: browsers and "
                                                          "scripts (personal tokens stay)")] = False) -> Done:
    """End this sign-in token, or with `everywhere=true` every sign-in of the owner."""
    if everywhere:
        sessions.end_all_sessions(db, owner_id=access.owner.id)
        return Done(detail="Signed out everywhere.")
    if access.token_id is not None:
        raise ValidationError({"token": "is a personal token: revoke it in Settings or with "
                                        "DELETE /api/v1/user/tokens/{id}"})
    sessions.end_session(db, token=token or "", secret_key=settings.secret_key)
    return Done(detail="Signed out.")


@router.get("/me", response_model=Owner)
def me(access: Reader) -> Owner:
    """The owner of the token: email, business name, fiscal year start, currency and locale."""
    return access.owner
