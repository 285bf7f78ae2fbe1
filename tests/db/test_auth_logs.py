"""What the sign-in and sign-out steps log: a refused login token says why (without the token), and one
sign-out is one event although the screen and then the sign-out route both end the session."""

from __future__ import annotations

import json

from fintrack.services import sessions

SECRET_KEY = "a" * 48


def events(log_lines, name: str) -> list[dict]:
    return [line for line in map(json.loads, log_lines.getvalue().splitlines()) if line["event"] == name]


def test_a_refused_login_token_is_logged_with_the_reason(db, owner, log_lines):
    token = sessions.issue_login_token(db, owner_id=owner.id, browser_id="browser-a", secret_key=SECRET_KEY)

    assert sessions.redeem_login_token(db, token=token, browser_id="browser-b", secret_key=SECRET_KEY, days=1) is None
    assert sessions.redeem_login_token(db, token=token, browser_id="browser-a", secret_key=SECRET_KEY, days=1) is None

    refused = events(log_lines, "auth.login_token_refused")
    assert [(line["reason"], line.get("owner_id")) for line in refused] == [
        ("issued to another browser", owner.id), ("unknown or already spent", None)]
    assert all(line["level"] == "WARNING" for line in refused)
    assert token not in log_lines.getvalue()


def test_one_sign_out_is_one_event(db, owner, log_lines):
    token = sessions.start_session(db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)

    sessions.end_session(db, token=token, secret_key=SECRET_KEY)  # the screen
    sessions.end_session(db, token=token, secret_key=SECRET_KEY)  # then the route clearing the cookie

    [signed_out] = events(log_lines, "auth.sign_out")
    assert (signed_out["owner_id"], signed_out["outcome"]) == (owner.id, "success")
