"""A real local HTTP server speaking the OpenAI Chat Completions protocol, scripted per test.

It binds 127.0.0.1 on a free port and answers `POST /v1/chat/completions`, plain JSON or streamed as
server-sent events (with tool calls split across chunks, and a final usage chunk), from a queue of
scripted replies. Every request body is kept in `requests`, so tests can check what the model was sent.

    server.reply_text("You spent €42.50.")
    server.reply_tool_calls(("get_totals", {...}))
    server.reply_error(401, "Incorrect API key")
    server.reply_hang(2.0)            # answer too late (client timeout)
    server.reply_garbage()            # a body that is not the protocol
    server.reply_text("Long", finish="length")   # a stream cut off (or "content_filter")
    server.reply_drop("Your profit is", after=2)  # the connection closes mid-stream, no finish chunk
    server.reply_plain("You spent €42.50.")      # plain JSON although the client asked for a stream
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    kind: str  # text | tools | error | hang | garbage | plain
    content: str = ""
    tool_calls: list[tuple[str, str]] = field(default_factory=list)
    status: int = 200
    seconds: float = 0.0
    usage: tuple[int, int] = (12, 7)
    delay: float = 0.0  # seconds between streamed chunks, to watch an answer arrive
    finish: str = ""  # the finish_reason sent; "" for the usual stop / tool_calls
    code: str = ""  # the error code (errors only)
    drop_after: int | None = None  # close the connection after this many streamed chunks
    chunked: bool = False  # stream with HTTP/1.1 chunked encoding (a drop is then an incomplete body)


class FakeOpenAI:
    """The scripted server: `start()` it, script replies, point the client at `base_url`, `stop()` it."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.models: list[str] = ["gpt-4.1"]  # what `GET /v1/models` lists
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # --- scripting --------------------------------------------------------------------------------------

    def reply_text(self, content: str, usage: tuple[int, int] = (12, 7), delay: float = 0.0,
                   finish: str = "") -> None:
        self.script.append(Reply("text", content=content, usage=usage, delay=delay, finish=finish))

    def reply_drop(self, content: str, after: int, chunked: bool = True,
                   calls: tuple[tuple[str, dict[str, Any] | str], ...] = ()) -> None:
        """Stream `after` chunks of `content` (then of `calls`), then close the connection: no
        finish_reason, no [DONE]. Chunked (as real servers send), the body ends incomplete; otherwise it
        ends cleanly but early."""
        self.script.append(Reply("text", content=content, tool_calls=_raw(calls), drop_after=after,
                                 chunked=chunked))

    def reply_plain(self, content: str) -> None:
        """Answer with one JSON completion even when the request asked for a stream."""
        self.script.append(Reply("plain", content=content))

    def reply_tool_calls(self, *calls: tuple[str, dict[str, Any] | str], content: str = "") -> None:
        """Each call is (name, arguments); a str is sent as is (to script malformed JSON)."""
        self.script.append(Reply("tools", content=content, tool_calls=_raw(calls)))

    def reply_error(self, status: int, message: str = "error", code: str = "") -> None:
        self.script.append(Reply("error", content=message, status=status, code=code or str(status)))

    def reply_hang(self, seconds: float) -> None:
        self.script.append(Reply("hang", content="too late", seconds=seconds))

    def reply_garbage(self) -> None:
        self.script.append(Reply("garbage"))

    # --- running ----------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(body)
                fake._respond(self, body)

            def do_GET(self) -> None:  # noqa: N802
                if not self.path.endswith("/models"):
                    return _send_json(self, 404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                return _send_json(self, 200, {"object": "list", "data": [
                    {"id": name, "object": "model", "created": 0, "owned_by": "fake"} for name in fake.models]})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def _respond(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        if not handler.path.endswith("/chat/completions"):
            return _send_json(handler, 404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        if not self.script:
            return _send_json(handler, 500, {"error": {"message": "fake server: nothing scripted",
                                                       "type": "server_error"}})
        reply = self.script.popleft()
        if reply.kind == "error":
            return _send_json(handler, reply.status, {"error": {"message": reply.content, "type": "api_error",
                                                                "code": reply.code}})
        if reply.kind == "hang":
            time.sleep(reply.seconds)
        if reply.kind == "garbage":
            return _send_raw(handler, "text/event-stream" if body.get("stream") else "application/json",
                             b"data: {this is not json\n\n" if body.get("stream") else b"{oops")
        completion_id = f"chatcmpl-{next(self._ids)}"
        if body.get("stream") and reply.kind != "plain":
            return _send_stream(handler, completion_id, body.get("model", "fake"), reply)
        return _send_json(handler, 200, _completion(completion_id, body.get("model", "fake"), reply))


def _raw(calls: tuple[tuple[str, dict[str, Any] | str], ...]) -> list[tuple[str, str]]:
    return [(name, args if isinstance(args, str) else json.dumps(args)) for name, args in calls]


def _tool_call_json(index: int, name: str, arguments: str) -> dict[str, Any]:
    return {"id": f"call_{index + 1}", "type": "function", "function": {"name": name, "arguments": arguments}}


def _usage(reply: Reply) -> dict[str, int]:
    prompt, completion = reply.usage
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _completion(completion_id: str, model: str, reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
    if reply.tool_calls:
        message["tool_calls"] = [_tool_call_json(i, n, a) for i, (n, a) in enumerate(reply.tool_calls)]
    return {"id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": _finish(reply)}],
            "usage": _usage(reply)}


def _chunks(reply: Reply) -> Iterator[dict[str, Any]]:
    words = reply.content.split(" ")
    for number, word in enumerate(words if reply.content else []):
        yield {"role": "assistant", "content": word if number == 0 else " " + word}
    for index, (name, arguments) in enumerate(reply.tool_calls):
        head = {"index": index, "id": f"call_{index + 1}", "type": "function",
                "function": {"name": name, "arguments": ""}}
        yield {"tool_calls": [head]}
        middle = len(arguments) // 2
        for part in (arguments[:middle], arguments[middle:]):
            yield {"tool_calls": [{"index": index, "function": {"arguments": part}}]}


def _finish(reply: Reply) -> str:
    return reply.finish or ("tool_calls" if reply.tool_calls else "stop")


def _send_stream(handler: BaseHTTPRequestHandler, completion_id: str, model: str, reply: Reply) -> None:
    if reply.chunked:
        handler.protocol_version = "HTTP/1.1"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Cache-Control", "no-cache")
    if reply.chunked:
        handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    base = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model}
    for number, delta in enumerate(_chunks(reply)):
        if number == reply.drop_after:
            handler.close_connection = True
            return
        _event(handler, reply, {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        time.sleep(reply.delay)
    _event(handler, reply, {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": _finish(reply)}]})
    _event(handler, reply, {**base, "choices": [], "usage": _usage(reply)})
    _write(handler, reply, b"data: [DONE]\n\n")
    if reply.chunked:
        handler.wfile.write(b"0\r\n\r\n")
        handler.wfile.flush()


def _event(handler: BaseHTTPRequestHandler, reply: Reply, data: dict[str, Any]) -> None:
    _write(handler, reply, f"data: {json.dumps(data)}\n\n".encode())


def _write(handler: BaseHTTPRequestHandler, reply: Reply, data: bytes) -> None:
    if reply.chunked:
        data = f"{len(data):x}\r\n".encode() + data + b"\r\n"
    handler.wfile.write(data)
    handler.wfile.flush()


def _send_json(handler: BaseHTTPRequestHandler, status: int, data: dict[str, Any]) -> None:
    _send_raw(handler, "application/json", json.dumps(data).encode(), status)


def _send_raw(handler: BaseHTTPRequestHandler, content_type: str, body: bytes, status: int = 200) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
