"""Fixture helpers for the teamwork tests: copies of the example, edited by header as a user would."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from openpyxl import load_workbook

from xl_addin.engines.files import FileSource
from xl_addin.model import Location, Record, Table, Workbook
from xl_addin.reading import read_workbook
from xl_addin.schema import CONTACT_ID, Column
from xl_addin.teamwork.loading import fold_extra_columns


def copy_of(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def read(path: Path) -> Workbook:
    return read_workbook(FileSource(path))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contact(workbook: Workbook, contact_id: str) -> Record:
    return next(r for r in workbook.contacts if r[CONTACT_ID] == contact_id)


def next_row(table: Table) -> int:
    return max((r.row for r in table), default=table.header_row) + 1


def new_row(table: Table, values: dict[Column, object], row: int | None = None) -> dict[Location, object]:
    """Edits that fill a new row at the end of `table` (or at `row`)."""
    at = row if row is not None else next_row(table)
    return {table.location(column, at): value for column, value in values.items()}


def edit(path: Path, edits: dict[Location, object], text: bool = False) -> Path:
    """Write values at Excel locations with openpyxl; `text=True` keeps "=…" strings as text."""
    book = load_workbook(path)
    for where, value in edits.items():
        cell = book[where.sheet][where.address]
        cell.value = value
        if text and isinstance(value, str):
            cell.data_type = "s"
    book.save(path)
    return path


def delete_row(path: Path, sheet: str, row: int) -> Path:
    book = load_workbook(path)
    book[sheet].delete_rows(row)
    book.save(path)
    return path


def grid_variant(grids: dict[str, list[list[object]]], edits: dict[Location, object], name: str) -> Workbook:
    """A workbook read from copied grids with `edits` applied (fast: no file is written)."""
    from openpyxl.utils import column_index_from_string

    from tests.helpers import GridSource

    sheets = {sheet: [list(row) for row in rows] for sheet, rows in grids.items()}
    for where, value in edits.items():
        rows = sheets[where.sheet]
        r, c = where.row - 1, column_index_from_string(where.column) - 1
        while len(rows) <= r:
            rows.append([])
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = value
    source = GridSource(sheets, name)
    workbook = read_workbook(source)
    fold_extra_columns(workbook, source)
    return workbook
