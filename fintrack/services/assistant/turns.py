"""One question and its answer in a single call, for callers that cannot stream (the API).

The question is counted against the owner's limits first, so one over a limit is refused (a
`QuestionLimitError`, with when to retry) and not stored (an empty or too long one still costs its count);
then it is stored and answered like a question typed on screen. What the answer proposes is returned as cards
to confirm or cancel; nothing is written until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fintrack.db.engine import Database
from fintrack.services.accounts import Owner
from fintrack.services.assistant import conversations, limits
from fintrack.services.assistant.engine import AssistantConfig, answer
from fintrack.services.assistant.model import ModelClient
from fintrack.services.assistant.proposals import Proposal


@dataclass(frozen=True)
class Turn:
    """The answer to one question: its text, the proposals it made, and the conversation it belongs to."""

    conversation_id: int
    answer: str
    proposals: tuple[Proposal, ...]
    is_error: bool


def ask_and_answer(db: Database, *, owner: Owner, text: str, conversation_id: int | None, config: AssistantConfig,
                   today: dt.date, client: ModelClient | None = None) -> Turn:
    """Ask `text` in the owner's conversation `conversation_id` (another owner's is `NotFoundError`; None: the
    latest) and answer it."""
    if conversation_id is None:
        conversation_id = conversations.current_conversation(db, owner_id=owner.id)
    conversations.messages(db, owner_id=owner.id, conversation_id=conversation_id)  # NotFoundError if not theirs
    limits.consume(db, owner_id=owner.id, limits=config.limits)
    conversations.ask(db, owner_id=owner.id, conversation_id=conversation_id, text=text)
    text_answer = "".join(answer(db, owner=owner, conversation_id=conversation_id, config=config, today=today,
                                 client=client, counted=True))
    shown = conversations.transcript(db, owner_id=owner.id, conversation_id=conversation_id)
    asked = max(index for index, message in enumerate(shown) if message.role == "user")
    replies = shown[asked + 1:]
    return Turn(conversation_id, text_answer, tuple(card for reply in replies for card in reply.proposals),
                any(reply.is_error for reply in replies))
