"""Accounts: sign up, sign in (throttled), the owner's profile and password."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fintrack import clock, passwords
from fintrack.config import Settings
from fintrack.db.engine import Database
from fintrack.db.models import User
from fintrack.display import Formats, default_locale
from fintrack.errors import AuthenticationError, ConflictError, NotFoundError, ValidationError
from fintrack.events import SIGN_IN, SIGN_UP, WRITE, observed
from fintrack.repository import money_accounts as money_accounts_repo
from fintrack.repository import sessions as sessions_repo
from fintrack.repository import users as users_repo
from fintrack.schemas import (
    EMAIL_MAX_LENGTH,
    PasswordChangeInput,
    ProfileInput,
    SignUpInput,
    has_control_characters,
    validate,
)
from fintrack.services import rate_limits
from fintrack.services.rate_limits import Limit


@dataclass(frozen=True)
class Owner:
    """The signed-in owner as plain values (safe to keep in session state, never an ORM object)."""

    id: int
    email: str
    business_name: str
    fiscal_year_start: dt.date
    currency_code: str
    locale: str

    @classmethod
    def from_row(cls, user: User) -> Owner:
        return cls(user.id, user.email, user.business_name, user.fiscal_year_start, user.currency_code,
                   user.locale)

    @property
    def formats(self) -> Formats:
        """How this owner's money, numbers and dates are written."""
        return Formats(self.locale, self.currency_code)


@dataclass(frozen=True)
class LoginPolicy:
    """Attempts allowed within `window`: sign-ins per email (a success clears them) and per client,
    sign-ups per client."""

    per_email: int = 5
    per_client: int = 30
    sign_ups_per_client: int = 10
    window: dt.timedelta = dt.timedelta(minutes=15)

    @classmethod
    def from_settings(cls, config: Settings) -> LoginPolicy:
        """The throttling the settings ask for (the screens and the API use the same)."""
        return cls(per_email=config.login_max_failures, per_client=config.login_max_per_client,
                   sign_ups_per_client=config.signup_max_per_client,
                   window=dt.timedelta(minutes=config.login_window_minutes))


@observed("auth.sign_up", family=SIGN_UP, fields=lambda owner: {"owner_id": owner.id})
def sign_up(db: Database, data: dict[str, Any], *, client: str | None = None,
            policy: LoginPolicy = LoginPolicy(), language: str | None = None) -> Owner:
    """Create an account from the sign-up form; a taken email (any case) is a `ConflictError`.

    Without a locale in `data` the owner gets one derived from the currency and the browser's `language`
    ('de-DE' with EUR: de_DE); Settings changes it.

    A sign-up from a `client` (the screens) counts against `policy.sign_ups_per_client` whatever its
    outcome, in its own transaction: "already exists" answers cannot be used to test many emails.
    """
    form = validate(SignUpInput, data)
    if client is not None:
        with db.transaction() as session:
            rate_limits.consume(session, bucket=f"signup:client:{client}",
                                limit=Limit(policy.sign_ups_per_client, policy.window), action="sign-up attempts")
    user = User(
        email=form.email,
        password_hash=passwords.hash_password(form.password),
        business_name=form.business_name,
        fiscal_year_start=form.fiscal_year_start,
        currency_code=form.currency_code,
        locale=form.locale or default_locale(form.currency_code, language),
    )
    try:
        with db.transaction() as session:
            if users_repo.get_by_email(session, email=form.email):
                raise _email_taken()
            users_repo.add(session, user=user)
            money_accounts_repo.add_main(session, owner_id=user.id, opening_date=clock.today())
    except IntegrityError:  # two sign-ups racing for one email
        raise _email_taken() from None
    return Owner.from_row(user)


def _email_taken() -> ConflictError:
    return ConflictError("An account with that email already exists. Sign in instead.")


@observed("auth.sign_in", family=SIGN_IN, fields=lambda owner: {"owner_id": owner.id})
def authenticate(db: Database, *, email: str, password: str, client: str, policy: LoginPolicy) -> Owner:
    """Check a sign-in; the same message for every failure, and about the same time (bcrypt runs either way).

    The attempt is counted first, per email and per client, in one short transaction; bcrypt runs after it
    has committed, so no transaction stays open for its quarter of a second. A success clears the email's
    count.
    """
    email = email.strip().lower()
    email_bucket = sign_in_bucket(email)
    with db.transaction() as session:
        action = "sign-in attempts"
        rate_limits.consume(session, bucket=email_bucket, limit=Limit(policy.per_email, policy.window),
                            action=action)
        rate_limits.consume(session, bucket=f"login:client:{client}",
                            limit=Limit(policy.per_client, policy.window), action=action)
        user = users_repo.get_by_email(session, email=email) if _could_be_an_email(email) else None
    if passwords.check_password(password, user.password_hash if user else None) and user:
        with db.transaction() as session:
            rate_limits.clear(session, bucket=email_bucket)
        return Owner.from_row(user)
    raise AuthenticationError()


def sign_in_bucket(email: str) -> str:
    """The rate-limit bucket of sign-ins with `email`: a hash, so any email fits the column."""
    return f"login:email:{hashlib.sha256(email.strip().lower().encode()).hexdigest()}"


def _could_be_an_email(text: str) -> bool:
    """Whether `text` may be a stored email: one too long for the column, or with a NUL byte (which PostgreSQL
    refuses in a query), is nobody's, and gets the same answer as a wrong password."""
    return len(text) <= EMAIL_MAX_LENGTH and not has_control_characters(text)


def get_owner(db: Database, *, owner_id: int) -> Owner:
    """The owner with `owner_id`, or `NotFoundError`."""
    with db.transaction() as session:
        user = _user(session, owner_id)
        return Owner.from_row(user)


def _user(session: Session, owner_id: int) -> User:
    user = users_repo.get_by_id(session, owner_id=owner_id)
    if user is None:
        raise NotFoundError("account", owner_id)
    return user


@observed("profile.updated", family=WRITE)
def update_profile(db: Database, *, owner_id: int, data: dict[str, Any]) -> Owner:
    """Change business name, fiscal year start, currency and (when given) the locale."""
    form = validate(ProfileInput, data)
    with db.transaction() as session:
        user = _user(session, owner_id)
        user.business_name = form.business_name
        user.fiscal_year_start = form.fiscal_year_start
        user.currency_code = form.currency_code
        user.locale = form.locale or user.locale
        return Owner.from_row(user)


@observed("password.changed", family=WRITE)
def change_password(db: Database, *, owner_id: int, data: dict[str, Any]) -> None:
    """Change the password after checking the current one, and sign out every browser of the owner."""
    form = validate(PasswordChangeInput, data)
    with db.transaction() as session:
        user = _user(session, owner_id)
        if not passwords.check_password(form.current_password, user.password_hash):
            raise ValidationError({"current_password": "is not your current password"})
        user.password_hash = passwords.hash_password(form.new_password)
        sessions_repo.delete_all_for_owner(session, owner_id=owner_id)
