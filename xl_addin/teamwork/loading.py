"""Read a workbook for the teamwork actions, with its extra columns folded in.

The typed `Workbook` holds the schema's columns only. Carry-over and merge
must not lose what users keep in columns of their own, so this module reads
those columns too and adds them to each record under their normalised header
(as `Cell(raw, raw)`), with their letters and header texts on the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..engines.files import FileSource
from ..model import Cell, Record, Table, Workbook
from ..reading import Grid, WorkbookSource, column_letter, read_workbook
from ..schema import DATA_SHEETS, normalize_header
from ..validation.structure import check_structure


@dataclass(frozen=True)
class ExtraColumn:
    """A column of the user's own in a data sheet."""

    key: str
    header: str
    letter: str


def read_checked(path: Path) -> tuple[Workbook, dict[str, list[ExtraColumn]]]:
    """Read `path` (calamine), check its structure, and fold in its extra columns.

    Raises FileProblem or TemplateMismatch (with Norwegian messages) when the
    file cannot be used.
    """
    source = FileSource(path)
    workbook = read_workbook(source)
    check_structure(workbook)
    return workbook, fold_extra_columns(workbook, source)


def fold_extra_columns(workbook: Workbook, source: WorkbookSource) -> dict[str, list[ExtraColumn]]:
    """Add the values of each data sheet's extra columns to its records; sheet -> columns added."""
    found: dict[str, list[ExtraColumn]] = {}
    for spec in DATA_SHEETS:
        table = workbook.tables[spec.name]
        if table.present and table.extra:
            found[spec.name] = _fold(table, source.read_grid(table.sheet))
    return found


def _fold(table: Table, grid: Grid) -> list[ExtraColumn]:
    header = grid[table.header_row - 1] if len(grid) >= table.header_row else []
    columns: list[tuple[ExtraColumn, int]] = []
    taken = set(table.letters)
    for index, value in enumerate(header):
        if value is None or not str(value).strip():
            continue
        key = normalize_header(value)
        if key in taken:
            continue  # a schema column, or a second column with the same header (the first wins)
        taken.add(key)
        columns.append((ExtraColumn(key, str(value).strip(), column_letter(index)), index))
    if not columns:
        return []
    by_row = {record.row: record for record in table.records}
    for r in range(table.header_row, len(grid)):
        row = grid[r]
        cells = {
            extra.key: Cell(row[index], row[index])
            for extra, index in columns
            if index < len(row) and not _blank(row[index])
        }
        if not cells:
            continue
        record = by_row.get(r + 1)
        if record is None:
            record = by_row[r + 1] = Record(table, r + 1, {})
        record.cells.update(cells)
    table.records[:] = [by_row[row] for row in sorted(by_row)]
    for extra, _ in columns:
        table.letters[extra.key] = extra.letter
        table.headers[extra.key] = extra.header
    return [extra for extra, _ in columns]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain(value: object) -> object:
    """A raw cell value as it should be written back: whole floats as int, midnight datetimes as dates."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, str) and not value.strip():
        return None
    return value
