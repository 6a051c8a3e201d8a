"""Consent and privacy: each rule proven on a real .docx, in every part of the zip."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest

from xl_addin import schema as S
from xl_addin.example import example_data
from xl_addin.template import Content

from .conftest import ContentEdit, zip_parts

ORGANISATION = "Kurdisk kulturforening i Hamar"  # answered in the example
CHAPTER = str(S.LIST_CHAPTERS.defaults[0][0])

MakeReport = Callable[[ContentEdit], bytes]


def add_input(text: str, quote: str | None, include: str | None = None) -> ContentEdit:
    def edit(content: Content) -> None:
        row: dict[str, str | None] = {
            S.INPUT_ID.header: "I900",
            S.INPUT_ORGANISATION.header: ORGANISATION,
            S.INPUT_CHAPTER.header: CHAPTER,
            S.INPUT_TEXT.header: text,
            S.INPUT_QUOTE.header: quote,
            S.INPUT_INCLUDE.header: include,
        }
        content.rows[S.INPUTS.name].append({k: v for k, v in row.items() if v is not None})

    return edit


def paragraphs_with(data: bytes, text: str) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if text in p.text]


def occurs_anywhere(data: bytes, text: str) -> list[str]:
    return [name for name, part in zip_parts(data).items() if text in part]


@pytest.mark.parametrize("quote", [S.QUOTE_NEVER, None], ids=["skal-ikke-siteres", "tom-sitering"])
def test_a_point_that_may_not_be_quoted_is_nowhere_in_the_file(
    edited_report: MakeReport, quote: str | None
) -> None:
    marker = "Hemmelig-innspill-Q7ZK"
    data = edited_report(add_input(f"{marker} om lokaler.", quote))
    assert occurs_anywhere(data, marker) == []
    assert occurs_anywhere(data, "Q7ZK") == []


def test_a_point_that_may_not_be_quoted_is_still_counted_in_its_chapter(edited_report: MakeReport) -> None:
    never = [
        r
        for r in example_data()["innspill"]
        if r[S.INPUT_CHAPTER.header] == CHAPTER
        and r.get(S.INPUT_QUOTE.header, S.QUOTE_NEVER) == S.QUOTE_NEVER
        and r.get(S.INPUT_INCLUDE.header) != S.NO
    ]
    words = {4: "fire", 5: "fem", 6: "seks", 7: "sju"}
    data = edited_report(add_input("Teller med, vises ikke.", S.QUOTE_NEVER))
    expected = f"I tillegg kom det {words[len(never) + 1]} innspill som ikke skal siteres."
    assert paragraphs_with(data, "I tillegg kom det")[0] == expected


def test_an_anonymous_point_is_printed_without_its_organisation(edited_report: MakeReport) -> None:
    marker = "Anonymt-innspill-R2D2"
    data = edited_report(add_input(f"{marker} om tillit.", S.QUOTE_ANONYMOUS))
    found = paragraphs_with(data, marker)
    assert len(found) == 1
    assert ORGANISATION not in found[0]
    assert "Hamar" not in found[0]


def test_a_named_point_is_printed_with_its_organisation(edited_report: MakeReport) -> None:
    marker = "Navngitt-innspill-C3PO"
    data = edited_report(add_input(f"{marker} om møteplasser.", S.QUOTE_NAMED))
    found = paragraphs_with(data, marker)
    assert len(found) == 1
    assert ORGANISATION in found[0]


@pytest.mark.parametrize("quote", [S.QUOTE_NAMED, S.QUOTE_ANONYMOUS])
def test_a_point_left_out_of_the_report_is_nowhere(edited_report: MakeReport, quote: str) -> None:
    marker = "Utelatt-innspill-BB8X"
    data = edited_report(add_input(f"{marker} om roller.", quote, S.NO))
    assert occurs_anywhere(data, marker) == []


def test_an_example_left_out_of_the_report_is_nowhere(edited_report: MakeReport) -> None:
    def edit(content: Content) -> None:
        row = content.rows[S.EXAMPLES.name][0]
        row[S.EXAMPLE_TITLE.header] = "Utelatt-eksempel-K9ZZ"
        row[S.EXAMPLE_INCLUDE.header] = S.NO

    assert occurs_anywhere(edited_report(edit), "K9ZZ") == []


def test_no_contact_person_email_or_phone_is_anywhere_in_the_file(example_report: bytes) -> None:
    values = {
        str(row[column.header])
        for row in example_data()["kontakter"]
        for column in S.PERSONAL_COLUMNS
        if row.get(column.header)
    }
    assert len(values) > 50  # the example has personal data to leak
    parts = zip_parts(example_report)
    assert {"docProps/core.xml", "docProps/app.xml", "word/document.xml"} <= set(parts)
    leaks = [(value, name) for value in values for name, part in parts.items() if value in part]
    assert leaks == []


def test_new_personal_data_of_a_contact_never_reaches_the_file(
    edited_report: MakeReport,
) -> None:
    """A contact's e-mail changed to a unique value still never reaches the file."""

    def edit(content: Content) -> None:
        for row in content.rows[S.CONTACTS.name]:
            if row[S.CONTACT_NAME.header] == ORGANISATION:
                row[S.CONTACT_EMAIL.header] = "unik.person.x4@example.no"
                row[S.CONTACT_PERSON.header] = "Unik Personsen X4"
                row[S.CONTACT_PHONE.header] = "+47 912 34 567"

    data = edited_report(edit)
    for value in ("unik.person.x4", "Unik Personsen", "912 34 567"):
        assert occurs_anywhere(data, value) == []
