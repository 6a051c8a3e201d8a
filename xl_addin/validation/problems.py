"""Problems found by validation, and the report that holds them.

Pure data. A problem says where (sheet, Excel row number, column letter and
header), what (the value and a stable code) and, in Norwegian, how to fix it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from ..language import Gender, Noun, sentence
from ..reading import find_sheet


class Severity(StrEnum):
    """`feil` blocks the report; `advarsel` does not."""

    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    sheet: str
    row: int
    column: str
    header: str
    value: str | None
    message: str
    suggestion: str | None = None

    @property
    def cell(self) -> str:
        """The cell address as Excel shows it, e.g. "C5"."""
        return f"{self.column}{self.row}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["cell"] = self.cell
        return data


ERROR_NOUN = Noun("feil", "feil", Gender.MASCULINE)
WARNING_NOUN = Noun("advarsel", "advarsler", Gender.MASCULINE)


def column_order(letter: str) -> tuple[int, str]:
    """Sort key that puts Z before AA, as Excel does."""
    return len(letter), letter


class ValidationReport:
    """Every problem of one workbook, in reading order (sheet, row, column)."""

    def __init__(self, problems: Iterable[Problem], sheet_order: Sequence[str] = ()) -> None:
        order = list(sheet_order)

        def sheet_index(name: str) -> int:
            found = find_sheet(order, name)
            return order.index(found) if found is not None else len(order)

        unique = dict.fromkeys(problems)  # a problem found twice is shown once
        self.problems: tuple[Problem, ...] = tuple(
            sorted(
                unique,
                key=lambda p: (
                    sheet_index(p.sheet),
                    p.sheet,
                    p.row,
                    column_order(p.column),
                    not p.is_error,
                    p.code,
                ),
            )
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def valid(self) -> bool:
        """True when nothing blocks the report (warnings allowed)."""
        return not self.errors

    def counts_by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(p.code for p in self.problems).items()))

    def for_cell(self, sheet: str, row: int, column: str) -> list[Problem]:
        return [
            p
            for p in self.problems
            if p.row == row and p.column == column and find_sheet([p.sheet], sheet) is not None
        ]

    def to_json(self) -> list[dict[str, Any]]:
        return [p.to_json() for p in self.problems]

    def summary(self) -> str:
        """Norwegian, e.g. "tre feil og fem advarsler" (callers capitalise and punctuate)."""
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return "ingen feil eller advarsler"
        words = sentence(errors, warnings)
        error_text = words.count(errors, ERROR_NOUN) if errors else "ingen feil"
        if not warnings:
            return error_text
        return f"{error_text} og {words.count(warnings, WARNING_NOUN)}"

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)
