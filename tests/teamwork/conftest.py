from __future__ import annotations

from pathlib import Path

import pytest

from xl_addin.example import write_example

from .workbooks import copy_of


@pytest.fixture(scope="session")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2020 example, built once from the TOML data; tests work on copies."""
    return write_example(tmp_path_factory.mktemp("example") / "innspill-2020.xlsx")


@pytest.fixture
def example(tmp_path: Path, example_file: Path) -> Path:
    return copy_of(example_file, tmp_path / "innspill-2020.xlsx")
