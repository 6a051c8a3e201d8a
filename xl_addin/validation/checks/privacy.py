"""Personal data in text that goes into the report (it never should)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...language import join
from ...model import Record, Table, Workbook
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


def personal_data_found(text: str, names: re.Pattern[str] | None) -> list[str]:
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


def names_pattern(person_names: list[str]) -> re.Pattern[str] | None:
    """One pattern finding any of the names as whole words, ignoring case."""
    if not person_names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(person_names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _reported_rows(table: Table, include: Column) -> Iterator[Record]:
    for record in table:
        if record[include] != NO:
            yield record


def personal_data_in_text(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    names = names_pattern(_person_names(workbook))
    for table in workbook.tables.values():
        for column, include in REPORTED_TEXT:
            if column not in table.spec.columns or not table.has(column):
                continue
            for record in _reported_rows(table, include):
                cell = record.cell(column)
                if cell.blank or not isinstance(cell.value, str):
                    continue
                found = personal_data_found(cell.value, names)
                if found:
                    yield ctx.problem(
                        "personopplysning-i-tekst",
                        record.location(column),
                        cell.raw,
                        found=join(found),
                        include=table.headers.get(include.key, include.header),
                        no=NO,
                    )
