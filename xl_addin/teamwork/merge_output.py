"""Write a merge: the base workbook with the copies' changes, appended rows and a `Konflikter` sheet.

The base file goes through openpyxl (`load_for_writing` refuses files with
parts openpyxl would drop); the cells to change and the `Konflikter` sheet
are a `WritePlan`; the Excel tables that got rows are extended so the new
rows are inside them. The result is saved atomically to a new file: the
inputs are never written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..engines.files import load_for_writing, save_atomic
from ..engines.openpyxl_writer import apply_plan
from ..language import Gender, Noun, join, sentence, short_date
from ..output import WARNING_FILL, Link, OutSheet, OutTable, WritePlan
from ..schema import CONFLICTS_SHEET
from .merge import MISSING, Change, Entry, EntryKind, MergeResult
from .sheets import grow_table, set_literal, table_at

KIND_LABELS = {
    EntryKind.CONFLICT: "Ulike endringer",
    EntryKind.DELETED: "Slettet i kopi",
    EntryKind.DUPLICATE_ID: "Samme ID",
}
BLANK_SHOWN = "(tom)"
NEW_ROW_SHOWN = "(ny rad)"
ABSENT_SHOWN = "(raden finnes ikke)"
DELETED_SHOWN = "(slettet)"


def show(value: object, missing: str = ABSENT_SHOWN) -> str:
    """A value as the user reads it in a message or the `Konflikter` sheet."""
    if value is MISSING:
        return missing
    if value is None:
        return BLANK_SHOWN
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return short_date(value)
    return str(value)


def quoted(value: object, missing: str = ABSENT_SHOWN) -> str:
    """A value for a line of running text: text in «», blanks and missing rows as words."""
    text = show(value, missing)
    return f"«{text}»" if value is not None and value is not MISSING else text


def entry_message(entry: Entry, result: MergeResult) -> str:
    """What happened and what to do, in Norwegian."""
    if entry.kind is EntryKind.DELETED:
        gone = [name for name, value in zip(result.copies, entry.values, strict=True) if value is MISSING]
        return (
            f"Raden er slettet i {join([f'«{g}»' for g in gone])}, men er beholdt. "
            "Slett raden selv hvis den skal bort."
        )
    source = result.copies[entry.source] if entry.source is not None else result.base
    if entry.kind is EntryKind.DUPLICATE_ID:
        return (
            f"Ny rad fra «{source}» har en ID som en annen rad alt har. Gi raden en ny ID, "
            "eller tøm ID-cellen og kjør Kontroller, som fyller den ut."
        )
    return f"Endret ulikt i kopiene. Verdien fra «{source}» er beholdt; rett cellen om en annen er riktig."


def entry_line(entry: Entry, result: MergeResult) -> str:
    """One line for the screen: where, what each file has, what to do."""
    where = f"{entry.sheet}!{entry.column}{entry.row}" if entry.column else f"{entry.sheet} rad {entry.row}"
    about = ", ".join(p for p in (entry.header, entry.row_label) if p)
    if entry.kind is EntryKind.DELETED:
        return f"{where} ({about}): {entry_message(entry, result)}"
    values = [f"{result.base}: {quoted(entry.base, NEW_ROW_SHOWN)}"] + [
        f"{name}: {quoted(value)}" for name, value in zip(result.copies, entry.values, strict=True)
    ]
    return f"{where} ({about}): {'; '.join(values)}. {entry_message(entry, result)}"


CHANGE = Noun("endring", "endringer", Gender.FEMININE)
NEW_ROW = Noun("ny rad", "nye rader", Gender.MASCULINE)
POINT = Noun("punkt", "punkter", Gender.NEUTER)


def _count(n: int, noun: Noun, *others: int) -> str:
    """ "ingen endringer", "én endring", "to endringer" (one form with the sentence's `others`)."""
    return f"ingen {noun.plural}" if n == 0 else sentence(n, *others).count(n, noun)


def summary_line(result: MergeResult) -> str:
    changes, added, open_ = len(result.changes), len(result.added), len(result.entries)
    return (
        f"Tatt inn: {_count(changes, CHANGE, added)} og {_count(added, NEW_ROW, changes)}. "
        f"Må avgjøres: {_count(open_, POINT)}."
    )


# --- the Konflikter sheet ---------------------------------------------------------------------


def _file_headers(result: MergeResult) -> list[str]:
    headers = [f"Grunnlag: {result.base}"]
    for name in result.copies:
        header = name
        n = 2
        while header in headers:
            header, n = f"{name} ({n})", n + 1
        headers.append(header)
    return headers


def _target(sheet: str, column: str, row: int) -> str:
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{column or 'A'}{row}"


def _cell_text(column: str, row: int) -> str:
    return f"{column}{row}" if column else f"rad {row}"


def conflicts_sheet(result: MergeResult, today: dt.date | None = None) -> OutSheet:
    """The `Konflikter` sheet: what must be decided, then everything that was taken in."""
    today = today or dt.date.today()
    copies = join([f"«{name}»" for name in result.copies])
    lines = [
        f"Slått sammen {short_date(today)}. Grunnlag: «{result.base}» (filen som ble sendt ut). "
        f"Kopier: {copies}.",
        summary_line(result),
        "Der kopiene er endret ulikt, er verdien fra den første kopien som endret cellen beholdt. "
        "Lenkene fører til cellene. Slett arket når alt er avgjort.",
    ]
    sheet = OutSheet(CONFLICTS_SHEET, "Konflikter etter sammenslåing", lines=lines, tab_color=WARNING_FILL)
    decide = _entries_table(result, sheet.first_table_row)
    taken = _changes_table(result, decide.bottom + 3)
    sheet.tables = [decide, taken]
    files = len(result.copies) + 1
    sheet.widths = {1: 18, 2: 14, 3: 10, 4: 30, 5: 18, **{6 + i: 24 for i in range(files)}}
    sheet.widths[6 + files] = 24
    sheet.widths[7 + files] = 60
    return sheet


def _entries_table(result: MergeResult, top: int) -> OutTable:
    header = ["Hva", "Ark", "Celle", "Gjelder", "Kolonne", *_file_headers(result), "Beholdt", "Hva du gjør"]
    table = OutTable("tblKonflikter", header, [], top, caption="Må avgjøres")
    for i, entry in enumerate(result.entries):
        missing = DELETED_SHOWN if entry.kind is EntryKind.DELETED else ABSENT_SHOWN
        table.rows.append(
            [
                KIND_LABELS[entry.kind],
                entry.sheet,
                _cell_text(entry.column, entry.row),
                entry.row_label,
                entry.header,
                show(entry.base, NEW_ROW_SHOWN),
                *(show(value, missing) for value in entry.values),
                show(entry.kept),
                entry_message(entry, result),
            ]
        )
        table.links.append(Link(i, 2, _target(entry.sheet, entry.column, entry.row)))
        table.fills[i] = WARNING_FILL
    return table


def _changes_table(result: MergeResult, top: int) -> OutTable:
    header = ["Hva", "Ark", "Celle", "Gjelder", "Kolonne", "Før", "Etter", "Fra fil"]
    table = OutTable("tblTattInn", header, [], top, caption="Tatt inn fra kopiene")
    rows: list[tuple[str, Change]] = [("Endret", c) for c in result.changes] + [
        ("Ny rad", c) for c in result.added
    ]
    for i, (what, change) in enumerate(rows):
        new_row = what == "Ny rad"
        table.rows.append(
            [
                what,
                change.sheet,
                _cell_text(change.column, change.row),
                change.row_label,
                change.header,
                "" if new_row else show(change.before),
                "" if new_row else show(change.after),
                result.copies[change.source],
            ]
        )
        table.links.append(Link(i, 2, _target(change.sheet, change.column, change.row)))
    return table


# --- writing ---------------------------------------------------------------------------------


def merge_plan(result: MergeResult, today: dt.date | None = None) -> WritePlan:
    """The cells to change (appended rows included) and the `Konflikter` sheet."""
    return WritePlan(sheets=[conflicts_sheet(result, today)], edits=list(result.edits))


def write_merged(base: Path, result: MergeResult, out: Path, today: dt.date | None = None) -> Path:
    """Write the merged workbook to `out` (never to `base`)."""
    book = load_for_writing(base)
    plan = merge_plan(result, today)
    apply_plan(book, plan)
    for edit in plan.edits:  # text the user typed stays text, even when it starts with "="
        set_literal(book[edit.sheet][f"{edit.column}{edit.row}"], edit.value)
    for row in book[CONFLICTS_SHEET].iter_rows():
        for cell in row:
            set_literal(cell, cell.value)
    for growth in result.growth:
        table = table_at(book[growth.sheet], growth.header_row, growth.letter)
        if table is not None:
            grow_table(table, last_row=growth.last_row)
    save_atomic(book, out)
    return out
