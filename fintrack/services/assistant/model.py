"""The model connection: the real `openai` client (any OpenAI-compatible server), Chat Completions with
tools, streamed. Every failure becomes a `ModelError` whose message the owner can act on, and so does
an answer that did not finish (a dropped connection, a length or content-filter cut-off).
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import openai

from fintrack.errors import FinTrackError


@dataclass(frozen=True)
class ModelConfig:
    """How to reach the model; the page builds it from the settings."""

    api_key: str
    base_url: str = ""
    model: str = "gpt-4.1"
    timeout: float = 30.0
    max_retries: int = 0  # the owner has a "Try again" button; silent retries only make waits longer


@dataclass
class Completion:
    """What one streamed request produced."""

    content: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None


class ModelError(FinTrackError):
    """The model could not answer; the message says why and what to do."""


INTERRUPTED = ("The answer was interrupted: the connection to the model server dropped before it finished. "
               "Your question is saved; try again.")
# finish reasons of an answer that is not whole (None: the stream ended without saying it was done)
_UNFINISHED = {
    None: INTERRUPTED,
    "length": "The answer was interrupted: it grew longer than the model may write at once. Try asking for "
              "less at a time, for example one period or one category.",
    "content_filter": "The answer was interrupted by the model server's content filter. Try asking in "
                      "other words.",
}
TOO_LONG = ("This conversation has grown too long for the model to read. Start a new conversation to ask "
            "again; this one stays in your history.")
_CONTEXT = re.compile(r"context[ _](length|window)", re.IGNORECASE)


def _too_long(error: openai.APIStatusError) -> bool:
    """A 400 saying the messages exceed the model's context window (OpenAI, vLLM and others word it so)."""
    return error.status_code == 400 and bool(_CONTEXT.search(f"{error.code or ''} {error.message}"))


def _friendly(error: Exception) -> ModelError:
    if isinstance(error, openai.APITimeoutError):
        return ModelError("The model took too long to answer. Your question is saved; try again in a moment.")
    if isinstance(error, openai.AuthenticationError):
        return ModelError("The model server refused the API key (401). Check OPENAI_API_KEY in the settings "
                          "of this installation.")
    if isinstance(error, openai.RateLimitError):
        return ModelError("The model server is busy or your plan's limit is reached (429). Your question is "
                          "saved; try again in a minute.")
    if isinstance(error, openai.APIStatusError) and _too_long(error):
        return ModelError(TOO_LONG)
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return ModelError(f"The model server had a problem ({error.status_code}). Your question is saved; "
                          "try again in a moment.")
    if isinstance(error, openai.APIStatusError):
        return ModelError(f"The model server rejected the request ({error.status_code}). Check "
                          "FINTRACK_AI_MODEL and OPENAI_BASE_URL.")
    if isinstance(error, openai.APIConnectionError):
        return ModelError("Could not reach the model server. Check OPENAI_BASE_URL and the network.")
    return ModelError("The model's answer could not be read. Your question is saved; try again.")


def _broken(error: Exception) -> ModelError:
    """A failure once the answer has begun: a dropped connection (not a timeout) interrupted it."""
    if isinstance(error, openai.APIConnectionError) and not isinstance(error, openai.APITimeoutError):
        return ModelError(INTERRUPTED)
    return _friendly(error)


class ModelClient:
    """A thin wrapper over `openai.OpenAI` that streams one completion at a time."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self._client = openai.OpenAI(api_key=config.api_key, base_url=config.base_url or None,
                                     timeout=config.timeout, max_retries=config.max_retries)

    def stream(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Iterator[str | Completion]:
        """Yield text pieces as they arrive, then the finished `Completion`; raise `ModelError` on failure,
        also when the answer did not finish (the text already yielded is then all there is)."""
        try:
            chunks = self._client.chat.completions.create(
                model=self.config.model, messages=messages, tools=tools, stream=True,
                stream_options={"include_usage": True},
            )
        except openai.OpenAIError as error:
            raise _friendly(error) from error
        try:
            completion = yield from _read(chunks)
        except (openai.OpenAIError, ValueError, KeyError, TypeError, AttributeError) as error:  # or unparsable
            raise _broken(error) from error
        if completion.finish_reason in _UNFINISHED:
            raise ModelError(_UNFINISHED[completion.finish_reason])
        yield completion


def _read(chunks: openai.Stream[Any]) -> Generator[str, None, Completion]:
    """Yield the text of the answer as it arrives and return the whole `Completion`."""
    if chunks.response.headers.get("content-type", "").startswith("application/json"):
        with chunks:  # the server ignored stream=True and sent the whole completion at once
            completion = _whole(json.loads(chunks.response.read()))
        if completion.content:
            yield completion.content
        return completion
    completion = Completion()
    calls: dict[int, dict[str, Any]] = {}
    for chunk in chunks:
        yield from _absorb(chunk, completion, calls)
    completion.tool_calls = [_call(index, call) for index, call in sorted(calls.items())]
    return completion


def _whole(data: dict[str, Any]) -> Completion:
    """A plain (not streamed) Chat Completions reply as a `Completion`."""
    choice = data["choices"][0]
    message, usage = choice["message"], data.get("usage") or {}
    calls = [{"id": call.get("id") or "", **call["function"]} for call in message.get("tool_calls") or []]
    return Completion(content=message.get("content") or "",
                      tool_calls=[_call(index, call) for index, call in enumerate(calls)],
                      prompt_tokens=usage.get("prompt_tokens") or 0,
                      completion_tokens=usage.get("completion_tokens") or 0,
                      finish_reason=choice.get("finish_reason"))


def _absorb(chunk: Any, completion: Completion, calls: dict[int, dict[str, Any]]) -> Iterator[str]:
    if getattr(chunk, "usage", None):
        completion.prompt_tokens = chunk.usage.prompt_tokens or 0
        completion.completion_tokens = chunk.usage.completion_tokens or 0
    for choice in chunk.choices or []:
        completion.finish_reason = choice.finish_reason or completion.finish_reason
        delta = choice.delta
        if delta.content:
            completion.content += delta.content
            yield delta.content
        for piece in delta.tool_calls or []:
            call = calls.setdefault(piece.index or 0, {"id": "", "name": "", "arguments": ""})
            call["id"] = piece.id or call["id"]
            if piece.function:
                call["name"] += piece.function.name or ""
                call["arguments"] += piece.function.arguments or ""


def _call(index: int, call: dict[str, Any]) -> dict[str, Any]:
    """A tool call in the form the API takes back in the history (an id is made up if the server sent none)."""
    return {"id": call["id"] or f"call_{index}", "type": "function",
            "function": {"name": call["name"], "arguments": call["arguments"]}}

