"""What `Kontroller` writes back: the `Kontroll` sheet, blank IDs filled, problem cells marked.

Pure: builds a `WritePlan` that every engine applies (openpyxl on files,
xlwings in Excel).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from .language import capitalize_first, short_date
from .model import Workbook
from .output import ERROR_FILL, WARNING_FILL, CellEdit, Link, Note, OutSheet, OutTable, WritePlan
from .reading import cell_text, find_sheet
from .schema import CHECK_SHEET, Kind
from .validation.problems import Problem, ValidationReport

TABLE_NAME = "tblKontroll"
HEADER = ["Alvorlighet", "Ark", "Celle", "Kolonne", "Verdi", "Melding", "Forslag", "Kode"]
CELL_COLUMN = HEADER.index("Celle")
WRAPPED = ("Verdi", "Melding", "Forslag")
WIDTHS = {1: 11, 2: 12, 3: 8, 4: 18, 5: 30, 6: 70, 7: 30, 8: 24}
SEVERITY_LABELS = {"feil": "Feil", "advarsel": "Advarsel"}
FILLS = {"feil": ERROR_FILL, "advarsel": WARNING_FILL}
#: Longest value or suggestion shown in the sheet (the cell itself holds the whole text).
SHOWN_LIMIT = 300
TAB_COLOR = "C00000"
#: Characters a worksheet cannot hold (shown as a visible code instead).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _visible(text: str | None) -> str | None:
    """Text safe to write into a sheet: control characters shown as [U+000B], long text cut."""
    if text is None:
        return None
    text = _ILLEGAL.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)
    return text if len(text) <= SHOWN_LIMIT else text[: SHOWN_LIMIT - 1] + "…"


def link_target(sheet: str, cell: str) -> str:
    """An in-workbook link target, e.g. `'Kontakter'!C5`."""
    return "'" + sheet.replace("'", "''") + "'!" + cell


def _row(problem: Problem) -> list[object]:
    return [
        SEVERITY_LABELS[str(problem.severity)],
        problem.sheet,
        problem.cell,
        problem.header,
        _visible(problem.value),
        _visible(problem.message),
        _visible(problem.suggestion),
        problem.code,
    ]


def _sheet_name(workbook: Workbook, name: str) -> str:
    return find_sheet(workbook.sheet_names, name) or name


def _advice(report: ValidationReport) -> str:
    if not report.problems:
        return "Alt ser riktig ut, og rapporten kan lages."
    go = "Klikk på en celle i kolonnen «Celle» for å gå dit."
    if report.valid:
        return f"Rapporten kan lages, men advarslene bør sjekkes. {go}"
    return f"Feilene må rettes før rapporten kan lages, og advarslene bør sjekkes. {go}"


def check_sheet(workbook: Workbook, report: ValidationReport, now: dt.datetime) -> OutSheet:
    """The `Kontroll` sheet: when, a summary, and one row per problem with a link to its cell."""
    problems = report.problems
    stamp = f"{short_date(now.date())} kl. {now:%H.%M}"
    lines = [f"Kontrollert {stamp}: {report.summary()}.", _advice(report)]
    sheet = OutSheet(name=CHECK_SHEET, title=f"Kontroll av {workbook.name}".strip(), lines=lines)
    table = OutTable(name=TABLE_NAME, header=list(HEADER), rows=[], top=sheet.first_table_row)
    table.wrap_columns = {HEADER.index(h) for h in WRAPPED}
    for i, problem in enumerate(problems):
        table.rows.append(_row(problem))
        table.links.append(
            Link(i, CELL_COLUMN, link_target(_sheet_name(workbook, problem.sheet), problem.cell))
        )
        table.fills[i] = FILLS[str(problem.severity)]
    sheet.tables.append(table)
    sheet.widths = dict(WIDTHS)
    sheet.tab_color = TAB_COLOR
    sheet.fit_width = True
    return sheet


def problem_notes(workbook: Workbook, report: ValidationReport) -> list[Note]:
    """One note per problem cell, holding every message for that cell."""
    by_cell: dict[tuple[str, int, str], list[Problem]] = {}
    for problem in report.problems:
        key = (_sheet_name(workbook, problem.sheet), problem.row, problem.column)
        by_cell.setdefault(key, []).append(problem)
    notes = []
    for (sheet, row, column), problems in by_cell.items():
        text = "\n".join(f"{capitalize_first(str(p.severity))}: {_visible(p.message)}" for p in problems)
        notes.append(Note(sheet, row, column, text))
    return notes


def _id_number(text: str, prefix: str) -> int | None:
    match = re.fullmatch(rf"\s*{re.escape(prefix)}(\d+)\s*", text, flags=re.IGNORECASE)
    return int(match.group(1)) if match else None


def id_edits(
    workbook: Workbook, *, formulas: Mapping[str, set[tuple[int, str]]] | None = None
) -> list[CellEdit]:
    """Blank IDs filled in (K001 …), continuing after the highest number in each sheet.

    Only cells that are blank (and hold no formula) are ever written.
    """
    edits: list[CellEdit] = []
    formula_cells = {k.casefold(): v for k, v in (formulas or {}).items()}
    for table in workbook.tables.values():
        column = next((c for c in table.spec.columns if c.kind is Kind.ID), None)
        if column is None or not table.has(column) or column.id_prefix is None:
            continue
        prefix = column.id_prefix
        filled = [cell_text(r.cell(column).raw) for r in table if not r.cell(column).blank]
        numbers = [n for n in (_id_number(text, prefix) for text in filled) if n is not None]
        next_number = max(numbers, default=0) + 1
        sheet = _sheet_name(workbook, table.sheet)
        skip = formula_cells.get(sheet.casefold(), set())
        letter = table.letters[column.key]
        for record in table:
            if not record.cell(column).blank or (record.row, letter) in skip:
                continue
            edits.append(CellEdit(sheet, record.row, letter, f"{prefix}{next_number:03d}"))
            next_number += 1
    return edits


def kontroll_plan(
    workbook: Workbook,
    report: ValidationReport,
    *,
    now: dt.datetime,
    formulas: Mapping[str, set[tuple[int, str]]] | None = None,
) -> WritePlan:
    """The whole write-back of a check: the sheet, the IDs and the notes (replacing earlier ones)."""
    return WritePlan(
        sheets=[check_sheet(workbook, report, now)],
        edits=id_edits(workbook, formulas=formulas),
        notes=problem_notes(workbook, report),
    )
