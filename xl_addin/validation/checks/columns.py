"""Optional columns missing from a data sheet (required ones stop the check before)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...model import Location, Workbook
from ...reading import column_letter
from ..context import Context
from ..problems import Problem
from ..suggest import closest

#: How alike a renamed header must be to be taken for the missing column.
HEADER_CUTOFF = 0.6


def column_number(letter: str) -> int:
    """Excel column letter -> 1-based number (A = 1, AA = 27)."""
    number = 0
    for char in letter.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def next_column(letters: Iterable[str]) -> str:
    """The column after the last of `letters` (A when there are none)."""
    last = max((column_number(letter) for letter in letters), default=0)
    return column_letter(last)


def missing_columns(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """A missing optional column means its values all count as blank; point at a renamed one."""
    for table in workbook.tables.values():
        if not table.present:
            continue
        used = [*table.letters.values(), *table.extra_letters.values()]
        for column in table.missing:
            renamed = closest(column.header, table.extra, HEADER_CUTOFF)
            if renamed is not None:
                where = Location(table.sheet, table.header_row, table.extra_letters[renamed], renamed)
                suggestion: str | None = column.header
            else:
                where = Location(table.sheet, table.header_row, next_column(used), column.header)
                suggestion = None
            yield ctx.problem("mangler-kolonne", where, renamed, suggestion=suggestion, missing=column.header)
