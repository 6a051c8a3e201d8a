"""Typed rows read from a workbook, with their Excel coordinates.

Pure data: nothing here knows how the workbook was read. Row numbers are as
Excel shows them (header row of a sheet starting at A1 = 1); columns are
letters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .schema import (
    CONTACTS,
    EXAMPLES,
    INPUTS,
    LISTS,
    SETTINGS,
    TEXTS,
    Column,
    KeyValueSheet,
    ListSpec,
    TableSheet,
)

TableSpec = TableSheet | ListSpec


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: what the user typed (`raw`) and its typed `value`.

    `issue` is a conversion code when the raw value did not fit the column's
    type (the validator turns it into a problem); `value` is then the best
    reading, or None.
    """

    raw: object
    value: Any
    issue: str | None = None

    @property
    def blank(self) -> bool:
        return self.raw is None


BLANK = Cell(None, None)


@dataclass(frozen=True, slots=True)
class Location:
    sheet: str
    row: int
    column: str
    header: str

    @property
    def address(self) -> str:
        return f"{self.column}{self.row}"


@dataclass(slots=True)
class Record:
    """One data row of a table."""

    table: Table
    row: int
    cells: dict[str, Cell]

    def __getitem__(self, column: Column) -> Any:
        cell = self.cells.get(column.key)
        if cell is None or cell.value is None:
            return column.default
        return cell.value

    def cell(self, column: Column) -> Cell:
        return self.cells.get(column.key, BLANK)

    def location(self, column: Column) -> Location:
        return self.table.location(column, self.row)


@dataclass(slots=True)
class Table:
    """A table found on a sheet: where its columns are and its records."""

    spec: TableSpec
    sheet: str
    present: bool = False
    header_row: int = 1
    #: column key -> column letter, for the schema columns found
    letters: dict[str, str] = field(default_factory=dict)
    #: column key -> header text as the user wrote it
    headers: dict[str, str] = field(default_factory=dict)
    #: header text of columns not in the schema (kept untouched)
    extra: list[str] = field(default_factory=list)
    #: header text of columns not in the schema -> column letter
    extra_letters: dict[str, str] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    def has(self, column: Column) -> bool:
        return column.key in self.letters

    @property
    def missing(self) -> list[Column]:
        return [c for c in self.spec.columns if c.key not in self.letters]

    def location(self, column: Column, row: int) -> Location:
        letter = self.letters.get(column.key, "")
        return Location(self.sheet, row, letter, self.headers.get(column.key, column.header))

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


@dataclass(slots=True)
class KeyValues:
    """A two-column sheet (`Oppsett`, `Tekster`): key -> cell, with locations."""

    spec: KeyValueSheet
    present: bool = False
    header_row: int = 1
    key_letter: str = "A"
    value_letter: str = "B"
    cells: dict[str, Cell] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    #: the key as the user wrote it
    keys: dict[str, str] = field(default_factory=dict)
    #: later rows repeating a key already read: (key as written, Excel row)
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def get(self, key: str) -> Any:
        cell = self.cells.get(_norm(key))
        return None if cell is None else cell.value

    def cell(self, key: str) -> Cell:
        return self.cells.get(_norm(key), BLANK)

    def has(self, key: str) -> bool:
        return _norm(key) in self.cells

    def location(self, key: str) -> Location:
        return Location(
            self.spec.name,
            self.rows.get(_norm(key), 0),
            self.value_letter,
            self.keys.get(_norm(key), key),
        )


def _norm(key: str) -> str:
    return " ".join(key.split()).casefold()


@dataclass(slots=True)
class Workbook:
    """Everything read from one workbook, typed and located."""

    name: str
    sheet_names: list[str]
    settings: KeyValues
    texts: KeyValues
    lists: dict[str, Table]
    tables: dict[str, Table]

    @property
    def contacts(self) -> Table:
        return self.tables[CONTACTS.name]

    @property
    def inputs(self) -> Table:
        return self.tables[INPUTS.name]

    @property
    def examples(self) -> Table:
        return self.tables[EXAMPLES.name]

    def list_table(self, spec: ListSpec) -> Table:
        return self.lists[spec.name]

    def list_values(self, spec: ListSpec) -> tuple[str, ...]:
        """The values of a list in the user's order (defaults if the list is missing)."""
        table = self.lists.get(spec.name)
        if table is None or not table.present:
            return spec.default_values()
        key = spec.key
        return tuple(str(r[key]) for r in table.records if r[key] is not None)


def empty_workbook(name: str = "") -> Workbook:
    """A workbook with nothing present (used when building from scratch)."""
    return Workbook(
        name=name,
        sheet_names=[],
        settings=KeyValues(SETTINGS),
        texts=KeyValues(TEXTS),
        lists={spec.name: Table(spec, "Lister") for spec in LISTS},
        tables={spec.name: Table(spec, spec.name) for spec in (CONTACTS, INPUTS, EXAMPLES)},
    )
