"""`/api/docs`: Swagger UI over the API's OpenAPI document, served entirely from this server.

FastAPI's own Swagger UI page loads its script and style from a CDN, which a server without internet access
cannot reach; here the page points at the Swagger UI files that ship in a Python package (swagger-ui-bundle-v2:
Swagger UI 5, as Swagger UI 4 cannot read the OpenAPI 3.1 document FastAPI writes), mounted under
`/api/docs-assets`. Every URL carries the mount prefix (`root_path`, `/api` behind `server.py`), so the page
works wherever the API is mounted. `/api/openapi.json` is the machine-readable document.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs-assets"
ASSETS_NAME = "docs_assets"
# Swagger UI would send the document's address to validator.swagger.io for a badge: never from here.
SWAGGER_UI_PARAMETERS = {"validatorUrl": None}


def swagger_ui_page(api: FastAPI, root_path: str) -> HTMLResponse:
    """Swagger UI for `api` mounted at `root_path`, every asset from this server."""
    assets = f"{root_path}{ASSETS_PATH}"
    return get_swagger_ui_html(openapi_url=f"{root_path}{api.openapi_url}", title=f"{api.title} – docs",
                               swagger_js_url=f"{assets}/swagger-ui-bundle.js",
                               swagger_css_url=f"{assets}/swagger-ui.css",
                               swagger_favicon_url=f"{assets}/favicon-32x32.png",
                               swagger_ui_parameters=SWAGGER_UI_PARAMETERS)


def add_docs(api: FastAPI) -> None:
    """Serve Swagger UI at `/docs` of `api` and its files under `/docs-assets`."""
    api.mount(ASSETS_PATH, StaticFiles(directory=swagger_ui_path), name=ASSETS_NAME)

    @api.get(DOCS_PATH, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return swagger_ui_page(api, request.scope.get("root_path", ""))
