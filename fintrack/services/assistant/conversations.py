"""Conversations stored per owner: questions, answers, tool calls and results, proposals.

Roles and payloads of stored messages:
- ``user``: the owner's question.
- ``assistant``: an answer; payload may hold ``tool_calls`` (a model round that called tools), ``error``
  (a friendly failure message, never sent back to the model) or ``event`` (a confirmation note).
- ``tool``: a tool result as JSON text; payload ``{"tool_call_id", "name"}``.
- ``proposal``: a card waiting for Confirm / Cancel (see `proposals`).

A conversation is answered when its last message (confirmation notes aside: a click on a card answers
no question) is an assistant message without tool calls; the screen keeps answering while it is not, so
a rerun or a reload never loses a question.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.repository import assistant as repo
from fintrack.repository.assistant import MessageRow
from fintrack.services.assistant.proposals import PROPOSAL_ROLE, Proposal, from_row

MAX_QUESTION_LENGTH = 4000
TITLE_LENGTH = 80
# what one request may carry of the conversation, in characters (about 15k tokens at ~4 characters each):
# far inside any model's context window, so a long conversation keeps working instead of failing
HISTORY_BUDGET = 60_000


@dataclass(frozen=True)
class ChatMessage:
    """A message as the screen shows it; `proposals` are the cards that follow an answer."""

    id: int
    role: str
    content: str
    proposals: tuple[Proposal, ...] = field(default_factory=tuple)
    is_error: bool = False


def payload(row: MessageRow) -> dict[str, Any]:
    return json.loads(row.payload_json) if row.payload_json else {}


def current_conversation(db: Database, *, owner_id: int) -> int:
    """The owner's latest conversation, created on first use."""
    with db.transaction() as session:
        found = repo.latest_conversation_id(session, owner_id=owner_id)
        if found is not None:
            return found
        return repo.create_conversation(session, owner_id=owner_id, title=None, at=utcnow())


def new_conversation(db: Database, *, owner_id: int) -> int:
    """Start an empty conversation (the old ones stay stored); an empty latest one is reused."""
    with db.transaction() as session:
        latest = repo.latest_conversation_id(session, owner_id=owner_id)
        if latest is not None and not repo.list_messages(session, owner_id=owner_id, conversation_id=latest):
            return latest
        return repo.create_conversation(session, owner_id=owner_id, title=None, at=utcnow())


def _check_owned(session: Any, owner_id: int, conversation_id: int) -> None:
    if not repo.conversation_exists(session, owner_id=owner_id, conversation_id=conversation_id):
        raise NotFoundError("conversation", conversation_id)


def ask(db: Database, *, owner_id: int, conversation_id: int, text: str) -> int:
    """Store the owner's question (before anything else happens to it); returns its id."""
    text = text.strip()
    if not text:
        raise ValidationError({"question": "is empty"})
    if len(text) > MAX_QUESTION_LENGTH:
        raise ValidationError({"question": f"is too long (at most {MAX_QUESTION_LENGTH} characters)"})
    with db.transaction() as session:
        _check_owned(session, owner_id, conversation_id)
        repo.set_title_if_empty(session, owner_id=owner_id, conversation_id=conversation_id,
                                title=_title(text))
        return repo.add_message(session, owner_id=owner_id, conversation_id=conversation_id, role="user",
                                content=text, payload_json=None, at=utcnow())


def _title(question: str) -> str:
    line = " ".join(question.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class ConversationInfo:
    """A conversation in the history list: its first question is its title."""

    id: int
    title: str
    created_at: dt.datetime


def recent_conversations(db: Database, *, owner_id: int, limit: int = 20) -> list[ConversationInfo]:
    """The owner's latest conversations, newest first ("New conversation" for one not started yet)."""
    with db.transaction() as session:
        rows = repo.list_conversations(session, owner_id=owner_id, limit=limit)
    return [ConversationInfo(id_, title or "New conversation", created) for id_, title, created in rows]


def resolve_conversation(db: Database, *, owner_id: int, conversation_id: int | None) -> int:
    """`conversation_id` if it is the owner's, else the latest one (a stale or foreign id is ignored)."""
    if conversation_id is not None:
        with db.transaction() as session:
            if repo.conversation_exists(session, owner_id=owner_id, conversation_id=conversation_id):
                return conversation_id
    return current_conversation(db, owner_id=owner_id)


def messages(db: Database, *, owner_id: int, conversation_id: int) -> list[MessageRow]:
    """Every stored message of the conversation, oldest first."""
    with db.transaction() as session:
        _check_owned(session, owner_id, conversation_id)
        return repo.list_messages(session, owner_id=owner_id, conversation_id=conversation_id)


def is_event(row: MessageRow) -> bool:
    """A note that a card was confirmed or cancelled: it is shown, but it answers no question."""
    return row.role == "assistant" and "event" in payload(row)


def is_unanswered(rows: list[MessageRow]) -> bool:
    """True when the last message (confirmation notes aside) still waits for the assistant."""
    last = next((row for row in reversed(rows) if not is_event(row)), None)
    if last is None:
        return False
    return last.role in ("user", "tool") or (last.role == "assistant" and bool(payload(last).get("tool_calls")))


def transcript(db: Database, *, owner_id: int, conversation_id: int) -> list[ChatMessage]:
    """The conversation as the owner sees it: questions, answers, and proposal cards after each answer."""
    shown: list[ChatMessage] = []
    held: list[Proposal] = []
    for row in messages(db, owner_id=owner_id, conversation_id=conversation_id):
        if row.role == PROPOSAL_ROLE:
            held.append(from_row(row))
        elif row.role == "user":
            shown += _flush(held)
            shown.append(ChatMessage(row.id, "user", row.content))
        elif row.role == "assistant" and row.content.strip():
            shown.append(ChatMessage(row.id, "assistant", row.content, tuple(held),
                                     is_error="error" in payload(row)))
            held = []
    return shown + _flush(held)


def _flush(held: list[Proposal]) -> list[ChatMessage]:
    if not held:
        return []
    cards = ChatMessage(-held[0].id, "assistant", "", tuple(held))
    held.clear()
    return [cards]


def model_history(rows: list[MessageRow]) -> list[dict[str, Any]]:
    """The conversation in Chat Completions form; failures and cards stay out of it."""
    history: list[dict[str, Any]] = []
    for row in rows:
        data = payload(row)
        if row.role == "user":
            history.append({"role": "user", "content": row.content})
        elif row.role == "tool":
            history.append({"role": "tool", "tool_call_id": data["tool_call_id"], "content": row.content})
        elif row.role == "assistant" and "error" not in data:
            message: dict[str, Any] = {"role": "assistant", "content": row.content or None}
            if data.get("tool_calls"):
                message["tool_calls"] = data["tool_calls"]
            history.append(message)
    return history


def fit_history(messages: list[dict[str, Any]], budget: int | None = None) -> list[dict[str, Any]]:
    """The messages for one request: the system prompt, the latest turn, and as many earlier turns as fit
    `budget` characters (`HISTORY_BUDGET` by default) with them.

    A turn is a question with all that answered it. Whole turns go, oldest first, so a tool result never
    loses the assistant message whose call it answers (the API rejects such a history).
    """
    budget = HISTORY_BUDGET if budget is None else budget
    head = messages[:1] if messages and messages[0]["role"] == "system" else []
    turns = _turns(messages[len(head):])
    kept, used = turns[-1:], _size(head) + sum(_size(turn) for turn in turns[-1:])
    for turn in reversed(turns[:-1]):
        used += _size(turn)
        if used > budget:
            break
        kept.insert(0, turn)
    return head + [message for turn in kept for message in turn]


def _turns(messages: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    turns: list[list[dict[str, Any]]] = []
    for message in messages:
        if message["role"] == "user" or not turns:
            turns.append([])
        turns[-1].append(message)
    return turns


def _size(messages: list[dict[str, Any]]) -> int:
    return sum(len(json.dumps(message, ensure_ascii=False)) for message in messages)


def store_answer(db: Database, *, owner_id: int, conversation_id: int, content: str,
                 error: str | None = None) -> int:
    """Store a final answer (or a friendly failure message) of the assistant in the owner's conversation."""
    data = json.dumps({"error": error}) if error else None
    with db.transaction() as session:
        _check_owned(session, owner_id, conversation_id)
        return repo.add_message(session, owner_id=owner_id, conversation_id=conversation_id, role="assistant",
                                content=content, payload_json=data, at=utcnow())
