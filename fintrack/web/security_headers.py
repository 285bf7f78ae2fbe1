"""Headers every HTTP response of the server carries: pages, static files, the /auth routes and /metrics.

FinTrack is never framed (clickjacking): `X-Frame-Options: DENY` for older browsers and CSP
`frame-ancestors 'none'` for the rest. Browsers must not guess content types (`nosniff`), and other sites
learn no more than our origin from the Referer. A header a route set itself (the sign-in redirect's
`Referrer-Policy: no-referrer`) is kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Receive, Scope, Send

from fintrack.web.asgi import HttpMiddleware, call_editing_headers

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


class SecurityHeadersMiddleware(HttpMiddleware):
    """Add `SECURITY_HEADERS` to every HTTP response that does not set them itself."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        await call_editing_headers(self.app, scope, receive, send, _add_security_headers)


def _add_security_headers(headers: MutableHeaders) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
