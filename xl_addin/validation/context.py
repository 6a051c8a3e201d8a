"""What every check may look at besides the workbook: today, formulas, lookups."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from ..model import Cell, KeyValues, Location, Record, Table, Workbook
from ..reading import find_sheet
from ..schema import (
    CONTACT_NAME,
    INPUT_ORGANISATION,
    LISTS,
    SETTING_YEAR,
    SETTINGS,
    Column,
    Kind,
    normalize_header,
)
from .messages import make_problem
from .problems import Problem

#: sheet name (normalised) -> cells holding a formula, as (Excel row, column letter)
Formulas = Mapping[str, frozenset[tuple[int, str]]]


class CellRef(NamedTuple):
    """One non-blank cell of a schema column (or of a two-column sheet) and where it is."""

    sheet: str
    row: int
    letter: str
    header: str
    cell: Cell
    kind: Kind
    column: Column | None = None

    @property
    def where(self) -> Location:
        return Location(self.sheet, self.row, self.letter, self.header)


#: Texts joined for one quick search (`ColumnCells.any_text`).
_TEXTS_AT_A_TIME = 1000


@dataclass(frozen=True)
class ColumnCells:
    """One schema column of a table: its non-blank cells, located only when a check needs it."""

    table: Table
    column: Column
    letter: str
    header: str

    @property
    def kind(self) -> Kind:
        return self.column.kind

    def __iter__(self) -> Iterator[tuple[Record, Cell]]:
        """(record, cell) for every row where this column is not blank."""
        key = self.column.key
        for record in self.table.records:
            cell = record.cells.get(key)
            if cell is not None and cell.raw is not None:
                yield record, cell

    @cached_property
    def texts(self) -> list[str]:
        """The column's cells that hold text (as typed)."""
        key = self.column.key
        cells = [record.cells.get(key) for record in self.table.records]
        return [cell.raw for cell in cells if cell is not None and isinstance(cell.raw, str)]

    def any_text(self, test: Callable[[str], object]) -> bool:
        """Whether `test` holds for the column's texts joined, each after a line break.

        One quick test (a regular expression's `search`) of a thousand cells at a time
        tells whether any of them can match; the texts are never copied all at once.
        """
        texts = self.texts
        for start in range(0, len(texts), _TEXTS_AT_A_TIME):
            if test("\n" + "\n".join(texts[start : start + _TEXTS_AT_A_TIME])):
                return True
        return False

    def ref(self, record: Record, cell: Cell) -> CellRef:
        return CellRef(
            self.table.sheet, record.row, self.letter, self.header, cell, self.column.kind, self.column
        )


#: Kinds whose cells hold text (a formula there is a mistake; in a date or number it may be meant).
TEXT_KINDS = frozenset({Kind.ID, Kind.TEXT, Kind.LONG_TEXT, Kind.CHOICE, Kind.MULTI_CHOICE, Kind.YES_NO})


def normalize_formulas(formulas: Mapping[str, set[tuple[int, str]]] | None) -> Formulas:
    if not formulas:
        return {}
    return {normalize_header(name): frozenset(cells) for name, cells in formulas.items()}


@dataclass(frozen=True)
class Context:
    workbook: Workbook
    today: dt.date
    formulas: Formulas = field(default_factory=dict)

    def problem(
        self, code: str, where: Location, raw: object, *, suggestion: str | None = None, **details: object
    ) -> Problem:
        """A problem at `where`, on the sheet as the workbook spells its name."""
        sheet = find_sheet(self.workbook.sheet_names, where.sheet) or where.sheet
        if sheet != where.sheet:
            where = Location(sheet, where.row, where.column, where.header)
        return make_problem(code, where, raw, suggestion=suggestion, **details)

    def is_formula(self, where: Location) -> bool:
        return (where.row, where.column) in self.formulas.get(normalize_header(where.sheet), frozenset())

    # --- lookups shared by several checks -------------------------------------------

    @cached_property
    def year(self) -> int | None:
        value = self.workbook.settings.get(SETTING_YEAR)
        return value if isinstance(value, int) else None

    @cached_property
    def _list_values(self) -> dict[str, tuple[str, ...]]:
        return {spec.name: self.workbook.list_values(spec) for spec in LISTS}

    def choices(self, column: Column) -> tuple[str, ...]:
        """The values allowed in a choice column: its list on `Lister`, or its fixed choices."""
        if column.list_name is not None:
            return self._list_values.get(column.list_name, ())
        return column.choices

    @cached_property
    def contacts_by_name(self) -> dict[str, Record]:
        """Normalised contact name -> the first contact row with that name."""
        found: dict[str, Record] = {}
        for record in self.workbook.contacts:
            name = record[CONTACT_NAME]
            if name:
                found.setdefault(normalize_header(name), record)
        return found

    @cached_property
    def inputs_by_organisation(self) -> dict[str, list[Record]]:
        """Normalised organisation name -> its rows in `Innspill`."""
        found: dict[str, list[Record]] = {}
        for record in self.workbook.inputs:
            name = record[INPUT_ORGANISATION]
            if name:
                found.setdefault(normalize_header(name), []).append(record)
        return found

    # --- iterating cells ---------------------------------------------------------------

    def tables(self) -> Iterator[Table]:
        """The data tables, then the lists, that were found."""
        for table in (*self.workbook.tables.values(), *self.workbook.lists.values()):
            if table.present:
                yield table

    @cached_property
    def _columns(self) -> tuple[ColumnCells, ...]:
        return tuple(
            ColumnCells(
                table, column, table.letters[column.key], table.headers.get(column.key, column.header)
            )
            for table in self.tables()
            for column in table.spec.columns
            if table.has(column)
        )

    def columns(self, kinds: Collection[Kind] | None = None) -> Iterator[ColumnCells]:
        """The schema columns found in the tables and lists (only those of `kinds` when given).

        Checks of single cells walk the columns they concern: a check of dates
        never looks at the 100,000 cells of text.
        """
        for column in self._columns:
            if kinds is None or column.kind in kinds:
                yield column

    def table_cells(self) -> Iterator[CellRef]:
        """Every non-blank cell of a schema column, located."""
        for column in self._columns:
            for record, cell in column:
                yield column.ref(record, cell)

    def key_value_kind(self, kv: KeyValues, key: str) -> Kind:
        """The kind of a value in `Oppsett` (from its field) or `Tekster` (long text)."""
        if kv is self.workbook.settings:
            return _SETTING_KINDS.get(normalize_header(key), Kind.TEXT)
        return Kind.LONG_TEXT

    @cached_property
    def _key_value_cells(self) -> tuple[CellRef, ...]:
        found: list[CellRef] = []
        for kv in (self.workbook.settings, self.workbook.texts):
            for key, cell in _filled(kv):
                at = kv.location(key)
                found.append(
                    CellRef(at.sheet, at.row, at.column, at.header, cell, self.key_value_kind(kv, key))
                )
        return tuple(found)

    def key_value_cells(self) -> Iterator[CellRef]:
        """The non-blank value cells of `Oppsett` and `Tekster`."""
        return iter(self._key_value_cells)

    def all_cells(self) -> Iterator[CellRef]:
        """Every non-blank cell of the tables, lists, `Oppsett` and `Tekster`, located."""
        yield from self.table_cells()
        yield from self._key_value_cells

    def text_cells(
        self, pattern: re.Pattern[str] | None = None, *, at_start: bool = False
    ) -> Iterator[CellRef]:
        """Cells of text kinds holding text (not numbers or dates); only those where `pattern` is
        found (or begins the text, `at_start`).

        The pattern is first searched in a column's texts joined (`ColumnCells.any_text`): a
        column of 100,000 clean texts is passed in a hundred searches, and only cells that
        match are located. So the pattern must not match a line break, nor use anchors.
        """
        for column in self.columns(TEXT_KINDS):
            if pattern is not None and not column.any_text(_in_text(pattern, at_start).search):
                continue
            for record, cell in column:
                if _is_match(cell.raw, pattern, at_start):
                    yield column.ref(record, cell)
        for ref in self._key_value_cells:
            if ref.kind in TEXT_KINDS and _is_match(ref.cell.raw, pattern, at_start):
                yield ref


def _is_match(raw: object, pattern: re.Pattern[str] | None, at_start: bool) -> bool:
    if not isinstance(raw, str):
        return False
    if pattern is None:
        return True
    return bool(pattern.match(raw) if at_start else pattern.search(raw))


@lru_cache(maxsize=32)
def _in_text(pattern: re.Pattern[str], at_start: bool) -> re.Pattern[str]:
    """The pattern to search a column's text with (where every cell's text follows a line break)."""
    return re.compile(f"\n(?:{pattern.pattern})", pattern.flags) if at_start else pattern


_SETTING_KINDS = {normalize_header(f.name): f.kind for f in SETTINGS.fields}


def _filled(kv: KeyValues) -> Iterator[tuple[str, Cell]]:
    if kv.present:
        for key, cell in kv.cells.items():
            if not cell.blank:
                yield key, cell
