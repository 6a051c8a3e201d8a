"""The bad-input corpus, built once per test run (the commands under test never change its files)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .corpus import Built, build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """`corpus(name)`: the case's file, built on first use."""
    root = tmp_path_factory.mktemp("corpus")
    built: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in built:
            built[name] = build(name, root / name)
        return built[name]

    return get
