"""Accounts against real databases: sign-up rules, sign-in throttling, profile and password."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from fintrack import passwords
from fintrack.display import Formats
from fintrack.errors import AuthenticationError, ConflictError, RateLimitedError, ValidationError
from fintrack.services import accounts, sessions
from fintrack.services.accounts import LoginPolicy

POLICY = LoginPolicy(per_email=3, per_client=5, window=dt.timedelta(minutes=15))


def test_sign_up_stores_a_bcrypt_hash_and_a_lowercase_email(db, make_owner):
    owner = make_owner(email="Ann@Example.COM")
    assert owner.email == "ann@example.com"
    with db.transaction() as session:
        from fintrack.repository.users import get_by_id

        stored = get_by_id(session, owner_id=owner.id).password_hash
    assert stored.startswith("$2b$") and "correct horse" not in stored
    assert passwords.check_password("correct horse battery", stored)


def test_streamlit_authenticator_reads_our_hashes():
    from streamlit_authenticator.utilities.hasher import Hasher

    assert Hasher.check_pw("correct horse battery", passwords.hash_password("correct horse battery"))


def test_duplicate_email_in_any_case_is_refused(db, make_owner):
    make_owner(email="dup@example.com")
    with pytest.raises(ConflictError, match="already exists"):
        make_owner(email="DUP@example.com")


def test_sign_ups_are_throttled_per_client_taken_emails_included(db):
    policy = LoginPolicy(sign_ups_per_client=2)
    form = {"password": "correct horse battery", "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
            "currency_code": "EUR"}
    accounts.sign_up(db, {**form, "email": "first@example.com"}, client="5.5.5.5", policy=policy)
    with pytest.raises(ConflictError, match="already exists"):
        accounts.sign_up(db, {**form, "email": "first@example.com"}, client="5.5.5.5", policy=policy)
    with pytest.raises(RateLimitedError, match="Too many sign-up attempts"):
        accounts.sign_up(db, {**form, "email": "second@example.com"}, client="5.5.5.5", policy=policy)
    assert accounts.sign_up(db, {**form, "email": "second@example.com"}, client="6.6.6.6", policy=policy)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "not an email"),
        ("password", "short", "at least 10"),
        ("currency_code", "XYZ", "not an ISO 4217"),
        ("business_name", "x" * 300, "too long"),
        ("business_name", "   ", "required"),
    ],
)
def test_bad_sign_up_input_is_refused_and_writes_nothing(db, make_owner, field, value, message):
    from sqlalchemy import func, select

    from fintrack.db.models import User

    with db.transaction() as session:
        before = session.scalar(select(func.count(User.id)))
    with pytest.raises(ValidationError, match=message):
        make_owner(**{field: value})
    with db.transaction() as session:
        assert session.scalar(select(func.count(User.id))) == before


def test_sign_in_with_the_right_password(db, make_owner):
    owner = make_owner(email="in@example.com")
    signed_in = accounts.authenticate(db, email="IN@example.com", password="correct horse battery",
                                      client="1.2.3.4", policy=POLICY)
    assert signed_in == owner


def test_unknown_email_and_wrong_password_read_the_same(db, make_owner):
    make_owner(email="known@example.com")
    with pytest.raises(AuthenticationError) as unknown:
        accounts.authenticate(db, email="nobody@example.com", password="whatever12", client="c", policy=POLICY)
    with pytest.raises(AuthenticationError) as wrong:
        accounts.authenticate(db, email="known@example.com", password="whatever12", client="c", policy=POLICY)
    assert str(unknown.value) == str(wrong.value)


def test_failed_sign_ins_are_throttled_per_email(db, make_owner):
    make_owner(email="target@example.com")
    for client in ("a", "b", "c"):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(db, email="target@example.com", password="wrong-password", client=client,
                                  policy=POLICY)
    with pytest.raises(RateLimitedError, match="try again in"):
        accounts.authenticate(db, email="target@example.com", password="correct horse battery",
                              client="d", policy=POLICY)


def test_failed_sign_ins_are_throttled_per_client(db, make_owner):
    for number in range(5):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(db, email=f"x{number}@example.com", password="wrong-password",
                                  client="9.9.9.9", policy=POLICY)
    make_owner(email="victim@example.com")
    with pytest.raises(RateLimitedError):
        accounts.authenticate(db, email="victim@example.com", password="correct horse battery",
                              client="9.9.9.9", policy=POLICY)
    assert accounts.authenticate(db, email="victim@example.com", password="correct horse battery",
                                 client="8.8.8.8", policy=POLICY)


def _in_parallel(count: int, attempt) -> list[type[Exception]]:  # noqa: ANN001
    """Run `attempt(number)` in `count` threads released at once; the expected errors' types, in order.

    Any other exception (a "database is locked") is re-raised by `result()` and fails the test.
    """
    barrier = threading.Barrier(count)

    def run(number: int) -> type[Exception]:
        barrier.wait()
        try:
            attempt(number)
        except (AuthenticationError, RateLimitedError) as exc:
            return type(exc)
        raise AssertionError("a wrong password signed in")

    with ThreadPoolExecutor(count) as pool:
        return [future.result() for future in [pool.submit(run, number) for number in range(count)]]


@pytest.mark.parametrize("shared", ["email", "client"])
def test_parallel_wrong_passwords_never_pass_the_limit_and_never_crash(committing_db, monkeypatch, shared):
    monkeypatch.setattr(passwords, "ROUNDS", 8)  # bcrypt slow enough for the attempts to overlap
    tag = uuid.uuid4().hex[:8]
    email = f"parallel-{tag}@example.com"
    accounts.sign_up(committing_db, {"email": email, "password": "correct horse battery", "business_name": "P",
                                     "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    limit = POLICY.per_email if shared == "email" else POLICY.per_client
    attempts = limit + 7

    def attempt(number: int) -> None:
        accounts.authenticate(committing_db, email=email if shared == "email" else f"{number}-{email}",
                              password="wrong-password",
                              client=f"{tag}-{number}" if shared == "email" else tag, policy=POLICY)

    outcomes = _in_parallel(attempts, attempt)
    assert outcomes.count(AuthenticationError) == limit
    assert outcomes.count(RateLimitedError) == attempts - limit


def test_starting_a_session_prunes_rate_limit_events_older_than_a_day(db, owner):
    from sqlalchemy import select

    from fintrack.clock import utcnow
    from fintrack.db.models import RateLimitEvent
    from fintrack.repository import rate_limits as rate_limits_repo

    now = utcnow()
    with db.transaction() as session:
        for bucket, age in (("prune:old", dt.timedelta(days=1, minutes=1)), ("prune:recent", dt.timedelta(hours=23))):
            rate_limits_repo.record(session, bucket=bucket, at=now - age)
    sessions.start_session(db, owner_id=owner.id, secret_key="k" * 32, days=1)
    with db.transaction() as session:
        left = session.scalars(select(RateLimitEvent.bucket).where(RateLimitEvent.bucket.like("prune:%"))).all()
    assert left == ["prune:recent"]


def test_a_session_is_looked_up_with_one_query(db, owner):
    from sqlalchemy import event

    token = sessions.start_session(db, owner_id=owner.id, secret_key="k" * 32, days=1)
    selects = []

    def count(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(db.bind, "before_cursor_execute", count)
    try:
        found = sessions.owner_for_token(db, token=token, secret_key="k" * 32)
    finally:
        event.remove(db.bind, "before_cursor_execute", count)
    assert found == owner and len(selects) == 1


def test_update_profile_and_refuse_bad_currency(db, owner):
    updated = accounts.update_profile(db, owner_id=owner.id, data={
        "business_name": "New Name", "fiscal_year_start": "2000-04-06", "currency_code": "gbp"})
    assert (updated.business_name, updated.fiscal_year_start, updated.currency_code) == (
        "New Name", dt.date(2000, 4, 6), "GBP")
    with pytest.raises(ValidationError, match="currency"):
        accounts.update_profile(db, owner_id=owner.id, data={
            "business_name": "Other", "fiscal_year_start": "2000-01-01", "currency_code": "ZZZ"})
    assert accounts.get_owner(db, owner_id=owner.id).business_name == "New Name"


def test_a_new_owner_gets_a_locale_from_the_currency_and_the_browsers_language(db, make_owner):
    assert make_owner(currency_code="CHF").locale == "de_CH"
    assert make_owner(currency_code="EUR").locale == "en_IE"
    form = {"email": "gmbh@example.com", "password": "correct horse battery", "business_name": "Muster GmbH",
            "fiscal_year_start": "2000-01-01", "currency_code": "EUR"}
    assert accounts.sign_up(db, form, language="de-DE").locale == "de_DE"


def test_the_locale_is_changed_only_to_a_known_one_and_kept_when_not_given(db, owner):
    profile = {"business_name": "Acme", "fiscal_year_start": "2000-01-01", "currency_code": "EUR"}
    assert accounts.update_profile(db, owner_id=owner.id, data={**profile, "locale": "de_DE"}).locale == "de_DE"
    assert accounts.update_profile(db, owner_id=owner.id, data=profile).locale == "de_DE"
    with pytest.raises(ValidationError, match="not a known locale"):
        accounts.update_profile(db, owner_id=owner.id, data={**profile, "locale": "xx_YY"})
    with pytest.raises(ValidationError, match="in circulation"):
        accounts.update_profile(db, owner_id=owner.id, data={**profile, "currency_code": "ANG"})  # now XCG
    assert accounts.get_owner(db, owner_id=owner.id).formats == Formats("de_DE", "EUR")


def test_change_password_checks_the_current_one(db, owner):
    with pytest.raises(ValidationError, match="current password"):
        accounts.change_password(db, owner_id=owner.id, data={
            "current_password": "nope-nope-nope", "new_password": "another long password"})
    accounts.change_password(db, owner_id=owner.id, data={
        "current_password": "correct horse battery", "new_password": "another long password"})
    assert accounts.authenticate(db, email=owner.email, password="another long password", client="c",
                                 policy=POLICY) == owner


def test_a_login_token_spent_twice_at_once_starts_one_session(committing_db):
    tag = uuid.uuid4().hex[:8]
    owner = accounts.sign_up(committing_db, {"email": f"token-{tag}@example.com", "password": "correct horse battery",
                                             "business_name": "T", "fiscal_year_start": dt.date(2000, 1, 1),
                                             "currency_code": "EUR"})
    for _ in range(5):  # each round: one token, eight requests released together
        token = sessions.issue_login_token(committing_db, owner_id=owner.id, browser_id=tag, secret_key="k" * 32)
        barrier = threading.Barrier(8)

        def spend(_number: int) -> str | None:
            barrier.wait()
            return sessions.redeem_login_token(committing_db, token=token, browser_id=tag, secret_key="k" * 32,
                                               days=1)

        with ThreadPoolExecutor(8) as pool:
            started = [result for result in pool.map(spend, range(8)) if result]
        assert len(started) == 1


def test_an_expired_session_signs_nobody_in(db, owner):
    token = sessions.start_session(db, owner_id=owner.id, secret_key="k" * 32, days=-1)
    assert sessions.owner_for_token(db, token=token, secret_key="k" * 32) is None


@pytest.mark.parametrize("email", ["a" * 300 + "@example.com", "owner\x00@example.com"], ids=["too-long", "nul"])
def test_a_sign_in_with_an_impossible_email_is_a_plain_failure(db, email):
    with pytest.raises(AuthenticationError):
        accounts.authenticate(db, email=email, password="correct horse battery", client="c", policy=POLICY)
