"""Personal data in text that goes into the report (it never should)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...language import join
from ...model import Cell, Record, Table, Workbook
from ...schema import (
    CONTACT_PERSON,
    EXAMPLE_DESCRIPTION,
    EXAMPLE_INCLUDE,
    EXAMPLE_PARTNERS,
    EXAMPLE_TITLE,
    INPUT_INCLUDE,
    INPUT_TEXT,
    NO,
    Column,
)
from ..context import Context
from ..names import NameFinder, name_finder
from ..problems import Problem
from .contacts import valid_phone

#: Text columns that the report prints, with the column that keeps a row out of it.
REPORTED_TEXT: tuple[tuple[Column, Column], ...] = (
    (INPUT_TEXT, INPUT_INCLUDE),
    (EXAMPLE_TITLE, EXAMPLE_INCLUDE),
    (EXAMPLE_PARTNERS, EXAMPLE_INCLUDE),
    (EXAMPLE_DESCRIPTION, EXAMPLE_INCLUDE),
)

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Norwegian phone numbers as people write them: 400 00 001, 22 00 00 00, +47 40000001.
_PHONE = re.compile(
    r"(?<![\d,.])(?:\+47[ \u00a0]?)?"
    r"(?:\d{3}[ \u00a0]?\d{2}[ \u00a0]?\d{3}|\d{2}(?:[ \u00a0]?\d{2}){3})"
    r"(?![\d,])"
)


def _person_names(workbook: Workbook) -> list[str]:
    names = {str(r[CONTACT_PERSON]).strip() for r in workbook.contacts if r[CONTACT_PERSON]}
    return sorted(n for n in names if len(n) > 3)


def personal_data_found(text: str, names: NameFinder | None) -> list[str]:
    """Norwegian descriptions of the personal data in `text` (empty when none)."""
    found: list[str] = []
    if "@" in text and _EMAIL.search(text):
        found.append("en e-postadresse")
    if _DIGIT.search(text) and any(valid_phone(m.group(0)) for m in _PHONE.finditer(text)):
        found.append("et telefonnummer")
    if names is not None:
        for match in dict.fromkeys(m.group(0) for m in names.finditer(text)):
            found.append(f"navnet til kontaktpersonen «{match}»")
    return found


def _reported_texts(table: Table, column: Column, include: Column) -> list[tuple[Record, Cell, str]]:
    """The texts of `column` in the rows that go into the report."""
    found: list[tuple[Record, Cell, str]] = []
    for record in table:
        cell = record.cell(column)
        if not cell.blank and isinstance(cell.value, str) and record[include] != NO:
            found.append((record, cell, cell.value))
    return found


def personal_data_in_text(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    names = name_finder(_person_names(workbook))
    for table in workbook.tables.values():
        for column, include in REPORTED_TEXT:
            if column not in table.spec.columns or not table.has(column):
                continue
            texts = _reported_texts(table, column, include)
            names_here = names.within(text for _, _, text in texts) if names else None
            for record, cell, text in texts:
                found = personal_data_found(text, names_here)
                if found:
                    yield ctx.problem(
                        "personopplysning-i-tekst",
                        record.location(column),
                        cell.raw,
                        found=join(found),
                        include=table.headers.get(include.key, include.header),
                        no=NO,
                    )
