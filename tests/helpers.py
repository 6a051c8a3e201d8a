"""Shared test helpers: in-memory grid sources and workbook fixtures built from the schema."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

from xl_addin.example import write_example
from xl_addin.model import Workbook
from xl_addin.reading import Grid, read_workbook
from xl_addin.schema import (
    DATA_SHEETS,
    LIST_CHAPTERS,
    LISTS,
    LISTS_SHEET,
    SETTING_VERSION,
    SETTINGS,
    TEMPLATE_VERSION,
    TEXTS,
    text_keys,
)
from xl_addin.template import Content


class GridSource:
    """A workbook held as Python lists: {sheet name: rows from A1}."""

    def __init__(self, sheets: dict[str, Sequence[Sequence[object]]], name: str = "test.xlsx") -> None:
        self._sheets = sheets
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def read_grid(self, sheet: str) -> Grid:
        return [list(row) for row in self._sheets[sheet]]


def grids_of(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of an .xlsx as grids (via the real calamine reader)."""
    from xl_addin.engines.files import FileSource

    source = FileSource(path)
    return {name: [list(r) for r in source.read_grid(name)] for name in source.sheet_names()}


def example_copy(tmp_path: Path, name: str = "innspill-2020.xlsx") -> Path:
    """A fresh copy of the 2020 example in tmp_path."""
    return write_example(tmp_path / name)


def set_cells(path: Path, sheet: str, values: dict[str, object]) -> None:
    """Edit cells of a workbook file with openpyxl (as a user typing would)."""
    book = load_workbook(path)
    ws = book[sheet]
    for address, value in values.items():
        ws[address] = value
    book.save(path)


def content_grids(content: Content) -> dict[str, list[list[object]]]:
    """The sheets a workbook built from `content` would have, as grids from A1 (in memory).

    Same layout as the template: headers in row 1 in schema order, the lists
    side by side on `Lister` with one blank column between them.
    """
    settings = {SETTING_VERSION: TEMPLATE_VERSION, **content.settings}
    grids: dict[str, list[list[object]]] = {
        SETTINGS.name: [
            [SETTINGS.key_header, SETTINGS.value_header],
            *([f.name, settings.get(f.name)] for f in SETTINGS.fields),
        ]
    }
    for spec in DATA_SHEETS:
        headers = [c.header for c in spec.columns]
        rows = content.rows.get(spec.name, [])
        grids[spec.name] = [list(headers), *([row.get(h) for h in headers] for row in rows)]
    chapters = [str(r[0]) for r in content.list_rows(LIST_CHAPTERS)]
    grids[TEXTS.name] = [
        [TEXTS.key_header, TEXTS.value_header],
        *([key, content.texts.get(key)] for key in text_keys(chapters)),
    ]
    grids[LISTS_SHEET] = _lists_grid(content)
    return grids


def _lists_grid(content: Content) -> list[list[object]]:
    blocks = [([c.header for c in spec.columns], content.list_rows(spec)) for spec in LISTS]
    height = 1 + max(len(rows) for _, rows in blocks)
    grid: list[list[object]] = [[] for _ in range(height)]
    for headers, rows in blocks:
        for r in range(height):
            values: list[object] = list(headers) if r == 0 else list(rows[r - 1]) if r <= len(rows) else []
            grid[r].extend(values + [None] * (len(headers) - len(values)) + [None])
    return grid


def read_content(content: Content, name: str = "test.xlsx") -> Workbook:
    """`content` read back as the tool reads a workbook (no file involved)."""
    return read_workbook(GridSource(content_grids(content), name))
