"""The API application: routers under `/v1` (and, for the original design's names, under `/` too), the error
shape, the body size caps and the interactive docs (Swagger UI). `server.py` mounts it at `/api`."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from starlette.middleware import Middleware

from fintrack.api.docs import add_docs
from fintrack.api.errors import install_error_handlers
from fintrack.api.limits import BodyLimitMiddleware, NoStoreMiddleware
from fintrack.api.routers import assets, assistant, auth, imports, money_accounts, reconciliation, reports, user
from fintrack.api.routers.entries import entries_router
from fintrack.config import settings
from fintrack.kinds import ENTRY_KINDS

API_PATH = "/api"
VERSION = "v1"


def _routers() -> list[APIRouter]:
    return [auth.router, user.router, *(entries_router(kind) for kind in ENTRY_KINDS), assets.router,
            reports.router, imports.router, assistant.router, money_accounts.router, reconciliation.router]


def create_api() -> FastAPI:
    """A new API application (the OpenAPI document lists the `/v1` routes; the unversioned ones are aliases)."""
    api = FastAPI(title="FinTrack API", version=VERSION, docs_url=None, redoc_url=None,
                  description="Your books over HTTP: the same services, validation and limits as the screens. "
                              "Money is a decimal string, dates are ISO 8601.",
                  middleware=[Middleware(NoStoreMiddleware),
                              Middleware(BodyLimitMiddleware, import_max_bytes=lambda: settings().import_max_bytes)])
    install_error_handlers(api)
    for router in _routers():
        api.include_router(router, prefix=f"/{VERSION}")
        api.include_router(router, include_in_schema=False)
    add_docs(api)
    return api
