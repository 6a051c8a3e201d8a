"""A share-safe copy: the workbook without personal data, optionally password protected.

Personal data are the values of `schema.PERSONAL_COLUMNS` in `Kontakter`
(contact person, e-mail, phone). The copy empties those cells, removes the
tool's `Kontroll` and `Konflikter` sheets and its notes, and replaces every
other occurrence of a personal value (in any cell, note, hyperlink, header
or footer, data-validation text, defined name or document property) with
`[fjernet]`. Before anything is written, every part of the new file is
searched for every personal value; if one is left, nothing is written.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.cell.rich_text import CellRichText
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.worksheet.worksheet import Worksheet

from ..engines.files import load_for_writing, write_bytes_atomic
from ..engines.openpyxl_writer import apply_plan
from ..errors import WriteRefused
from ..model import Workbook
from ..output import CellEdit, WritePlan
from ..schema import CHECK_SHEET, CONFLICTS_SHEET, PERSONAL_COLUMNS

REPLACEMENT = "[fjernet]"
#: Values shorter than this are emptied in their own cells but not searched for elsewhere.
MIN_SEARCH_LENGTH = 4
MIN_PHONE_DIGITS = 5
REMOVED_SHEETS = (CHECK_SHEET, CONFLICTS_SHEET)
_HEADER_FOOTER_ITEMS = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_HEADER_FOOTER_PARTS = ("left", "center", "right")
_PROPERTY_FIELDS = (
    "title",
    "subject",
    "creator",
    "keywords",
    "description",
    "lastModifiedBy",
    "category",
    "contentStatus",
    "identifier",
    "version",
)
_VALIDATION_FIELDS = ("prompt", "promptTitle", "error", "errorTitle", "formula1", "formula2")


_PHONE_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class Needle:
    """One personal value: a quick substring test, then the exact pattern."""

    quick: str
    pattern: re.Pattern[str]
    phone: bool


@dataclass(frozen=True)
class Personal:
    """The personal values of a workbook and the patterns that find them."""

    cells: tuple[CellEdit, ...]
    values: tuple[str, ...]
    needles: tuple[Needle, ...]
    too_short: tuple[str, ...]

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(n.pattern for n in self.needles)

    def _present(self, text: str) -> list[Needle]:
        folded = text.casefold()
        squeezed = _PHONE_SEPARATORS.sub("", text) if any(n.phone for n in self.needles) else ""
        return [
            n for n in self.needles if n.quick in (squeezed if n.phone else folded) and n.pattern.search(text)
        ]

    def scrub(self, text: str) -> str:
        for needle in self._present(text):
            text = needle.pattern.sub(REPLACEMENT, text)
        return text

    def found_in(self, text: str) -> list[str]:
        return [n.pattern.pattern for n in self._present(text)]


@dataclass
class ShareResult:
    emptied: int = 0
    removed_sheets: list[str] = field(default_factory=list)
    #: where a personal value was replaced outside its own column ("Innspill!E5", "merknad i …")
    replaced: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    too_short: tuple[str, ...] = ()
    encrypted: bool = False


def personal_values(workbook: Workbook) -> Personal:
    """Every personal value of `Kontakter`, where it is, and patterns that find it elsewhere."""
    cells: list[CellEdit] = []
    values: dict[str, bool] = {}
    for record in workbook.contacts:
        for column in PERSONAL_COLUMNS:
            cell = record.cell(column)
            if cell.blank:
                continue
            where = record.location(column)
            cells.append(CellEdit(where.sheet, where.row, where.column, None))
            text = _as_text(cell.raw).strip()
            if text:
                values[text] = column.phone
    needles: list[Needle] = []
    too_short: list[str] = []
    for text, phone in values.items():
        needle = _phone_needle(text) if phone else None
        if needle is None and len(text) < MIN_SEARCH_LENGTH:
            too_short.append(text)
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)", re.IGNORECASE)
        needles.append(needle or Needle(text.casefold(), pattern, phone=False))
    return Personal(tuple(cells), tuple(values), tuple(needles), tuple(too_short))


def _as_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _phone_needle(text: str) -> Needle | None:
    """A phone number however it is spaced: "400 00 001", "40000001", "400-00-001"."""
    digits = re.sub(r"\D", "", text)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return Needle(digits, re.compile(r"(?<!\d)" + r"[\s.\-]?".join(digits) + r"(?!\d)"), phone=True)


def share_plan(personal: Personal) -> WritePlan:
    """Empty the personal cells, remove the tool's check and conflict sheets and its notes."""
    return WritePlan(edits=list(personal.cells), notes=[], remove_sheets=list(REMOVED_SHEETS))


def build_share(path: Path, workbook: Workbook, password: str | None = None) -> tuple[bytes, ShareResult]:
    """The bytes of the share copy of `path` (read as `workbook`), and what was done."""
    personal = personal_values(workbook)
    result = ShareResult(emptied=len(personal.cells), too_short=personal.too_short)
    result.extra_columns = list(workbook.contacts.extra)
    book = load_for_writing(path)
    result.removed_sheets = [ws.title for ws in book.worksheets if ws.title in REMOVED_SHEETS]
    apply_plan(book, share_plan(personal))
    _drop_links(book, personal.cells)
    result.replaced = scrub_book(book, personal)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    leaks = find_personal(data, personal)
    if leaks:
        parts = ", ".join(sorted({part for part, _ in leaks}))
        raise WriteRefused(
            f"Delingskopien ville fortsatt hatt personopplysninger (i {parts}). Ingen fil er skrevet. "
            "Fjern dem fra en kopi av arbeidsboka og prøv igjen."
        )
    if password:
        data = encrypt(data, password)
        result.encrypted = True
    return data, result


def write_share(path: Path, workbook: Workbook, out: Path, password: str | None = None) -> ShareResult:
    data, result = build_share(path, workbook, password)
    write_bytes_atomic(data, out)
    return result


def encrypt(data: bytes, password: str) -> bytes:
    """Encrypt an .xlsx (ECMA-376 agile) so that Excel asks for the password."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


# --- scrubbing -------------------------------------------------------------------------------


def _drop_links(book: OpenpyxlWorkbook, cells: tuple[CellEdit, ...]) -> None:
    """Emptied cells lose their hyperlinks too (Excel makes mailto: links of typed addresses)."""
    for edit in cells:
        book[edit.sheet][f"{edit.column}{edit.row}"].hyperlink = None


def scrub_book(book: OpenpyxlWorkbook, personal: Personal) -> list[str]:
    """Replace personal values everywhere openpyxl writes text; returns where."""
    if not personal.needles:
        return []
    replaced: list[str] = []
    for ws in book.worksheets:
        replaced += _scrub_cells(ws, personal)
        replaced += _scrub_header_footer(ws, personal)
        replaced += _scrub_validations(ws, personal)
    replaced += _scrub_names(book, personal)
    replaced += _scrub_properties(book, personal)
    return replaced


def _replace(obj: Any, attr: str, personal: Personal) -> bool:
    value = getattr(obj, attr, None)
    if isinstance(value, str):
        scrubbed = personal.scrub(value)
        if scrubbed != value:
            setattr(obj, attr, scrubbed)
            return True
    return False


def _scrub_cells(ws: Worksheet, personal: Personal) -> list[str]:
    replaced: list[str] = []
    stored: dict[tuple[int, int], Any] = getattr(ws, "_cells", {})  # the cells that exist, not every blank
    for cell in list(stored.values()):
        replaced += _scrub_cell(cell, f"{ws.title}!{cell.coordinate}", personal)
    return replaced


def _scrub_cell(cell: Any, where: str, personal: Personal) -> list[str]:
    replaced = []
    if isinstance(cell.value, CellRichText):
        if personal.found_in(str(cell.value)):
            cell.value = personal.scrub(str(cell.value))
            replaced.append(where)
    elif _replace(cell, "value", personal):
        replaced.append(where)
    if cell.comment is not None and [a for a in ("text", "author") if _replace(cell.comment, a, personal)]:
        replaced.append(f"merknaden i {where}")
    link = cell.hyperlink
    if link is not None and personal.found_in(
        " ".join(str(getattr(link, a) or "") for a in ("target", "location", "tooltip", "display"))
    ):
        cell.hyperlink = None
        replaced.append(f"lenken i {where}")
    return replaced


def _scrub_header_footer(ws: Worksheet, personal: Personal) -> list[str]:
    replaced = []
    for item_name in _HEADER_FOOTER_ITEMS:
        item = getattr(ws.HeaderFooter, item_name, None)
        for part_name in _HEADER_FOOTER_PARTS:
            part = getattr(item, part_name, None) if item is not None else None
            if part is not None and _replace(part, "text", personal):
                replaced.append(f"topp-/bunntekst i {ws.title}")
    return replaced


def _scrub_validations(ws: Worksheet, personal: Personal) -> list[str]:
    replaced = []
    for validation in ws.data_validations.dataValidation:
        changed = [attr for attr in _VALIDATION_FIELDS if _replace(validation, attr, personal)]
        if changed:
            replaced.append(f"datavalidering i {ws.title}")
    return replaced


def _scrub_names(book: OpenpyxlWorkbook, personal: Personal) -> list[str]:
    replaced = []
    scopes: list[Any] = [book.defined_names, *(ws.defined_names for ws in book.worksheets)]
    for names in scopes:
        for name, defined in list(names.items()):
            if _replace(defined, "attr_text", personal):
                replaced.append(f"navnet «{name}»")
    return replaced


def _scrub_properties(book: OpenpyxlWorkbook, personal: Personal) -> list[str]:
    replaced = [
        f"dokumentegenskapen {attr}" for attr in _PROPERTY_FIELDS if _replace(book.properties, attr, personal)
    ]
    custom: Any = getattr(book, "custom_doc_props", None)  # not in the type stubs
    for prop in list(custom.props if custom is not None else []):
        if personal.found_in(f"{prop.name} {getattr(prop, 'value', '')}"):
            custom.props.remove(prop)
            replaced.append("en egendefinert dokumentegenskap (fjernet)")
    return replaced


# --- checking the result ---------------------------------------------------------------------------


def zip_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """Every part of an .xlsx as text (XML entities resolved), by part name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", errors="replace")
            yield name, html.unescape(text)


def find_personal(data: bytes, personal: Personal) -> list[tuple[str, str]]:
    """(part, pattern) for every personal value still found in the file's parts."""
    found: list[tuple[str, str]] = []
    for name, text in zip_texts(data):
        found.extend((name, pattern) for pattern in personal.found_in(text))
    return found
