"""What every API request and response gets: size caps and no caching.

A JSON body may have up to `MAX_JSON_BYTES`; a statement upload up to the import byte cap
(FINTRACK_IMPORT_MAX_BYTES) plus room for the form around it. A larger body is refused with 413 before a
route reads it, whether the client announced its length or streamed it."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fintrack.api.errors import error_response
from fintrack.web.asgi import HttpMiddleware, call_editing_headers

MAX_JSON_BYTES = 2 * 1024 * 1024  # a bulk of 1,000 entries with long notes fits
UPLOAD_PATH_SUFFIXES = ("/imports", "/imports/commit")
FORM_OVERHEAD_BYTES = 64 * 1024


class BodyLimitMiddleware(HttpMiddleware):
    """Buffer each request body up to its cap and answer 413 beyond it."""

    def __init__(self, app: ASGIApp, import_max_bytes: Callable[[], int]) -> None:
        super().__init__(app)
        self.import_max_bytes = import_max_bytes

    def cap(self, scope: Scope) -> int:
        """The most bytes a body to this path may have."""
        if scope["path"].rstrip("/").endswith(UPLOAD_PATH_SUFFIXES):
            return self.import_max_bytes() + FORM_OVERHEAD_BYTES
        return MAX_JSON_BYTES

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        cap = self.cap(scope)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            await _too_large(cap)(scope, receive, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > cap:
                await _too_large(cap)(scope, receive, send)
                return
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _too_large(cap: int):  # noqa: ANN202 - a Starlette response, an ASGI app
    return error_response(413, f"The request body is larger than {cap:,} bytes, the most this endpoint takes.")


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the buffered body over once, then waits on the real one (for a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


class NoStoreMiddleware(HttpMiddleware):
    """`Cache-Control: no-store` on every API response: they hold an owner's books and tokens, which no proxy or
    browser cache may keep."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        def no_store(headers: MutableHeaders) -> None:
            headers["Cache-Control"] = "no-store"

        await call_editing_headers(self.app, scope, receive, send, no_store)
