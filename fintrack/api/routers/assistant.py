"""The assistant: a question in, its answer and the proposals it made out; only a confirm writes."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from fintrack import clock
from fintrack.api.deps import Db, Writer, config
from fintrack.api.errors import WRITE_RESPONSES
from fintrack.config import Settings
from fintrack.services import assistant
from fintrack.services.assistant import AssistantConfig, ModelClient, ModelConfig, Proposal
from fintrack.services.assistant.turns import ask_and_answer

router = APIRouter(prefix="/ai", tags=["assistant"], responses=WRITE_RESPONSES)
ProposalId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class Question(BaseModel):
    """A question or an instruction in plain words, in a conversation of the owner's (the latest if none)."""

    message: str
    conversation_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class Reply(BaseModel):
    """The assistant's answer; `proposals` are writes it suggests, each waiting for a confirm or cancel."""

    conversation_id: int
    answer: str
    proposals: list[Proposal]
    is_error: bool


@cache
def _client(model: ModelConfig) -> ModelClient:
    """One client per model configuration for the process (it keeps its connections open)."""
    return ModelClient(model)


@router.post("/chat", response_model=Reply)
def chat(question: Question, access: Writer, db: Db, settings: Annotated[Settings, Depends(config)]) -> Reply:
    """Ask the assistant about the books, or tell it what to add (it proposes; nothing is written yet).
    Questions count against the same per-owner limits as on screen (429 with Retry-After beyond them)."""
    chosen = AssistantConfig.from_settings(settings)
    turn = ask_and_answer(db, owner=access.owner, text=question.message, conversation_id=question.conversation_id,
                          config=chosen, today=clock.today(), client=None if chosen.offline else _client(chosen.model))
    return Reply(conversation_id=turn.conversation_id, answer=turn.answer, proposals=list(turn.proposals),
                 is_error=turn.is_error)


@router.post("/proposals/{proposal_id}/confirm", response_model=Proposal)
def confirm(proposal_id: ProposalId, access: Writer, db: Db) -> Proposal:
    """Write what the proposal says, through the same validation as the forms."""
    return assistant.confirm(db, owner_id=access.owner.id, proposal_id=proposal_id)


@router.post("/proposals/{proposal_id}/cancel", response_model=Proposal)
def cancel(proposal_id: ProposalId, access: Writer, db: Db) -> Proposal:
    """Drop the proposal; nothing is written."""
    return assistant.cancel(db, owner_id=access.owner.id, proposal_id=proposal_id)
