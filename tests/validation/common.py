"""Workbooks for rule tests: the 2020 example, edited in memory, validated."""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from xl_addin.example import example_content
from xl_addin.model import Workbook
from xl_addin.reading import read_workbook
from xl_addin.template import Content, Value
from xl_addin.validation import Problem, ValidationReport, validate

from ..helpers import GridSource, content_grids

#: "Today" for rule tests: a few weeks after the example's answers came in.
TODAY = dt.date(2020, 6, 1)

Grids = dict[str, list[list[object]]]


@functools.cache
def _example() -> Content:
    return example_content()


@dataclass
class Draft:
    """The example's content with edits, plus edits of the sheets as grids (headers, rows)."""

    content: Content = field(default_factory=lambda: copy.deepcopy(_example()))
    grid_edits: list[Callable[[Grids], None]] = field(default_factory=list)
    formulas: dict[str, set[tuple[int, str]]] | None = None

    def set(self, sheet: str, row: int, header: str, value: Value) -> Draft:
        """Set a cell of a data sheet by its Excel row (header row = 1)."""
        self.content.rows[sheet][row - 2][header] = value
        return self

    def add_row(self, sheet: str, values: dict[str, Value]) -> Draft:
        self.content.rows[sheet].append(dict(values))
        return self

    def setting(self, name: str, value: Value) -> Draft:
        self.content.settings[name] = value
        return self

    def on_grids(self, edit: Callable[[Grids], None]) -> Draft:
        self.grid_edits.append(edit)
        return self

    def workbook(self) -> Workbook:
        grids = content_grids(self.content)
        for edit in self.grid_edits:
            edit(grids)
        return read_workbook(GridSource(grids, "test.xlsx"))

    def report(self, today: dt.date = TODAY) -> ValidationReport:
        return validate(self.workbook(), today=today, formulas=self.formulas)


def at(report: ValidationReport, code: str, sheet: str, row: int, column: str) -> list[Problem]:
    return [
        p for p in report.problems if p.code == code and (p.sheet, p.row, p.column) == (sheet, row, column)
    ]


def described(report: ValidationReport) -> list[tuple[str, str, str, str | None]]:
    """Problems in a form that reads well in an assertion message."""
    return [(p.code, p.sheet, p.cell, p.value) for p in report.problems]
