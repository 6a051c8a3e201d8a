"""Apply a WritePlan to an openpyxl workbook (one formatting pass per sheet)."""

from __future__ import annotations

import math
import re
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..output import (
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT_SIZE,
    ChartSpec,
    OutSheet,
    OutTable,
    WritePlan,
)
from ..reading import find_sheet
from ..schema import MARK_AUTHOR

HEADER_STYLE_FONT = Font(bold=True, color=HEADER_FONT)
HEADER_STYLE_FILL = PatternFill("solid", fgColor=HEADER_FILL)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
#: Points per line of wrapped text, and Excel's default column width (characters).
LINE_HEIGHT = 15
DEFAULT_WIDTH = 8.43
TABLE_STYLE = "TableStyleMedium2"
NOTE_WIDTH = 260
NOTE_HEIGHT = 110
#: Characters a worksheet cannot hold as they are (openpyxl refuses them, XML forbids them).
_NOT_IN_SHEETS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def excel_escaped(text: str) -> str:
    """`text` as Excel stores it: control characters as `_x000B_`-style escapes, which Excel shows
    (and python-calamine reads back) as the characters they stand for."""
    return _NOT_IN_SHEETS.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def cell_value(value: object) -> object:
    """A value openpyxl can write: text escaped as Excel does, anything else as it is."""
    return excel_escaped(value) if isinstance(value, str) else value


def write_literal(cell: Any, value: object) -> None:
    """Set `cell` to `value` as the user typed it: text starting with "=" stays text, never a
    formula, and control characters are stored as Excel stores them."""
    cell.value = cell_value(value)
    if cell.data_type == "f":
        cell.data_type = "s"


def style_header_cells(ws: Worksheet, row: int, first: int, last: int) -> None:
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = HEADER_STYLE_FONT
        cell.fill = HEADER_STYLE_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def add_table(ws: Worksheet, name: str, top: int, left: int, width: int, bottom: int) -> None:
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + width - 1)}{max(bottom, top + 1)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)


def _write_table(ws: Worksheet, spec: OutTable) -> None:
    if spec.caption:
        ws.cell(row=spec.top - 1, column=spec.left, value=excel_escaped(spec.caption)).font = Font(bold=True)
    for j, title in enumerate(spec.header):
        ws.cell(row=spec.top, column=spec.left + j, value=excel_escaped(title))
    style_header_cells(ws, spec.top, spec.left, spec.right)
    fills = {colour: PatternFill("solid", fgColor=colour) for colour in set(spec.fills.values())}
    for i, values in enumerate(spec.rows):
        r = spec.top + 1 + i
        fill = fills.get(spec.fills.get(i, ""))
        for j, value in enumerate(values):
            cell = ws.cell(row=r, column=spec.left + j, value=cell_value(value))  # type: ignore[call-overload]
            if cell.data_type == "f":  # a value that merely starts with "=" stays text
                cell.data_type = "s"
                cell.quotePrefix = True
            fmt = spec.number_formats.get(j)
            if fmt:
                cell.number_format = fmt
            if spec.wrap_columns:  # rows grow with their wrapped text: align every cell to the top
                cell.alignment = WRAP if j in spec.wrap_columns else TOP
            if fill is not None:
                cell.fill = fill
    for link in spec.links:
        cell = ws.cell(row=spec.top + 1 + link.row, column=spec.left + link.column)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=link.target)
        cell.style = "Hyperlink"
        if spec.wrap_columns:
            cell.alignment = TOP
        fill = fills.get(spec.fills.get(link.row, ""))
        if fill is not None:
            cell.fill = fill
    add_table(ws, spec.name, spec.top, spec.left, len(spec.header), spec.bottom)


def _add_chart(ws: Worksheet, sheet: OutSheet, chart: ChartSpec) -> None:
    table = next(t for t in sheet.tables if t.name == chart.table)
    if not table.rows:
        return
    bar = BarChart()
    bar.type = "col"
    bar.grouping = "clustered"
    bar.title = chart.title
    if chart.y_title:  # an empty title would show as "None" in LibreOffice
        bar.y_axis.title = chart.y_title
    if chart.x_title:
        bar.x_axis.title = chart.x_title
    bar.y_axis.majorGridlines = None
    bar.y_axis.delete = False
    bar.x_axis.delete = False
    for col in chart.series_columns:
        data = Reference(
            ws,
            min_col=table.left + col,
            min_row=table.top,
            max_row=table.top + len(table.rows),
        )
        bar.add_data(data, titles_from_data=True)
    cats = Reference(
        ws,
        min_col=table.left + chart.category_column,
        min_row=table.top + 1,
        max_row=table.top + len(table.rows),
    )
    bar.set_categories(cats)
    bar.width = 18
    bar.height = 9
    ws.add_chart(bar, chart.anchor)


def fit_to_width(ws: Worksheet) -> None:
    """Print landscape on A4, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def fit_wrapped_rows(ws: Worksheet, spec: OutTable) -> None:
    """Give rows with wrapped text the height of their longest cell (not every viewer auto-fits)."""
    for i, values in enumerate(spec.rows):
        lines = 1
        for j in spec.wrap_columns:
            value = values[j] if j < len(values) else None
            if value is None:
                continue
            width = ws.column_dimensions[get_column_letter(spec.left + j)].width or DEFAULT_WIDTH
            per_line = max(int(width), 1)
            parts = str(value).split("\n")
            lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in parts))
        if lines > 1:
            ws.row_dimensions[spec.top + 1 + i].height = LINE_HEIGHT * lines


def write_sheet(book: OpenpyxlWorkbook, sheet: OutSheet) -> Worksheet:
    existing = find_sheet(book.sheetnames, sheet.name)
    index = None
    if existing is not None:
        index = book.sheetnames.index(existing)
        del book[existing]
    ws: Worksheet = book.create_sheet(sheet.name, index)
    if sheet.tab_color:
        ws.sheet_properties.tabColor = sheet.tab_color
    ws.cell(row=1, column=1, value=excel_escaped(sheet.title)).font = Font(bold=True, size=TITLE_FONT_SIZE)
    for i, line in enumerate(sheet.lines):
        ws.cell(row=2 + i, column=1, value=excel_escaped(line))
    for table in sheet.tables:
        _write_table(ws, table)
    for col, width in sheet.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for table in sheet.tables:
        if table.wrap_columns:
            fit_wrapped_rows(ws, table)
    for chart in sheet.charts:
        _add_chart(ws, sheet, chart)
    if sheet.fit_width:
        fit_to_width(ws)
    return ws


def clear_marks(book: OpenpyxlWorkbook) -> None:
    """Remove the notes an earlier check left; the user's own notes stay."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                comment = cell.comment
                if comment is not None and comment.author == MARK_AUTHOR:
                    cell.comment = None


def apply_plan(book: OpenpyxlWorkbook, plan: WritePlan) -> None:
    for name in plan.remove_sheets:
        existing = find_sheet(book.sheetnames, name)
        if existing is not None:
            del book[existing]
    for sheet in plan.sheets:
        write_sheet(book, sheet)
    sheets: dict[str, Any] = {}
    for edit in plan.edits:
        ws = sheets.setdefault(edit.sheet, book[edit.sheet])
        cell = ws[f"{edit.column}{edit.row}"]
        if not isinstance(cell, MergedCell):  # hidden under merged cells: Excel shows no value there
            cell.value = cell_value(edit.value)
    if plan.notes is not None:
        clear_marks(book)
        for note in plan.notes:
            ws = sheets.setdefault(note.sheet, book[note.sheet])
            cell = ws[f"{note.column}{note.row}"]
            if cell.comment is not None or isinstance(cell, MergedCell):  # keep the user's note; merged: none
                continue
            text = excel_escaped(note.text)
            cell.comment = Comment(text, MARK_AUTHOR, height=NOTE_HEIGHT, width=NOTE_WIDTH)
