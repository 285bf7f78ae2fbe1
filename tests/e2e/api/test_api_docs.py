"""`/api/docs` on the real server: Swagger UI from this server's own files (a server without internet access
cannot load a CDN's), under the same security headers as every page, and drawing every operation in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Page, expect

DOCS = "/api/docs"
ASSET_TYPES = {"js": "javascript", "css": "text/css", "png": "image/png"}  # nosniff: browsers check them


def _referenced(html: str) -> list[str]:
    """Every URL the page loads or names: scripts, styles, icons and the OpenAPI document."""
    return re.findall(r"""(?:src|href)="([^"]+)"|url: '([^']+)'""", html)


def test_the_docs_page_loads_swagger_ui_from_this_server_only(base_url):
    page = requests.get(base_url + DOCS, timeout=30)
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text
    assert '"validatorUrl": null' in page.text  # no badge fetched from validator.swagger.io
    urls = [attribute or document for attribute, document in _referenced(page.text)]
    assert "/api/openapi.json" in urls
    assets = [url for url in urls if url != "/api/openapi.json"]
    assert {url.rsplit(".", 1)[-1] for url in assets} >= {"js", "css"}
    for url in assets:
        assert urlsplit(url).netloc == "" and url.startswith("/api/docs-assets/"), url  # same origin, under /api
        asset = requests.get(base_url + url, timeout=30)
        assert asset.status_code == 200 and len(asset.content) > 0, url
        assert ASSET_TYPES[url.rsplit(".", 1)[-1]] in asset.headers["Content-Type"], url


@pytest.mark.parametrize("path", [DOCS, "/api/docs-assets/swagger-ui-bundle.js"])
def test_the_docs_and_their_files_carry_the_security_headers(base_url, path):
    headers = requests.get(base_url + path, timeout=30).headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"


@pytest.mark.browser
def test_swagger_ui_draws_every_operation_without_another_origin(page: Page, base_url):
    document = requests.get(f"{base_url}/api/openapi.json", timeout=30).json()
    operations = sum(len(item) for item in document["paths"].values())
    origins = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))
    page.goto(base_url + DOCS)
    expect(page.locator(".opblock")).to_have_count(operations)  # Swagger UI 4 could not read OpenAPI 3.1
    expect(page.locator('.opblock-post [data-path="/v1/expenses/bulk"]')).to_be_visible()
    assert origins == {urlsplit(base_url).netloc}
