"""Checks across `Kontakter`, `Innspill` and `Eksempler`: names, answers, input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...language import Gender, Noun, count, short_date
from ...model import Record, Workbook
from ...reading import cell_text
from ...schema import (
    CONTACT_ANSWERED,
    CONTACT_NAME,
    CONTACTS,
    INPUT_INCLUDE,
    INPUT_ORGANISATION,
    INPUT_RECEIVED,
    INPUT_TEXT,
    INPUTS,
    NO,
    normalize_header,
)
from ..context import Context
from ..problems import Problem
from ..suggest import closest

INPUT_NOUN = Noun("innspill", "innspill", Gender.NEUTER)


def organisation_references(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """`Organisasjon` in `Innspill` and `Eksempler` must name a row of `Kontakter`."""
    names = [str(r[CONTACT_NAME]) for r in workbook.contacts if r[CONTACT_NAME]]
    exact = set(names)
    target_header = workbook.contacts.headers.get(CONTACT_NAME.key, CONTACT_NAME.header)
    for table in workbook.tables.values():
        for column in table.spec.columns:
            if column.references is None or not table.has(column):
                continue
            for record in table:
                cell = record.cell(column)
                if cell.blank or cell.value in exact:
                    continue
                yield ctx.problem(
                    "ukjent-organisasjon",
                    record.location(column),
                    cell.raw,
                    suggestion=closest(cell_text(cell.raw), names),
                    target_header=target_header,
                    target_sheet=CONTACTS.name,
                )


def _answer_columns_present(workbook: Workbook) -> bool:
    return workbook.contacts.has(CONTACT_ANSWERED) and workbook.inputs.has(INPUT_ORGANISATION)


def answered_without_input(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """A contact with `Svar mottatt` filled in but no row in `Innspill`."""
    if not _answer_columns_present(workbook):
        return
    for record in workbook.contacts:
        name = record[CONTACT_NAME]
        answered = record.cell(CONTACT_ANSWERED)
        if name and not answered.blank and normalize_header(name) not in ctx.inputs_by_organisation:
            yield ctx.problem(
                "svar-uten-innspill",
                record.location(CONTACT_ANSWERED),
                answered.raw,
                name=name,
                inputs=INPUTS.name,
            )


def input_without_answer(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Rows in `Innspill` from a contact whose `Svar mottatt` is blank (one problem per contact)."""
    if not _answer_columns_present(workbook):
        return
    for key, record in ctx.contacts_by_name.items():
        inputs = ctx.inputs_by_organisation.get(key)
        if not inputs or not record.cell(CONTACT_ANSWERED).blank:
            continue
        yield ctx.problem(
            "innspill-uten-svar",
            record.location(CONTACT_ANSWERED),
            None,
            suggestion=_first_received(inputs),
            name=record[CONTACT_NAME],
            how_many=count(len(inputs), INPUT_NOUN),
            inputs=INPUTS.name,
            first_row=inputs[0].row,
            received=INPUT_RECEIVED.header,
        )


def _first_received(inputs: list[Record]) -> str | None:
    dates = [r[INPUT_RECEIVED] for r in inputs if isinstance(r[INPUT_RECEIVED], dt.date)]
    return short_date(min(dates)) if dates else None


def duplicate_inputs(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """The same text from the same organisation twice (pasted twice)."""
    table = workbook.inputs
    if not table.has(INPUT_TEXT):
        return
    first: dict[tuple[str, str], Record] = {}
    organisations: dict[str, str] = {}  # each organisation's name normalised once, not once a row
    for record in table:
        text = record[INPUT_TEXT]
        if not text:
            continue
        name = record[INPUT_ORGANISATION] or ""
        organisation = organisations.get(name)
        if organisation is None:
            organisation = organisations[name] = normalize_header(name)
        key = (organisation, normalize_header(text))
        if key in first:
            yield ctx.problem(
                "duplikat-innspill",
                record.location(INPUT_TEXT),
                record.cell(INPUT_TEXT).raw,
                name=record[INPUT_ORGANISATION] or "organisasjonen",
                first_row=first[key].row,
                include=INPUT_INCLUDE.header,
                no=NO,
            )
        else:
            first[key] = record
