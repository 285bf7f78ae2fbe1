"""A request id on every HTTP request: on each log line written while serving it, and on the response.

An id set by the reverse proxy (`X-Request-ID`, if it looks like one) is kept, so the proxy's access log
and ours can be matched; otherwise a new one is made.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fintrack.logs import bind_context, new_id

REQUEST_ID_HEADER = "X-Request-ID"
_PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(scope: Scope) -> str:
    """The proxy's id for this request when it sent a plausible one, else a new id."""
    given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
    return given if _PLAUSIBLE_ID.fullmatch(given) else new_id()


class RequestIdMiddleware:
    """Bind a request id to the log lines of each HTTP request and return it in `X-Request-ID`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        identifier = request_id(scope)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = identifier
            await send(message)

        with bind_context(request_id=identifier):
            await self.app(scope, receive, send_with_id)
