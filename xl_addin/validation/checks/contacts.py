"""Checks of the `Kontakter` sheet: e-mail, phone, intensjonsavtale."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Workbook
from ...reading import cell_text
from ...schema import (
    AGREEMENT_CATEGORY,
    CONTACT_AGREEMENT,
    CONTACT_CATEGORY,
    LIST_CATEGORIES,
    NO,
    YES,
    Column,
)
from ..context import Context
from ..problems import Problem

#: Region assumed for phone numbers written without a country code.
PHONE_REGION = "NO"


def _columns(workbook: Workbook, flag: str) -> list[Column]:
    table = workbook.contacts
    return [c for c in table.spec.columns if getattr(c, flag) and table.has(c)]


def valid_email(text: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


_ANGLE = re.compile(r"<([^<>]+)>")


def repaired_email(text: str) -> str | None:
    """A valid address the user probably meant ("Kari <kari@x.no>", spaces, a comma for a dot)."""
    candidates = [text]
    inside = _ANGLE.search(text)
    if inside:
        candidates.append(inside.group(1))
    for candidate in list(candidates):
        cleaned = re.sub(r"^mailto:", "", candidate.strip(), flags=re.IGNORECASE)
        cleaned = re.sub(r"\s+", "", cleaned).strip(".;,")
        candidates += [cleaned, cleaned.replace(",", "."), re.sub(r"@+", "@", cleaned)]
    for candidate in candidates[1:]:
        if candidate != text and valid_email(candidate):
            return candidate
    return None


def email_addresses(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for column in _columns(workbook, "email"):
        for record in workbook.contacts:
            cell = record.cell(column)
            if cell.blank:
                continue
            text = cell_text(cell.raw).strip()
            if not valid_email(text):
                yield ctx.problem(
                    "ugyldig-epost", record.location(column), cell.raw, suggestion=repaired_email(text)
                )


def valid_phone(text: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def phone_numbers(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    for column in _columns(workbook, "phone"):
        for record in workbook.contacts:
            cell = record.cell(column)
            if not cell.blank and not valid_phone(cell_text(cell.raw).strip()):
                yield ctx.problem("ugyldig-telefon", record.location(column), cell.raw)


def agreement_category(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """`Intensjonsavtale` = Ja only for the category that can have one."""
    table = workbook.contacts
    if not table.has(CONTACT_AGREEMENT):
        return
    categories = workbook.list_values(LIST_CATEGORIES)
    for record in table:
        category = record[CONTACT_CATEGORY]
        if record[CONTACT_AGREEMENT] == YES and category in categories and category != AGREEMENT_CATEGORY:
            yield ctx.problem(
                "avtale-utenfor-kategori",
                record.location(CONTACT_AGREEMENT),
                record.cell(CONTACT_AGREEMENT).raw,
                category=category,
                allowed=AGREEMENT_CATEGORY,
                no=NO,
            )
