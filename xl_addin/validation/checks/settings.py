"""Checks of the two-column sheets `Oppsett` and `Tekster`."""

from __future__ import annotations

from collections.abc import Iterator

from ...language import join
from ...model import KeyValues, Location, Workbook
from ...schema import (
    LIST_CHAPTERS,
    SETTING_VERSION,
    SETTING_YEAR,
    SETTINGS,
    normalize_header,
    text_keys,
)
from ..context import Context
from ..problems import Problem
from ..suggest import closest
from .cells import issue_problem

#: Years that make sense for an input round.
YEARS = range(2000, 2101)


def _key_location(kv: KeyValues, row: int) -> Location:
    """The key cell of a row (where a missing or unknown key is shown)."""
    return Location(kv.spec.name, row, kv.key_letter, kv.spec.key_header)


def missing_settings(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Required `Oppsett` rows that are missing or blank (the version is checked before)."""
    settings = workbook.settings
    for field in SETTINGS.fields:
        if not field.required or field.name == SETTING_VERSION:
            continue
        if not settings.has(field.name):
            yield ctx.problem(
                "mangler-felt",
                _key_location(settings, settings.header_row),
                None,
                field=field.name,
                key_header=SETTINGS.key_header,
                value_header=SETTINGS.value_header,
            )
        elif settings.cell(field.name).blank:
            yield ctx.problem("mangler-verdi", settings.location(field.name), None)


def setting_values(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Dates and numbers in `Oppsett` that cannot be read, and a year that cannot be right."""
    for ref in ctx.key_value_cells():
        if ref.where.sheet == SETTINGS.name:
            yield from issue_problem(ctx, ref)
    year = workbook.settings.cell(SETTING_YEAR)
    if isinstance(year.value, int) and year.value not in YEARS:
        yield ctx.problem("ugyldig-ar", workbook.settings.location(SETTING_YEAR), year.raw)


def unknown_settings(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    known = [f.name for f in SETTINGS.fields]
    keys = {normalize_header(name) for name in known}
    yield from _unknown_keys(ctx, workbook.settings, keys, known, "ukjent-felt")


def unknown_text_parts(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """`Tekster` rows that match no part of the report (a chapter renamed in `Lister`)."""
    known = list(text_keys(list(workbook.list_values(LIST_CHAPTERS))))
    keys = {normalize_header(name) for name in known}
    unused = [k for k in known if not workbook.texts.has(k)]
    yield from _unknown_keys(
        ctx, workbook.texts, keys, unused, "ukjent-tekstdel", known=join([f"«{k}»" for k in known], "eller")
    )


def _unknown_keys(
    ctx: Context, kv: KeyValues, keys: set[str], candidates: list[str], code: str, **details: object
) -> Iterator[Problem]:
    for key, row in kv.rows.items():
        if key in keys:
            continue
        written = kv.keys[key]
        yield ctx.problem(
            code,
            _key_location(kv, row),
            written,
            suggestion=closest(written, candidates),
            **details,
        )


def duplicate_keys(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """A key written twice in `Oppsett` or `Tekster`: only the first row is used."""
    for kv in (workbook.settings, workbook.texts):
        for written, row in kv.duplicates:
            yield ctx.problem(
                "duplikat-felt", _key_location(kv, row), written, first_row=kv.rows[normalize_header(written)]
            )
