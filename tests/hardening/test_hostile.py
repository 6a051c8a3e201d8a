"""The look inside a file before any reader parses it (`engines.hostile`), on hand-made XML.

Sheet sizes are checked against python-calamine itself where its grid is
small enough to build; for the far corners, against Excel's limits (1,048,576
rows, 16,384 columns: XFD).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from python_calamine import CalamineWorkbook

from xl_addin.engines.files import FileSource
from xl_addin.engines.hostile import declares_entities, exact_extent, quick_extent
from xl_addin.errors import FileProblem

EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET = "xl/worksheets/sheet1.xml"


def sheet_xml(rows: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{_MAIN}" xmlns:x="{_MAIN}">'
        f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>{rows}</sheetData>'
        "</worksheet>"
    ).encode()


def workbook_with(tmp_path: Path, rows: str) -> Path:
    """A one-sheet workbook (written by openpyxl) whose sheet data is replaced by `rows` after A1."""
    path = tmp_path / "ark.xlsx"
    OpenpyxlWorkbook().save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts[_SHEET] = sheet_xml(rows)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def cell(reference: str, attribute: str = "r") -> str:
    return f'<c {attribute}="{reference}" t="inlineStr"><is><t>y</t></is></c>'


#: Places calamine reads: explicit references in every spelling it accepts, and by position.
SMALL = {
    "plain": f'<row r="3">{cell("E3")}</row>',
    "single-quotes": "<row r='3'><c r='E3' t='inlineStr'><is><t>a</t></is></c></row>",
    "lower-case": f'<row r="3">{cell("e3")}</row>',
    "spaces-around-equals": '<row r="3"><c r = "E3" t="inlineStr"><is><t>a</t></is></c></row>',
    "reference-last": '<row r="3"><c t="inlineStr" r="E3"><is><t>a</t></is></c></row>',
    "beyond-z": f'<row r="7">{cell("AB7")}</row>',
    "rows-by-position": "<row><c><v>1</v></c></row>" * 4,
    "cells-by-position": '<row r="2">' + "<c><v>1</v></c>" * 30 + "</row>",
    "prefixed": '<x:row r="4"><x:c r="D4"><x:v>1</x:v></x:c></x:row>',
    "prefixed-attribute": '<row r="5"><c x:r="D5"><v>1</v></c><c><v>2</v></c></row>',
    "tall": f'<row r="100001">{cell("C100001")}</row>',
}


def calamine_size(path: Path) -> tuple[int, int]:
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet").to_python(skip_empty_area=False)
    return len(grid), max(len(row) for row in grid)


@pytest.mark.parametrize("rows", SMALL.values(), ids=SMALL.keys())
def test_extent_is_the_grid_calamine_builds(rows: str, tmp_path: Path) -> None:
    path = workbook_with(tmp_path, rows)
    expected = calamine_size(path)
    with zipfile.ZipFile(path) as zf:
        exact = exact_extent(zf.open(_SHEET))
        bound = quick_extent(zf.open(_SHEET))
    assert (exact.rows, exact.columns) == expected
    assert bound is None or (bound.rows >= expected[0] and bound.columns >= expected[1])


#: The last cell of a sheet in every spelling, and a row of cells by position at the last row.
FAR = {
    "plain": f'<row r="{EXCEL_ROWS}">{cell("XFD1048576")}</row>',
    "single-quotes": f"<row r='{EXCEL_ROWS}'><c r='XFD1048576'><v>1</v></c></row>",
    "lower-case": f'<row r="{EXCEL_ROWS}">{cell("xfd1048576")}</row>',
    "spaces-around-equals": f'<row r="{EXCEL_ROWS}"><c r = "XFD1048576"><v>1</v></c></row>',
    "tab-before-reference": f'<row r="{EXCEL_ROWS}"><c\tr="XFD1048576"><v>1</v></c></row>',
    "by-position": f'<row r="{EXCEL_ROWS}">' + "<c/>" * EXCEL_COLUMNS + "</row>",
}


@pytest.mark.parametrize("rows", FAR.values(), ids=FAR.keys())
def test_a_sheet_reaching_the_last_cell_is_refused_before_reading(rows: str, tmp_path: Path) -> None:
    path = workbook_with(tmp_path, rows)
    with pytest.raises(
        FileProblem, match="Arket «Sheet» i «ark.xlsx» har innhold helt ut til celle XFD1048576"
    ):
        FileSource(path).read_grid("Sheet")


# --- entity declarations --------------------------------------------------------------------------

DOCTYPE = '<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
BODY = f'<worksheet xmlns="{_MAIN}"><sheetData/></worksheet>'
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

HOSTILE_PARTS = {
    "first": (DECLARATION + DOCTYPE + BODY).encode(),
    "after-a-long-comment": (DECLARATION + "<!--" + " x" * 50_000 + "-->" + DOCTYPE + BODY).encode(),
    "after-processing-instructions": (
        DECLARATION + '<?mso-application progid="Excel"?>' * 50 + DOCTYPE + BODY
    ).encode(),
    "after-much-blank": (DECLARATION + "\n" * 200_000 + DOCTYPE + BODY).encode(),
    "lower-case": (DECLARATION + DOCTYPE.lower() + BODY).encode(),
    "entity-only": (DECLARATION + '<!ENTITY a "a">' + BODY).encode(),
    "utf-16-le": (DECLARATION + DOCTYPE + BODY).replace("UTF-8", "UTF-16").encode("utf-16"),
    "utf-16-be": (DECLARATION + DOCTYPE + BODY).replace("UTF-8", "UTF-16").encode("utf-16-be"),
    "utf-32": (DECLARATION + DOCTYPE + BODY).replace("UTF-8", "UTF-32").encode("utf-32"),
    "with-byte-order-mark": (DECLARATION + DOCTYPE + BODY).encode("utf-8-sig"),
    "endless-comment": (DECLARATION + "<!--" + "x" * 2_000_000).encode(),
}
HARMLESS_PARTS = {
    "plain": (DECLARATION + BODY).encode(),
    "doctype-inside-a-comment": (DECLARATION + f"<!-- {DOCTYPE} -->" + BODY).encode(),
    "doctype-after-the-root": f'{DECLARATION}<worksheet xmlns="{_MAIN}">{DOCTYPE}</worksheet>'.encode(),
    "binary": bytes(range(256)) * 4,
    "empty": b"",
    "utf-16-without-doctype": (DECLARATION + BODY).replace("UTF-8", "UTF-16").encode("utf-16"),
}


def _declares(data: bytes) -> bool:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", (DECLARATION + BODY).encode())
        zf.writestr("xl/part", data)  # any name: the reader follows relationships, not extensions
    with zipfile.ZipFile(buffer) as zf:
        return declares_entities(zf, zf.infolist())


@pytest.mark.parametrize("data", HOSTILE_PARTS.values(), ids=HOSTILE_PARTS.keys())
def test_entity_declarations_are_found_wherever_the_prolog_hides_them(data: bytes) -> None:
    assert _declares(data)


@pytest.mark.parametrize("data", HARMLESS_PARTS.values(), ids=HARMLESS_PARTS.keys())
def test_parts_without_a_declaration_pass(data: bytes) -> None:
    assert not _declares(data)
