"""The JSON the Office.js client sends to xlwings Server, built from an `.xlsx` file.

For tests and benchmarks: it mirrors `getBookData` in xlwings Server's
`static/js/custom-scripts/index.js`. Per sheet: its name, the values-only used
range, `values` from A1 to the last used cell (blank cells as "", numbers as
JSON numbers, date cells as ISO strings like `2020-04-14T00:00:00.000Z`),
tables, notes (addresses only) and empty pictures/shapes/charts. Sheets
outside `include` are listed with `values: [[]]` and nothing else, as the
client does.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

Payload = dict[str, Any]
#: (first row, first column, last row, last column), 1-based.
Extent = tuple[int, int, int, int]


def iso(value: dt.date | dt.datetime | dt.time) -> str:
    """A date cell as the client sends it (`Date.toISOString()`)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    return f"1899-12-30T{value.strftime('%H:%M:%S')}.000Z"


def json_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return iso(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def used_range(rows: Sequence[Sequence[object]]) -> Extent | None:
    """The extent of the non-blank cells, or None for an empty sheet."""
    cells = [(r, c) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v not in (None, "")]
    if not cells:
        return None
    rows_used = [r for r, _ in cells]
    columns_used = [c for _, c in cells]
    return min(rows_used), min(columns_used), max(rows_used), max(columns_used)


def address(r1: int, c1: int, r2: int, c2: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"


def sheet_values(rows: Sequence[Sequence[object]], extent: Extent | None) -> list[list[object]]:
    """A1 to the last used cell (A1 alone for an empty sheet)."""
    last_row, last_col = (extent[2], extent[3]) if extent else (1, 1)
    out: list[list[object]] = []
    for r in range(last_row):
        row = list(rows[r]) if r < len(rows) else []
        row = (row + [None] * last_col)[:last_col]
        out.append([json_value(v) for v in row])
    return out


def table_entry(name: str, ref: str, header: list[str]) -> dict[str, Any]:
    from openpyxl.utils import range_boundaries

    c1, r1, c2, r2 = (int(b or 0) for b in range_boundaries(ref))
    return {
        "name": name,
        "range_address": ref,
        "row_count": r2 - r1 + 1,
        "column_count": c2 - c1 + 1,
        "columns": header,
        "header_row_range_address": address(r1, c1, r1, c2),
        "data_body_range_address": address(r1 + 1, c1, max(r2, r1 + 1), c2),
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": "TableStyleMedium2",
        "show_autofilter": True,
        "show_table_style_first_column": False,
        "show_table_style_last_column": False,
        "show_table_style_row_stripes": True,
        "show_table_style_column_stripes": False,
    }


def book_payload(
    path: Path,
    *,
    include: Iterable[str] | None = None,
    notes_supported: bool = True,
    extra_notes: dict[str, list[str]] | None = None,
) -> Payload:
    """The request body of `POST /xlwings/custom-scripts-call/<script>` for the workbook at `path`.

    Each workbook (by name, content and options) is read once; callers get a deep copy.
    """
    sheets = None if include is None else tuple(include)
    key = (
        path.name,
        hashlib.sha256(path.read_bytes()).hexdigest(),
        sheets,
        notes_supported,
        tuple(sorted((k, tuple(v)) for k, v in (extra_notes or {}).items())),
    )
    if key not in _CACHE:
        _CACHE[key] = _payload(path, sheets, notes_supported, extra_notes or {})
    return copy.deepcopy(_CACHE[key])


_CACHE: dict[tuple[object, ...], Payload] = {}


def _sheet_entry(name: str, notes_supported: bool) -> dict[str, Any]:
    """A sheet as the client lists it when it does not send its content."""
    return {
        "name": name,
        "visibility": "Visible",
        "show_gridlines": True,
        "print_area": None,
        "notes": [],
        "notes_supported": notes_supported,
        "used_range_address": None,
        "used_range_row_count": 0,
        "used_range_column_count": 0,
        "values": [[]],
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [],
        "pivot_tables": [],
    }


def _fill_sheet(
    entry: dict[str, Any], rows: Sequence[Sequence[object]], ws: Any, notes: list[str] | None
) -> None:
    """The content of a sent sheet: used range, values, tables and (when supported) note addresses."""
    extent = used_range(rows)
    if extent is not None:
        entry["used_range_address"] = address(*extent)
        entry["used_range_row_count"] = extent[2] - extent[0] + 1
        entry["used_range_column_count"] = extent[3] - extent[1] + 1
    entry["values"] = sheet_values(rows, extent)
    entry["tables"] = [
        table_entry(t.displayName, t.ref, [str(c.name) for c in t.tableColumns]) for t in ws.tables.values()
    ]
    if notes is not None:
        last_row, last_col = (extent[2], extent[3]) if extent else (1, 1)
        cells = ws.iter_rows(max_row=last_row, max_col=last_col)
        addresses = [c.coordinate for row in cells for c in row if c.comment is not None]
        entry["notes"] = [{"address": a} for a in addresses + notes]


def _defined_names(book: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": defined.name,
            "refers_to": "=" + str(defined.attr_text),
            "type": "Formula",
            "sheet_index": None,
            "address": None,
            "scope_sheet_name": None,
            "scope_sheet_index": None,
            "book_scope": True,
        }
        for defined in book.defined_names.values()
    ]


def _payload(
    path: Path,
    include: tuple[str, ...] | None,
    notes_supported: bool,
    extra_notes: dict[str, list[str]],
) -> Payload:
    import xlwings
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    calamine = CalamineWorkbook.from_path(str(path))
    book = load_workbook(path)
    sheets: list[dict[str, Any]] = []
    for name in calamine.sheet_names:
        entry = _sheet_entry(name, notes_supported)
        if include is None or name in include:
            rows = calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
            notes = extra_notes.get(name, []) if notes_supported else None
            _fill_sheet(entry, rows, book[name], notes)
        sheets.append(entry)
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1", "calculation": "Automatic"},
        "names": _defined_names(book),
        "sheets": sheets,
    }
