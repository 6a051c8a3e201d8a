"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError


def xlsx_argument(parser: argparse.ArgumentParser, help: str = "arbeidsboka (.xlsx)") -> None:
    parser.add_argument("file", metavar="FIL", type=Path, help=help)


def require_xlsx_name(path: Path) -> Path:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"«{path.name}» er ikke en .xlsx-fil. Oppgi en Excel-arbeidsbok (.xlsx).")
    return path


@dataclass
class DemoContext:
    """What `innspill demo` hands each command's demo step."""

    directory: Path
    workbook: Path
    outputs: list[tuple[str, Path]] = field(default_factory=list)

    def say(self, text: str) -> None:
        print(text)

    def output(self, label: str, path: Path) -> None:
        self.outputs.append((label, path))
