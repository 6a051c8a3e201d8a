"""Running the `innspill` command in-process, and what every run must show (and must not)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from xl_addin.cli import main

#: The door's catch-all: seeing it means an exception nobody turned into a clear message.
UNEXPECTED = "noe uventet gikk galt"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def innspill(capsys: pytest.CaptureFixture[str], *args: object) -> Run:
    """`innspill ARGS` in this process; fails on a traceback or an unexplained error."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    run = Run(code, captured.out, captured.err)
    assert "Traceback" not in run.text, run.text
    assert UNEXPECTED not in run.text, run.text
    return run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(directory: Path) -> list[str]:
    """Every file name in `directory` (temporary and backup files included)."""
    return sorted(p.name for p in directory.iterdir())
