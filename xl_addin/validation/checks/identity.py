"""IDs and names that must be unique within their sheet."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Record, Table, Workbook
from ...reading import cell_text
from ...schema import Column, Kind, normalize_header
from ..context import Context
from ..problems import Problem


def id_pattern(prefix: str) -> re.Pattern[str]:
    """IDs the tool fills in: the prefix and digits (K001), ignoring case."""
    return re.compile(rf"^{re.escape(prefix)}(\d+)$", re.IGNORECASE)


def repeats(table: Table, column: Column) -> Iterator[tuple[Record, Record]]:
    """(later row, first row) for every value seen before in `column` (ignoring case and spaces)."""
    first: dict[str, Record] = {}
    for record in table:
        cell = record.cell(column)
        if cell.blank:
            continue
        key = normalize_header(cell_text(cell.raw))
        if key in first:
            yield record, first[key]
        else:
            first[key] = record


def _unique_columns(table: Table, kind_is_id: bool) -> Iterator[Column]:
    for column in table.spec.columns:
        if column.unique and (column.kind is Kind.ID) == kind_is_id and table.has(column):
            yield column


def duplicate_ids(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for table in workbook.tables.values():
        for column in _unique_columns(table, kind_is_id=True):
            for record, first in repeats(table, column):
                yield ctx.problem(
                    "duplikat-id", record.location(column), record.cell(column).raw, first_row=first.row
                )


def duplicate_names(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for table in workbook.tables.values():
        for column in _unique_columns(table, kind_is_id=False):
            for record, first in repeats(table, column):
                yield ctx.problem(
                    "duplikat-navn", record.location(column), record.cell(column).raw, first_row=first.row
                )


def id_formats(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """IDs that do not look like the ones the tool fills in (an I-number among the contacts)."""
    for table in workbook.tables.values():
        for column in _unique_columns(table, kind_is_id=True):
            prefix = column.id_prefix or ""
            pattern = id_pattern(prefix)
            for record in table:
                cell = record.cell(column)
                if not cell.blank and not pattern.match(cell_text(cell.raw).strip()):
                    yield ctx.problem("id-format", record.location(column), cell.raw, prefix=prefix)
