"""Next year's workbook from last year's: contacts, lists and texts carried over.

`carry_over` is pure: it turns a typed `Workbook` into the `Content` of a
fresh template-version-1 workbook and a record of what was carried, cleared
and left behind. `build_carried` makes the openpyxl workbook (through
`template.build_workbook`) and adds what the template does not know: the
user's own columns and `Tekster` rows.

What the user typed is carried exactly as typed (`Cell.raw`); dates and whole
numbers are carried as their typed values when they were valid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.styles import Alignment, Font

from ..engines.files import save_atomic
from ..engines.openpyxl_writer import style_header_cells
from ..errors import UsageError
from ..language import format_number, join, use_words
from ..model import Cell, KeyValues, Record, Workbook
from ..schema import (
    CONTACT_ANSWERED,
    CONTACT_CONTACTED,
    CONTACTS,
    DATA_SHEETS,
    DEFAULT_TITLE,
    EXAMPLES,
    INPUTS,
    LIST_CHAPTERS,
    LISTS,
    SETTING_CONFERENCE,
    SETTING_CONFERENCE_DATE,
    SETTING_DEADLINE,
    SETTING_LETTER_DATE,
    SETTING_MAIN_THEME,
    SETTING_RECIPIENT,
    SETTING_SENDER,
    SETTING_TITLE,
    SETTING_YEAR,
    SETTINGS,
    TEXTS,
    Column,
    Kind,
    normalize_header,
    text_keys,
)
from ..template import Content, Value, build_workbook, default_content
from .loading import ExtraColumn, plain
from .sheets import grow_table, set_literal, table_at

#: Settings that stay the same from year to year.
SETTINGS_CARRIED = (SETTING_CONFERENCE, SETTING_SENDER, SETTING_RECIPIENT)
#: Settings that belong to one year and start blank.
SETTINGS_CLEARED = (SETTING_MAIN_THEME, SETTING_LETTER_DATE, SETTING_CONFERENCE_DATE, SETTING_DEADLINE)
#: Contact columns that belong to one year's round and start blank.
CONTACT_CLEARED: tuple[Column, ...] = (CONTACT_CONTACTED, CONTACT_ANSWERED)

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass
class CarryOver:
    """The content of next year's workbook and what happened to last year's data."""

    content: Content
    year: int
    old_year: int | None
    contacts: int = 0
    #: header -> how many filled cells were cleared
    cleared: dict[str, int] = field(default_factory=dict)
    #: list name -> rows carried (None: the list was missing, the defaults are used)
    lists: dict[str, int | None] = field(default_factory=dict)
    texts: int = 0
    #: `Tekster` rows the template does not have, appended below its table
    extra_texts: list[tuple[str, Value]] = field(default_factory=list)
    #: data sheet -> the user's own columns (with values for Kontakter, empty elsewhere)
    extra_columns: dict[str, list[ExtraColumn]] = field(default_factory=dict)
    #: data sheet -> rows left behind (Innspill, Eksempler)
    left_behind: dict[str, int] = field(default_factory=dict)
    #: contact rows that held nothing but the cleared dates
    empty_rows: int = 0
    settings_cleared: list[str] = field(default_factory=list)
    #: `Oppsett` rows that are not in the template (not carried)
    unknown_settings: list[str] = field(default_factory=list)
    title_note: str | None = None

    def summary(self) -> list[str]:
        """What was carried and what was not, in Norwegian, one sentence per line."""
        return _summary(self)


def carry_over(
    workbook: Workbook, extra: dict[str, list[ExtraColumn]] | None = None, year: int | None = None
) -> CarryOver:
    """Next year's content from `workbook` (already checked with `check_structure`).

    `year` defaults to the old workbook's `År` + 1; UsageError when neither is known.
    """
    old_year = workbook.settings.get(SETTING_YEAR)
    old_year = old_year if isinstance(old_year, int) else None
    if year is None:
        if old_year is None:
            where = workbook.settings.location(SETTING_YEAR)
            raise UsageError(
                f"Finner ikke året i {SETTINGS.name}!{where.address} i «{workbook.name}». "
                "Oppgi året for den nye arbeidsboka med --year."
            )
        year = old_year + 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"Året {year} ser ikke riktig ut. Oppgi et år som 2026 med --year.")
    carry = CarryOver(default_content(year), year, old_year)
    carry.extra_columns = {name: list(columns) for name, columns in (extra or {}).items()}
    _carry_settings(workbook.settings, carry)
    _carry_lists(workbook, carry)
    _carry_texts(workbook.texts, carry)
    _carry_contacts(workbook, carry)
    for spec in (INPUTS, EXAMPLES):
        carry.left_behind[spec.name] = len(workbook.tables[spec.name])
    return carry


# --- values ---------------------------------------------------------------------------


def cell_value(cell: Cell, column: Column | None = None) -> Value:
    """What to write for a cell: the typed value of valid dates and numbers, else the raw value."""
    if cell.blank:
        return None
    if column is not None and column.kind in (Kind.DATE, Kind.INTEGER) and cell.issue is None:
        return _value(cell.value)
    return _value(cell.raw)


def _value(raw: object) -> Value:
    value = plain(raw)
    if value is None or isinstance(value, str | int | float | dt.date):
        return value
    return str(value)


# --- the parts ------------------------------------------------------------------------


def _carry_settings(settings: KeyValues, carry: CarryOver) -> None:
    for name in SETTINGS_CARRIED:
        value = cell_value(settings.cell(name))
        if value is not None:
            carry.content.settings[name] = value
    for name in SETTINGS_CLEARED:
        if not settings.cell(name).blank:
            carry.settings_cleared.append(name)
    _carry_title(settings, carry)
    known = {normalize_header(f.name) for f in SETTINGS.fields}
    carry.unknown_settings = [settings.keys[key] for key in settings.cells if key not in known]


def _carry_title(settings: KeyValues, carry: CarryOver) -> None:
    title = cell_value(settings.cell(SETTING_TITLE))
    if title is None:
        return
    generated = DEFAULT_TITLE.format_map(
        {SETTING_CONFERENCE: settings.get(SETTING_CONFERENCE) or "", SETTING_YEAR: carry.old_year}
    )
    if normalize_header(title) == normalize_header(generated):
        carry.title_note = (
            f"{SETTING_TITLE} er tom, slik at tittelen lages av konferansen og året ({carry.year})."
        )
        return
    carry.content.settings[SETTING_TITLE] = title
    if carry.old_year is not None and str(carry.old_year) in str(title):
        carry.title_note = (
            f"{SETTING_TITLE} er tatt med som den var («{title}»): rett årstallet {carry.old_year}."
        )


def _carry_lists(workbook: Workbook, carry: CarryOver) -> None:
    for spec in LISTS:
        table = workbook.list_table(spec)
        if not table.present:
            carry.lists[spec.name] = None
            continue
        rows = [tuple(cell_value(r.cell(c), c) for c in spec.columns) for r in table.records]
        carry.content.lists[spec.name] = rows
        carry.lists[spec.name] = len(rows)


def _carry_texts(texts: KeyValues, carry: CarryOver) -> None:
    chapters = [str(row[0]) for row in carry.content.list_rows(LIST_CHAPTERS) if row[0] is not None]
    template_keys = {normalize_header(key): key for key in text_keys(chapters)}
    for key, cell in texts.cells.items():
        value = cell_value(cell)
        canonical = template_keys.get(key)
        if canonical is None:
            carry.extra_texts.append((texts.keys[key], value))
        elif value is not None:
            carry.content.texts[canonical] = str(value)
        if value is not None:
            carry.texts += 1


def _carry_contacts(workbook: Workbook, carry: CarryOver) -> None:
    extra = carry.extra_columns.get(CONTACTS.name, [])
    cleared = {c.key for c in CONTACT_CLEARED}
    carry.cleared = {c.header: 0 for c in CONTACT_CLEARED}
    rows: list[dict[str, Value]] = []
    for record in workbook.contacts:
        for column in CONTACT_CLEARED:
            if not record.cell(column).blank:
                carry.cleared[column.header] += 1
        row = _contact_row(record, cleared, extra)
        if row:
            rows.append(row)
        else:
            carry.empty_rows += 1
    carry.content.rows[CONTACTS.name] = rows
    carry.contacts = len(rows)


def _contact_row(record: Record, cleared: set[str], extra: list[ExtraColumn]) -> dict[str, Value]:
    row: dict[str, Value] = {}
    for column in CONTACTS.columns:
        if column.key not in cleared:
            value = cell_value(record.cell(column), column)
            if value is not None:
                row[column.header] = value
    for own in extra:
        value = cell_value(record.cells.get(own.key, Cell(None, None)))
        if value is not None:
            row[own.header] = value
    return row


# --- writing -----------------------------------------------------------------------------


def build_carried(carry: CarryOver) -> OpenpyxlWorkbook:
    """The new workbook: the template with the carried content, the user's columns and texts."""
    book = build_workbook(carry.content)
    for spec in DATA_SHEETS:
        columns = carry.extra_columns.get(spec.name, [])
        if columns:
            _append_columns(
                book, spec.name, len(spec.columns), columns, carry.content.rows.get(spec.name, [])
            )
    if carry.extra_texts:
        _append_texts(book, carry.extra_texts)
    return book


def write_carried(path: Path, carry: CarryOver) -> Path:
    save_atomic(build_carried(carry), path)
    return path


def _append_columns(
    book: OpenpyxlWorkbook,
    sheet: str,
    width: int,
    columns: list[ExtraColumn],
    rows: list[dict[str, Value]],
) -> None:
    ws = book[sheet]
    for j, column in enumerate(columns, start=width + 1):
        ws.cell(row=1, column=j, value=column.header)
        for i, row in enumerate(rows, start=2):
            value = row.get(column.header)
            if value is not None:
                set_literal(ws.cell(row=i, column=j), value)
    style_header_cells(ws, 1, width + 1, width + len(columns))
    table = table_at(ws, 1, "A")
    if table is not None:
        grow_table(table, last_column=width + len(columns))


def _append_texts(book: OpenpyxlWorkbook, texts: list[tuple[str, Value]]) -> None:
    ws = book[TEXTS.name]
    first = ws.max_row + 1
    for i, (key, value) in enumerate(texts):
        key_cell = ws.cell(row=first + i, column=1, value=key)
        key_cell.font = Font(bold=True)
        key_cell.alignment = Alignment(vertical="top")
        value_cell = ws.cell(row=first + i, column=2)
        set_literal(value_cell, value)
        value_cell.alignment = Alignment(wrap_text=True, vertical="top")
    table = table_at(ws, 1, "A")
    if table is not None:
        grow_table(table, last_row=first + len(texts) - 1)


# --- summary -------------------------------------------------------------------------------


def _n(n: int, *others: int) -> str:
    return format_number(n, words=use_words(n, *others))


def _summary(carry: CarryOver) -> list[str]:
    lines = [_contacts_line(carry), _lists_line(carry), _texts_line(carry), _settings_line(carry)]
    if carry.title_note:
        lines.append(carry.title_note)
    for sheet, columns in carry.extra_columns.items():
        headers = join([f"«{c.header}»" for c in columns])
        filled = "med verdiene" if sheet == CONTACTS.name else "tomme"
        lines.append(f"Egne kolonner i {sheet} er tatt med ({filled}): {headers}.")
    left = [f"{sheet} ({_n(n)} rader)" for sheet, n in carry.left_behind.items()]
    lines.append(f"Ikke tatt med: {join(left)}. De arkene starter tomme.")
    if carry.empty_rows:
        lines.append(f"{_n(carry.empty_rows)} rader i {CONTACTS.name} hadde bare datoer og er ikke tatt med.")
    if carry.unknown_settings:
        names = join([f"«{name}»" for name in carry.unknown_settings])
        lines.append(f"Ikke tatt med fra {SETTINGS.name} (ikke en del av malen): {names}.")
    return lines


def _contacts_line(carry: CarryOver) -> str:
    counts = [carry.cleared.get(c.header, 0) for c in CONTACT_CLEARED]
    cleared = join([f"«{c.header}»" for c in CONTACT_CLEARED])
    dates = join([f"{_n(n, *counts)} i «{c.header}»" for c, n in zip(CONTACT_CLEARED, counts, strict=True)])
    return (
        f"{CONTACTS.name}: {_n(carry.contacts)} organisasjoner er tatt med (ID, navn, kategori, "
        f"avtale, sted og kontaktopplysninger). {cleared} er tømt ({dates})."
    )


def _lists_line(carry: CarryOver) -> str:
    counts = [rows for rows in carry.lists.values() if rows is not None]
    parts = []
    for name, rows in carry.lists.items():
        parts.append(
            f"{name} (standardlisten, fant den ikke)" if rows is None else f"{name} ({_n(rows, *counts)})"
        )
    return f"Lister tatt med: {join(parts)}."


def _texts_line(carry: CarryOver) -> str:
    line = f"{TEXTS.name}: {_n(carry.texts)} tekster er tatt med."
    if carry.extra_texts:
        names = join([f"«{key}»" for key, _ in carry.extra_texts])
        line += f" Egne rader lagt til under tabellen: {names}."
    return line


def _settings_line(carry: CarryOver) -> str:
    line = f"{SETTINGS.name}: {SETTING_YEAR} er {carry.year}."
    carried = [name for name in SETTINGS_CARRIED if carry.content.settings.get(name) is not None]
    if carried:
        line += f" {join(carried)} er tatt med."
    if carry.settings_cleared:
        line += f" {join(carry.settings_cleared)} er tomme og må fylles ut for det nye året."
    return line
