"""What our ASGI middleware shares: HTTP requests only, and one way to change a response's headers."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpMiddleware:
    """Middleware that acts on HTTP requests only: websockets and lifespan events pass straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request (through `self.app`)."""
        raise NotImplementedError


async def call_editing_headers(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                               edit: Callable[[MutableHeaders], None]) -> None:
    """Call `app`, letting `edit` change the headers of the response it starts."""

    async def send_edited(message: Message) -> None:
        if message["type"] == "http.response.start":
            edit(MutableHeaders(scope=message))
        await send(message)

    await app(scope, receive, send_edited)
