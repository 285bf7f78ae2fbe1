"""The assistant's tables: conversations, their messages and daily usage.

What the assistant wrote (`assistant_actions`) lives in `fintrack.repository.actions`.

Every function takes the owner id and filters by it; nothing here commits or validates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fintrack.db.models import AssistantUsage, Conversation, Message, PartyMonth
from fintrack.db.sql import upsert_insert
from fintrack.repository.entries import party_column, table_for
from fintrack.repository.rollups import NO_PARTY


@dataclass(frozen=True)
class MessageRow:
    """One stored message as plain values."""

    id: int
    conversation_id: int
    role: str
    content: str
    payload_json: str | None
    created_at: dt.datetime


def _row(message: Message) -> MessageRow:
    return MessageRow(message.id, message.conversation_id, message.role, message.content,
                      message.payload_json, message.created_at)


def create_conversation(session: Session, *, owner_id: int, title: str | None, at: dt.datetime) -> int:
    conversation = Conversation(user_id=owner_id, title=title, created_at=at)
    session.add(conversation)
    session.flush()
    return conversation.id


def latest_conversation_id(session: Session, *, owner_id: int) -> int | None:
    return session.scalar(
        select(Conversation.id).where(Conversation.user_id == owner_id).order_by(Conversation.id.desc()).limit(1)
    )


def list_conversations(session: Session, *, owner_id: int, limit: int) -> list[tuple[int, str | None, dt.datetime]]:
    """The owner's latest conversations (id, title, created at), newest first."""
    rows = session.execute(
        select(Conversation.id, Conversation.title, Conversation.created_at)
        .where(Conversation.user_id == owner_id).order_by(Conversation.id.desc()).limit(limit)
    )
    return [(row.id, row.title, row.created_at) for row in rows]


def set_title_if_empty(session: Session, *, owner_id: int, conversation_id: int, title: str) -> None:
    session.execute(
        update(Conversation)
        .where(Conversation.user_id == owner_id, Conversation.id == conversation_id, Conversation.title.is_(None))
        .values(title=title)
    )


def conversation_exists(session: Session, *, owner_id: int, conversation_id: int) -> bool:
    found = session.scalar(
        select(Conversation.id).where(Conversation.user_id == owner_id, Conversation.id == conversation_id)
    )
    return found is not None


def add_message(session: Session, *, owner_id: int, conversation_id: int, role: str, content: str,
                payload_json: str | None, at: dt.datetime) -> int:
    message = Message(user_id=owner_id, conversation_id=conversation_id, role=role, content=content,
                      payload_json=payload_json, created_at=at)
    session.add(message)
    session.flush()
    return message.id


def list_messages(session: Session, *, owner_id: int, conversation_id: int) -> list[MessageRow]:
    rows = session.scalars(
        select(Message)
        .where(Message.user_id == owner_id, Message.conversation_id == conversation_id)
        .order_by(Message.id)
    )
    return [_row(message) for message in rows]


def get_message_for_update(session: Session, *, owner_id: int, message_id: int) -> MessageRow | None:
    """The message, locked until the transaction ends (PostgreSQL) so two confirmations cannot race."""
    message = session.scalar(
        select(Message).where(Message.user_id == owner_id, Message.id == message_id).with_for_update()
    )
    return _row(message) if message else None


def set_payload(session: Session, *, owner_id: int, message_id: int, payload_json: str) -> None:
    session.execute(
        update(Message).where(Message.user_id == owner_id, Message.id == message_id)
        .values(payload_json=payload_json)
    )


def add_usage(session: Session, *, owner_id: int, day: dt.date, prompt_tokens: int,
              completion_tokens: int) -> None:
    """Add one call and its tokens to the owner's day, atomically (an upsert on both databases)."""
    statement = upsert_insert(session, AssistantUsage).values(
        user_id=owner_id, day=day, calls=1, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
    )
    statement = statement.on_conflict_do_update(
        index_elements=[AssistantUsage.user_id, AssistantUsage.day],
        set_={
            "calls": AssistantUsage.calls + 1,
            "prompt_tokens": AssistantUsage.prompt_tokens + prompt_tokens,
            "completion_tokens": AssistantUsage.completion_tokens + completion_tokens,
        },
    )
    session.execute(statement)


def usage_on(session: Session, *, owner_id: int, day: dt.date) -> tuple[int, int, int]:
    """(calls, prompt tokens, completion tokens) of the owner on `day`."""
    row = session.execute(
        select(AssistantUsage.calls, AssistantUsage.prompt_tokens, AssistantUsage.completion_tokens)
        .where(AssistantUsage.user_id == owner_id, AssistantUsage.day == day)
    ).one_or_none()
    return tuple(row) if row else (0, 0, 0)


def most_used_category(session: Session, *, owner_id: int, kind: str, party: str) -> str | None:
    """The category the owner used most for this vendor/client (name matched case-insensitively)."""
    table, column = table_for(kind), party_column(kind)
    query = (
        select(table.category)
        .where(table.user_id == owner_id, func.lower(column) == party.strip().lower())
        .group_by(table.category)
        .order_by(func.count(table.id).desc(), table.category)
        .limit(1)
    )
    return session.scalar(query)


def known_parties(session: Session, *, owner_id: int, kind: str, limit: int) -> list[str]:
    """The owner's vendors (expense) or clients (income), most used first, at most `limit` (counted from the
    monthly rollups, not the entries)."""
    uses = func.sum(PartyMonth.entries)
    query = (
        select(PartyMonth.party)
        .where(PartyMonth.user_id == owner_id, PartyMonth.kind == kind, PartyMonth.entries > 0,
               PartyMonth.party != NO_PARTY)
        .group_by(PartyMonth.party)
        .order_by(uses.desc(), PartyMonth.party)
        .limit(limit)
    )
    return list(session.scalars(query))
