"""`GET /metrics`: this process's Prometheus metrics, for a scraper holding FINTRACK_METRICS_TOKEN.

Off (404, as if there were no such page) while the token setting is empty; a missing or wrong bearer token
gets 401. Each app server answers for itself: scrape every one (see the README's deployment section).
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from fintrack import metrics
from fintrack.config import settings
from fintrack.db.shared import shared_database
from fintrack.services import sessions

METRICS_PATH = "/metrics"
_BEARER = "bearer "


def _presented_token(request: Request) -> str:
    authorization = request.headers.get("authorization", "")
    return authorization[len(_BEARER):].strip() if authorization.lower().startswith(_BEARER) else ""


def scrape(request: Request) -> Response:
    """The metrics in Prometheus' text format, after checking the bearer token."""
    config = settings()
    if not config.metrics_token:
        return PlainTextResponse("Not Found", status_code=404)
    if not hmac.compare_digest(_presented_token(request).encode(), config.metrics_token.encode()):
        return PlainTextResponse("Unauthorized", status_code=401, headers={"WWW-Authenticate": "Bearer"})
    live = sessions.live_sessions(shared_database(config.database_url))
    return Response(metrics.exposition(live_sessions=live), media_type=metrics.CONTENT_TYPE,
                    headers={"Cache-Control": "no-store"})


def metrics_routes() -> list[Route]:
    """The route `server.py` mounts beside Streamlit."""
    return [Route(METRICS_PATH, scrape, methods=["GET"])]
