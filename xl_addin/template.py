"""Build a workbook of template version 1 from the schema.

The committed `workbook_template.xlsx` is this module's output with the
schema's defaults (`scripts/build_template.py`); the bundled example and
`innspill new` use the same builder with their own content, so every
workbook the tool makes has the same sheets, tables, dropdowns and formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .engines.files import save_atomic
from .engines.openpyxl_writer import add_table, fit_to_width, style_header_cells, write_literal
from .schema import (
    CONTACT_NAME,
    CONTACTS,
    DATA_SHEETS,
    DATE_FORMAT,
    LIST_CHAPTERS,
    LISTS,
    LISTS_SHEET,
    MULTI_SEPARATOR,
    PREPARED_ROWS,
    SETTING_TITLE,
    SETTING_VERSION,
    SETTING_YEAR,
    SETTINGS,
    TEMPLATE_VERSION,
    TEXTS,
    Column,
    KeyValueSheet,
    Kind,
    ListSpec,
    TableSheet,
    text_keys,
)

#: Defined name of the organisation names (dropdown in Innspill and Eksempler).
ORGANISATIONS_NAME = "lst_Organisasjoner"
TEXT_HELP = "Egen tekst til rapporten. Tom = bare det som lages automatisk."

Value = str | int | float | dt.date | None


@dataclass
class Content:
    """What goes into a new workbook besides the structure."""

    settings: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: list name -> rows (tuples in the list's column order)
    lists: dict[str, list[tuple[Value, ...]]] = field(default_factory=dict)
    #: data sheet name -> rows as {header: value}
    rows: dict[str, list[dict[str, Value]]] = field(default_factory=dict)

    def list_rows(self, spec: ListSpec) -> list[tuple[Value, ...]]:
        rows = self.lists.get(spec.name)
        return list(rows) if rows is not None else [tuple(r) for r in spec.defaults]


def default_content(year: int | None = None) -> Content:
    """The template's content: default lists, settings with their defaults."""
    settings: dict[str, Value] = {f.name: f.default for f in SETTINGS.fields}
    if year is not None:
        settings[SETTING_YEAR] = year
    return Content(settings=settings)


def _dynamic_range(sheet: str, column: int, first_row: int) -> str:
    """A defined-name formula covering the filled cells of a column (grows with the list)."""
    letter = get_column_letter(column)
    ref = f"{quote_sheetname(sheet)}!${letter}"
    return f"OFFSET({ref}${first_row},0,0,MAX(1,COUNTA({ref}:${letter})-{first_row - 1}),1)"


def _prompt(title: str, text: str) -> DataValidation:
    dv = DataValidation(allow_blank=True, showInputMessage=True)
    dv.promptTitle = title[:32]
    dv.prompt = text[:255]
    return dv


def _column_validation(column: Column) -> DataValidation:
    """The data validation for a column's data cells: its dropdown and help text."""
    if column.list_name is not None:
        name = next(s.defined_name for s in LISTS if s.name == column.list_name)
        dv = DataValidation(type="list", formula1=name, allow_blank=True)
    elif column.references is not None:
        dv = DataValidation(type="list", formula1=ORGANISATIONS_NAME, allow_blank=True)
    elif column.choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True)
    elif column.kind is Kind.DATE:
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    elif column.kind is Kind.INTEGER:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    else:
        dv = DataValidation(allow_blank=True)
    dv.showInputMessage = True
    dv.promptTitle = column.header[:32]
    dv.prompt = column.help[:255]
    if dv.type is not None:
        dv.showErrorMessage = True
        dv.errorTitle = column.header[:32]
        if column.kind is Kind.MULTI_CHOICE:
            # Several values separated by ';' are allowed: only warn.
            dv.errorStyle = "information"
            dv.error = f"Flere verdier skilles med «{MULTI_SEPARATOR}». {column.help}"[:255]
        else:
            dv.errorStyle = "warning"
            dv.error = f"Verdien passer ikke. {column.help}"[:255]
    return dv


def row_height(texts: Sequence[tuple[object, float]]) -> float | None:
    """A row height that shows wrapped text: (value, column width) pairs -> points, or None."""
    lines = 1
    for value, width in texts:
        if isinstance(value, str) and value:
            chars = max(int(width * 1.15), 10)
            needed = sum(max(1, -(-len(part) // chars)) for part in value.split("\n"))
            lines = max(lines, needed)
    return None if lines == 1 else min(409.0, 15.0 * lines)


def _page_setup(ws: Worksheet) -> None:
    """Print on landscape pages, as wide as one page, with the header row repeated."""
    fit_to_width(ws)
    ws.print_title_rows = "1:1"


def _write_rows(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Mapping[str, Value]]) -> None:
    wrapped = [(j, c) for j, c in enumerate(columns) if c.kind is Kind.LONG_TEXT]
    for i, values in enumerate(rows):
        for j, column in enumerate(columns):
            value = values.get(column.header)
            if value is not None and value != "":
                write_literal(ws.cell(row=2 + i, column=1 + j), value)
        height = row_height([(values.get(c.header), c.width) for _, c in wrapped])
        if height is not None:
            ws.row_dimensions[2 + i].height = height


def _data_sheet(book: OpenpyxlWorkbook, spec: TableSheet, rows: Sequence[Mapping[str, Value]]) -> None:
    ws = book.create_sheet(spec.name)
    for j, column in enumerate(spec.columns, start=1):
        ws.cell(row=1, column=j, value=column.header)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = column.width
        header_dv = _prompt(column.header, column.help)
        header_dv.add(f"{letter}1")
        ws.add_data_validation(header_dv)
        dv = _column_validation(column)
        dv.add(f"{letter}2:{letter}{PREPARED_ROWS}")
        ws.add_data_validation(dv)
    style_header_cells(ws, 1, 1, len(spec.columns))
    ws.row_dimensions[1].height = 30
    _write_rows(ws, spec.columns, rows)
    last = max(len(rows) + 1, 2)
    for j, column in enumerate(spec.columns, start=1):
        if column.kind is Kind.DATE:
            for r in range(2, PREPARED_ROWS + 1):
                ws.cell(row=r, column=j).number_format = DATE_FORMAT
        elif column.kind is Kind.LONG_TEXT:
            for r in range(2, last + 1):
                ws.cell(row=r, column=j).alignment = Alignment(wrap_text=True, vertical="top")
    add_table(ws, spec.table_name, 1, 1, len(spec.columns), last)
    ws.freeze_panes = "A2"
    _page_setup(ws)


def _key_value_sheet(
    book: OpenpyxlWorkbook,
    spec: KeyValueSheet,
    keys: Sequence[str],
    values: Mapping[str, Value],
    kinds: Mapping[str, Kind],
    helps: Mapping[str, str],
) -> None:
    ws = book.create_sheet(spec.name)
    ws.cell(row=1, column=1, value=spec.key_header)
    ws.cell(row=1, column=2, value=spec.value_header)
    style_header_cells(ws, 1, 1, 2)
    ws.column_dimensions["A"].width = spec.key_width
    ws.column_dimensions["B"].width = spec.value_width
    for i, key in enumerate(keys, start=2):
        ws.cell(row=i, column=1, value=key).font = Font(bold=True)
        ws.cell(row=i, column=1).alignment = Alignment(vertical="top")
        cell = ws.cell(row=i, column=2, value=values.get(key))
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        height = row_height([(values.get(key), spec.value_width)])
        if height is not None:
            ws.row_dimensions[i].height = height
        kind = kinds.get(key, Kind.LONG_TEXT)
        if kind is Kind.DATE:
            cell.number_format = DATE_FORMAT
        if key in helps:
            dv = _prompt(key, helps[key])
            if kind is Kind.DATE:
                dv.type = "date"
                dv.operator = "greaterThan"
                dv.formula1 = "1"
            elif kind is Kind.INTEGER:
                dv.type = "whole"
                dv.operator = "greaterThanOrEqual"
                dv.formula1 = "0"
            dv.add(f"B{i}")
            ws.add_data_validation(dv)
    add_table(ws, spec.table_name, 1, 1, 2, len(keys) + 1)
    ws.freeze_panes = "A2"
    _page_setup(ws)


def _lists_sheet(book: OpenpyxlWorkbook, content: Content) -> None:
    ws = book.create_sheet(LISTS_SHEET)
    left = 1
    for spec in LISTS:
        rows = content.list_rows(spec)
        for j, column in enumerate(spec.columns):
            ws.cell(row=1, column=left + j, value=column.header)
            ws.column_dimensions[get_column_letter(left + j)].width = column.width
            dv = _prompt(column.header, column.help)
            dv.add(f"{get_column_letter(left + j)}1")
            ws.add_data_validation(dv)
        style_header_cells(ws, 1, left, left + len(spec.columns) - 1)
        for i, row in enumerate(rows, start=2):
            for j, value in enumerate(row):
                ws.cell(row=i, column=left + j, value=value)
        add_table(ws, spec.table_name, 1, left, len(spec.columns), len(rows) + 1)
        book.defined_names[spec.defined_name] = DefinedName(
            spec.defined_name, attr_text=_dynamic_range(LISTS_SHEET, left, 2)
        )
        left += len(spec.columns) + 1
    ws.freeze_panes = "A2"
    _page_setup(ws)


def build_workbook(content: Content | None = None) -> OpenpyxlWorkbook:
    """A complete workbook of the current template version."""
    content = content or default_content()
    book = OpenpyxlWorkbook()
    for default_sheet in list(book.worksheets):
        book.remove(default_sheet)

    settings = dict(content.settings)
    settings.setdefault(SETTING_VERSION, TEMPLATE_VERSION)
    _key_value_sheet(
        book,
        SETTINGS,
        [f.name for f in SETTINGS.fields],
        settings,
        {f.name: f.kind for f in SETTINGS.fields},
        {f.name: f.help for f in SETTINGS.fields},
    )
    for spec in DATA_SHEETS:
        _data_sheet(book, spec, content.rows.get(spec.name, []))
    chapters = [str(r[0]) for r in content.list_rows(LIST_CHAPTERS)]
    _key_value_sheet(
        book,
        TEXTS,
        text_keys(chapters),
        dict(content.texts.items()),
        {},
        dict.fromkeys(text_keys(chapters), TEXT_HELP),
    )
    _lists_sheet(book, content)
    name_col = CONTACTS.columns.index(CONTACT_NAME) + 1
    book.defined_names[ORGANISATIONS_NAME] = DefinedName(
        ORGANISATIONS_NAME, attr_text=_dynamic_range(CONTACTS.name, name_col, 2)
    )
    book.properties.title = str(settings.get(SETTING_TITLE) or "Innspill – arbeidsbok")
    book.properties.creator = "innspill"
    book.active = 0
    return book


def write_workbook(path: Path, content: Content | None = None) -> Path:
    save_atomic(build_workbook(content), path)
    return path
