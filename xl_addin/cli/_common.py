"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError

#: Other spreadsheet formats people send, and what to call them.
OTHER_FORMATS = {
    ".xls": "det gamle Excel-formatet (.xls)",
    ".xlsb": "Excel-formatet for binære arbeidsbøker (.xlsb)",
    ".ods": "OpenDocument-formatet (.ods)",
    ".csv": "CSV-format (.csv)",
}


def xlsx_argument(parser: argparse.ArgumentParser, help: str = "arbeidsboka (.xlsx)") -> None:
    parser.add_argument("file", metavar="FIL", type=Path, help=help)


def require_xlsx_name(path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS and path.is_file():
        raise UsageError(
            f"«{path.name}» er i {OTHER_FORMATS[suffix]}. Åpne den i Excel og lagre den som "
            "Excel-arbeidsbok (.xlsx)."
        )
    if suffix not in (".xlsx", ".xlsm"):
        raise UsageError(f"«{path.name}» er ikke en .xlsx-fil. Oppgi en Excel-arbeidsbok (.xlsx).")
    return path


def macro_notice(path: Path, *, to_stderr: bool = False) -> None:
    """Say that a workbook's macros were not run (only the values in its cells were read)."""
    from ..engines.files import macro_note

    note = macro_note(path)
    if note is not None:
        print(note, file=sys.stderr if to_stderr else sys.stdout)


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
