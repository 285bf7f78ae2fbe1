"""The model is told how the owner writes money and dates, so its answers read like the rest of FinTrack."""

import datetime as dt

from fintrack.services.accounts import Owner
from fintrack.services.assistant.prompt import system_prompt


def test_the_model_is_shown_the_owners_money_and_date_formats():
    owner = Owner(1, "gmbh@example.com", "Muster GmbH", dt.date(2000, 1, 1), "EUR", "de_DE")
    prompt = system_prompt(owner, dt.date(2026, 12, 5))
    assert "(1.234,50\u00a0€)" in prompt and "(05.12.2026)" in prompt
