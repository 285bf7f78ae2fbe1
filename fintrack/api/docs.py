"""`/api/docs`: a reference of the API drawn from its OpenAPI document, in one page with no outside assets.

FastAPI's Swagger UI loads its scripts from a CDN, which a server without internet access (or a strict
Content-Security-Policy) cannot use; this page is plain HTML built on the server, so it always works.
`/api/openapi.json` is the machine-readable document (Swagger UI, Postman or a client generator read it).
"""

from __future__ import annotations

import html
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

_METHODS = ("get", "post", "put", "delete")


def _operation(path: str, method: str, operation: dict[str, Any]) -> str:
    parameters = "".join(f"<li><code>{html.escape(p['name'])}</code> ({html.escape(p['in'])}) "
                         f"{html.escape(p.get('description', ''))}</li>" for p in operation.get("parameters", []))
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    body_html = (f"<details><summary>JSON body</summary><pre>{html.escape(json.dumps(body, indent=2))}</pre>"
                 "</details>") if body else ""
    statuses = ", ".join(sorted(operation.get("responses", {})))
    return (f"<section><h3><code>{method.upper()} {html.escape(path)}</code></h3>"
            f"<p>{html.escape(operation.get('description') or operation.get('summary', ''))}</p>"
            f"{f'<ul>{parameters}</ul>' if parameters else ''}{body_html}<p>Statuses: {statuses}</p></section>")


def reference_page(api: FastAPI, root_path: str) -> str:
    """The whole reference as one HTML page."""
    document = api.openapi()
    sections = "".join(_operation(path, method, item[method]) for path, item in document["paths"].items()
                       for method in _METHODS if method in item)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(document['info']['title'])}"
            "</title></head><body style='font-family:sans-serif;max-width:60rem;margin:auto'>"
            f"<h1>{html.escape(document['info']['title'])}</h1><p>Send <code>Authorization: Bearer &lt;token&gt;"
            f"</code>. The OpenAPI document: <a href='{root_path}/openapi.json'>{root_path}/openapi.json</a>.</p>"
            f"{sections}</body></html>")


def add_reference_page(api: FastAPI) -> None:
    """Serve the reference at `/docs` of `api`."""

    @api.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(reference_page(api, request.scope.get("root_path", "")))
