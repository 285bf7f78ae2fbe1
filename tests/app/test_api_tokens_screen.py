"""Settings › API tokens through AppTest: a token is shown once when created, listed, and revoked."""

from __future__ import annotations

from fintrack.config import Settings
from fintrack.services import api_tokens


def _create(at, name: str, *, write: bool = False):
    at.text_input(key="api_token_form_name").set_value(name)
    if write:
        at.radio(key="api_token_form_access").set_value("Read and write")
    [button] = [b for b in at.button if b.label == "Create token"]
    return button.click().run()


def _shown_tokens(at) -> list[str]:
    return [block.value for block in at.code]


def test_a_new_token_is_shown_once_and_works(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page("pages/settings.py")
    assert not at.exception and any("No tokens yet" in caption.value for caption in at.caption)
    at = _create(at, "Nightly *import*", write=True)
    assert not at.exception and not at.error
    [token] = _shown_tokens(at)
    assert "Copy it now" in at.success[0].value and "Nightly \\*import\\*" in at.success[0].value
    access = api_tokens.access_for(app_db, token=token, secret_key=Settings().secret_key)
    assert access.owner.id == app_owner.id and access.can_write
    assert any("Nightly \\*import\\*" in text.value and "Read and write" in text.value for text in at.markdown)
    at.run()
    assert _shown_tokens(at) == []  # gone after the next run: only its hash is kept


def test_a_nameless_token_is_refused(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = _create(open_page("pages/settings.py"), "")
    assert "**Name**: is required" in at.error[0].value and _shown_tokens(at) == []
    assert api_tokens.list_tokens(app_db, owner_id=app_owner.id) == []


def test_revoking_a_token_stops_it_at_once(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    kept = api_tokens.create_token(app_db, owner_id=app_owner.id, data={"name": "kept"},
                                   secret_key=Settings().secret_key)
    gone = api_tokens.create_token(app_db, owner_id=app_owner.id, data={"name": "gone"},
                                   secret_key=Settings().secret_key)
    at = open_page("pages/settings.py")
    at.button(key=f"api_token_revoke_{gone.info.id}").click().run()
    assert not at.exception and not at.error
    assert [info.name for info in api_tokens.list_tokens(app_db, owner_id=app_owner.id)] == ["kept"]
    assert api_tokens.access_for(app_db, token=gone.token, secret_key=Settings().secret_key) is None
    assert api_tokens.access_for(app_db, token=kept.token, secret_key=Settings().secret_key) is not None


def test_revoke_all_stops_every_token(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    for name in ("a", "b"):
        api_tokens.create_token(app_db, owner_id=app_owner.id, data={"name": name}, secret_key=Settings().secret_key)
    at = open_page("pages/settings.py")
    at.button(key="api_tokens_revoke_all").click().run()
    assert not at.exception and api_tokens.list_tokens(app_db, owner_id=app_owner.id) == []
