"""A workbook seen as keyed tables, for merging: every row with its match keys and raw values.

Each data sheet, each list on `Lister` and the two-column sheets (`Oppsett`,
`Tekster`) become a `Part`: its rows, their Excel row numbers, and the
column letters found by header (the user's own columns included). Rows are
matched across copies by `ID` and, where a row has no ID, by a natural key
(the contact's name, an input's organisation and text, an example's
organisation and title, a list value, a `Felt`/`Del` name).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import KeyValues, Record, Table, Workbook
from ..reading import find_sheet
from ..schema import (
    CONTACT_ID,
    CONTACT_NAME,
    CONTACTS,
    EXAMPLE_ID,
    EXAMPLE_ORGANISATION,
    EXAMPLE_TITLE,
    EXAMPLES,
    INPUT_ID,
    INPUT_ORGANISATION,
    INPUT_TEXT,
    INPUTS,
    LISTS,
    LISTS_SHEET,
    Column,
    normalize_header,
)
from .loading import plain

#: data sheet -> (ID column, the columns that name a row when it has no ID)
ROW_KEYS: dict[str, tuple[Column, tuple[Column, ...]]] = {
    CONTACTS.name: (CONTACT_ID, (CONTACT_NAME,)),
    INPUTS.name: (INPUT_ID, (INPUT_ORGANISATION, INPUT_TEXT)),
    EXAMPLES.name: (EXAMPLE_ID, (EXAMPLE_ORGANISATION, EXAMPLE_TITLE)),
}


@dataclass(frozen=True)
class Row:
    """One row of a part: where it is and what it holds (blank cells left out)."""

    row: int
    id: str | None
    natural: str
    label: str
    values: dict[str, object]


@dataclass(frozen=True)
class Part:
    """A keyed table of one workbook."""

    label: str
    sheet: str
    header_row: int
    #: column key -> letter
    letters: dict[str, str]
    #: column key -> header as written
    headers: dict[str, str]
    rows: tuple[Row, ...]

    @property
    def anchor(self) -> str:
        """The letter of the table's leftmost column (to find its Excel table)."""
        return min(self.letters.values(), key=lambda letter: (len(letter), letter))

    @property
    def last_row(self) -> int:
        return max((r.row for r in self.rows), default=self.header_row)


def comparable(value: object) -> object:
    """The form in which two raw values are compared: blank is None, text without outer spaces."""
    value = plain(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def parts_of(workbook: Workbook) -> dict[str, Part]:
    """Every keyed table of `workbook` that is present, by label."""
    found = list(_data_parts(workbook)) + list(_list_parts(workbook))
    for kv in (workbook.settings, workbook.texts):
        if kv.present:
            found.append(_key_value_part(kv, find_sheet(workbook.sheet_names, kv.spec.name) or kv.spec.name))
    return {part.label: part for part in found}


def _text(value: object) -> str:
    return normalize_header(value) if value is not None else ""


def _data_parts(workbook: Workbook) -> Iterator[Part]:
    for name, (id_column, naming) in ROW_KEYS.items():
        table = workbook.tables[name]
        if table.present:
            yield _table_part(name, table, id_column, naming)


def _list_parts(workbook: Workbook) -> Iterator[Part]:
    for spec in LISTS:
        table = workbook.lists[spec.name]
        if table.present:
            yield _table_part(f"{LISTS_SHEET} ({spec.name})", table, None, (spec.key,))


def _table_part(label: str, table: Table, id_column: Column | None, naming: tuple[Column, ...]) -> Part:
    rows = tuple(_record_row(record, id_column, naming) for record in table.records)
    return Part(label, table.sheet, table.header_row, dict(table.letters), dict(table.headers), rows)


def _record_row(record: Record, id_column: Column | None, naming: tuple[Column, ...]) -> Row:
    values = {key: plain(cell.raw) for key, cell in record.cells.items() if comparable(cell.raw) is not None}
    raw_id = values.get(id_column.key) if id_column is not None else None
    row_id = _text(raw_id) or None
    names = [str(values.get(c.key, "")).strip() for c in naming]
    natural = "|".join(_text(n) for n in names)
    label = " ".join(p for p in (str(raw_id).strip() if raw_id is not None else "", names[0]) if p)
    return Row(record.row, row_id, natural, label, values)


def _key_value_part(kv: KeyValues, sheet: str) -> Part:
    spec = kv.spec
    key_col, value_col = normalize_header(spec.key_header), normalize_header(spec.value_header)
    rows = []
    for key, cell in kv.cells.items():
        values: dict[str, object] = {key_col: kv.keys[key]}
        if comparable(cell.raw) is not None:
            values[value_col] = plain(cell.raw)
        rows.append(Row(kv.rows[key], None, key, kv.keys[key], values))
    letters = {key_col: kv.key_letter, value_col: kv.value_letter}
    headers = {key_col: spec.key_header, value_col: spec.value_header}
    return Part(spec.name, sheet, kv.header_row, letters, headers, tuple(rows))
