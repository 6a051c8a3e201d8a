"""Kontroller on a file: read with calamine, find formula cells, validate, write back.

The doors (command line, other actions that must refuse on errors) call
these; the xlwings engine does the same with a live workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model import Workbook
from ..output import WritePlan
from ..validation.problems import ValidationReport
from .formulas import FormulaCells


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    workbook: Workbook
    report: ValidationReport
    formulas: FormulaCells


def check_file(path: Path, *, today: dt.date | None = None) -> CheckedFile:
    """Validate the workbook at `path` (FileProblem/TemplateMismatch when it cannot be checked)."""
    from ..reading import read_workbook
    from ..validation import validate
    from .files import FileSource
    from .formulas import formula_cells

    workbook = read_workbook(FileSource(path))
    formulas = formula_cells(path)
    report = validate(workbook, today=today, formulas=formulas)
    return CheckedFile(Path(path), workbook, report, formulas)


def write_check(checked: CheckedFile, *, now: dt.datetime | None = None) -> WritePlan:
    """Rebuild `Kontroll`, fill blank IDs and mark problem cells in the file, atomically."""
    from ..kontroll import kontroll_plan
    from .files import apply_plan_to_file

    plan = kontroll_plan(
        checked.workbook, checked.report, now=now or dt.datetime.now(), formulas=checked.formulas
    )
    apply_plan_to_file(checked.path, plan)
    return plan
