"""The xlwings engine: read and write a live workbook through xlwings.

One engine for every way Excel reaches Python through xlwings: desktop Excel
(`RunPython`, `xw.Book.caller()`) and the remote engine behind xlwings Server,
where `xw.Book(json=...)` holds what the Office.js client sent and every write
becomes an action in `book.json()` that the client replays.

Reads are one bulk read per sheet (A1 to the last used cell). Writes apply the
same `WritePlan` the file engine applies, in calls whose number depends on the
plan's tables, columns and problems, never on the number of data rows: each
generated sheet is one 2D block of values, colours go on contiguous ranges,
hyperlinks are `HYPERLINK` formulas inside that block.

Values sent to Excel are written as if typed, so Excel would turn text such as
`=SUM(A1)`, `00123`, `1/2` or `14. mai` into formulas, numbers and dates. Every
text value is therefore written with a leading apostrophe, which Excel (desktop
and Office.js) keeps as a hidden "quote prefix": the cell shows and holds the
text exactly.

Dates: the Office.js client sends date cells as ISO strings
(`2020-04-14T00:00:00.000Z`); xlwings turns them into `datetime`, and any such
string that is still text here becomes a `datetime.date` (a staff member never
types that form). Midnight datetimes become dates, as the file engine reads
them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from openpyxl.utils import column_index_from_string

from ..output import (
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT_SIZE,
    CellEdit,
    ChartSpec,
    Link,
    Note,
    OutSheet,
    OutTable,
    WritePlan,
)
from ..reading import Grid, find_sheet
from ..schema import MARK_AUTHOR, normalize_header

logger = logging.getLogger(__name__)

#: Every mark this engine writes starts with this line; the next check finds its marks by it.
MARK_PREFIX = f"{MARK_AUTHOR}:"
TABLE_STYLE = "TableStyleMedium2"
LINK_FONT = "0563C1"
#: Chart size in points (18 cm x 9 cm, as the file engine draws it).
CHART_WIDTH = 510
CHART_HEIGHT = 255
CHART_MISSING = "Diagrammet kan ikke lages i denne utgaven av Excel; tallene står i tabellen."

_ISO_MIDNIGHT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T00:00:00(?:\.0+)?Z?$")
_MIDNIGHT = dt.time()


# --- reading ------------------------------------------------------------------------


def normalise_value(value: object) -> object:
    """One cell as the reader expects it: blanks as None, dates as `datetime.date`."""
    if isinstance(value, str):
        if value == "":
            return None
        m = _ISO_MIDNIGHT.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return value
        return value
    if isinstance(value, dt.datetime) and value.time() == _MIDNIGHT and value.tzinfo is None:
        return value.date()
    return value


def normalise_grid(rows: Sequence[Sequence[object]] | None) -> list[list[object]]:
    return [[normalise_value(v) for v in row] for row in rows or []]


class XlwingsSource:
    """A workbook open in Excel (or sent by the Office.js client), read with xlwings.

    `sheets` names the sheets whose values are there to read (the remote client
    only sends the sheets a script asks for); reading another one is a bug.
    """

    def __init__(self, book: Any, sheets: Collection[str] | None = None) -> None:
        self.book = book
        self._readable = None if sheets is None else {normalize_header(s) for s in sheets}

    @property
    def name(self) -> str:
        return str(self.book.name)

    def sheet_names(self) -> list[str]:
        return [str(sheet.name) for sheet in self.book.sheets]

    def read_grid(self, sheet: str) -> Grid:
        if self._readable is not None and normalize_header(sheet) not in self._readable:
            raise ValueError(f"sheet {sheet!r} was not sent to this script")
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return normalise_grid(values)


def release_cached_values() -> None:
    """Let go of the sheet values the remote engine caches (it keeps every request's otherwise)."""
    try:
        from xlwings.pro import _xlremote
    except Exception:  # no PRO code or licence: the remote engine is not in use
        return
    cached = getattr(_xlremote, "get_range_api", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


# --- values -------------------------------------------------------------------------


def text_cell(value: object) -> object:
    """A value as it must be sent to Excel so that text stays text."""
    if isinstance(value, str) and value:
        return "'" + value
    if value is None:
        return ""
    return value


def _formula_text(text: str) -> str:
    return '"' + text[:255].replace('"', '""') + '"'


def link_formula(target: str, shown: object) -> str:
    """A `HYPERLINK` formula to a place in the workbook ("'Kontakter'!C5")."""
    label = shown if isinstance(shown, int | float) and not isinstance(shown, bool) else None
    display = str(label) if label is not None else _formula_text("" if shown is None else str(shown))
    return f"=HYPERLINK({_formula_text('#' + target)},{display})"


def sheet_grid(sheet: OutSheet) -> list[list[object]]:
    """The whole generated sheet as one block from A1: title, lines, captions, tables."""
    height = max([1 + len(sheet.lines)] + [t.bottom for t in sheet.tables])
    width = max([1] + [t.right for t in sheet.tables])
    grid: list[list[object]] = [[""] * width for _ in range(height)]
    grid[0][0] = text_cell(sheet.title)
    for i, line in enumerate(sheet.lines):
        grid[1 + i][0] = text_cell(line)
    for table in sheet.tables:
        _place_table(grid, table)
    return grid


def _place_table(grid: list[list[object]], table: OutTable) -> None:
    top, left = table.top - 1, table.left - 1
    if table.caption:
        grid[top - 1][left] = text_cell(table.caption)
    grid[top][left : left + len(table.header)] = [text_cell(h) for h in table.header]
    for i, row in enumerate(table.rows):
        grid[top + 1 + i][left : left + len(row)] = [text_cell(v) for v in row]
    for link in table.links:
        shown = table.rows[link.row][link.column]
        grid[top + 1 + link.row][left + link.column] = link_formula(link.target, shown)


# --- runs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Consecutive rows (first..last, inclusive) that get the same treatment."""

    first: int
    last: int
    key: object


def runs(items: Iterable[tuple[int, object]]) -> list[Run]:
    """Group (row, key) pairs into runs of consecutive rows with equal keys."""
    found: list[Run] = []
    for row, key in sorted(items, key=lambda item: item[0]):
        if found and found[-1].last == row - 1 and found[-1].key == key:
            found[-1] = Run(found[-1].first, row, key)
        else:
            found.append(Run(row, row, key))
    return found


def _hex(colour: str) -> str:
    return "#" + colour.lstrip("#")


# --- sheets -------------------------------------------------------------------------


def is_remote(book: Any) -> bool:
    """True for the Office.js client's book on xlwings Server (no live Excel here)."""
    return str(book.app.engine.name) in ("remote", "officejs")


def show_alert(book: Any, text: str, *, title: str, critical: bool = False) -> None:
    """A message box in Excel (on Office.js: a dialog after the other actions)."""
    mode = "critical" if critical else "info"
    if is_remote(book):
        # `book.app.alert` would queue it on the most recently opened book, which on a busy
        # server may be another user's request: queue it on this book.
        book.impl.append_json_action(func="alert", args=[text, title, "ok", mode, ""])
    else:
        book.app.alert(text, title=title, buttons="ok", mode=mode)


def run_client_callback(book: Any, name: str, *args: object) -> None:
    """Office.js only: run the add-in's JavaScript callback `name` (a `runMacro` action)."""
    if not is_remote(book):
        raise NotImplementedError("JavaScript callbacks exist only in the Office.js add-in")
    book.impl.append_json_action(func="runMacro", args=[name, *args])


def column_width(book: Any, characters: float) -> float:
    """Width for xlwings: desktop Excel takes characters, Office.js takes points."""
    if is_remote(book):
        return round((characters * 7 + 5) * 0.75, 2)
    return characters


def delete_sheet(book: Any, name: str) -> int | None:
    """Delete the sheet called `name` (any case); its 1-based position, or None."""
    existing = find_sheet([s.name for s in book.sheets], name)
    if existing is None:
        return None
    ws = book.sheets[existing]
    index = int(ws.index)
    ws.delete()
    return index


def add_sheet(book: Any, name: str, index: int | None) -> Any:
    """Add a sheet at 1-based `index` (the end when None)."""
    sheets = book.sheets
    if index is not None and index <= 1 and len(sheets) > 0:
        return sheets.add(name=name, before=sheets[0])
    position = len(sheets) if index is None else min(index - 1, len(sheets))
    return sheets.add(name=name, after=sheets[position - 1])


def write_sheet(book: Any, sheet: OutSheet) -> Any:
    """Rebuild one generated sheet: delete, add at the same place, one block of values, formats."""
    ws = add_sheet(book, sheet.name, delete_sheet(book, sheet.name))
    ws.range((1, 1)).value = sheet_grid(sheet)
    title = ws.range((1, 1))
    title.font.bold = True
    title.font.size = TITLE_FONT_SIZE
    for table in sheet.tables:
        format_table(ws, table)
    for col, width in sorted(sheet.widths.items()):
        ws.range((1, col)).column_width = column_width(book, width)
    for chart in sheet.charts:
        add_chart(ws, sheet, chart)
    return ws


def format_table(ws: Any, table: OutTable) -> None:
    """Caption, header style, number formats, fills, link colour and the Excel table."""
    first, last = table.top + 1, table.top + len(table.rows)
    if table.caption:
        ws.range((table.top - 1, table.left)).font.bold = True
    header = ws.range((table.top, table.left), (table.top, table.right))
    header.color = _hex(HEADER_FILL)
    header.font.bold = True
    header.font.color = _hex(HEADER_FONT)
    header.wrap_text = True
    if table.rows:
        for j, fmt in sorted(table.number_formats.items()):
            ws.range((first, table.left + j), (last, table.left + j)).number_format = fmt
    for run in runs(table.fills.items()):
        ws.range((first + run.first, table.left), (first + run.last, table.right)).color = _hex(str(run.key))
    for column, links in groupby(sorted(table.links, key=lambda x: x.column), key=lambda x: x.column):
        _colour_links(ws, table, column, list(links))
    bottom = max(table.bottom, table.top + 1)
    source = ws.range((table.top, table.left), (bottom, table.right))
    ws.tables.add(source=source, name=table.name, table_style_name=TABLE_STYLE, has_headers=True)


def _colour_links(ws: Any, table: OutTable, column: int, links: list[Link]) -> None:
    first, col = table.top + 1, table.left + column
    for run in runs((link.row, True) for link in links):
        ws.range((first + run.first, col), (first + run.last, col)).font.color = _hex(LINK_FONT)


def chart_source(ws: Any, table: OutTable, chart: ChartSpec) -> Any | None:
    """The block holding the chart's categories and series, if they are side by side."""
    columns = sorted({chart.category_column, *chart.series_columns})
    if columns[0] != chart.category_column or columns != list(range(columns[0], columns[-1] + 1)):
        return None
    return ws.range(
        (table.top, table.left + columns[0]),
        (table.top + len(table.rows), table.left + columns[-1]),
    )


def add_chart(ws: Any, sheet: OutSheet, chart: ChartSpec) -> None:
    table = next((t for t in sheet.tables if t.name == chart.table), None)
    if table is None or not table.rows:
        return
    source = chart_source(ws, table, chart)
    try:
        if source is None:
            raise NotImplementedError("chart columns are not side by side")
        drawn = ws.charts.add(
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
            chart_type="column_clustered",
            anchor=ws.range(chart.anchor),
        )
        drawn.set_source_data(source)
        drawn.title = chart.title
        if chart.y_title:
            drawn.value_axis.title = chart.y_title
        if chart.x_title:
            drawn.category_axis.title = chart.x_title
    except NotImplementedError as exc:
        logger.info("chart %r left out: %s", chart.title, exc)
        ws.range(chart.anchor).value = text_cell(CHART_MISSING)


# --- edits in user sheets -----------------------------------------------------------


def write_edits(book: Any, edits: Sequence[CellEdit]) -> None:
    """Write blank IDs: one call per run of consecutive rows in one column."""
    names = [s.name for s in book.sheets]
    by_column: dict[tuple[str, str], list[CellEdit]] = defaultdict(list)
    for edit in edits:
        by_column[(edit.sheet, edit.column)].append(edit)
    for (sheet, letter), column_edits in by_column.items():
        existing = find_sheet(names, sheet)
        if existing is None:
            continue
        ws = book.sheets[existing]
        col = column_index_from_string(letter)
        values = {e.row: e.value for e in column_edits}
        for run in runs((row, True) for row in values):
            block = [[text_cell(values[r])] for r in range(run.first, run.last + 1)]
            ws.range((run.first, col), (run.last, col)).value = block


# --- marks (notes on problem cells) -------------------------------------------------

CellKey = tuple[str, str]  # (normalised sheet name, cell address without $)


def cell_key(sheet: str, address: str) -> CellKey:
    return normalize_header(sheet), address.replace("$", "").upper()


def parse_mark(location: str) -> CellKey | None:
    """A mark location as the add-in sends it ("'Sheet name'!C5" or "Sheet!C5")."""
    sheet, sep, address = location.rpartition("!")
    if not sep or not sheet or not address:
        return None
    if sheet.startswith("'") and sheet.endswith("'") and len(sheet) >= 2:
        sheet = sheet[1:-1].replace("''", "'")
    return cell_key(sheet, address)


def mark_text(text: str) -> str:
    return f"{MARK_PREFIX}\n{text}"


def _is_mark(note: Any) -> bool:
    return str(note.text).startswith(MARK_PREFIX) or note.author == MARK_AUTHOR


def find_marks(book: Any) -> set[CellKey] | None:
    """Marks left by earlier checks, read from the notes; None if this engine cannot tell."""
    found: set[CellKey] = set()
    try:
        for ws in book.sheets:
            for note in ws.notes:
                if _is_mark(note):
                    found.add(cell_key(ws.name, note.location.address))
    except NotImplementedError:
        return None
    return found


def _wanted_marks(notes: Sequence[Note]) -> dict[tuple[str, str], str]:
    wanted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for note in notes:
        texts = wanted[(note.sheet, f"{note.column}{note.row}")]
        if note.text not in texts:
            texts.append(note.text)
    return {key: mark_text("\n".join(texts)) for key, texts in wanted.items()}


def notes_supported(ws: Any) -> bool:
    """Office.js has cell notes from ExcelApi 1.18; the payload says whether this Excel has them."""
    api = ws.api
    return not (isinstance(api, dict) and (api.get("notes_supported") is False or api.get("notes") is None))


def replace_marks(book: Any, notes: Sequence[Note], marks: Iterable[str] | None = None) -> None:
    """Replace every earlier mark with `notes`; the user's own notes are never touched.

    `marks` are the locations of earlier marks as the add-in found them
    ("Kontakter!C5"); without it the engine looks for them itself, and when it
    cannot tell, earlier marks stay and only cells without a note get one.
    """
    earlier = {k for k in map(parse_mark, marks) if k is not None} if marks is not None else find_marks(book)
    wanted = _wanted_marks(notes)
    names = [s.name for s in book.sheets]
    for sheet, cells in _by_sheet(earlier or set(), wanted):
        existing = find_sheet(names, sheet)
        if existing is None:
            continue
        ws = book.sheets[existing]
        if notes_supported(ws):
            _replace_on_sheet(ws, earlier, cells)


def _by_sheet(
    earlier: set[CellKey], wanted: dict[tuple[str, str], str]
) -> Iterator[tuple[str, dict[str, str | None]]]:
    """Per sheet: address -> new text, or None for an earlier mark to delete."""
    sheets: dict[str, tuple[str, dict[str, str | None]]] = {}
    for sheet_key, address in sorted(earlier):
        sheets.setdefault(sheet_key, (sheet_key, {}))[1][address] = None
    for (sheet, address), text in wanted.items():
        key = cell_key(sheet, address)
        sheets.setdefault(key[0], (sheet, {}))[1][key[1]] = text
    yield from sheets.values()


def _replace_on_sheet(ws: Any, earlier: set[CellKey] | None, cells: dict[str, str | None]) -> None:
    for address, text in cells.items():
        cell = ws.range(address)
        note = cell.note
        ours = earlier is not None and cell_key(ws.name, address) in earlier
        if text is None:
            if note is not None and ours:
                note.delete()
        elif note is None:
            cell.add_note(text)
        elif ours:
            note.text = text
        # else: the user's own note; it stays, and the problem is on the Kontroll sheet


# --- the plan -----------------------------------------------------------------------


def apply_plan(book: Any, plan: WritePlan, *, marks: Iterable[str] | None = None) -> None:
    """Apply `plan` to an xlwings book: generated sheets, blank IDs, then marks."""
    for name in plan.remove_sheets:
        delete_sheet(book, name)
    for sheet in plan.sheets:
        write_sheet(book, sheet)
    write_edits(book, plan.edits)
    if plan.notes is not None:
        replace_marks(book, plan.notes, marks)
