"""Looking inside a workbook file before any reader parses it: what a hostile file would exploit.

Two things are checked here, both cheaply, by streaming the zip parts:

- **Entity declarations.** Excel never writes a DOCTYPE; an XML part that
  declares entities can expand a few bytes into gigabytes ("billion laughs").
  Only a part's prolog (what comes before its first element) is read, in the
  encoding its first bytes declare, so a DOCTYPE pushed back by a long comment
  or written in UTF-16 is found too.
- **How large a sheet's grid is.** python-calamine builds the whole rectangle
  from A1 to a sheet's farthest cell in memory, as one block: a single value
  in cell XFD1048576 asks for 17 billion cells, and the process aborts without
  a message. A fast pass looks only at what is unusual (cell references beyond
  column Z or below row 99,999, cells placed by position, which Excel never
  writes); when it finds neither, the grid is at most 99,999 x 26 cells;
  otherwise an exact pass places every row and cell the way the reader does.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from ..reading import column_letter, column_number

# --- entity declarations ------------------------------------------------------------------

#: How much of a part's beginning may come before its first element (Excel writes a few dozen bytes).
PROLOG_LIMIT = 1_000_000
_PROLOG_CHUNK = 64 * 1024
#: XML declaration, processing instructions, comments and blanks before the first element or DOCTYPE.
_PROLOG = re.compile(r"\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")
#: Byte patterns of a part's first characters -> its encoding (XML 1.0, appendix F).
_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def declares_entities(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """True when a part declares a DOCTYPE (entity bombs live there; Excel never writes one).

    Every part is looked at, whatever its name, in whatever encoding it declares
    by its first bytes; only its prolog (what comes before the first element) is read.
    """
    for info in infos:
        if not info.is_dir():
            with zf.open(info) as part:
                if _prolog_declares(part):
                    return True
    return False


def _prolog_declares(part: IO[bytes]) -> bool:
    data = part.read(_PROLOG_CHUNK)
    encoding = next((name for magic, name in _ENCODINGS if data.startswith(magic)), "utf-8")
    while True:
        text = codecs.decode(data, encoding, errors="replace")
        match = _PROLOG.match(text)
        rest = text[match.end() :] if match else text
        if rest[:9].upper().startswith(_DECLARATIONS):
            return True
        if len(rest) >= 9 and not rest.startswith(("<!--", "<?")):
            return False  # the first element (or no XML at all): a DOCTYPE cannot follow
        if len(data) >= PROLOG_LIMIT:
            return True  # a prolog this long is not from Excel
        chunk = part.read(_PROLOG_CHUNK)
        if not chunk:
            return False  # the part ends inside its prolog: no reader accepts it
        data += chunk


# --- the size of a sheet's grid -----------------------------------------------------------

#: Rows and columns that the fast pass does not need to look at one by one.
FAST_ROWS = 99_999
FAST_COLUMNS = 26
_CHUNK = 4 * 1024 * 1024
#: Bytes carried over between chunks, so that a reference split by a chunk border is seen.
_OVERLAP = 64

#: A reference beyond column Z or below row 99,999, in either quotes and either case (the reader
#: takes all of them); the literal start keeps the scan fast.
_FAR_REFERENCE = re.compile(rb"""r=["']([A-Za-z](?:[A-Za-z]{1,2}\d+|\d{6,}))["']""")
#: A cell whose first attribute is not its reference, or a cell with a namespace prefix.
_UNUSUAL_CELL = (re.compile(rb"<c(?!\sr=)[\s>/]"), re.compile(rb":c[\s>/]"))
_REFERENCE = re.compile(r"^([A-Za-z]{1,3})(\d+)$")


@dataclass(frozen=True)
class Extent:
    """The rectangle from A1 to a sheet's farthest row and column."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def corner(self) -> str:
        """The bottom-right cell, as Excel's Ctrl+End shows it (e.g. "XFD1048576")."""
        return f"{column_letter(self.columns - 1)}{self.rows}"


def _split(reference: str) -> tuple[int, int] | None:
    match = _REFERENCE.match(reference)
    if match is None:
        return None
    return int(match.group(2)), column_number(match.group(1))


def quick_extent(part: IO[bytes]) -> Extent | None:
    """An upper bound of the extent; None when cells are placed by position (use `exact_extent`)."""
    rows, columns = FAST_ROWS, FAST_COLUMNS
    tail = b""
    while chunk := part.read(_CHUNK):
        data = tail + chunk
        if any(pattern.search(data) for pattern in _UNUSUAL_CELL):
            return None
        for found in _FAR_REFERENCE.findall(data):
            place = _split(found.decode("ascii"))
            if place is not None:
                rows, columns = max(rows, place[0]), max(columns, place[1])
        tail = data[-_OVERLAP:]
    return Extent(rows, columns)


def exact_extent(part: IO[bytes]) -> Extent:
    """The extent, placing rows and cells as the reader does (a reference, or the next position)."""
    from lxml import etree  # noqa: PLC0415

    rows = columns = row = column = 0
    options = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
    for event, element in etree.iterparse(part, events=("start", "end"), **options):
        name = etree.QName(element).localname
        if event == "end":
            if name == "row":
                element.clear()
            continue
        if name == "row":
            number = element.get("r")
            row = int(number) if number and number.isdigit() else row + 1
            column = 0
        elif name == "c":
            place = _split(element.get("r") or "")
            row, column = place if place is not None else (row, column + 1)
            rows, columns = max(rows, row), max(columns, column)
    return Extent(rows, columns)


def sheet_extent(zf: zipfile.ZipFile, part: str, limit: int) -> Extent:
    """The extent of the sheet in `part`: the fast bound when it is under `limit`, else the exact one.

    Raises what zipfile, zlib and lxml raise for damaged parts (a part whose
    real size differs from the one its zip entry declares fails its check here).
    """
    with zf.open(part) as stream:
        bound = quick_extent(stream)
    if bound is not None and bound.cells <= limit:
        return bound
    with zf.open(part) as stream:
        return exact_extent(stream)
