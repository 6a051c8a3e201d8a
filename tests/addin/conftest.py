"""Fixtures for the add-in: the xlwings Server app and workbooks built from the schema."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before any xlwings PRO code is imported (the remote engine and xlwings Server need a licence).
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from fastapi.testclient import TestClient  # noqa: E402
from joserfc.jwk import KeySet, RSAKey  # noqa: E402

from tests.addin.tokens import CLIENT_ID, TENANT  # noqa: E402
from tests.helpers import example_copy  # noqa: E402
from xl_addin.server.app import create_app, server_settings  # noqa: E402


@pytest.fixture(scope="session")
def app() -> Any:
    return create_app()


#: Requests come from this machine: without sign-in the server takes workbooks from loopback only.
LOOPBACK_CLIENT = ("127.0.0.1", 50000)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, client=LOOPBACK_CLIENT) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2020 example, built once; tests copy it before changing it."""
    return example_copy(tmp_path_factory.mktemp("example"))


@pytest.fixture
def example(tmp_path: Path, pristine: Path) -> Path:
    """A fresh copy of the 2020 example."""
    return Path(shutil.copy(pristine, tmp_path / pristine.name))


@pytest.fixture(scope="session")
def key() -> RSAKey:
    """The session's "Entra ID" signing key."""
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture
def entraid(app: Any, key: RSAKey, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sign-in with Entra ID, whose signing key is `key` (see `tests.addin.tokens`)."""
    from xlwings_server.auth.entraid import jwks

    settings = server_settings()
    monkeypatch.setattr(settings, "auth_providers", ["entraid"])
    monkeypatch.setattr(settings, "auth_entraid_client_id", CLIENT_ID)
    monkeypatch.setattr(settings, "auth_entraid_tenant_id", TENANT)
    monkeypatch.setattr(settings, "auth_required_roles", [])

    async def keys() -> dict[str, Any]:
        return KeySet([key]).as_dict(private=False)

    monkeypatch.setattr(jwks, "get_jwks_json", keys)
