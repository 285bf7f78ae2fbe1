"""Who is calling the API: personal access tokens (created and revoked in Settings) and sign-in tokens.

A personal token reads, or reads and writes; it works until its last day or until it is revoked. Only its
keyed hash is stored (as for sessions, `sessions.token_hash`), so it is shown once, when created. The
API's sign-in endpoint hands a script a session token instead (`sessions.start_session`): it lasts as long as a
browser's sign-in and dies with it when the owner signs out everywhere or changes the password.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.repository import api_tokens as repo
from fintrack.repository import sessions as sessions_repo
from fintrack.schemas import ApiTokenInput, validate
from fintrack.services.accounts import Owner
from fintrack.services.sessions import token_hash

PREFIX = "ftp_"  # personal tokens are recognisable in a config file or a leak scanner
USE_RECORDED_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    """A personal token as the owner sees it in Settings (never the token itself after creation)."""

    id: int
    name: str
    can_write: bool
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None


@dataclass(frozen=True)
class NewToken:
    """A token just created: `token` is the only time its secret is shown."""

    token: str
    info: TokenInfo


@dataclass(frozen=True)
class Access:
    """The owner behind a bearer token and what the token allows. `token_id` is None for a sign-in token."""

    owner: Owner
    can_write: bool
    token_id: int | None = None


def _info(row: dict[str, Any]) -> TokenInfo:
    """The token's row with its times in UTC (SQLite hands them back without their offset)."""
    return TokenInfo(**{name: _utc(value) if isinstance(value, dt.datetime) else value for name, value in row.items()})


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@observed("api_token.created", family=WRITE, fields=lambda new: {"token_id": new.info.id})
def create_token(db: Database, *, owner_id: int, data: dict[str, Any], secret_key: str,
                 today: dt.date | None = None) -> NewToken:
    """A new personal token from `data` (name, can_write, expires_on); the secret is in the result only."""
    form = validate(ApiTokenInput, data)
    today = today or utcnow().date()
    if form.expires_on is not None and form.expires_on < today:
        raise ValidationError({"expires_on": "is in the past; choose today or a later day"})
    expires_at = (dt.datetime.combine(form.expires_on + dt.timedelta(days=1), dt.time(), dt.UTC)
                  if form.expires_on else None)
    token = PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as session:
        token_id = repo.add(session, owner_id=owner_id, name=form.name, token_hash=token_hash(token, secret_key),
                            can_write=form.can_write, now=utcnow(), expires_at=expires_at)
        return NewToken(token, _info(repo.get(session, owner_id=owner_id, token_id=token_id)))


def list_tokens(db: Database, *, owner_id: int) -> list[TokenInfo]:
    """The owner's personal tokens, newest first."""
    with db.transaction() as session:
        return [_info(row) for row in repo.list_for_owner(session, owner_id=owner_id)]


@observed("api_token.revoked", family=WRITE)
def revoke_token(db: Database, *, owner_id: int, token_id: int) -> None:
    """Revoke one personal token at once; another owner's id is `NotFoundError`, like a missing one."""
    with db.transaction() as session:
        if not repo.delete_one(session, owner_id=owner_id, token_id=token_id):
            raise NotFoundError("token", token_id)


@observed("api_token.revoked_all", family=WRITE, fields=lambda revoked: {"tokens": revoked})
def revoke_all(db: Database, *, owner_id: int) -> int:
    """Revoke every personal token of the owner; returns how many there were."""
    with db.transaction() as session:
        return repo.delete_all(session, owner_id=owner_id)


def access_for(db: Database, *, token: str | None, secret_key: str) -> Access | None:
    """Who a bearer token belongs to and whether it may write, or None (unknown, expired or revoked).

    A personal token's use is recorded (at most once a minute, so a busy script does not write on every call).
    """
    if not token:
        return None
    hashed, now = token_hash(token, secret_key), utcnow()
    with db.transaction() as session:
        if token.startswith(PREFIX):
            found = repo.find_live(session, token_hash=hashed, now=now)
            if found is None:
                return None
            user, token_id, can_write = found
            repo.mark_used(session, token_id=token_id, now=now, unless_since=now - USE_RECORDED_EVERY)
            return Access(Owner.from_row(user), can_write, token_id)
        user = sessions_repo.find_live_owner(session, token_hash=hashed, now=now)
        return Access(Owner.from_row(user), can_write=True) if user else None
