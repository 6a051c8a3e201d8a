"""Sign-in: Entra ID tokens signed by a key made in the test, and the server without sign-in."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from joserfc.jwk import RSAKey

from tests.addin.conftest import LOOPBACK_CLIENT
from tests.addin.payload import book_payload, call_script, funcs
from tests.addin.tokens import token
from xl_addin import macros
from xl_addin.server import signin
from xl_addin.server.app import server_settings
from xl_addin.server.responses import LOCAL_ONLY, NO_ACCESS, NOT_SIGNED_IN, SIGN_IN_BROKEN

ROLE = "Innspill.Bruker"
SCRIPT = "/xlwings/custom-scripts-call/oppdater_telling"


@pytest.fixture(scope="module")
def other_key() -> RSAKey:
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture
def remote(app: Any) -> Iterator[TestClient]:
    """A client on another machine (the default TestClient address is not loopback)."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def body(example: Path) -> dict[str, Any]:
    return book_payload(example, include=macros.COUNTS_SHEETS)


def post(client: TestClient, body: dict[str, Any], authorization: str | None = None) -> Any:
    headers = {} if authorization is None else {"Authorization": authorization}
    return client.post(SCRIPT, json=body, headers=headers)


def test_a_valid_token_runs_the_script(entraid: None, key: RSAKey, remote: TestClient, body: Any) -> None:
    response = post(remote, body, token(key))
    assert response.status_code == 200
    assert "addChart" in funcs(response.json()["actions"])


def test_without_a_token_nothing_runs(entraid: None, remote: TestClient, body: Any) -> None:
    for authorization in (None, ""):
        response = post(remote, body, authorization)
        assert response.status_code == 401
        assert response.json() == {"detail": NOT_SIGNED_IN}
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "forged",
    ["garbage", "Bearer", "Bearer abc.def.ghi", "test-token", "Bearer test-token", "Basic a2FyaTpwYXNz"],
)
def test_a_bad_token_is_refused(entraid: None, remote: TestClient, body: Any, forged: str) -> None:
    response = post(remote, body, forged)
    assert response.status_code == 401
    assert response.json() == {"detail": NOT_SIGNED_IN}
    assert response.headers["www-authenticate"] == "Bearer"


def test_tokens_not_from_our_tenant_and_app_are_refused(
    entraid: None, key: RSAKey, other_key: RSAKey, remote: TestClient, body: Any
) -> None:
    strangers = [
        token(other_key),  # signed by someone else
        token(key, audience="00000000-0000-4000-8000-000000000000"),  # for another app
        token(key, issuer="https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/v2.0"),
    ]
    for stranger in strangers:
        assert post(remote, body, stranger).status_code == 401
    valid = token(key)
    tampered = valid[:-4] + ("AAAA" if not valid.endswith("AAAA") else "BBBB")
    assert post(remote, body, tampered).status_code == 401


def test_an_expired_token_is_refused(entraid: None, key: RSAKey, remote: TestClient, body: Any) -> None:
    response = post(remote, body, token(key, lifetime=-120))
    assert response.status_code == 401
    assert response.json() == {"detail": NOT_SIGNED_IN}


def test_a_token_stops_working_when_it_expires(
    entraid: None, key: RSAKey, remote: TestClient, body: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlwings Server remembers a valid token's user for an hour; the expiry is checked on every call."""
    bearer = token(key, lifetime=600)
    assert post(remote, body, bearer).status_code == 200
    now = time.time()
    monkeypatch.setattr(signin, "clock", lambda: now + 601)
    response = post(remote, body, bearer)
    assert response.status_code == 401
    assert response.json() == {"detail": NOT_SIGNED_IN}


def test_a_required_role_is_enforced(
    entraid: None, key: RSAKey, remote: TestClient, body: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_settings(), "auth_required_roles", [ROLE])
    refused = post(remote, body, token(key))
    assert refused.status_code == 403
    assert refused.json() == {"detail": NO_ACCESS}
    assert post(remote, body, token(key, roles=[ROLE])).status_code == 200


def test_the_add_in_loads_without_a_token(entraid: None, remote: TestClient) -> None:
    """Office fetches the manifest, task pane and scripts' list before anyone can sign in."""
    for path in (
        "/manifest.xml",
        "/taskpane.html",
        "/xlwings/custom-scripts-meta.json",
        "/static/js/ribbon.js",
    ):
        assert remote.get(path).status_code == 200, path


def test_without_sign_in_workbooks_come_from_this_machine_only(
    app: Any, remote: TestClient, body: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_settings(), "auth_providers", [])
    response = post(remote, body)
    assert response.status_code == 403
    assert response.json() == {"detail": LOCAL_ONLY}
    with TestClient(app, client=LOOPBACK_CLIENT) as local:
        assert call_script(local, "oppdater_telling", body)


def test_behind_a_proxy_the_forwarded_client_counts(
    app: Any, body: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn (proxy_headers) puts X-Forwarded-For's address in the scope; a remote user is refused."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    monkeypatch.setattr(server_settings(), "auth_providers", [])
    proxied = ProxyHeadersMiddleware(app, trusted_hosts="127.0.0.1")
    with TestClient(proxied, client=LOOPBACK_CLIENT) as through_proxy:
        response = through_proxy.post(SCRIPT, json=body, headers={"X-Forwarded-For": "10.20.30.40"})
    assert response.status_code == 403
    assert response.json() == {"detail": LOCAL_ONLY}


def test_an_untrusted_provider_refuses_everything(
    app: Any, remote: TestClient, body: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """xlwings Server's `custom` example would take "test-token"; the server refuses to rely on it."""
    monkeypatch.setattr(server_settings(), "auth_providers", ["custom"])
    response = post(remote, body, "test-token")
    assert response.status_code == 503
    assert response.json() == {"detail": SIGN_IN_BROKEN}
