"""Security headers on every response, and a Content-Security-Policy the add-in can live with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.addin.conftest import LOOPBACK_CLIENT
from tests.addin.payload import book_payload
from xl_addin import macros
from xl_addin.server.app import server_settings
from xl_addin.server.downloads import STORE
from xl_addin.server.headers import OFFICE_FRAME_ANCESTORS, OFFICE_JS_CDN


@pytest.fixture
def https(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver", client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def policy(response: Any) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: sources}."""
    parts = [p.split() for p in response.headers["content-security-policy"].split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def responses(client: TestClient, example: Path) -> dict[str, Any]:
    token = STORE.put(b"PK", "innspill-2020.docx")
    payload = book_payload(example, include=macros.COUNTS_SHEETS)
    alert = {"prompt": "Hei", "title": "Innspill", "buttons": "ok", "mode": "info", "callback": ""}
    remote = TestClient(client.app, base_url=str(client.base_url))  # not loopback: refused
    return {
        "manifest": client.get("/manifest.xml"),
        "taskpane": client.get("/taskpane.html"),
        "alert": client.get("/xlwings/alert", params=alert),
        "script": client.post("/xlwings/custom-scripts-call/oppdater_telling", json=payload),
        "static": client.get("/static/js/ribbon.js"),
        "icon": client.get("/static/images/icons/innspill-32.png"),
        "download": client.get(f"/innspill/rapport/{token}"),
        "unknown download": client.get("/innspill/rapport/ukjent"),
        "not found": client.get("/finnes-ikke"),
        "refused": remote.post("/xlwings/custom-scripts-call/kontroller", json=payload),
    }


def test_every_response_has_the_security_headers(https: TestClient, example: Path) -> None:
    answers = responses(https, example)
    assert answers["refused"].status_code == 403
    for name, response in answers.items():
        assert response.headers["x-content-type-options"] == "nosniff", name
        assert response.headers["referrer-policy"] == "no-referrer", name
        assert "frame-ancestors" in policy(response), name
        assert response.headers["strict-transport-security"].startswith("max-age="), name
        assert "x-frame-options" not in response.headers, name  # Excel on the web frames the add-in


def test_no_strict_transport_security_over_http(client: TestClient, example: Path) -> None:
    """RFC 6797: never over plain HTTP (xlwings Server sends it; the guard takes it away)."""
    for name, response in responses(client, example).items():
        assert "strict-transport-security" not in response.headers, name
        assert response.headers["x-content-type-options"] == "nosniff", name


def test_behind_a_proxy_https_is_what_the_proxy_says(app: Any) -> None:
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    proxied = ProxyHeadersMiddleware(app, trusted_hosts="127.0.0.1")
    with TestClient(proxied, client=LOOPBACK_CLIENT) as client:
        response = client.get("/manifest.xml", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" in response.headers


def test_the_policy_lets_office_frame_and_load_the_add_in(https: TestClient) -> None:
    rules = policy(https.get("/taskpane.html"))
    assert set(OFFICE_FRAME_ANCESTORS) <= set(rules["frame-ancestors"])
    assert "https://*.officeapps.live.com" in rules["frame-ancestors"]  # Excel on the web
    assert "*" not in rules["frame-ancestors"]
    assert rules["script-src"] == ["'self'", OFFICE_JS_CDN]
    assert rules["connect-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in sum(rules.values(), [])
    assert "'unsafe-inline'" not in rules["script-src"]


@pytest.mark.parametrize(
    "page", ["/taskpane.html", "/xlwings/alert?prompt=Hei&title=I&buttons=ok&mode=info&callback="]
)
def test_the_pages_need_nothing_the_policy_forbids(https: TestClient, page: str) -> None:
    """Every script, style and image comes from this server or Office's CDN; no inline script runs."""
    response = https.get(page)
    html = response.text
    allowed_scripts = policy(response)["script-src"]
    for tag in re.findall(r"<script\b[^>]*>", html):
        src = re.search(r'src="([^"]+)"', tag)
        if src is None:
            assert 'type="application/json"' in tag, tag  # a data block, not run
            continue
        origin = urlsplit(src.group(1))
        assert not origin.netloc or f"{origin.scheme}://{origin.netloc}" in allowed_scripts, tag
        assert https.get(src.group(1)).status_code == 200, tag
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    for href in re.findall(r'<link\b[^>]*href="([^"]+)"', html):
        assert not urlsplit(href).netloc, href


def test_a_policy_set_in_xlwings_settings_wins(https: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    own = "default-src 'self'; frame-ancestors https://intranett.imdi.no"
    monkeypatch.setattr(server_settings(), "custom_headers", {"Content-Security-Policy": own})
    assert https.get("/taskpane.html").headers["content-security-policy"] == own


def test_the_report_download_is_never_cached(https: TestClient) -> None:
    token = STORE.put(b"PK", "innspill-2020.docx")
    response = https.get(f"/innspill/rapport/{token}")
    assert response.status_code == 200
    assert "no-store" in response.headers["cache-control"]
    assert response.headers["referrer-policy"] == "no-referrer"  # the token never leaves in a Referer
