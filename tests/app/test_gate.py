"""The sign-in gate: visitors see only sign-in, whatever screen they ask for; signed-in owners see every screen."""

import pytest

OWNER_SCREENS = ("pages/dashboard.py", "pages/ledger.py", "pages/import.py", "pages/accounts.py", "pages/reconcile.py",
                 "pages/assets.py", "pages/assistant.py", "pages/settings.py")
SIGN_IN_BOXES = ["sign_in_email", "sign_in_password"]


def _title(page: str) -> str:
    return page.removeprefix("pages/").removesuffix(".py").capitalize()


def _sign_in_boxes(at) -> list[str]:  # noqa: ANN001 - an AppTest
    return [box.key for box in at.text_input if box.key.startswith("sign_in_")]


def test_visitor_sees_the_sign_in_screen_and_nothing_of_an_owner(app_database_url, open_page):
    at = open_page()
    assert not at.exception
    assert _sign_in_boxes(at) == SIGN_IN_BOXES and "Sign in" in [button.label for button in at.button]
    assert not at.sidebar.markdown and not at.metric and not at.dataframe


@pytest.mark.parametrize("page", OWNER_SCREENS)
def test_a_visitor_asking_for_a_screen_gets_the_sign_in_screen_instead(app_database_url, open_page, page):
    at = open_page(page)
    assert not at.exception
    assert _sign_in_boxes(at) == SIGN_IN_BOXES
    assert _title(page) not in [title.value for title in at.title]


def test_signed_in_owner_reaches_every_screen(app_database_url, app_owner, sign_in, open_page):
    sign_in(app_owner)
    for page in OWNER_SCREENS:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
        assert at.title[0].value == _title(page), page
        assert not _sign_in_boxes(at), page
