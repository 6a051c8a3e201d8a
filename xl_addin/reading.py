"""Turn raw sheet grids into typed, located records.

Engine-agnostic: an engine hands over each sheet as a grid of plain values
starting at cell A1 (blank cells as None or ""), and this module finds header
rows by their text, maps columns by header, converts values to their column's
type and remembers every value's Excel row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple, Protocol

from .model import Cell, KeyValues, Record, Table, Workbook
from .schema import (
    DATA_SHEETS,
    LIST_CATEGORIES,
    LISTS,
    LISTS_SHEET,
    MULTI_SEPARATOR,
    SETTINGS,
    TEXTS,
    Column,
    KeyValueSheet,
    Kind,
    ListSpec,
    TableSheet,
    normalize_header,
)

Grid = Sequence[Sequence[object]]

#: How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 30

# Conversion issue codes (the validator turns them into problems).
ISSUE_DATE_AS_TEXT = "dato-som-tekst"
ISSUE_BAD_DATE = "ugyldig-dato"
ISSUE_NUMBER_AS_TEXT = "tall-som-tekst"
ISSUE_BAD_INTEGER = "ugyldig-heltall"
#: The kinds whose conversion can give an issue (other kinds take any value as text).
ISSUE_KINDS = frozenset({Kind.DATE, Kind.INTEGER})


class WorkbookSource(Protocol):
    """What an engine offers for reading: sheet names and one grid per sheet."""

    @property
    def name(self) -> str: ...

    def sheet_names(self) -> list[str]: ...

    def read_grid(self, sheet: str) -> Grid: ...


@cache
def column_letter(index0: int) -> str:
    """0-based column index -> Excel letter (0 -> A, 25 -> Z, 26 -> AA)."""
    letters = ""
    n = index0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    """Excel column letters -> 1-based number (A -> 1, AA -> 27)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def find_sheet(names: Sequence[str], wanted: str) -> str | None:
    """A sheet by name, ignoring case and surrounding spaces."""
    key = normalize_header(wanted)
    for name in names:
        if normalize_header(name) == key:
            return name
    return None


def find_header_row(grid: Grid, headers: Sequence[str], minimum: int = 1) -> tuple[int, dict[str, int]]:
    """The 0-based row holding most of `headers`, and header key -> 0-based column.

    Returns (-1, {}) when no row in the first rows holds at least `minimum`.
    """
    wanted = {normalize_header(h) for h in headers}
    best_row, best_map = -1, dict[str, int]()
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            if isinstance(value, str):
                key = normalize_header(value)
                if key in wanted and key not in found:
                    found[key] = c
        if len(found) > len(best_map):
            best_row, best_map = r, found
    if len(best_map) < minimum:
        return -1, {}
    return best_row, best_map


# --- value conversion -------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_ISO_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?\s*$")
_INT_TEXT = re.compile(r"^\s*[+-]?\d+\s*$")


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "SANN" if value else "USANN"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != dt.time() else value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def cell_text(value: object) -> str:
    """A non-blank cell value as the user sees it: 2020 not 2020.0, dates as dd.mm.yyyy."""
    return _text(value)


def parse_date_text(text: str) -> dt.date | None:
    """A date typed as text (dd.mm.yyyy, d/m/yyyy, yyyy-mm-dd); None if not a date."""
    m = _DATE_TEXT.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO_DATE_TEXT.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def convert_date(raw: object) -> Cell:
    if isinstance(raw, dt.datetime):
        return Cell(raw, raw.date())
    if isinstance(raw, dt.date):
        return Cell(raw, raw)
    if isinstance(raw, str):
        parsed = parse_date_text(raw)
        if parsed is not None:
            return Cell(raw, parsed, ISSUE_DATE_AS_TEXT)
    return Cell(raw, None, ISSUE_BAD_DATE)


def convert_integer(raw: object) -> Cell:
    if isinstance(raw, bool):
        return Cell(raw, None, ISSUE_BAD_INTEGER)
    if isinstance(raw, int):
        return Cell(raw, raw)
    if isinstance(raw, float) and raw.is_integer():
        return Cell(raw, int(raw))
    if isinstance(raw, str) and _INT_TEXT.match(raw):
        return Cell(raw, int(raw), ISSUE_NUMBER_AS_TEXT)
    return Cell(raw, None, ISSUE_BAD_INTEGER)


def canonical_choice(text: str, choices: Sequence[str]) -> str:
    """The list entry `text` means when it differs only by case or spaces; else `text`."""
    return _canonical_map(tuple(choices)).get(normalize_header(text), text)


@cache
def _canonical_map(choices: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for choice in choices:
        mapping.setdefault(normalize_header(choice), choice)
    return mapping


Converter = Callable[[object], Cell]

#: Kinds converted to a type; the others are text, kept stripped. Their values repeat from row
#: to row (a few list entries, dates, years), so their cells are shared.
_TYPED_KINDS = frozenset({Kind.CHOICE, Kind.YES_NO, Kind.MULTI_CHOICE, Kind.DATE, Kind.INTEGER})


def converter(column: Column, choices: Sequence[str]) -> Converter:
    """The function that types one raw (non-blank) value of `column`."""
    convert = _converter(column.kind, _canonical_map(tuple(choices)))
    return _remembering(convert) if column.kind in _TYPED_KINDS else convert


def _converter(kind: Kind, canonical: dict[str, str]) -> Converter:
    if kind is Kind.DATE:
        return convert_date
    if kind is Kind.INTEGER:
        return convert_integer
    if kind in (Kind.CHOICE, Kind.YES_NO):

        def choice(raw: object) -> Cell:
            text = _text(raw).strip()
            return Cell(raw, canonical.get(normalize_header(text), text))

        return choice
    if kind is Kind.MULTI_CHOICE:

        def multi(raw: object) -> Cell:
            parts = (p.strip() for p in _text(raw).split(MULTI_SEPARATOR))
            return Cell(raw, tuple(canonical.get(normalize_header(p), p) for p in parts if p))

        return multi

    def text(raw: object) -> Cell:
        if isinstance(raw, str):
            return Cell(raw, raw.strip())
        return Cell(raw, _text(raw))

    return text


def _remembering(convert: Converter) -> Converter:
    """`convert` computing each distinct raw value once: the immutable cells are shared between rows."""
    known: dict[tuple[type, object], Cell] = {}

    def remembered(raw: object) -> Cell:
        key = (raw.__class__, raw)  # 1, 1.0 and True are equal keys, but not the same raw value
        try:
            cell = known.get(key)
        except TypeError:  # an unhashable value from some engine
            return convert(raw)
        if cell is None:
            cell = known[key] = convert(raw)
        return cell

    return remembered


# --- tables -----------------------------------------------------------------------


def read_table(
    grid: Grid,
    spec: TableSheet | ListSpec,
    sheet: str,
    choices_for: Callable[[Column], Sequence[str]],
    header: tuple[int, dict[str, int]] | None = None,
    width: tuple[int, int] | None = None,
) -> Table:
    """Read the table `spec` from `grid`. `width` limits the columns looked at."""
    table = Table(spec, sheet)
    headers = [c.header for c in spec.columns]
    row0, found = header if header is not None else find_header_row(grid, headers, 1)
    if row0 < 0:
        return table
    table.present = True
    table.header_row = row0 + 1
    header_cells = grid[row0]
    columns = {c.key: c for c in spec.columns}
    for key, c in found.items():
        table.letters[key] = column_letter(c)
        table.headers[key] = str(header_cells[c]).strip()
    lo, hi = width if width is not None else (0, len(header_cells))
    for c in range(lo, min(hi, len(header_cells))):
        value = header_cells[c]
        if not _blank(value) and normalize_header(value) not in columns:
            table.extra.append(str(value).strip())
            table.extra_letters.setdefault(str(value).strip(), column_letter(c))
    plan = [_column_reader(key, c, columns[key], choices_for(columns[key])) for key, c in found.items()]
    records = table.records
    # This loop runs for every cell of the workbook: `_blank` and the conversion of text are inline.
    for r in range(row0 + 1, len(grid)):
        row = grid[r]
        n = len(row)
        cells: dict[str, Cell] = {}
        for key, c, convert, known in plan:
            if c >= n:
                continue
            raw = row[c]
            if raw is None:
                continue
            if raw.__class__ is str:
                if known is None:  # text: kept stripped
                    text = raw.strip()
                    if text:
                        cells[key] = Cell(raw, text)
                    continue
                cell = known.get(raw)
                if cell is None:
                    if not raw or raw.isspace():
                        continue
                    cell = known[raw] = convert(raw)
                cells[key] = cell
            elif not (isinstance(raw, str) and (not raw or raw.isspace())):
                cells[key] = convert(raw)
        if cells:
            records.append(Record(table, r + 1, cells))
    return table


class _ColumnReader(NamedTuple):
    """How `read_table` reads one column: its key, 0-based position and conversion."""

    key: str
    position: int
    #: types any non-blank value
    convert: Converter
    #: typed kinds: the cell of each text already read (rows share it); None for text kinds
    known: dict[str, Cell] | None


def _column_reader(key: str, position: int, column: Column, choices: Sequence[str]) -> _ColumnReader:
    known: dict[str, Cell] | None = {} if column.kind in _TYPED_KINDS else None
    return _ColumnReader(key, position, converter(column, choices), known)


def read_key_values(grid: Grid, spec: KeyValueSheet) -> KeyValues:
    kv = KeyValues(spec)
    row0, found = find_header_row(grid, (spec.key_header, spec.value_header), 2)
    if row0 < 0:
        return kv
    kv.present = True
    kv.header_row = row0 + 1
    kc, vc = found[normalize_header(spec.key_header)], found[normalize_header(spec.value_header)]
    kv.key_letter, kv.value_letter = column_letter(kc), column_letter(vc)
    fields = {normalize_header(f.name): f for f in spec.fields}
    for r in range(row0 + 1, len(grid)):
        row = grid[r]
        key_raw = row[kc] if kc < len(row) else None
        if _blank(key_raw):
            continue
        key = normalize_header(key_raw)
        if key in kv.cells:
            kv.duplicates.append((str(key_raw).strip(), r + 1))
            continue  # the first row with a key wins; the validator reports duplicates
        raw = row[vc] if vc < len(row) else None
        f = fields.get(key)
        if _blank(raw):
            cell = Cell(None, None)
        elif f is not None and f.kind in (Kind.DATE, Kind.INTEGER):
            cell = convert_date(raw) if f.kind is Kind.DATE else convert_integer(raw)
        elif isinstance(raw, str):
            cell = Cell(raw, raw.strip())
        else:
            cell = Cell(raw, _text(raw))
        kv.cells[key] = cell
        kv.rows[key] = r + 1
        kv.keys[key] = str(key_raw).strip()
    return kv


def _read_lists(grid: Grid | None) -> dict[str, Table]:
    lists: dict[str, Table] = {}
    all_headers = [c.header for spec in LISTS for c in spec.columns]
    row0, found = find_header_row(grid or [], all_headers, 1)
    for spec in LISTS:
        mine = {c.key: found[c.key] for c in spec.columns if c.key in found}
        if grid is None or spec.key.key not in mine:
            lists[spec.name] = Table(spec, LISTS_SHEET)
            continue
        lo = min(mine.values())
        hi = lo + len(spec.columns)
        lists[spec.name] = read_table(grid, spec, LISTS_SHEET, lambda _c: (), (row0, mine), (lo, hi))
    return lists


def _choices(lists: dict[str, Table]) -> Callable[[Column], Sequence[str]]:
    by_name: dict[str, tuple[str, ...]] = {}
    for spec in LISTS:
        table = lists[spec.name]
        values: tuple[str, ...] = spec.default_values()
        if table.present:
            values = tuple(str(r[spec.key]) for r in table.records if r[spec.key] is not None)
        by_name[spec.name] = values

    def choices(column: Column) -> Sequence[str]:
        if column.list_name is not None:
            return by_name.get(column.list_name, ())
        return column.choices

    return choices


def read_workbook(source: WorkbookSource) -> Workbook:
    """Read every sheet the schema knows from `source` (missing sheets are marked absent)."""
    names = source.sheet_names()

    def grid_of(wanted: str) -> tuple[str | None, Grid | None]:
        name = find_sheet(names, wanted)
        return name, (source.read_grid(name) if name is not None else None)

    _, lists_grid = grid_of(LISTS_SHEET)
    lists = _read_lists(lists_grid)
    choices = _choices(lists)

    tables: dict[str, Table] = {}
    for spec in DATA_SHEETS:
        name, grid = grid_of(spec.name)
        if grid is None or name is None:
            tables[spec.name] = Table(spec, spec.name)
        else:
            tables[spec.name] = read_table(grid, spec, name, choices)

    _, settings_grid = grid_of(SETTINGS.name)
    _, texts_grid = grid_of(TEXTS.name)
    settings = read_key_values(settings_grid or [], SETTINGS)
    texts = read_key_values(texts_grid or [], TEXTS)
    return Workbook(source.name, list(names), settings, texts, lists, tables)


def category_rows(workbook: Workbook) -> list[Record]:
    """The category list's rows (for singular/plural/gender)."""
    return list(workbook.lists[LIST_CATEGORIES.name].records)


def as_grid(rows: Sequence[Sequence[Any]]) -> list[list[object]]:
    """Normalise a grid from any engine: "" -> None, lists of lists."""
    # `"" in row` runs in C: most rows of a filled-in sheet have no blank cell to replace
    return [[None if v == "" else v for v in row] if "" in row else _as_list(row) for row in rows]


def _as_list(row: Sequence[Any]) -> list[object]:
    return row if isinstance(row, list) else list(row)
