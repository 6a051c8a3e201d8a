"""Dates that cannot be right: in the future, out of order, far from the year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from ...language import short_date
from ...model import Workbook
from ...schema import (
    CONTACT_ANSWERED,
    CONTACT_CONTACTED,
    SETTING_CONFERENCE_DATE,
    SETTING_DEADLINE,
    SETTING_LETTER_DATE,
    Kind,
)
from ..context import CellRef, Context
from ..problems import Problem

#: Dates more than this many years from `Oppsett`→År are probably typos (2002 for 2020).
YEAR_WINDOW = 1

#: Settings dates in the order they happen.
SETTING_DATES_ORDER = (SETTING_LETTER_DATE, SETTING_DEADLINE, SETTING_CONFERENCE_DATE)


def _dates(ctx: Context, wanted: Callable[[dt.date], bool]) -> Iterator[CellRef]:
    """The date cells (tables, lists and `Oppsett`) whose date is `wanted`."""
    for column in ctx.columns((Kind.DATE,)):
        for record, cell in column:
            value = cell.value
            if isinstance(value, dt.date) and wanted(value):
                yield column.ref(record, cell)
    for ref in ctx.key_value_cells():
        value = ref.cell.value
        if ref.kind is Kind.DATE and isinstance(value, dt.date) and wanted(value):
            yield ref


def answer_order(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """`Svar mottatt` before `Kontaktet`."""
    table = workbook.contacts
    for record in table:
        answered, contacted = record[CONTACT_ANSWERED], record[CONTACT_CONTACTED]
        if isinstance(answered, dt.date) and isinstance(contacted, dt.date) and answered < contacted:
            yield ctx.problem(
                "svar-for-kontaktet",
                record.location(CONTACT_ANSWERED),
                record.cell(CONTACT_ANSWERED).raw,
                other_header=record.location(CONTACT_CONTACTED).header,
                other=short_date(contacted),
            )


def future_dates(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """An answer cannot have come after today (error); other dates get a warning.

    `Oppsett`'s dates (deadline, conference) are often ahead and are not checked.
    """
    for ref in _dates(ctx, lambda value: value > ctx.today):
        if ref.column is None:
            continue
        code = "svar-i-fremtiden" if ref.column == CONTACT_ANSWERED else "dato-i-fremtiden"
        yield ctx.problem(code, ref.where, ref.cell.raw, today=short_date(ctx.today))


def dates_outside_year(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Dates far from the year of the round, as when 2002 was typed for 2020."""
    year = ctx.year
    if year is None:
        return
    for ref in _dates(ctx, lambda value: abs(value.year - year) > YEAR_WINDOW):
        yield ctx.problem("dato-utenfor-aret", ref.where, ref.cell.raw, year=year)


def setting_dates_order(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Letter, deadline and conference in that order."""
    settings = workbook.settings
    known = [(name, settings.get(name)) for name in SETTING_DATES_ORDER]
    dated = [(name, value) for name, value in known if isinstance(value, dt.date)]
    for (name, value), (later, later_value) in zip(dated, dated[1:], strict=False):
        if value > later_value:
            yield ctx.problem(
                "datoer-i-feil-rekkefolge",
                settings.location(name),
                settings.cell(name).raw,
                other_header=settings.location(later).header,
                other=short_date(later_value),
            )
