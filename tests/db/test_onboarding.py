"""The getting-started progress: each first step flips on its own, and only for its owner."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fintrack.db.models import Asset, Conversation, Expense, ImportMapping, Income, Message
from fintrack.services import onboarding

NOW = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
DAY = dt.date(2026, 1, 5)


def _assistant_message(session, owner_id: int) -> None:
    conversation = Conversation(user_id=owner_id, title="Hi", created_at=NOW)
    session.add(conversation)
    session.flush()
    session.add(Message(conversation_id=conversation.id, user_id=owner_id, role="user", content="hello",
                        created_at=NOW))


FIRST_STEPS = {
    "expense": lambda s, o: s.add(Expense(user_id=o, date=DAY, category="Rent", amount=Decimal("10.00"))),
    "income": lambda s, o: s.add(Income(user_id=o, date=DAY, category="Sales", amount=Decimal("10.00"))),
    "asset": lambda s, o: s.add(Asset(user_id=o, name="Laptop", acquisition_date=DAY, value=Decimal("900"))),
    "statement_imported": lambda s, o: s.add(ImportMapping(user_id=o, header_signature="abc",
                                                           mapping_json="{}", updated_at=NOW)),
    "assistant_tried": _assistant_message,
}


def test_a_new_owner_has_only_the_profile_done(db, owner):
    progress = onboarding.progress(db, owner_id=owner.id)
    assert progress.profile and progress.done == 1 and progress.total == 6 and not progress.complete


def test_each_step_is_seen_and_other_owners_do_not_count(db, make_owner):
    owner, other = make_owner(), make_owner()
    for step, add in FIRST_STEPS.items():
        with db.transaction() as session:
            add(session, owner.id)
        assert getattr(onboarding.progress(db, owner_id=owner.id), step), step
        assert not getattr(onboarding.progress(db, owner_id=other.id), step), step
    assert onboarding.progress(db, owner_id=owner.id).complete
    assert onboarding.progress(db, owner_id=other.id).done == 1
