"""Build the JSON the Office.js client sends to xlwings Server, from an `.xlsx` file.

Mirrors `getBookData` in xlwings-server's `static/js/custom-scripts/index.js`:
per sheet its name, the values-only used range, `values` from A1 to the last
used cell (blank cells as "", numbers as JSON numbers, date cells as ISO
strings like `2020-04-14T00:00:00.000Z`), tables, notes (addresses only) and
empty pictures/shapes/charts; sheets outside `include` are listed with
`values: [[]]` and nothing else, as the client does.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlwings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from python_calamine import CalamineWorkbook


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


def used_range(rows: Sequence[Sequence[object]]) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column), 1-based, of the non-blank cells."""
    cells = [(r, c) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v not in (None, "")]
    if not cells:
        return None
    rows_used = [r for r, _ in cells]
    columns_used = [c for _, c in cells]
    return min(rows_used), min(columns_used), max(rows_used), max(columns_used)


def address(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"


Extent = tuple[int, int, int, int]


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
) -> dict[str, Any]:
    """The request body of `POST /xlwings/custom-scripts-call/<script>` for the workbook at `path`."""
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


#: Payloads by (file name, content digest, options): copies of one fixture are read once.
_CACHE: dict[tuple[object, ...], dict[str, Any]] = {}


def _payload(
    path: Path,
    include: tuple[str, ...] | None,
    notes_supported: bool,
    extra_notes: dict[str, list[str]],
) -> dict[str, Any]:
    wanted = None if include is None else set(include)
    calamine = CalamineWorkbook.from_path(str(path))
    book = load_workbook(path)
    sheets: list[dict[str, Any]] = []
    for name in calamine.sheet_names:
        ws = book[name]
        sent = wanted is None or name in wanted
        entry: dict[str, Any] = {
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
        if sent:
            rows = calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
            extent = used_range(rows)
            if extent is not None:
                entry["used_range_address"] = address(*extent)
                entry["used_range_row_count"] = extent[2] - extent[0] + 1
                entry["used_range_column_count"] = extent[3] - extent[1] + 1
            entry["values"] = sheet_values(rows, extent)
            entry["tables"] = [
                table_entry(t.displayName, t.ref, [str(c.name) for c in t.tableColumns])
                for t in ws.tables.values()
            ]
            if notes_supported:
                last_row, last_col = (extent[2], extent[3]) if extent else (1, 1)
                cells = ws.iter_rows(max_row=last_row, max_col=last_col)
                addresses = [c.coordinate for row in cells for c in row if c.comment is not None]
                addresses += extra_notes.get(name, [])
                entry["notes"] = [{"address": a} for a in addresses]
        sheets.append(entry)
    names = [
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
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1", "calculation": "Automatic"},
        "names": names,
        "sheets": sheets,
    }


# --- calling the scripts ----------------------------------------------------------------

Action = dict[str, Any]


def call_script(
    client: Any, script: str, payload: dict[str, Any], args: list[object] | None = None
) -> list[Action]:
    """POST the payload to a script like the client does; the actions to replay."""
    body = dict(payload)
    if args is not None:
        body["args"] = args
    response = client.post(f"/xlwings/custom-scripts-call/{script}", json=body)
    assert response.status_code == 200, response.text
    actions: list[Action] = response.json()["actions"]
    return actions


def funcs(actions: Sequence[Action]) -> list[str]:
    return [a["func"] for a in actions]


def only(actions: Sequence[Action], func: str) -> list[Action]:
    return [a for a in actions if a["func"] == func]


def sheet_position(payload: dict[str, Any], name: str) -> int:
    return [s["name"] for s in payload["sheets"]].index(name)


def block_of(actions: Sequence[Action], position: int) -> list[list[object]]:
    """The one block of values written to the sheet at `position` from A1."""
    blocks = [
        a["values"]
        for a in only(actions, "setValues")
        if a["sheet_position"] == position and (a["start_row"], a["start_column"]) == (0, 0)
    ]
    assert len(blocks) == 1, f"expected one block at A1 of sheet {position}, got {len(blocks)}"
    block: list[list[object]] = blocks[0]
    return block


def shown(value: object) -> object:
    """What Excel shows for a value sent with a quote prefix."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def table_rows(block: list[list[object]], first_header: str) -> tuple[list[object], list[list[object]]]:
    """The header and rows of the table whose header row starts with `first_header`."""
    top = next(i for i, row in enumerate(block) if shown(row[0]) == first_header)
    header = [shown(v) for v in block[top]]
    width = len([h for h in header if h != ""])
    rows: list[list[object]] = []
    for row in block[top + 1 :]:
        if all(v == "" for v in row[:width]):
            break
        rows.append(row[:width])
    return header[:width], rows


def remote_book(payload: dict[str, Any]) -> Any:
    """The book xlwings Server builds from a payload (`xw.Book(json=...)`, the remote engine)."""
    return xlwings.Book(json=copy.deepcopy(payload))
