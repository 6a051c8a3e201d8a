"""What every check may look at besides the workbook: today, formulas, lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
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
    def _table_cells(self) -> tuple[CellRef, ...]:
        """Every non-blank cell of a schema column, located once per validation."""
        found: list[CellRef] = []
        for table in self.tables():
            sheet = table.sheet
            columns = [
                (c.key, c, table.letters[c.key], table.headers.get(c.key, c.header))
                for c in table.spec.columns
                if table.has(c)
            ]
            for record in table:
                cells = record.cells
                for key, column, letter, header in columns:
                    cell = cells.get(key)
                    if cell is not None and not cell.blank:
                        found.append(CellRef(sheet, record.row, letter, header, cell, column.kind, column))
        return tuple(found)

    def table_cells(self) -> Iterator[CellRef]:
        return iter(self._table_cells)

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
        yield from self._table_cells
        yield from self._key_value_cells

    @cached_property
    def _text_cells(self) -> tuple[CellRef, ...]:
        return tuple(r for r in self.all_cells() if r.kind in TEXT_KINDS and isinstance(r.cell.raw, str))

    def text_cells(self) -> Iterator[CellRef]:
        """Cells of text kinds holding text (not numbers or dates)."""
        return iter(self._text_cells)


_SETTING_KINDS = {normalize_header(f.name): f.kind for f in SETTINGS.fields}


def _filled(kv: KeyValues) -> Iterator[tuple[str, Cell]]:
    if kv.present:
        for key, cell in kv.cells.items():
            if not cell.blank:
                yield key, cell
