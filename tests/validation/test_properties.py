"""Property tests: generated valid workbooks pass; one corrupted cell is found at that cell."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_addin import schema as S
from xl_addin.reading import column_letter
from xl_addin.template import Content, Value
from xl_addin.validation import validate

from ..helpers import read_content
from ..strategies import TODAY, valid_content
from .common import described

EXAMPLES = 25


@dataclass(frozen=True)
class Corruption:
    sheet: S.TableSheet
    column: S.Column
    value: Value
    code: str


CORRUPTIONS = (
    Corruption(S.CONTACTS, S.CONTACT_CATEGORY, "Ukjent kategori", "ukjent-listeverdi"),
    Corruption(S.CONTACTS, S.CONTACT_COUNTY, "Atlantis", "ukjent-listeverdi"),
    Corruption(S.CONTACTS, S.CONTACT_EMAIL, "ikke en adresse", "ugyldig-epost"),
    Corruption(S.CONTACTS, S.CONTACT_PHONE, "12345", "ugyldig-telefon"),
    Corruption(S.CONTACTS, S.CONTACT_CONTACTED, "31.02.2020", "ugyldig-dato"),
    Corruption(S.CONTACTS, S.CONTACT_NOTE, "=SUMMER(A1:A3)", "tekst-som-formel"),
    Corruption(S.CONTACTS, S.CONTACT_BASIS, "Tekst\x0bmed kontrolltegn", "ugyldig-tegn"),
    Corruption(S.INPUTS, S.INPUT_CHAPTER, "Ukjent kapittel", "ukjent-listeverdi"),
    Corruption(S.INPUTS, S.INPUT_QUOTE, "Kanskje", "ukjent-listeverdi"),
    Corruption(S.INPUTS, S.INPUT_RECEIVED, "i går", "ugyldig-dato"),
    Corruption(S.INPUTS, S.INPUT_TEXT, None, "mangler-verdi"),
    Corruption(S.EXAMPLES, S.EXAMPLE_ORDER, "tre", "ugyldig-heltall"),
    Corruption(S.EXAMPLES, S.EXAMPLE_INCLUDE, "Kanskje", "ukjent-listeverdi"),
    Corruption(S.EXAMPLES, S.EXAMPLE_TITLE, "#NAME?", "excel-feilverdi"),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(valid_content())
def test_generated_workbooks_have_no_problems(content: Content) -> None:
    report = validate(read_content(content), today=TODAY)
    assert report.problems == (), described(report)


@settings(max_examples=EXAMPLES, deadline=None)
@given(valid_content(), st.sampled_from(CORRUPTIONS), st.data())
def test_one_corrupted_cell_is_found_exactly_there(
    content: Content, corruption: Corruption, data: st.DataObject
) -> None:
    rows = content.rows[corruption.sheet.name]
    index = data.draw(st.integers(0, len(rows) - 1), label="row")
    rows[index][corruption.column.header] = corruption.value
    where = (
        corruption.sheet.name,
        index + 2,  # header in row 1
        column_letter(corruption.sheet.columns.index(corruption.column)),
    )

    report = validate(read_content(content), today=TODAY)

    assert report.problems, "the corrupted cell was not found"
    assert {(p.sheet, p.row, p.column) for p in report.problems} == {where}, described(report)
    assert corruption.code in {p.code for p in report.problems}
