"""Which cells of an `.xlsx` hold formulas (calamine only gives their cached values).

One cheap streaming pass over the sheet XML parts: `<c>` elements with an
`<f>` child. Sheet names come from `xl/workbook.xml` and its relationships.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from ..errors import FileProblem
from ..reading import column_letter, column_number

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL = f"{{{_MAIN}}}c"
_FORMULA = f"{{{_MAIN}}}f"
_ROW = f"{{{_MAIN}}}row"
_REF = re.compile(r"^([A-Z]+)(\d+)$")
#: A formula element without a namespace prefix, and the end of one with a prefix (`<x:f>`).
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED_END = re.compile(rb":f[\s/>]")
#: Bytes looked through at a time (a sheet of 100,000 rows is some 70 MB unpacked) ...
_CHUNK = 4 * 1024 * 1024
#: ... and carried over to the next chunk, so that an element split by a chunk border is seen.
_OVERLAP = 16

FormulaCells = dict[str, set[tuple[int, str]]]


def _parser_options() -> dict[str, bool]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _root(zf: zipfile.ZipFile, name: str) -> etree._Element:
    with zf.open(name) as fh:
        parser = etree.XMLParser(**_parser_options())
        return etree.parse(fh, parser).getroot()


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding that sheet's XML."""
    workbook = _root(zf, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zf.namelist():
        for rel in _root(zf, rels_name).iter(f"{{{_PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id", "")] = part
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{_REL}}}id", ""))
        if part is not None:
            parts[sheet.get("name", "")] = part
    return parts


def _formula_cells_of(stream: IO[bytes]) -> Iterator[tuple[int, str]]:
    """(Excel row, column letter) of every cell with a formula in one sheet part, row by row."""
    number = 0
    for _, row in etree.iterparse(stream, events=("end",), tag=_ROW, **_parser_options()):
        number = int(row.get("r") or number + 1)
        if next(row.iter(_FORMULA), None) is not None:
            yield from _row_formulas(row, number)
        row.clear()  # keep memory flat: drop the rows already read
        while row.getprevious() is not None:
            del row.getparent()[0]


def _row_formulas(row: etree._Element, number: int) -> Iterator[tuple[int, str]]:
    column = 0
    for cell in row.iterchildren(_CELL):
        ref = _REF.match(cell.get("r") or "")
        column = column_number(ref.group(1)) if ref else column + 1  # cells without a reference follow on
        if cell.find(_FORMULA) is not None:
            yield (int(ref.group(2)), ref.group(1)) if ref else (number, column_letter(column - 1))


def _may_hold_formulas(stream: IO[bytes]) -> bool:
    """Whether a sheet part may hold a formula element, read in chunks (most sheets hold none)."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        if _PLAIN_FORMULA.search(data) or _PREFIXED_END.search(data):
            return True
        tail = data[-_OVERLAP:]
    return False


def formula_cells(path: str | Path) -> FormulaCells:
    """Sheet name -> {(Excel row, column letter)} of the cells that hold a formula.

    Each sheet is streamed, never held whole in memory: a quick look for formula
    elements first, and only a sheet that may have some is parsed.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            found: FormulaCells = {}
            names = set(zf.namelist())
            for sheet, part in sheet_parts(zf).items():
                if part not in names:
                    continue
                with zf.open(part) as stream:
                    may_hold = _may_hold_formulas(stream)
                found[sheet] = set()
                if may_hold:
                    with zf.open(part) as stream:
                        found[sheet] = set(_formula_cells_of(stream))
            return found
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError) as exc:
        raise FileProblem(f"«{path.name}» kan ikke leses som Excel-arbeidsbok ({exc}).") from exc
