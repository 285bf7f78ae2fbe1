"""Server-side sign-in sessions: the cookie carries a random token, the database its keyed hash.

Revocation is a row deletion: sign-out deletes one session, a password change all of the owner's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import time

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.db.models import BROWSER, SCRIPT
from fintrack.events import SIGN_OUT, SUCCESS, emit
from fintrack.repository import sessions as repo
from fintrack.services import rate_limits
from fintrack.services.accounts import Owner

LOGIN_TOKEN_SECONDS = 60
log = logging.getLogger(__name__)


def token_hash(token: str, secret_key: str) -> str:
    """HMAC-SHA256 of a token under the app's secret key: a stolen table cannot be replayed as cookies."""
    return hmac.new(secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def start_session(db: Database, *, owner_id: int, secret_key: str, days: int, client: str = BROWSER) -> str:
    """Create a session for `owner_id` and return its token: a browser's to put in the cookie, or a script's
    (`client` SCRIPT) to send as a bearer token.

    Sign-ins are rare enough and regular enough to sweep what has expired: old sessions, login tokens and
    rate-limit events.
    """
    token, now = new_token(), utcnow()
    with db.transaction() as session:
        repo.delete_expired(session, now=now)
        rate_limits.prune(session, now=now)
        repo.add_session(session, token_hash=token_hash(token, secret_key), owner_id=owner_id, now=now,
                         expires_at=now + dt.timedelta(days=days), client=client)
    return token


def owner_for_token(db: Database, *, token: str | None, secret_key: str) -> Owner | None:
    """The owner behind a live session token, or None (unknown, expired or revoked)."""
    if not token:
        return None
    with db.transaction() as session:
        user = repo.find_live_owner(session, token_hash=token_hash(token, secret_key), now=utcnow())
        return Owner.from_row(user) if user else None


def end_session(db: Database, *, token: str, secret_key: str) -> None:
    """Sign one browser out (the session row is deleted, so the old cookie is dead everywhere).

    Logged only when a session ended: the screen and then the sign-out route both call this for one sign-out.
    """
    started = time.perf_counter()
    with db.transaction() as session:
        owner_id = repo.delete_session(session, token_hash=token_hash(token, secret_key))
    if owner_id is not None:
        emit(log, "auth.sign_out", family=SIGN_OUT, started=started, outcome=SUCCESS, owner_id=owner_id)


def end_all_sessions(db: Database, *, owner_id: int) -> None:
    """Sign the owner out everywhere: every browser and every script holding a sign-in token."""
    started = time.perf_counter()
    with db.transaction() as session:
        repo.delete_all_for_owner(session, owner_id=owner_id)
    emit(log, "auth.sign_out_everywhere", family=SIGN_OUT, started=started, outcome=SUCCESS, owner_id=owner_id)


def live_sessions(db: Database) -> dict[str, int]:
    """The live sign-ins (sessions not yet expired) of browsers and of scripts, for the metrics."""
    with db.transaction() as session:
        counted = repo.count_live(session, now=utcnow())
    return {client: counted.get(client, 0) for client in (BROWSER, SCRIPT)}


def issue_login_token(db: Database, *, owner_id: int, browser_id: str, secret_key: str) -> str:
    """A one-time token, valid for a minute in the browser identified by `browser_id` only."""
    token = new_token()
    with db.transaction() as session:
        repo.add_login_token(session, token_hash=token_hash(token, secret_key), owner_id=owner_id,
                             browser_hash=token_hash(browser_id, secret_key),
                             expires_at=utcnow() + dt.timedelta(seconds=LOGIN_TOKEN_SECONDS))
    return token


def redeem_login_token(db: Database, *, token: str, browser_id: str, secret_key: str,
                       days: int) -> str | None:
    """Spend a login token (once) from the browser it was issued to; return a new session token."""
    with db.transaction() as session:
        found = repo.take_login_token(session, token_hash=token_hash(token, secret_key))
    if found is None:
        return _refused("unknown or already spent")
    if not hmac.compare_digest(found.browser_hash, token_hash(browser_id, secret_key)):
        return _refused("issued to another browser", owner_id=found.user_id)
    expires_at = found.expires_at if found.expires_at.tzinfo else found.expires_at.replace(tzinfo=dt.UTC)
    if expires_at <= utcnow():
        return _refused("expired", owner_id=found.user_id)
    return start_session(db, owner_id=found.user_id, secret_key=secret_key, days=days)


def _refused(reason: str, **owner: int) -> None:
    """Log a login token that started no session (a replay or a token carried to another browser shows here)."""
    log.warning("auth.login_token_refused", extra={"event": "auth.login_token_refused", "reason": reason, **owner})
