"""The sign-in gate: visitors see only sign-in; signed-in owners see every screen."""


def test_visitor_sees_the_home_screen_only(app_database_url, open_page):
    at = open_page()
    assert not at.exception
    assert "Sign in" in " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info) or at.button


def test_signed_in_owner_reaches_every_screen(app_database_url, app_owner, sign_in, open_page):
    sign_in(app_owner)
    for page in ("pages/dashboard.py", "pages/ledger.py", "pages/import.py", "pages/assets.py",
                 "pages/assistant.py", "pages/settings.py"):
        at = open_page(page)
        assert not at.exception, (page, at.exception)
        assert at.title[0].value == page.removeprefix("pages/").removesuffix(".py").capitalize(), page
