"""Kontroller: every problem of a workbook, located, coded and explained in Norwegian.

`validate` never raises for bad data; it raises `TemplateMismatch` (from
`check_structure`) only when the workbook is not this template at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..model import Workbook
from .checks import CHECKS
from .context import Context, normalize_formulas
from .problems import Problem, Severity, ValidationReport
from .structure import check_structure

__all__ = ["Problem", "Severity", "ValidationReport", "validate"]


def validate(
    workbook: Workbook,
    *,
    today: dt.date | None = None,
    formulas: Mapping[str, set[tuple[int, str]]] | None = None,
) -> ValidationReport:
    """Check `workbook` against every rule; `formulas` lists formula cells per sheet (optional)."""
    check_structure(workbook)
    context = Context(workbook, today or dt.date.today(), normalize_formulas(formulas))
    problems = [problem for check in CHECKS for problem in check(workbook, context)]
    return ValidationReport(problems, workbook.sheet_names)
