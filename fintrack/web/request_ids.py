"""A request id on every HTTP request: on each log line written while serving it, and on the response.

An id set by the reverse proxy (`X-Request-ID`, if it looks like one) is kept, so the proxy's access log
and ours can be matched; otherwise a new one is made.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import Receive, Scope, Send

from fintrack.logs import bind_context, new_id
from fintrack.web.asgi import HttpMiddleware, call_editing_headers

REQUEST_ID_HEADER = "X-Request-ID"
_PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(scope: Scope) -> str:
    """The proxy's id for this request when it sent a plausible one, else a new id."""
    given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
    return given if _PLAUSIBLE_ID.fullmatch(given) else new_id()


class RequestIdMiddleware(HttpMiddleware):
    """Bind a request id to the log lines of each HTTP request and return it in `X-Request-ID`."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        identifier = request_id(scope)

        def name_the_request(headers: MutableHeaders) -> None:
            headers[REQUEST_ID_HEADER] = identifier

        with bind_context(request_id=identifier):
            await call_editing_headers(self.app, scope, receive, send, name_the_request)
