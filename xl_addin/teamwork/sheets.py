"""Small openpyxl helpers shared by the teamwork writers: literal values and growing tables."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from ..engines.openpyxl_writer import write_literal


def set_literal(cell: Any, value: object) -> None:
    """Write `value` as the user typed it: text starting with "=" stays text, never a formula, and
    control characters are stored as Excel stores them (`_x000B_`)."""
    write_literal(cell, value)


def table_at(ws: Worksheet, header_row: int, letter: str) -> Table | None:
    """The Excel table whose header row is `header_row` and which spans column `letter`."""
    column = column_index_from_string(letter)
    tables: list[Table] = list(ws.tables.values())
    for table in tables:
        left, top, right, _ = table_bounds(table)
        if top == header_row and left <= column <= right:
            return table
    return None


def table_bounds(table: Table) -> tuple[int, int, int, int]:
    """(left column, top row, right column, bottom row) of a table, 1-based."""
    left, top, right, bottom = range_boundaries(table.ref)
    if left is None or top is None or right is None or bottom is None:
        raise ValueError(f"table {table.displayName} has an open range {table.ref}")
    return left, top, right, bottom


def grow_table(table: Table, last_row: int | None = None, last_column: int | None = None) -> None:
    """Extend the table's range (and its filter range) down to `last_row` / right to `last_column`.

    Growing to the right drops the table's column definitions so that openpyxl
    rebuilds them from the header cells on save: use it only on tables built
    in this process (they have no column formulas to lose).
    """
    left, top, right, bottom = table_bounds(table)
    new_bottom = max(bottom, last_row or bottom)
    new_right = max(right, last_column or right)
    table.ref = f"{get_column_letter(left)}{top}:{get_column_letter(new_right)}{new_bottom}"
    if new_right > right:
        table.tableColumns = []
        table.autoFilter = None
    elif table.autoFilter is not None:
        table.autoFilter.ref = table.ref
