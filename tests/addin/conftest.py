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

from tests.helpers import example_copy  # noqa: E402
from xl_addin.server.app import create_app  # noqa: E402


@pytest.fixture(scope="session")
def app() -> Any:
    return create_app()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2020 example, built once; tests copy it before changing it."""
    return example_copy(tmp_path_factory.mktemp("example"))


@pytest.fixture
def example(tmp_path: Path, pristine: Path) -> Path:
    """A fresh copy of the 2020 example."""
    return Path(shutil.copy(pristine, tmp_path / pristine.name))
