"""An owner with a row in every table that holds owner data, for tests of backups, export and deletion.

`fill_every_table` writes through the services (and one repository for the import mapping) and then checks
that every table with a `user_id` column has a row of the owner: a table added later without being filled
here fails that check, so the tests that rely on "every table" cannot silently skip it.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.db.models import Base
from fintrack.repository import imports as imports_repo
from fintrack.services import (
    accounts,
    api_tokens,
    assets,
    assistant,
    ledger,
    money_accounts,
    rate_limits,
    reconcile,
    sessions,
    transfers,
)
from fintrack.services.accounts import Owner
from fintrack.services.assistant import AssistantConfig, limits
from fintrack.services.rate_limits import Limit

SECRET_KEY = "k" * 40
OFFLINE = AssistantConfig(model=None)
TODAY = dt.date(2026, 3, 18)
MAPPING = {"date": "Booking date", "amount": "Amount", "party": "Payee", "notes": "Purpose"}


def owner_tables() -> list:
    """Every table with an owner column, in the order the schema creates them."""
    return [table for table in Base.metadata.sorted_tables if "user_id" in table.c]


def fill_every_table(db: Database, owner: Owner, *, tag: str = "") -> str:
    """Books, a session, a login token, an API token, a mapping, assistant records and rate-limit counts for `owner`.

    `tag` makes this owner's texts distinct from another owner's; returns the session token.
    """
    ledger.add_entry(db, owner_id=owner.id, data={
        "kind": "expense", "date": dt.date(2026, 3, 2), "category": "Rent", "party": f"Landlord{tag}",
        "payment_method": "Bank transfer", "amount": "1234.56", "notes": f"March{tag}"})
    ledger.add_entry(db, owner_id=owner.id, data={
        "kind": "income", "date": dt.date(2026, 3, 5), "category": "Sales", "party": f"Acme{tag}",
        "amount": "0.10"})
    assets.add_asset(db, owner_id=owner.id, data={
        "name": f"Van{tag}", "acquisition_date": dt.date(2025, 6, 30), "value": "18999.99", "type": "Vehicle"})
    with db.transaction() as session:
        imports_repo.save_mapping(session, owner_id=owner.id, signature=f"sig{tag}"[:64],
                                  mapping_json=json.dumps(MAPPING), at=utcnow())
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="add 42.50 fuel at Shell yesterday")
    "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=OFFLINE, today=TODAY))
    [card] = [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
              for p in m.proposals]
    assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    with db.transaction() as session:  # a count in each of the owner's rate-limit buckets
        for bucket in (*limits.owner_buckets(owner.id), accounts.sign_in_bucket(owner.email)):
            rate_limits.consume(session, bucket=bucket, limit=Limit(100, dt.timedelta(days=1)), action="tests")
    limits.record_usage(db, owner_id=owner.id, prompt_tokens=120, completion_tokens=30)
    token = sessions.start_session(db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)
    sessions.issue_login_token(db, owner_id=owner.id, browser_id=f"browser{tag}", secret_key=SECRET_KEY)
    api_tokens.create_token(db, owner_id=owner.id, data={"name": f"Script{tag}"}, secret_key=SECRET_KEY)
    main = money_accounts.list_accounts(db, owner_id=owner.id)[0]  # the Main account from sign-up
    reconcile.start(db, owner_id=owner.id, account_id=main.id,
                    data={"statement_date": dt.date(2026, 3, 31), "statement_balance": "-1234.46"})
    cash = money_accounts.add_account(db, owner_id=owner.id, data={
        "name": f"Cash{tag}", "type": "cash", "opening_balance": "50", "opening_date": dt.date(2026, 3, 1)})
    transfers.add_transfer(db, owner_id=owner.id, data={
        "from_account_id": cash.id, "to_account_id": main.id, "date": dt.date(2026, 3, 6), "amount": "20"})
    _check_every_table_has_a_row(db, owner)
    return token


def _check_every_table_has_a_row(db: Database, owner: Owner) -> None:
    with db.transaction() as session:
        empty = [table.name for table in owner_tables()
                 if not session.scalar(select(func.count()).select_from(table).where(table.c.user_id == owner.id))]
    assert not empty, f"fill_every_table writes nothing to {empty}: add a row there"
