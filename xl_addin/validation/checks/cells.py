"""Checks of single cells against their column: required, type, list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ...language import join, short_date
from ...model import Workbook
from ...reading import (
    ISSUE_BAD_DATE,
    ISSUE_BAD_INTEGER,
    ISSUE_DATE_AS_TEXT,
    ISSUE_KINDS,
    ISSUE_NUMBER_AS_TEXT,
    cell_text,
)
from ...schema import LISTS_SHEET, MULTI_SEPARATOR, Column, Kind
from ..context import CellRef, Context
from ..problems import Problem
from ..suggest import closest

#: What Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
CONVERSION_ISSUES = (ISSUE_DATE_AS_TEXT, ISSUE_BAD_DATE, ISSUE_NUMBER_AS_TEXT, ISSUE_BAD_INTEGER)
#: Kinds whose values come from a list or fixed choices.
CHOICE_KINDS = (Kind.CHOICE, Kind.YES_NO, Kind.MULTI_CHOICE)


def required_values(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """A required column left blank in a row that holds something."""
    for table in workbook.tables.values():
        required = [c for c in table.spec.columns if c.required and table.has(c)]
        for record in table:
            cells = record.cells
            for column in required:
                cell = cells.get(column.key)
                if cell is None or cell.blank:
                    yield ctx.problem("mangler-verdi", record.location(column), None)


def conversion_issues(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Dates and whole numbers the reader could not take as they are (tables and lists)."""
    for column in ctx.columns(ISSUE_KINDS):
        for record, cell in column:
            if cell.issue is not None:
                yield from issue_problem(ctx, column.ref(record, cell))


def issue_problem(ctx: Context, ref: CellRef) -> Iterator[Problem]:
    """The problem for a cell's conversion issue, if it has one."""
    cell = ref.cell
    if cell.issue not in CONVERSION_ISSUES:
        return
    suggestion = None
    if cell.issue == ISSUE_DATE_AS_TEXT:
        suggestion = short_date(cell.value)
    yield ctx.problem(str(cell.issue), ref.where, cell.raw, suggestion=suggestion)


def _fix(column: Column) -> str:
    """How to fix a value that is not in the column's list (Norwegian)."""
    if column.list_name is not None:
        return (
            f"Velg en verdi fra nedtrekkslisten, eller legg den til i listen «{column.list_name}» "
            f"på arket {LISTS_SHEET}."
        )
    return f"Tillatte verdier er {join([f'«{c}»' for c in column.choices], 'og')}."


def _parts(raw: object, kind: Kind) -> list[str]:
    text = cell_text(raw).strip()
    if kind is not Kind.MULTI_CHOICE:
        return [text]
    return [p.strip() for p in text.split(MULTI_SEPARATOR) if p.strip()]


def list_values(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Values not in their list (with "did you mean"), and values spelt unlike the list."""
    for column in ctx.columns(CHOICE_KINDS):
        if column.column.references is not None:
            continue
        allowed = ctx.choices(column.column)
        #: cells found right; rows with the same value share one cell (see `reading.converter`)
        right: set[int] = set()
        for record, cell in column:
            if id(cell) in right:
                continue
            problems = list(_cell_list_problems(ctx, column.ref(record, cell), allowed))
            if problems:
                yield from problems
            else:
                right.add(id(cell))


def _cell_list_problems(ctx: Context, ref: CellRef, allowed: Sequence[str]) -> Iterator[Problem]:
    values: Sequence[str] = ref.cell.value if ref.kind is Kind.MULTI_CHOICE else (ref.cell.value,)
    parts = _parts(ref.cell.raw, ref.kind)
    for typed, value in zip(parts, values, strict=True):
        yield from _list_problem(ctx, ref, allowed, typed, value, parts, values)


def _list_problem(
    ctx: Context,
    ref: CellRef,
    allowed: Sequence[str],
    typed: str,
    value: str,
    parts: Sequence[str],
    values: Sequence[str],
) -> Iterable[Problem]:
    assert ref.column is not None
    if value not in allowed:
        guess = closest(typed, allowed)
        suggestion = None if guess is None else _replace(parts, typed, guess)
        return [
            ctx.problem(
                "ukjent-listeverdi",
                ref.where,
                ref.cell.raw,
                suggestion=suggestion,
                item=typed,
                fix=_fix(ref.column),
            )
        ]
    if typed != value:
        suggestion = f"{MULTI_SEPARATOR} ".join(values)
        return [
            ctx.problem("listeverdi-skrivemate", ref.where, ref.cell.raw, suggestion=suggestion, item=typed)
        ]
    return []


def _replace(parts: Sequence[str], typed: str, guess: str) -> str:
    return f"{MULTI_SEPARATOR} ".join(guess if p == typed else p for p in parts)


def repeated_choices(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """The same value twice in a multiple-choice cell ("Lokaler; Lokaler")."""
    for column in ctx.columns((Kind.MULTI_CHOICE,)):
        for record, cell in column:
            values: tuple[str, ...] = cell.value
            if len(set(values)) == len(values):
                continue
            seen: list[str] = []
            for value in values:
                if value in seen:
                    unique = f"{MULTI_SEPARATOR} ".join(dict.fromkeys(values))
                    ref = column.ref(record, cell)
                    yield ctx.problem("gjentatt-valg", ref.where, cell.raw, suggestion=unique, item=value)
                    break
                seen.append(value)


def _has_hash(text: str) -> bool:
    return "#" in text


def _excel_error(raw: object) -> bool:
    # every error value holds a "#": the cheap test first (this runs for every cell)
    return isinstance(raw, str) and "#" in raw and raw.strip().upper() in EXCEL_ERRORS


def excel_error_values(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Cells showing an Excel error (#NAME? …) instead of a value."""
    for column in ctx.columns():
        if not column.any_text(_has_hash):
            continue
        for record, cell in column:
            if _excel_error(cell.raw):
                yield ctx.problem("excel-feilverdi", column.ref(record, cell).where, cell.raw)
    for ref in ctx.key_value_cells():
        if _excel_error(ref.cell.raw):
            yield ctx.problem("excel-feilverdi", ref.where, ref.cell.raw)
