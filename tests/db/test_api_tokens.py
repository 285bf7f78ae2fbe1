"""Personal access tokens and sign-in tokens of the API, against real SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from fintrack.db.models import ApiToken
from fintrack.errors import NotFoundError, ValidationError
from fintrack.services import account_deletion, accounts, api_tokens, sessions

SECRET = "s" * 40
TODAY = dt.date(2026, 12, 5)


def _create(db, owner, **data):
    return api_tokens.create_token(db, owner_id=owner.id, data={"name": "Nightly import", **data},
                                   secret_key=SECRET, today=TODAY)


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(db, owner):
    new = _create(db, owner, can_write=True)
    assert new.token.startswith(api_tokens.PREFIX)
    with db.transaction() as session:
        stored = session.scalar(select(ApiToken.token_hash).where(ApiToken.id == new.info.id))
    assert stored == sessions.token_hash(new.token, SECRET) and new.token not in stored
    assert [info.name for info in api_tokens.list_tokens(db, owner_id=owner.id)] == ["Nightly import"]
    assert not hasattr(api_tokens.list_tokens(db, owner_id=owner.id)[0], "token")


def test_a_token_gives_its_owner_and_its_scope_and_records_its_use(db, owner):
    read_only, read_write = _create(db, owner), _create(db, owner, can_write=True)
    access = api_tokens.access_for(db, token=read_only.token, secret_key=SECRET)
    assert access.owner.id == owner.id and access.can_write is False and access.token_id == read_only.info.id
    assert api_tokens.access_for(db, token=read_write.token, secret_key=SECRET).can_write is True
    used = {info.id: info.last_used_at for info in api_tokens.list_tokens(db, owner_id=owner.id)}
    assert used[read_only.info.id] is not None


def test_unknown_wrong_key_and_empty_tokens_give_nobody(db, owner):
    new = _create(db, owner)
    assert api_tokens.access_for(db, token=new.token, secret_key="another key " * 4) is None
    assert api_tokens.access_for(db, token=new.token + "x", secret_key=SECRET) is None
    assert api_tokens.access_for(db, token="", secret_key=SECRET) is None


def test_a_token_works_through_its_last_day_and_not_after(db, owner):
    new = _create(db, owner, expires_on=TODAY)
    assert new.info.expires_at.replace(tzinfo=dt.UTC) == dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    with db.transaction() as session:
        session.execute(update(ApiToken).where(ApiToken.id == new.info.id)
                        .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert api_tokens.access_for(db, token=new.token, secret_key=SECRET) is None


def test_a_last_day_in_the_past_or_a_bad_name_is_refused(db, owner):
    with pytest.raises(ValidationError, match="in the past"):
        _create(db, owner, expires_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="Name: is required"):
        _create(db, owner, name="  ")
    assert api_tokens.list_tokens(db, owner_id=owner.id) == []


def test_revoking_one_token_leaves_the_others_and_another_owner_cannot_revoke(db, owner, make_owner):
    first, second = _create(db, owner), _create(db, owner)
    other = make_owner()
    with pytest.raises(NotFoundError):
        api_tokens.revoke_token(db, owner_id=other.id, token_id=first.info.id)
    api_tokens.revoke_token(db, owner_id=owner.id, token_id=first.info.id)
    assert api_tokens.access_for(db, token=first.token, secret_key=SECRET) is None
    assert api_tokens.access_for(db, token=second.token, secret_key=SECRET) is not None
    with pytest.raises(NotFoundError):
        api_tokens.revoke_token(db, owner_id=owner.id, token_id=first.info.id)


def test_revoking_all_tokens_of_one_owner_leaves_another_owners(db, owner, make_owner):
    other = make_owner()
    theirs = _create(db, other)
    _create(db, owner), _create(db, owner)
    assert api_tokens.revoke_all(db, owner_id=owner.id) == 2
    assert api_tokens.list_tokens(db, owner_id=owner.id) == []
    assert api_tokens.access_for(db, token=theirs.token, secret_key=SECRET).owner.id == other.id


def test_a_sign_in_token_writes_and_dies_with_sign_out_everywhere(db, owner):
    token = sessions.start_session(db, owner_id=owner.id, secret_key=SECRET, days=1)
    access = api_tokens.access_for(db, token=token, secret_key=SECRET)
    assert access.owner.id == owner.id and access.can_write and access.token_id is None
    sessions.end_all_sessions(db, owner_id=owner.id)
    assert api_tokens.access_for(db, token=token, secret_key=SECRET) is None


def test_a_password_change_ends_sign_in_tokens_but_keeps_personal_tokens(db, owner):
    token, personal = sessions.start_session(db, owner_id=owner.id, secret_key=SECRET, days=1), _create(db, owner)
    accounts.change_password(db, owner_id=owner.id, data={"current_password": "correct horse battery",
                                                          "new_password": "another horse battery"})
    assert api_tokens.access_for(db, token=token, secret_key=SECRET) is None
    assert api_tokens.access_for(db, token=personal.token, secret_key=SECRET) is not None


def test_deleting_the_account_deletes_its_tokens(db, owner):
    new = _create(db, owner)
    removed = account_deletion.delete_account(db, owner_id=owner.id, confirmation=owner.email,
                                              password="correct horse battery", policy=accounts.LoginPolicy())
    assert removed["api_tokens"] == 1
    assert api_tokens.access_for(db, token=new.token, secret_key=SECRET) is None


def test_a_tokens_times_are_in_utc_on_both_databases(db, owner):
    new = _create(db, owner, expires_on=TODAY)
    api_tokens.access_for(db, token=new.token, secret_key=SECRET)
    [info] = api_tokens.list_tokens(db, owner_id=owner.id)
    assert all(moment.utcoffset() == dt.timedelta(0) for moment in (info.created_at, info.expires_at,
                                                                     info.last_used_at))
