"""Formula cells are found in sheets streamed chunk by chunk, wherever a chunk border falls."""

from __future__ import annotations

from pathlib import Path

import pytest

from xl_addin.engines import formulas

from .test_formulas import MAIN, _bare_workbook

CHUNK = 32


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_a_formula_across_every_chunk_border_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    monkeypatch.setattr(formulas, "_CHUNK", CHUNK)
    namespace = f'xmlns:x="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    for padding in range(CHUNK + 1):  # moves the formula element across one whole chunk
        sheet = (
            f"<{prefix}worksheet {namespace}><{prefix}sheetData>"
            f'<{prefix}row r="1"><{prefix}c r="A1"><{prefix}v>{"1" * (padding + 1)}</{prefix}v></{prefix}c>'
            f'<{prefix}c r="B1"><{prefix}f>A1*2</{prefix}f></{prefix}c></{prefix}row>'
            f"</{prefix}sheetData></{prefix}worksheet>"
        )
        path = _bare_workbook(tmp_path / f"f{padding}.xlsx", sheet)
        assert formulas.formula_cells(path) == {"Innspill": {(1, "B")}}, padding


def test_a_sheet_without_formulas_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed a sheet without formulas")

    monkeypatch.setattr(formulas, "_CHUNK", CHUNK)
    monkeypatch.setattr(formulas, "_formula_cells_of", no_parsing)
    cells = "".join(f'<c r="A{row}"><v>{row}</v></c>' for row in range(1, 50))
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    path = _bare_workbook(tmp_path / "plain.xlsx", sheet)
    assert formulas.formula_cells(path) == {"Innspill": set()}
