"""Proposals: what the assistant wants to write, held as a card until the owner confirms or cancels.

A proposal is a message of role "proposal" whose payload holds the action, its fields and its status.
Only `confirm` writes, through the same schemas as the forms, and records the write in
`assistant_actions` in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from fintrack import kinds
from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.db.models import ADD_ASSET, ADD_ENTRY, ADD_TRANSFER, CHANGE_CATEGORY
from fintrack.errors import ConflictError, NotFoundError
from fintrack.events import WRITE, observed
from fintrack.repository import actions as actions_repo
from fintrack.repository import assets as assets_repo
from fintrack.repository import assistant as repo
from fintrack.repository import entries as entries_repo
from fintrack.schemas import AssetInput, EntryInput, validate
from fintrack.services import ledger, transfers

PENDING, CONFIRMED, CANCELLED = "pending", "confirmed", "cancelled"
PROPOSAL_ROLE = "proposal"
_PREPOSITIONS = {"expense": "at", "income": "from"}


def party_field(kind: str) -> str:
    """What an entry's party is called for the model: 'vendor' of an expense, 'client' of an income."""
    return kinds.of(kind).party


def with_party(kind: str, party: str | None) -> str:
    """' at Shell' for an expense, ' from Acme' for an income, '' without a party."""
    return f" {_PREPOSITIONS[kind]} {party}" if party else ""


@dataclass(frozen=True)
class Proposal:
    """A proposed write. `fields` are JSON values (dates ISO, amounts as text)."""

    id: int
    action: str
    fields: dict[str, Any]
    status: str = PENDING
    record_id: int | None = None

    @property
    def record_kind(self) -> str:
        return {ADD_ASSET: "asset", ADD_TRANSFER: "transfer"}.get(self.action) or self.fields["kind"]

    def payload(self) -> dict[str, Any]:
        return {"proposal": {"action": self.action, "fields": self.fields, "status": self.status,
                             "record_id": self.record_id}}


def json_safe(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text and Decimals as text, so the payload is plain JSON."""
    return {key: (value.isoformat() if isinstance(value, dt.date) else
                  str(value) if value is not None and not isinstance(value, str | int) else value)
            for key, value in values.items()}


def entry_fields(entry: EntryInput) -> dict[str, Any]:
    """A validated entry as proposal fields."""
    return json_safe(entry.model_dump())


def asset_fields(asset: AssetInput) -> dict[str, Any]:
    """A validated asset as proposal fields."""
    return json_safe(asset.model_dump())


def from_row(row: repo.MessageRow) -> Proposal:
    """The proposal a stored message holds."""
    data = json.loads(row.payload_json or "{}")["proposal"]
    return Proposal(row.id, data["action"], data["fields"], data["status"], data.get("record_id"))


def store(session: Any, *, owner_id: int, conversation_id: int, action: str, fields: dict[str, Any]) -> int:
    """Save a new pending proposal in the conversation; returns its id."""
    payload = Proposal(0, action, fields).payload()
    return repo.add_message(session, owner_id=owner_id, conversation_id=conversation_id, role=PROPOSAL_ROLE,
                            content="", payload_json=json.dumps(payload), at=utcnow())


def _pending(session: Any, owner_id: int, proposal_id: int) -> tuple[Proposal, int]:
    row = repo.get_message_for_update(session, owner_id=owner_id, message_id=proposal_id)
    if row is None or row.role != PROPOSAL_ROLE:
        raise NotFoundError("proposal", proposal_id)
    proposal = from_row(row)
    if proposal.status != PENDING:
        raise ConflictError(f"This proposal was already {proposal.status}; nothing more was written.")
    return proposal, row.conversation_id


def _write(session: Any, owner_id: int, proposal: Proposal) -> int:
    """Apply the proposal inside the caller's transaction (the one holding the proposal's lock)."""
    if proposal.action == ADD_ENTRY:
        return entries_repo.insert(session, owner_id=owner_id, entry=validate(EntryInput, proposal.fields))
    if proposal.action == ADD_ASSET:
        return assets_repo.insert(session, owner_id=owner_id, asset=validate(AssetInput, proposal.fields))
    if proposal.action == CHANGE_CATEGORY:
        return _change_category(session, owner_id, proposal.fields)
    if proposal.action == ADD_TRANSFER:
        return transfers.insert(session, owner_id=owner_id, data=transfer_data(proposal.fields)).id
    raise ValueError(f"unknown proposal action {proposal.action}")


def transfer_fields(data: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    """A transfer's card: the validated values (JSON) with its accounts' names for people."""
    fields = json_safe(dict(data))
    return fields | {"from_account": names[data["from_account_id"]], "to_account": names[data["to_account_id"]]}


def transfer_data(fields: dict[str, Any]) -> dict[str, Any]:
    """What `TransferInput` validates, from a transfer's card."""
    return {key: fields[key] for key in ("from_account_id", "to_account_id", "date", "amount", "notes")}


def _change_category(session: Any, owner_id: int, fields: dict[str, Any]) -> int:
    """Move the entry to the proposed category, every field validated again like the edit form does."""
    kind, entry_id = ledger.check_kind(fields["kind"]), int(fields["entry_id"])
    current = entries_repo.get(session, owner_id=owner_id, kind=kind, entry_id=entry_id)
    if current is None:
        raise NotFoundError(kind, entry_id)
    current.pop("id")
    entry = validate(EntryInput, {**current, "kind": kind, "category": fields["category"]})
    entries_repo.update(session, owner_id=owner_id, entry_id=entry_id, entry=entry)
    return entry_id


def _finish(session: Any, owner_id: int, conversation_id: int, proposal: Proposal, note: str) -> Proposal:
    repo.set_payload(session, owner_id=owner_id, message_id=proposal.id, payload_json=json.dumps(proposal.payload()))
    repo.add_message(session, owner_id=owner_id, conversation_id=conversation_id, role="assistant", content=note,
                     payload_json=json.dumps({"event": proposal.status, "proposal_id": proposal.id}), at=utcnow())
    return proposal


@observed("assistant.proposal_confirmed", family=WRITE,
          fields=lambda done: {"action": done.action, "record_id": done.record_id})
def confirm(db: Database, *, owner_id: int, proposal_id: int) -> Proposal:
    """Write what the proposal holds (validated like a form) and record it, all in one transaction that
    holds the proposal's lock: a second click or a Cancel from another tab writes nothing."""
    with db.transaction() as session:
        proposal, conversation_id = _pending(session, owner_id, proposal_id)
        record_id = _write(session, owner_id, proposal)
        done = Proposal(proposal.id, proposal.action, proposal.fields, CONFIRMED, record_id)
        _record(session, owner_id, conversation_id, done)
        suffix = "" if proposal.action == CHANGE_CATEGORY else f" (#{record_id})"
        return _finish(session, owner_id, conversation_id, done, f"Saved: {describe(done)}{suffix}.")


def _record(session: Any, owner_id: int, conversation_id: int, proposal: Proposal) -> None:
    actions_repo.add_action(session, owner_id=owner_id, conversation_id=conversation_id, action=proposal.action,
                    record_kind=proposal.record_kind, record_id=proposal.record_id,
                    payload_json=json.dumps(proposal.fields), at=utcnow())


@observed("assistant.proposal_cancelled", family=WRITE, fields=lambda done: {"action": done.action})
def cancel(db: Database, *, owner_id: int, proposal_id: int) -> Proposal:
    """Drop the proposal; nothing is written."""
    with db.transaction() as session:
        proposal, conversation_id = _pending(session, owner_id, proposal_id)
        done = Proposal(proposal.id, proposal.action, proposal.fields, CANCELLED)
        return _finish(session, owner_id, conversation_id, done, f"Cancelled: {describe(done)}. Nothing was written.")


def added_record_ids(db: Database, *, owner_id: int, kind: str) -> set[int]:
    """Ids of the owner's records ('expense', 'income' or 'asset') that the assistant added."""
    action = ADD_ASSET if kind == "asset" else ADD_ENTRY
    with db.transaction() as session:
        return actions_repo.record_ids(session, owner_id=owner_id, record_kind=kind, action=action)


@dataclass(frozen=True)
class Action:
    """A confirmed proposal: when, in which conversation, and what was written."""

    created_at: dt.datetime
    conversation_id: int | None
    action: str
    record_kind: str
    record_id: int
    fields: dict[str, Any]


def recent_actions(db: Database, *, owner_id: int, limit: int = 20) -> list[Action]:
    """What the assistant wrote for the owner, newest first."""
    with db.transaction() as session:
        rows = actions_repo.recent_actions(session, owner_id=owner_id, limit=limit)
    return [Action(row["created_at"], row["conversation_id"], row["action"], row["record_kind"], row["record_id"],
                   json.loads(row["payload_json"])) for row in rows]


def describe(proposal: Proposal) -> str:
    """One line for people: 'expense of 42.50 at Shell on 2026-03-17 (Travel)'."""
    fields = proposal.fields
    if proposal.action == ADD_ASSET:
        return f"asset {fields['name']} worth {fields['value']} acquired {fields['acquisition_date']}"
    if proposal.action == CHANGE_CATEGORY:
        return f"{fields['kind']} #{fields['entry_id']} moved to category {fields['category']}"
    if proposal.action == ADD_TRANSFER:
        return (f"transfer of {fields['amount']} from {fields['from_account']} to {fields['to_account']} "
                f"on {fields['date']}")
    where = with_party(fields["kind"], fields.get("party"))
    return f"{fields['kind']} of {fields['amount']}{where} on {fields['date']} ({fields['category']})"
