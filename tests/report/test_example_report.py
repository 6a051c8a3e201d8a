"""The 2020 example's report, read back with python-docx: structure, sentences, tables, styles."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest
from docx.document import Document

from xl_addin import schema as S
from xl_addin.example import example_data
from xl_addin.report.content import APPENDIX_HEADING

from .conftest import style_of, zip_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def document(example_report: bytes) -> Document:
    return docx.Document(io.BytesIO(example_report))


@pytest.fixture(scope="module")
def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _data() -> dict[str, Any]:
    return example_data()


def _answered_by_category() -> dict[str, list[str]]:
    """From the example's source data, not from the code under test."""
    found: dict[str, list[str]] = {}
    for row in _data()["kontakter"]:
        if row.get(S.CONTACT_ANSWERED.header):
            found.setdefault(row[S.CONTACT_CATEGORY.header], []).append(row[S.CONTACT_NAME.header])
    return found


def test_the_contacted_and_answered_sentences_have_the_counts_of_the_spec(texts: list[str]) -> None:
    body = "\n".join(texts)
    assert (
        "Vi kontaktet 6 kommuner, 19 frivillige organisasjoner (hvorav 9 med intensjonsavtale) "
        "og 4 innvandrerråd." in body
    )
    # One form within the paragraph (Språkrådet): 19 above puts these in digits too.
    assert (
        "Av disse svarte 4 kommuner, 12 frivillige organisasjoner (hvorav 5 med intensjonsavtale) "
        "og 4 innvandrerråd." in body
    )
    assert "Det gir en svarprosent på 69\u00a0%." in body  # 20 of 29


def test_the_respondents_table_has_one_column_per_category_with_the_names(document: Document) -> None:
    answered = _answered_by_category()
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    plural = {row[0]: row[2] for row in S.LIST_CATEGORIES.defaults}
    expected_header = [str(plural[c]).capitalize() for c in answered]
    assert header == expected_header
    assert set(header) == {"Frivillige organisasjoner", "Innvandrerråd", "Kommuner"}
    for index, category in enumerate(answered):
        column = [row.cells[index].text for row in table.rows[1:]]
        assert [name for name in column if name] == answered[category]


def test_the_respondents_header_row_repeats_on_every_page(document: Document) -> None:
    for table in document.tables:
        first, *rest = table.rows
        assert first._tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in rest)


def test_every_chapter_has_a_numbered_heading_in_a_heading_style(document: Document) -> None:
    headings = [(style_of(p), p.text) for p in document.paragraphs if style_of(p).startswith("Heading")]
    chapters = [str(heading) for _, heading, _ in S.LIST_CHAPTERS.defaults]
    expected = [
        ("Heading 1", "1 Bakgrunn"),
        ("Heading 1", "2 Avgrensing og utvelgelse"),
        *(("Heading 1", f"{3 + i} {heading}") for i, heading in enumerate(chapters)),
        ("Heading 1", f"{3 + len(chapters)} Gode eksempler"),
        ("Heading 1", APPENDIX_HEADING),
    ]
    assert [h for h in headings if h[0] == "Heading 1"] == expected
    assert {text for style, text in headings if style == "Heading 2"} == {
        str(row[2]).capitalize() for row in S.LIST_CATEGORIES.defaults if row[0] != S.CATEGORY_BUSINESS
    }


def test_every_included_example_is_a_bullet_in_order(document: Document) -> None:
    rows = [r for r in _data()["eksempler"] if r.get(S.EXAMPLE_INCLUDE.header) != S.NO]
    rows.sort(key=lambda r: r.get(S.EXAMPLE_ORDER.header, 10**6))
    bullets = [p for p in document.paragraphs if style_of(p) == "List Bullet"]
    titles = [r[S.EXAMPLE_TITLE.header] for r in rows]
    found = [p.runs[0].text for p in bullets if p.runs and p.runs[0].bold]
    assert found == titles


def test_the_recurring_themes_come_after_their_lead_in(texts: list[str]) -> None:
    lead = next(i for i, t in enumerate(texts) if t.startswith("Blant tilbakemeldingene"))
    assert texts[lead] == "Blant tilbakemeldingene er det særlig tre innspill som går igjen:"
    summaries = {str(summary).rstrip(".") for _, summary in S.LIST_THEMES.defaults}
    following = texts[lead + 1 : lead + 4]
    assert all(any(t.startswith(s) for s in summaries) for t in following)
    assert all(re.search(r"\(tatt opp av \d+ av de 20 som svarte\)\.$", t) for t in following)


def test_the_title_and_properties_come_from_oppsett(document: Document, texts: list[str]) -> None:
    settings = _data()["oppsett"]
    assert texts[0] == settings[S.SETTING_TITLE]
    assert style_of(document.paragraphs[0]) == "Title"
    props = document.core_properties
    assert props.title == settings[S.SETTING_TITLE]
    assert props.author == settings[S.SETTING_SENDER]
    assert props.last_modified_by == settings[S.SETTING_SENDER]
    assert props.comments == ""
    assert props.keywords == ""


def test_the_footer_counts_pages_with_real_fields(example_report: bytes) -> None:
    parts = zip_parts(example_report)
    footers = [text for name, text in parts.items() if re.match(r"word/footer\d*\.xml$", name)]
    assert footers
    footer = footers[0]
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*>\s*NUMPAGES\s*</w:instrText>", footer)
    assert footer.count('w:fldCharType="begin"') == 2
    assert "Side " in footer
    assert " av " in footer


def test_no_placeholder_is_left_anywhere(example_report: bytes) -> None:
    for name, text in zip_parts(example_report).items():
        if name.endswith(".xml"):
            assert "{{" not in text, name
            assert "{%" not in text, name
            assert "INNSPILL" not in text, name


def test_the_document_is_norwegian(example_report: bytes) -> None:
    parts = zip_parts(example_report)
    assert 'w:lang w:val="nb-NO"' in parts["word/styles.xml"]
