"""Answering the last question of a conversation: rate limit, then the model (with tools) or offline mode.

`answer()` is a generator of text pieces for the screen to stream; everything it produces is stored
before it returns, so a rerun shows the stored conversation. Failures end in a stored, friendly answer.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fintrack.clock import utcnow
from fintrack.config import Settings
from fintrack.db.engine import Database
from fintrack.errors import RateLimitedError
from fintrack.events import ASSISTANT, FAILURE, SUCCESS, THROTTLED, emit
from fintrack.kinds import ENTRY_KINDS
from fintrack.repository import assistant as repo
from fintrack.services import ledger
from fintrack.services.accounts import Owner
from fintrack.services.assistant import conversations, limits, offline_answers, proposals, tools
from fintrack.services.assistant.model import Completion, ModelClient, ModelConfig, ModelError
from fintrack.services.assistant.prompt import system_prompt

MAX_ROUNDS = 6
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssistantConfig:
    """The model to use (None runs offline) and the per-owner limits."""

    model: ModelConfig | None = None
    per_minute: int = 10
    per_day: int = 200
    offline_per_minute: int = 60
    offline_per_day: int = 2000

    @classmethod
    def from_settings(cls, settings: Settings) -> AssistantConfig:
        """Build from the app settings; no API key means offline mode."""
        model = None
        if settings.openai_api_key:
            model = ModelConfig(api_key=settings.openai_api_key, base_url=settings.openai_base_url,
                                model=settings.ai_model, timeout=settings.ai_timeout)
        return cls(model=model, per_minute=settings.ai_per_minute, per_day=settings.ai_per_day,
                   offline_per_minute=settings.offline_per_minute, offline_per_day=settings.offline_per_day)

    @property
    def offline(self) -> bool:
        return self.model is None

    @property
    def limits(self) -> limits.QuestionLimits:
        """The limits of the way questions are answered: the model's, or the offline assistant's."""
        if self.offline:
            return limits.QuestionLimits(self.offline_per_minute, self.offline_per_day, offline=True)
        return limits.QuestionLimits(self.per_minute, self.per_day)


def categories(db: Database, *, owner_id: int) -> dict[str, list[str]]:
    """The owner's categories of each kind (own first, then the defaults)."""
    return {kind: ledger.category_choices(db, owner_id=owner_id, kind=kind) for kind in ENTRY_KINDS}


def needs_answer(db: Database, *, owner_id: int, conversation_id: int) -> bool:
    """True while the conversation's last question has no stored answer."""
    return conversations.is_unanswered(conversations.messages(db, owner_id=owner_id,
                                                              conversation_id=conversation_id))


def answer(db: Database, *, owner: Owner, conversation_id: int, config: AssistantConfig, today: dt.date,
           client: ModelClient | None = None, counted: bool = False) -> Iterator[str]:
    """Answer the conversation's last question, yielding text as it arrives; stores everything.

    `client` lets a caller reuse one `ModelClient` (and its connections) across questions. `counted` says the
    caller has already counted the question against the limits (the API refuses an extra one with a 429
    before storing it, where the screen shows the refusal as the answer).
    """
    rows = conversations.messages(db, owner_id=owner.id, conversation_id=conversation_id)
    if not conversations.is_unanswered(rows):
        return
    started, mode = time.perf_counter(), "offline" if config.offline else "model"
    try:
        if not counted:
            limits.consume(db, owner_id=owner.id, limits=config.limits)
    except RateLimitedError as error:
        conversations.store_answer(db, owner_id=owner.id, conversation_id=conversation_id, content=str(error),
                                   error="rate_limited")
        emit(log, "assistant.answer", family=ASSISTANT, started=started, outcome=THROTTLED, owner_id=owner.id,
             mode=mode)
        yield str(error)
        return
    if config.offline:
        yield from _offline(db, owner, conversation_id, today, _last_question(rows))
    else:
        yield from _with_model(db, owner, conversation_id, client or ModelClient(config.model), today, rows)
    emit(log, "assistant.answer", family=ASSISTANT, started=started, outcome=SUCCESS, owner_id=owner.id, mode=mode)


def _last_question(rows: list[repo.MessageRow]) -> str:
    return next((row.content for row in reversed(rows) if row.role == "user"), "")


def _offline(db: Database, owner: Owner, conversation_id: int, today: dt.date, question: str) -> Iterator[str]:
    text, proposal = offline_answers.reply(db, owner=owner, today=today, question=question,
                                           categories=categories(db, owner_id=owner.id))
    with db.transaction() as session:
        if proposal:
            proposals.store(session, owner_id=owner.id, conversation_id=conversation_id, action=proposal[0],
                            fields=proposal[1])
        repo.add_message(session, owner_id=owner.id, conversation_id=conversation_id, role="assistant",
                         content=text, payload_json=json.dumps({"offline": True}), at=utcnow())
    yield text


def _with_model(db: Database, owner: Owner, conversation_id: int, client: ModelClient, today: dt.date,
                rows: list[repo.MessageRow]) -> Iterator[str]:
    context = tools.Context(db=db, owner=owner, today=today, categories=categories(db, owner_id=owner.id))
    history = [{"role": "system", "content": system_prompt(owner, today)}, *conversations.model_history(rows)]
    for _ in range(MAX_ROUNDS):
        streamed: list[str] = []
        started = time.perf_counter()
        try:
            completion = yield from _stream(client, conversations.fit_history(history), context.tool_specs,
                                            streamed)
        except ModelError as error:
            emit(log, "assistant.model_call", family=ASSISTANT, started=started, outcome=FAILURE,
                 owner_id=owner.id, model=client.config.model, reason=str(error))
            yield from _fail(db, owner.id, conversation_id, "".join(streamed), str(error))
            return
        emit(log, "assistant.model_call", family=ASSISTANT, started=started, outcome=SUCCESS, owner_id=owner.id,
             model=client.config.model, prompt_tokens=completion.prompt_tokens,
             completion_tokens=completion.completion_tokens,
             tool_calls=[call["function"]["name"] for call in completion.tool_calls])
        limits.record_usage(db, owner_id=owner.id, prompt_tokens=completion.prompt_tokens,
                            completion_tokens=completion.completion_tokens)
        if not completion.tool_calls:
            content = completion.content.strip() or "I have no answer to that."
            conversations.store_answer(db, owner_id=owner.id, conversation_id=conversation_id, content=content)
            return
        history += conversations.model_history(_run_tools(db, owner.id, conversation_id, context, completion))
        if completion.content:
            yield "\n\n"
    yield from _fail(db, owner.id, conversation_id, "", "I could not finish that in a few steps. Try asking "
                     "in a simpler way, one thing at a time.")


def _stream(client: ModelClient, history: list[dict[str, Any]], specs: list[dict[str, Any]],
            streamed: list[str]) -> Iterator[str]:
    completion = Completion()
    for piece in client.stream(history, specs):
        if isinstance(piece, Completion):
            completion = piece
        else:
            streamed.append(piece)
            yield piece
    return completion


def _fail(db: Database, owner_id: int, conversation_id: int, partial: str, message: str) -> Iterator[str]:
    content = f"{partial}\n\n{message}" if partial.strip() else message
    conversations.store_answer(db, owner_id=owner_id, conversation_id=conversation_id, content=content,
                               error=message)
    yield ("\n\n" if partial.strip() else "") + message


def _run_tools(db: Database, owner_id: int, conversation_id: int, context: tools.Context,
               completion: Completion) -> list[repo.MessageRow]:
    """Run every tool call, then store the round (call, results, proposals) in one transaction.

    Returns the round's call and results as stored, for the next request's history.
    """
    outcomes = [tools.run(context, call["function"]["name"], call["function"]["arguments"])
                for call in completion.tool_calls]
    stored: list[repo.MessageRow] = []
    with db.transaction() as session:

        def add(role: str, content: str, payload: dict[str, Any]) -> None:
            at, payload_json = utcnow(), json.dumps(payload)
            message_id = repo.add_message(session, owner_id=owner_id, conversation_id=conversation_id, role=role,
                                          content=content, payload_json=payload_json, at=at)
            stored.append(repo.MessageRow(message_id, conversation_id, role, content, payload_json, at))

        add("assistant", completion.content, {"tool_calls": completion.tool_calls})
        for call, outcome in zip(completion.tool_calls, outcomes, strict=True):
            result = dict(outcome.result)
            if outcome.proposal:
                result["proposal_id"] = proposals.store(session, owner_id=owner_id, conversation_id=conversation_id,
                                                        action=outcome.proposal[0], fields=outcome.proposal[1])
            add("tool", tools.dumps(result), {"tool_call_id": call["id"], "name": call["function"]["name"]})
    return stored
