"""Shared test helpers: in-memory grid sources and workbook fixtures built from the schema."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

from xl_addin.example import write_example
from xl_addin.reading import Grid


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
