"""'Delete my account': every row of the owner goes, in one transaction, after the owner proves it twice.

The owner types their email address (so a stray click or the wrong tab deletes nothing) and their password
(so a browser left signed in is not enough). Password attempts count against the same per-email limit as
sign-ins, so this form cannot be used to guess a password faster than the sign-in screen allows.
"""

from __future__ import annotations

from fintrack import passwords
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.repository import owner_data
from fintrack.repository import users as users_repo
from fintrack.services import accounts, rate_limits
from fintrack.services.accounts import LoginPolicy
from fintrack.services.assistant.limits import owner_buckets
from fintrack.services.rate_limits import Limit


@observed("account.deleted", family=WRITE, fields=lambda removed: {"rows": sum(removed.values())})
def delete_account(db: Database, *, owner_id: int, confirmation: str, password: str,
                   policy: LoginPolicy) -> dict[str, int]:
    """Delete the owner and everything the owner has (books, sessions, mappings, the assistant's records,
    rate-limit counts); return how many rows went from each table. Nothing is deleted unless `confirmation`
    is the owner's email (any case) and `password` is theirs."""
    owner = accounts.get_owner(db, owner_id=owner_id)
    if confirmation.strip().lower() != owner.email.lower():
        raise ValidationError({"confirmation": "is not your email address; type it to confirm"})
    bucket = accounts.sign_in_bucket(owner.email)
    with db.transaction() as session:
        rate_limits.consume(session, bucket=bucket, limit=Limit(policy.per_email, policy.window),
                            action="password attempts")
        user = users_repo.get_by_id(session, owner_id=owner_id)
        if user is None:
            raise NotFoundError("account", owner_id)
        password_hash = user.password_hash
    if not passwords.check_password(password, password_hash):  # bcrypt runs outside any transaction
        raise ValidationError({"password": "is not your password"})
    with db.transaction() as session:
        return owner_data.delete_owner(session, owner_id=owner_id, buckets=(bucket, *owner_buckets(owner_id)))
