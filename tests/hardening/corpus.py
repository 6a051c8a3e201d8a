"""A corpus of bad input, built by code: each builder writes one hostile or broken workbook.

Builders start from the bundled 2020 example (or the template, or nothing) and
break it the way files arriving by e-mail are broken: not a workbook, an old
`.xls`, macros, a password, XML and zip bombs, missing sheets and columns,
another template version, merged cells, hidden rows, dates and numbers typed
as text, the 1904 date system, Excel's longest text, control characters,
formulas, an empty workbook. Each returns the file and, when the damage sits
in one cell, where (`Built.where`, e.g. "Innspill!B3"); cells are found by
header, never by position.
"""

from __future__ import annotations

import functools
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.engines.formulas import sheet_parts
from xl_addin.example import write_example
from xl_addin.schema import (
    CONTACT_CONTACTED,
    CONTACT_NOTE,
    CONTACTS,
    EXAMPLE_ORDER,
    EXAMPLES,
    INPUT_ORGANISATION,
    INPUT_TEXT,
    INPUTS,
    SETTING_VERSION,
    SETTINGS,
    TEMPLATE_VERSION,
    Column,
)
from xl_addin.teamwork.share import encrypt

from .ole import xls_bytes

#: Excel's limit for the text of one cell.
EXCEL_CELL_LIMIT = 32_767
#: Size of the part in the zip bomb (zeros: it packs to well under 1 MB).
ZIP_BOMB_BYTES = 200 * 1024 * 1024
PASSWORD = "hemmelig-2020"

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
_MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_PLAIN_WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


@dataclass(frozen=True)
class Built:
    """A corpus file and, when one cell carries the damage, where ("Sheet!A1")."""

    path: Path
    where: str | None = None

    @property
    def cell(self) -> str | None:
        return None if self.where is None else self.where.split("!")[1]


Builder = Callable[[Path], Built]


# --- helpers ------------------------------------------------------------------------------


@functools.cache
def example_bytes() -> bytes:
    """The 2020 example as written by the tool (built once per test run)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_example(Path(tmp) / "innspill-2020.xlsx").read_bytes()


def example_in(directory: Path, name: str = "innspill-2020.xlsx") -> Path:
    path = directory / name
    path.write_bytes(example_bytes())
    return path


def column_letter(ws: Worksheet, column: Column) -> str:
    """The letter of `column` on a sheet whose header row is row 1 (found by header text)."""
    for cell in ws[1]:
        if isinstance(cell.value, str) and cell.value.strip().casefold() == column.header.casefold():
            return str(cell.column_letter)
    raise KeyError(column.header)


def edited(directory: Path, name: str, edit: Callable[[OpenpyxlWorkbook], str | None]) -> Built:
    """A copy of the example edited with openpyxl, as a user saving in Excel would."""
    path = example_in(directory, name)
    book = load_workbook(path)
    where = edit(book)
    book.save(path)
    return Built(path, where)


def set_cell(book: OpenpyxlWorkbook, sheet: str, column: Column, row: int, value: str) -> str:
    ws = book[sheet]
    address = f"{column_letter(ws, column)}{row}"
    ws[address] = value
    return f"{sheet}!{address}"


def rewrite_zip(path: Path, changes: dict[str, bytes | None]) -> None:
    """Replace (bytes), add (new name) or drop (None) parts of the zip at `path`."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename not in changes:
                zf.writestr(info, data)
                continue
            replacement = changes.pop(info.filename)
            if replacement is not None:
                zf.writestr(info.filename, replacement)
        for name, added in changes.items():
            if added is not None:
                zf.writestr(name, added)


def part_of(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return sheet_parts(zf)[sheet]


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


# --- files that are not a usable workbook -------------------------------------------------


def not_a_zip(directory: Path) -> Built:
    """A text file someone named .xlsx."""
    path = directory / "tekst.xlsx"
    path.write_text("Navn;Kategori\nBergen kommune;Kommune\n", encoding="utf-8")
    return Built(path)


def truncated(directory: Path) -> Built:
    """An attachment cut off halfway (the end of the zip, its directory, is missing)."""
    path = directory / "avkuttet.xlsx"
    data = example_bytes()
    path.write_bytes(data[: len(data) // 2])
    return Built(path)


def old_xls(directory: Path) -> Built:
    """A real Excel 97-2003 file (OLE compound file)."""
    path = directory / "gammel.xls"
    path.write_bytes(xls_bytes())
    return Built(path)


def old_xls_renamed(directory: Path) -> Built:
    """An old .xls file someone renamed to .xlsx."""
    path = directory / "gammel-omdopt.xlsx"
    path.write_bytes(xls_bytes())
    return Built(path)


def encrypted(directory: Path) -> Built:
    """The example protected with a password (Excel: File > Info > Protect workbook)."""
    path = directory / "passord.xlsx"
    path.write_bytes(encrypt(example_bytes(), PASSWORD))
    return Built(path)


def empty_workbook(directory: Path) -> Built:
    """What `openpyxl.Workbook()` (or Excel's File > New) saves: one empty sheet."""
    path = directory / "tom.xlsx"
    OpenpyxlWorkbook().save(path)
    return Built(path)


# --- bombs --------------------------------------------------------------------------------

_LAUGHS = 10


def billion_laughs() -> bytes:
    """A sheet whose one cell expands to 10^10 "lol"s when entities are resolved."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * _LAUGHS}">' for i in range(1, _LAUGHS)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE worksheet [{''.join(entities)}]>\n"
        f'<worksheet xmlns="{_MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        f"<is><t>&lol{_LAUGHS - 1};</t></is></c></row></sheetData></worksheet>"
    ).encode()


def entity_bomb(directory: Path) -> Built:
    """The Kontakter sheet replaced by a "billion laughs" entity bomb."""
    path = example_in(directory, "entiteter.xlsx")
    rewrite_zip(path, {part_of(path, CONTACTS.name): billion_laughs()})
    return Built(path)


def entity_bomb_late(directory: Path) -> Built:
    """The same bomb with its DOCTYPE pushed past the first kilobytes by a long comment."""
    path = example_in(directory, "entiteter-sent.xlsx")
    declaration, rest = billion_laughs().split(b"\n", 1)
    padded = declaration + b"\n<!--" + b" fyll" * 2000 + b" -->\n" + rest
    rewrite_zip(path, {part_of(path, CONTACTS.name): padded})
    return Built(path)


def entity_bomb_utf16(directory: Path) -> Built:
    """The bomb encoded as UTF-16 (every other byte zero: a byte search for DOCTYPE misses it)."""
    path = example_in(directory, "entiteter-utf16.xlsx")
    text = billion_laughs().decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    rewrite_zip(path, {part_of(path, CONTACTS.name): text.encode("utf-16")})
    return Built(path)


def _zeros(size: int, chunk: int = 4 * 1024 * 1024) -> Iterator[bytes]:
    block = bytes(chunk)
    for start in range(0, size, chunk):
        yield block[: min(chunk, size - start)]


def zip_bomb(directory: Path) -> Built:
    """The Innspill sheet replaced by a part of a few hundred MB of zeros (packs to ~200 KB)."""
    path = example_in(directory, "zipbombe.xlsx")
    part = part_of(path, INPUTS.name)
    rewrite_zip(path, {part: None})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open(part, "w", force_zip64=True) as fh:
        for block in _zeros(ZIP_BOMB_BYTES):
            fh.write(block)
    return Built(path)


def far_cell(directory: Path) -> Built:
    """A stray value in the last cell of Kontakter (XFD1048576): a tiny file, a huge grid."""

    def edit(book: OpenpyxlWorkbook) -> str:
        book[CONTACTS.name][FAR_CELL] = "x"
        return f"{CONTACTS.name}!{FAR_CELL}"

    return edited(directory, "fjern-celle.xlsx", edit)


#: Excel's last cell.
FAR_CELL = "XFD1048576"
_LOCAL_HEADER = b"PK\x03\x04"
_CENTRAL_HEADER = b"PK\x01\x02"


#: What the lying entry of `lying_sizes` declares to unpack to.
DECLARED_SIZE = 1_000


def lying_sizes(directory: Path) -> Built:
    """The Innspill part declares 1,000 bytes (with the checksum of its first 1,000) in both zip
    headers, but unpacks to far more: size checks that trust the headers are fooled."""
    path = example_in(directory, "feil-storrelse.xlsx")
    part = part_of(path, INPUTS.name)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(part).header_offset
        checksum = zlib.crc32(zf.read(part)[:DECLARED_SIZE])
    assert data[local : local + 4] == _LOCAL_HEADER
    central = data.index(_CENTRAL_HEADER)
    while data[central + 46 : central + 46 + len(part)] != part.encode():
        central = data.index(_CENTRAL_HEADER, central + 4)
    for crc_at, size_at in ((local + 14, local + 22), (central + 16, central + 24)):
        struct.pack_into("<I", data, crc_at, checksum)
        struct.pack_into("<I", data, size_at, DECLARED_SIZE)
    path.write_bytes(bytes(data))
    return Built(path)


def corrupt_part(directory: Path) -> Built:
    """Bytes in the middle of the packed Innspill sheet overwritten (a damaged attachment)."""
    path = example_in(directory, "skadet-del.xlsx")
    part = part_of(path, INPUTS.name)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(part)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(range(64))
    path.write_bytes(bytes(data))
    return Built(path)


# --- macros -------------------------------------------------------------------------------


def with_macros(directory: Path) -> Built:
    """The example saved as a macro-enabled workbook (.xlsm) with a VBA project."""
    path = example_in(directory, "makro.xlsm")
    types = read_part(path, "[Content_Types].xml").decode()
    types = types.replace(_PLAIN_WORKBOOK_TYPE, _MACRO_WORKBOOK_TYPE).replace(
        "</Types>", f'<Default Extension="bin" ContentType="{_VBA_CONTENT_TYPE}"/></Types>'
    )
    rels = read_part(path, "xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{_VBA_RELATIONSHIP}" Target="vbaProject.bin" Id="rIdVba"/></Relationships>',
    )
    rewrite_zip(
        path,
        {
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/vbaProject.bin": xls_bytes(),  # an OLE container, as a real VBA project is
        },
    )
    return Built(path)


# --- structure ----------------------------------------------------------------------------


def missing_sheet(directory: Path) -> Built:
    def edit(book: OpenpyxlWorkbook) -> None:
        book.remove(book[INPUTS.name])

    return edited(directory, "uten-innspill.xlsx", edit)


def missing_column(directory: Path) -> Built:
    """The header «Organisasjon» of Innspill renamed, so the required column is gone."""

    def edit(book: OpenpyxlWorkbook) -> None:
        set_cell(book, INPUTS.name, INPUT_ORGANISATION, 1, "Hvem")

    return edited(directory, "uten-kolonne.xlsx", edit)


def other_version(directory: Path) -> Built:
    """Malversjon 2: a workbook made by a later version of the tool."""

    def edit(book: OpenpyxlWorkbook) -> str:
        ws = book[SETTINGS.name]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == SETTING_VERSION:
                row[1].value = TEMPLATE_VERSION + 1
                return f"{SETTINGS.name}!{row[1].coordinate}"
        raise KeyError(SETTING_VERSION)

    return edited(directory, "malversjon-2.xlsx", edit)


# --- data Excel holds in its own ways ------------------------------------------------------


def merged_cells(directory: Path) -> Built:
    """«Organisasjon» of the first two input rows merged (the second cell becomes blank)."""

    def edit(book: OpenpyxlWorkbook) -> str:
        ws = book[INPUTS.name]
        letter = column_letter(ws, INPUT_ORGANISATION)
        ws.merge_cells(f"{letter}2:{letter}3")
        return f"{INPUTS.name}!{letter}3"

    return edited(directory, "sammenslatte-celler.xlsx", edit)


#: Kontakter rows hidden by `hidden_rows` (Excel row numbers).
HIDDEN_ROWS = (3, 4, 5)


def hidden_rows(directory: Path) -> Built:
    def edit(book: OpenpyxlWorkbook) -> None:
        for row in HIDDEN_ROWS:
            book[CONTACTS.name].row_dimensions[row].hidden = True

    return edited(directory, "skjulte-rader.xlsx", edit)


def text_dates_and_numbers(directory: Path) -> Built:
    """The same date and whole number, typed as text (the where is the date)."""

    def edit(book: OpenpyxlWorkbook) -> str:
        order = book[EXAMPLES.name][f"{column_letter(book[EXAMPLES.name], EXAMPLE_ORDER)}2"]
        order.value = None if order.value is None else str(order.value)
        contacts = book[CONTACTS.name]
        contacted = contacts[f"{column_letter(contacts, CONTACT_CONTACTED)}2"]
        contacted.value = f"{contacted.value:%d.%m.%Y}"
        return f"{CONTACTS.name}!{contacted.coordinate}"

    return edited(directory, "tekst-datoer.xlsx", edit)


def date_1904(directory: Path) -> Built:
    """The example saved with the 1904 date system (old Mac Excel): the same dates, other serials."""

    def edit(book: OpenpyxlWorkbook) -> None:
        book.epoch = CALENDAR_MAC_1904

    return edited(directory, "datosystem-1904.xlsx", edit)


#: The Innspill row whose text `longest_text` makes as long as Excel allows.
LONGEST_TEXT_ROW = 2


def longest_text(directory: Path) -> Built:
    """An input point of exactly 32,767 characters, Excel's limit for one cell."""
    sentence = "Frivilligheten trenger faste møteplasser og forutsigbare tilskudd. "
    text = (sentence * (EXCEL_CELL_LIMIT // len(sentence) + 1))[:EXCEL_CELL_LIMIT]

    def edit(book: OpenpyxlWorkbook) -> None:
        set_cell(book, INPUTS.name, INPUT_TEXT, LONGEST_TEXT_ROW, text)

    return edited(directory, "lang-tekst.xlsx", edit)


def control_characters(directory: Path) -> Built:
    """Excel's `_x000B_` (vertical tab, from Alt+Enter in some programs) and a bell, in an input
    point and in a contact's note (which `new --from` carries over)."""

    def edit(book: OpenpyxlWorkbook) -> str:
        set_cell(book, CONTACTS.name, CONTACT_NOTE, 2, "Ring_x0007_ etter påske")
        return set_cell(book, INPUTS.name, INPUT_TEXT, 2, "Første linje_x000B_andre linje_x0007_.")

    return edited(directory, "kontrolltegn.xlsx", edit)


def formulas_in_text(directory: Path) -> Built:
    """A formula in an input text (no cached value) and text starting with "=" in a note."""

    def edit(book: OpenpyxlWorkbook) -> str:
        where = set_cell(book, INPUTS.name, INPUT_TEXT, 3, '=HYPERLINK("http://example.com","klikk")')
        ws = book[CONTACTS.name]
        note = ws[f"{column_letter(ws, CONTACT_NOTE)}2"]
        note.value = "=ring tilbake"
        note.data_type = "s"  # text that Excel would run as a formula when retyped
        return where

    return edited(directory, "formler.xlsx", edit)


# --- the registry -------------------------------------------------------------------------

CASES: dict[str, Builder] = {
    "not-a-zip": not_a_zip,
    "truncated": truncated,
    "old-xls": old_xls,
    "old-xls-renamed": old_xls_renamed,
    "encrypted": encrypted,
    "empty-workbook": empty_workbook,
    "entity-bomb": entity_bomb,
    "entity-bomb-late": entity_bomb_late,
    "entity-bomb-utf16": entity_bomb_utf16,
    "zip-bomb": zip_bomb,
    "lying-sizes": lying_sizes,
    "corrupt-part": corrupt_part,
    "far-cell": far_cell,
    "macros": with_macros,
    "missing-sheet": missing_sheet,
    "missing-column": missing_column,
    "other-version": other_version,
    "merged-cells": merged_cells,
    "hidden-rows": hidden_rows,
    "text-dates-numbers": text_dates_and_numbers,
    "date-1904": date_1904,
    "longest-text": longest_text,
    "control-characters": control_characters,
    "formulas": formulas_in_text,
}


def build(name: str, directory: Path) -> Built:
    directory.mkdir(parents=True, exist_ok=True)
    return CASES[name](directory)
