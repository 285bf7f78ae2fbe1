"""What every route depends on: the settings, the shared database, the caller's token and address.

`owner_access` turns the bearer token into the owner it belongs to (401 without a live one); `writer` also
refuses a read-only token (403), so a route that writes cannot forget to check.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from fintrack.config import Settings, settings
from fintrack.db.engine import Database
from fintrack.db.shared import shared_database
from fintrack.services import api_tokens
from fintrack.services.api_tokens import Access
from fintrack.web.clients import client_address

UNKNOWN_CLIENT = "unknown"
log = logging.getLogger(__name__)
_bearer = HTTPBearer(auto_error=False, description="A personal access token (Settings › API tokens) or the "
                                                   "token of POST /api/v1/auth/login")


def config() -> Settings:
    return settings()


def database() -> Database:
    """The process's one `Database` for the configured URL (migrated on first use), as the screens use."""
    return shared_database(settings().database_url)


def client_key(request: Request) -> str:
    """Who is asking, for the per-client limits (the same rule as the screens: `client_address`)."""
    trusted = settings().trusted_proxies
    forwarded = request.headers.getlist("x-forwarded-for") if trusted else []
    peer = request.client.host if request.client else None
    return client_address(peer, forwarded, trusted) or UNKNOWN_CLIENT


def presented_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str | None:
    return credentials.credentials if credentials else None


def owner_access(token: Annotated[str | None, Depends(presented_token)]) -> Access:
    """The caller's owner and scope; 401 for a missing, unknown, expired or revoked token."""
    access = api_tokens.access_for(database(), token=token, secret_key=settings().secret_key)
    if access is None:
        log.warning("api.token_refused", extra={"event": "api.token_refused",
                                                "reason": "no token" if not token else "unknown, expired or revoked"})
        raise HTTPException(401, "Sign in first: send a live token as 'Authorization: Bearer <token>'.",
                            headers={"WWW-Authenticate": "Bearer"})
    return access


def writer(access: Annotated[Access, Depends(owner_access)]) -> Access:
    """The caller's access when the token may write; 403 for a read-only token."""
    if not access.can_write:
        log.warning("api.read_only_refused", extra={"event": "api.read_only_refused", "owner_id": access.owner.id,
                                                    "token_id": access.token_id})
        raise HTTPException(403, "This token is read-only; create a read-write token in Settings to write.")
    return access


Reader = Annotated[Access, Depends(owner_access)]
Writer = Annotated[Access, Depends(writer)]
Db = Annotated[Database, Depends(database)]
