"""Checks of the lists on `Lister`: present, not empty, no duplicates, usable forms."""

from __future__ import annotations

from collections.abc import Iterator

from ...language import Gender, join
from ...model import Location, Table, Workbook
from ...reading import cell_text
from ...schema import EXAMPLE_ORDER, LIST_CATEGORIES, LIST_CHAPTERS, LISTS, LISTS_SHEET, Column
from ..context import Context
from ..problems import Problem
from ..suggest import closest
from .columns import next_column
from .identity import repeats

#: Lists the report cannot do without.
NON_EMPTY = (LIST_CATEGORIES, LIST_CHAPTERS)
#: The gender column of `Kategorier`: the last one (Kategori, Entall, Flertall, Kjønn).
GENDER_COLUMN = LIST_CATEGORIES.columns[-1]
GENDERS = tuple(g.value for g in Gender)


def _lists_header_row(workbook: Workbook) -> int:
    rows = [t.header_row for t in workbook.lists.values() if t.present]
    return min(rows, default=1)


def missing_lists(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """A list whose columns are gone from `Lister` (its defaults are used)."""
    present = [t for t in workbook.lists.values() if t.present]
    letters = [letter for t in present for letter in t.letters.values()]
    row = _lists_header_row(workbook)
    for spec in LISTS:
        if workbook.lists[spec.name].present:
            continue
        where = Location(LISTS_SHEET, row, next_column(letters), spec.key.header)
        yield ctx.problem("mangler-liste", where, None, list=spec.name, key_header=spec.key.header)


def empty_lists(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for spec in NON_EMPTY:
        table = workbook.lists[spec.name]
        if table.present and not table.records:
            yield ctx.problem("tom-liste", table.location(spec.key, table.header_row), None, list=spec.name)


def duplicate_list_values(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for spec in LISTS:
        table = workbook.lists[spec.name]
        if not table.present:
            continue
        for record, first in repeats(table, spec.key):
            yield ctx.problem(
                "duplikat-listeverdi",
                record.location(spec.key),
                record.cell(spec.key).raw,
                first_row=first.row,
                list=spec.name,
            )


def category_forms(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Each category needs singular, plural and gender for the report's sentences."""
    table = workbook.lists[LIST_CATEGORIES.name]
    needed = [c for c in LIST_CATEGORIES.columns[1:] if table.has(c)]
    for record in table:
        if record.cell(LIST_CATEGORIES.key).blank:
            continue
        for column in needed:
            if record.cell(column).blank:
                yield ctx.problem("mangler-verdi", record.location(column), None)


def genders(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    table = workbook.lists[LIST_CATEGORIES.name]
    if not table.has(GENDER_COLUMN):
        return
    for record in table:
        cell = record.cell(GENDER_COLUMN)
        if cell.blank:
            continue
        text = cell_text(cell.raw).strip()
        if text.casefold() in GENDERS:
            continue
        yield ctx.problem(
            "ugyldig-kjonn",
            record.location(GENDER_COLUMN),
            cell.raw,
            suggestion=_gender_guess(text),
            genders=join([f"«{g}»" for g in GENDERS], "eller"),
        )


def _gender_guess(text: str) -> str | None:
    stem = text.casefold().rstrip(".")
    prefixed = [g for g in GENDERS if stem and g.startswith(stem)]
    return prefixed[0] if len(prefixed) == 1 else closest(text, GENDERS)


def _order_repeats(ctx: Context, table: Table, column: Column) -> Iterator[Problem]:
    if not table.present or not table.has(column):
        return
    for record, first in repeats(table, column):
        cell = record.cell(column)
        if isinstance(cell.value, int):
            yield ctx.problem("duplikat-rekkefolge", record.location(column), cell.raw, first_row=first.row)


def duplicate_order(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """The same `Rekkefølge` twice among the chapters or the examples."""
    chapter_order = LIST_CHAPTERS.columns[-1]
    yield from _order_repeats(ctx, workbook.lists[LIST_CHAPTERS.name], chapter_order)
    yield from _order_repeats(ctx, workbook.examples, EXAMPLE_ORDER)
