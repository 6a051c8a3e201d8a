"""What goes into the report, checked on the document model (no Word involved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xl_addin import schema as S
from xl_addin.counts import compute_counts
from xl_addin.example import example_content, example_data
from xl_addin.model import Workbook
from xl_addin.report import placeholders as P
from xl_addin.report.content import build_content, full_stop, prose
from xl_addin.report.document import Bullet, Heading, Paragraph, ReportContent, Table
from xl_addin.template import Content

from .conftest import TODAY, workbook_of


def content_of(workbook: Workbook, blocks: tuple[str, ...] = P.BLOCK_ORDER) -> ReportContent:
    return build_content(workbook, compute_counts(workbook), today=TODAY, blocks=blocks)


def headings(report: ReportContent, block: str) -> list[str]:
    return [e.display for e in report.blocks[block] if isinstance(e, Heading)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Første.\n\nAndre.", [Paragraph, Paragraph]),
        ("Innledning:\n- ett punkt\n• to punkt\n  * tre", [Paragraph, Bullet, Bullet, Bullet]),
        ("-ikke punkt", [Paragraph]),
        ("", []),
        (None, []),
    ],
)
def test_prose_makes_paragraphs_and_bullets(text: str | None, expected: list[type]) -> None:
    assert [type(e) for e in prose(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tromsø", "Tromsø."),
        ("Ferdig.", "Ferdig."),
        ("Spørsmål?", "Spørsmål?"),
        ("Skedsmo (Lillestrøm)", "Skedsmo (Lillestrøm)."),
        ("«Sitat.»", "«Sitat.»"),
        ("SUNS ", "SUNS."),
        ("", ""),
    ],
)
def test_full_stop(text: str, expected: str) -> None:
    assert full_stop(text) == expected


def test_fields_come_from_oppsett_with_long_dates(example_workbook: Workbook) -> None:
    fields = content_of(example_workbook).fields
    settings = example_data()["oppsett"]
    assert fields[P.TITLE] == settings[S.SETTING_TITLE]
    assert fields[P.YEAR] == "2020"
    assert fields[P.LETTER_DATE] == "12. mars 2020"
    assert fields[P.CONFERENCE_DATE] == "14. september 2020"
    assert fields[P.DEADLINE] == "15. mai 2020"
    assert fields[P.TODAY] == "3. juni 2020"
    assert set(fields) == set(P.FIELDS)


def test_chapter_numbers_follow_the_template_order(example_workbook: Workbook) -> None:
    report = content_of(example_workbook, (P.EXAMPLES, P.BACKGROUND, P.CHAPTERS))
    assert headings(report, P.EXAMPLES) == ["1 Gode eksempler"]
    assert headings(report, P.BACKGROUND) == ["2 Bakgrunn"]
    assert headings(report, P.CHAPTERS)[0].startswith("3 ")
    assert set(report.blocks) == {P.EXAMPLES, P.BACKGROUND, P.CHAPTERS}


def test_the_respondents_table_pads_shorter_columns(example_workbook: Workbook) -> None:
    counts = compute_counts(example_workbook)
    report = content_of(example_workbook)
    table = next(e for e in report.blocks[P.SELECTION] if isinstance(e, Table))
    answered = [c.answered for c in counts.per_category if c.answered]
    assert len(table.rows) == max(answered)
    for index, n in enumerate(answered):
        assert sum(1 for row in table.rows if row[index]) == n


def _edit_and_build(tmp_path: Path, edit: object) -> ReportContent:
    content = example_content()
    edit(content)  # type: ignore[operator]
    return content_of(workbook_of(content, tmp_path))


def test_a_chapter_with_nothing_to_say_is_left_out(tmp_path: Path) -> None:
    last = str(S.LIST_CHAPTERS.defaults[-1][0])

    def edit(content: Content) -> None:
        rows = content.rows[S.INPUTS.name]
        rows[:] = [r for r in rows if r[S.INPUT_CHAPTER.header] != last]
        content.texts.pop(last, None)

    chapters = headings(_edit_and_build(tmp_path, edit), P.CHAPTERS)
    assert len(chapters) == len(S.LIST_CHAPTERS.defaults) - 1
    assert not any(str(S.LIST_CHAPTERS.defaults[-1][1]) in h for h in chapters)


def test_examples_follow_rekkefolge_then_sheet_order(tmp_path: Path) -> None:
    def edit(content: Content) -> None:
        rows = content.rows[S.EXAMPLES.name][:3]
        content.rows[S.EXAMPLES.name] = rows
        rows[0][S.EXAMPLE_ORDER.header] = 5
        rows[1].pop(S.EXAMPLE_ORDER.header)
        rows[2][S.EXAMPLE_ORDER.header] = 2

    block = _edit_and_build(tmp_path, edit).blocks[P.EXAMPLES]
    titles = [e.runs[0].text for e in block if isinstance(e, Bullet)]
    data = example_data()["eksempler"]
    assert titles == [
        data[2][S.EXAMPLE_TITLE.header],
        data[0][S.EXAMPLE_TITLE.header],
        data[1][S.EXAMPLE_TITLE.header],
    ]


def test_a_blank_introduction_is_generated_from_oppsett(tmp_path: Path) -> None:
    def edit(content: Content) -> None:
        content.texts.pop(S.TEXT_INTRODUCTION)

    block = _edit_and_build(tmp_path, edit).blocks[P.INTRODUCTION]
    assert len(block) == 1
    assert isinstance(block[0], Paragraph)
    assert block[0].text.startswith(
        "Integrerings- og mangfoldsdirektoratet (IMDi) har samlet inn innspill til"
    )
    assert "14. september 2020" in block[0].text


def test_a_blank_title_gets_the_default_title(tmp_path: Path) -> None:
    def edit(content: Content) -> None:
        content.settings[S.SETTING_TITLE] = None

    fields = _edit_and_build(tmp_path, edit).fields
    assert fields[P.TITLE] == "Integreringskonferansen 2020 – innspillsrapport"


def test_the_appendix_lists_every_contact_once_with_whether_they_answered(example_workbook: Workbook) -> None:
    block = content_of(example_workbook).blocks[P.APPENDIX]
    rows = [row for e in block if isinstance(e, Table) for row in e.rows]
    data = example_data()["kontakter"]
    expected = {
        (
            r[S.CONTACT_NAME.header],
            r.get(S.CONTACT_PLACE.header, ""),
            S.YES if r.get(S.CONTACT_ANSWERED.header) else S.NO,
        )
        for r in data
    }
    assert len(rows) == len(data)
    assert set(rows) == expected


def test_the_report_date_is_the_given_day(example_workbook: Workbook) -> None:
    report = build_content(example_workbook, compute_counts(example_workbook), today=dt.date(2021, 1, 2))
    assert report.fields[P.TODAY] == "2. januar 2021"
