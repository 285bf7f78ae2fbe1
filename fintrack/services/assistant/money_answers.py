"""The assistant on money accounts, with or without a model: "what is the balance of the card?" is answered
from the books, and "transfer 300 from Bank to Card" becomes a card that only Confirm writes.

Offline, these are tried before the general parser: a question about a balance, or a command naming two of
the owner's accounts after "from" and "to", is about accounts and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fintrack.db.engine import Database
from fintrack.db.models import ADD_TRANSFER
from fintrack.errors import ValidationError
from fintrack.money import AmountError, parse_amount
from fintrack.schemas import TransferInput, validate
from fintrack.services import money_accounts
from fintrack.services.accounts import Owner
from fintrack.services.assistant.proposals import transfer_fields
from fintrack.services.money_accounts import MoneyAccount

BALANCE = re.compile(r"\bbalances?\b|\btotal cash\b|\bhow much (?:cash|money) (?:do i have|is in|in)\b", re.I)
TRANSFER = re.compile(r"^\s*(?:transfer(?:red)?|move[d]?|moving)\s+(?P<amount>\S+)\s+from\s+(?P<source>.+?)\s+"
                      r"to\s+(?P<target>.+?)(?:\s+(?P<day>today|yesterday))?\s*[.!]?\s*$", re.I)
_PROPOSED = "Check the card and click Confirm to book it, or Cancel. A transfer is neither income nor expense."


def named_account(accounts: list[MoneyAccount], text: str) -> MoneyAccount | None:
    """The account whose name `text` mentions (the longest name that fits), or None."""
    folded = text.casefold()
    named = [account for account in accounts if account.name.casefold() in folded]
    return max(named, key=lambda account: len(account.name), default=None)


def _exactly(accounts: list[MoneyAccount], text: str) -> MoneyAccount | None:
    wanted = text.strip().casefold().removeprefix("the ").removeprefix("my ")
    return next((account for account in accounts if account.name.casefold() == wanted), None) or \
        named_account(accounts, text)


def balance_answer(db: Database, *, owner: Owner, question: str) -> str:
    """The balance of the account the question names, or of every account and total cash."""
    balances = money_accounts.balances(db, owner_id=owner.id)
    account = named_account([b.account for b in balances], question)
    money = owner.formats.money
    if account is not None:
        balance = next(b.balance for b in balances if b.account.id == account.id)
        return f"The balance of “{account.name}” is {money(balance)}, with every entry and transfer in the books."
    lines = "; ".join(f"“{b.account.name}” {money(b.balance)}" for b in balances)
    return f"Total cash is {money(money_accounts.total_cash(balances))}: {lines}."


def propose_transfer(db: Database, *, owner: Owner, data: dict[str, Any], source: str, target: str
                     ) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """A transfer card between the accounts called `source` and `target` (names as the owner wrote them)."""
    accounts = money_accounts.list_accounts(db, owner_id=owner.id)
    found = {"from": _exactly(accounts, source), "to": _exactly(accounts, target)}
    missing = [side for side, account in found.items() if account is None]
    if missing:
        names = ", ".join(f"“{account.name}”" for account in accounts)
        return (f"I do not know the account to take the money {missing[0]}; your accounts are {names}. "
                "Nothing was written."), None
    values = validate(TransferInput, data | {"from_account_id": found["from"].id, "to_account_id": found["to"].id})
    if values.from_account_id == values.to_account_id:
        raise ValidationError({"to_account_id": "must be another account than the one the money left"},
                              TransferInput.labels({}))
    fields = transfer_fields(values.model_dump(), {account.id: account.name for account in accounts})
    text = (f"Here is the transfer I understood: {owner.formats.money(values.amount)} from “{fields['from_account']}” "
            f"to “{fields['to_account']}” on {owner.formats.date(values.date)}. {_PROPOSED}")
    return text, (ADD_TRANSFER, fields)


def reply(db: Database, *, owner: Owner, today: dt.date, question: str
          ) -> tuple[str, tuple[str, dict[str, Any]] | None] | None:
    """The offline answer to a question about accounts, or None for any other question."""
    command = TRANSFER.match(question)
    if command:
        try:
            amount = parse_amount(command["amount"])
        except AmountError as problem:
            return f"I could not read the amount: {problem}. Nothing was written.", None
        day = today - dt.timedelta(days=1) if (command["day"] or "").casefold() == "yesterday" else today
        return propose_transfer(db, owner=owner, data={"date": day, "amount": amount},
                                source=command["source"], target=command["target"])
    if BALANCE.search(question):
        return balance_answer(db, owner=owner, question=question), None
    return None
