"""The model connection: the real `openai` client (any OpenAI-compatible server), Chat Completions with
tools, streamed. Every failure becomes a `ModelError` whose message the owner can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
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


class ModelError(FinTrackError):
    """The model could not answer; the message says why and what to do."""


def _friendly(error: Exception) -> ModelError:
    if isinstance(error, openai.APITimeoutError):
        return ModelError("The model took too long to answer. Your question is saved; try again in a moment.")
    if isinstance(error, openai.AuthenticationError):
        return ModelError("The model server refused the API key (401). Check OPENAI_API_KEY in the settings "
                          "of this installation.")
    if isinstance(error, openai.RateLimitError):
        return ModelError("The model server is busy or your plan's limit is reached (429). Your question is "
                          "saved; try again in a minute.")
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return ModelError(f"The model server had a problem ({error.status_code}). Your question is saved; "
                          "try again in a moment.")
    if isinstance(error, openai.APIStatusError):
        return ModelError(f"The model server rejected the request ({error.status_code}). Check "
                          "FINTRACK_AI_MODEL and OPENAI_BASE_URL.")
    if isinstance(error, openai.APIConnectionError):
        return ModelError("Could not reach the model server. Check OPENAI_BASE_URL and the network.")
    return ModelError("The model's answer could not be read. Your question is saved; try again.")


class ModelClient:
    """A thin wrapper over `openai.OpenAI` that streams one completion at a time."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        self._client = openai.OpenAI(api_key=config.api_key, base_url=config.base_url or None,
                                     timeout=config.timeout, max_retries=config.max_retries)

    def stream(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Iterator[str | Completion]:
        """Yield text pieces as they arrive, then the finished `Completion`; raise `ModelError` on failure."""
        try:
            chunks = self._client.chat.completions.create(
                model=self.config.model, messages=messages, tools=tools, stream=True,
                stream_options={"include_usage": True},
            )
            completion = Completion()
            calls: dict[int, dict[str, Any]] = {}
            for chunk in chunks:
                yield from _absorb(chunk, completion, calls)
        except openai.OpenAIError as error:
            raise _friendly(error) from error
        except (ValueError, KeyError, TypeError, AttributeError) as error:  # a stream we cannot parse
            raise _friendly(error) from error
        completion.tool_calls = [_call(index, call) for index, call in sorted(calls.items())]
        yield completion


def _absorb(chunk: Any, completion: Completion, calls: dict[int, dict[str, Any]]) -> Iterator[str]:
    if getattr(chunk, "usage", None):
        completion.prompt_tokens = chunk.usage.prompt_tokens or 0
        completion.completion_tokens = chunk.usage.completion_tokens or 0
    for choice in chunk.choices or []:
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

