"""Finding formula cells in the sheet XML (calamine only gives their cached values)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from xl_addin import schema as S
from xl_addin.engines.checking import check_file
from xl_addin.engines.formulas import formula_cells
from xl_addin.errors import FileProblem

from ..helpers import example_copy

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def test_formulas_are_found_by_sheet_row_and_column(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Ark med mellomrom"
    ws["A1"] = "tekst"
    ws["B2"] = "=1+1"
    ws["AA10"] = "=A1"
    book.create_sheet("Uten formler")["C3"] = "bare tekst"
    book.save(tmp_path / "f.xlsx")

    assert formula_cells(tmp_path / "f.xlsx") == {
        "Ark med mellomrom": {(2, "B"), (10, "AA")},
        "Uten formler": set(),
    }


def _bare_workbook(path: Path, sheet_xml: str) -> Path:
    """Only the parts formula_cells reads: workbook, its relationships and one sheet."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Innspill" sheetId="1" r:id="rId7"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId7" Target="worksheets/data.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
            "</Relationships>",
        )
        zf.writestr("xl/worksheets/data.xml", sheet_xml)
    return path


def test_prefixed_xml_shared_formulas_and_cells_without_references(tmp_path: Path) -> None:
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row r="3"><x:c r="B3"><x:f t="shared" ref="B3:B4" si="0">A3*2</x:f><x:v>2</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="B4"><x:f t="shared" si="0"/><x:v>4</x:v></x:c></x:row>'
        "<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c><x:f>A5+B5</x:f></x:c></x:row>"
        "</x:sheetData></x:worksheet>"
    )
    path = _bare_workbook(tmp_path / "bare.xlsx", sheet)
    assert formula_cells(path) == {"Innspill": {(3, "B"), (4, "B"), (5, "C")}}


def test_a_damaged_part_is_a_file_problem(tmp_path: Path) -> None:
    path = _bare_workbook(tmp_path / "bad.xlsx", f'<worksheet xmlns="{MAIN}"><sheetData><row><c><f>A1</f>')
    with pytest.raises(FileProblem, match="bad.xlsx"):
        formula_cells(path)


def test_formulas_in_text_columns_are_reported_and_others_left_alone(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    book = load_workbook(path)
    ws = book[S.INPUTS.name]
    ws["E3"] = '=CONCATENATE("Behov ";"for lokaler")'  # Innspill (text): reported
    ws["H4"] = "=DATE(2020;4;27)"  # Mottatt (a date): may be meant
    ws["J1"] = "Hjelpekolonne"  # the user's own column: never reported
    ws["J2"] = "=LEN(E2)"
    book.save(path)

    report = check_file(path).report

    formulas = [(p.sheet, p.cell) for p in report.problems if p.code == "formel-i-celle"]
    assert formulas == [(S.INPUTS.name, "E3")]
