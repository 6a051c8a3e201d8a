"""Fuzzing the three actions with workbooks generated from the schema (in memory, no files).

Whatever the cells hold, validate returns located, explained problems (or
refuses a workbook that is not the template with `TemplateMismatch`), counts
count, the `Kontroll` and `Telling` sheets can be written, and a workbook that
validate accepts gives a report that Word (python-docx) opens.

The number of examples comes from the hypothesis profile (tests/conftest.py):
"ci" by default, `HYPOTHESIS_PROFILE=long` for 10,000 per test.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook as OpenpyxlWorkbook

from xl_addin.cli import counts as counts_command
from xl_addin.cli import report as report_command
from xl_addin.cli import validate as validate_command
from xl_addin.counts import Counts, compute_counts
from xl_addin.engines.openpyxl_writer import apply_plan
from xl_addin.errors import TemplateMismatch
from xl_addin.example import example_content
from xl_addin.kontroll import kontroll_plan
from xl_addin.model import Workbook
from xl_addin.reading import read_workbook
from xl_addin.report import build_report
from xl_addin.schema import (
    INPUT_INCLUDE,
    INPUT_QUOTE,
    INPUT_TEXT,
    INPUTS,
    NO,
    QUOTE_ANONYMOUS,
    QUOTE_NAMED,
    SETTING_SENDER,
    SETTING_TITLE,
    SETTINGS,
    TEXTS,
)
from xl_addin.telling import telling_plan
from xl_addin.template import Content
from xl_addin.validation import ValidationReport, validate
from xl_addin.validation.messages import MESSAGES
from xl_addin.validation.structure import structure_problems

from ..helpers import GridSource, content_grids
from ..strategies import TODAY, valid_content
from .strategies import Grids, free_text_columns, hostile_grids, relaid, report_texts

NOW = dt.datetime(2020, 12, 31, 12, 0)
#: The examples' count comes from the profile; these only lift limits that big workbooks hit.
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _check_problems(report: ValidationReport, workbook: Workbook) -> None:
    """Every problem is known, located and explained, and the report serialises and prints."""
    for problem in report.problems:
        assert problem.code in MESSAGES
        assert problem.message.strip()
        assert problem.sheet
        assert problem.row >= 0
    json.dumps(report.to_json())
    out = io.StringIO()
    validate_command.print_table(report, out)
    validate_command.summary_line(workbook.name, report)
    if not report.valid:
        assert report_command.refusal(report, workbook.name).startswith("Rapporten er ikke laget")


def _write_back(workbook: Workbook, report: ValidationReport, counts: Counts) -> None:
    """Apply the Kontroll and Telling plans to a workbook with the same sheets, and save it."""
    book = OpenpyxlWorkbook()
    for default in list(book.worksheets):
        book.remove(default)
    for name in workbook.sheet_names:
        book.create_sheet(name)
    apply_plan(book, kontroll_plan(workbook, report, now=NOW))
    apply_plan(book, telling_plan(counts, now=NOW))
    book.save(io.BytesIO())


def _document_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@FUZZ
@given(grids=hostile_grids())
def test_any_cell_values_never_crash_the_actions(grids: Grids) -> None:
    workbook = read_workbook(GridSource(grids))
    if structure_problems(workbook):  # a header was overwritten: the one "cannot run" allowed
        with pytest.raises(TemplateMismatch, match=f"^«{workbook.name}» kan ikke brukes"):
            validate(workbook, today=TODAY)
        return
    report = validate(workbook, today=TODAY)
    _check_problems(report, workbook)
    counts = compute_counts(workbook)
    json.dumps(counts.to_json())
    counts_command.render(counts, workbook.name)
    _write_back(workbook, report, counts)
    if report.valid:
        assert _document_text(build_report(workbook, today=TODAY, counts=counts))
    else:
        assert report.errors


def _located(report: ValidationReport) -> Counter[tuple[str, str, int, str]]:
    """Problems by code, sheet, row and header (column letters move with the columns)."""
    return Counter((p.code, p.sheet, p.row, p.header.casefold()) for p in report.problems)


@FUZZ
@given(content=valid_content(), data=st.data())
def test_header_spelling_and_column_order_change_nothing(content: Content, data: st.DataObject) -> None:
    canonical = read_workbook(GridSource(content_grids(content)))
    moved = read_workbook(GridSource(data.draw(relaid(content_grids(content)))))
    report = validate(moved, today=TODAY)
    assert report.valid
    assert _located(report) == _located(validate(canonical, today=TODAY))
    assert compute_counts(moved).to_json() == compute_counts(canonical).to_json()


@FUZZ
@given(content=valid_content(), data=st.data())
def test_any_free_text_reaches_the_report_as_typed(content: Content, data: st.DataObject) -> None:
    grids = content_grids(content)
    for sheet, column in free_text_columns():
        index = grids[sheet][0].index(column.header)
        text = report_texts if column.required else st.one_of(st.none(), report_texts)
        for row in grids[sheet][1:]:
            row[index] = data.draw(text)
    quote = grids[INPUTS.name][0].index(INPUT_QUOTE.header)
    for row in grids[INPUTS.name][1:]:  # only quotable input points are printed
        row[quote] = data.draw(st.sampled_from((QUOTE_NAMED, QUOTE_ANONYMOUS)))
    for sheet, key in ((TEXTS.name, None), (SETTINGS.name, SETTING_TITLE)):
        for row in grids[sheet][1:]:
            if key is None or row[0] == key:
                row[1] = data.draw(st.one_of(st.none(), report_texts))
    workbook = read_workbook(GridSource(grids))
    report = validate(workbook, today=TODAY)
    assert report.valid, [(p.code, p.sheet, p.cell, p.value) for p in report.errors]

    body = _document_text(build_report(workbook, today=TODAY))

    for record in workbook.inputs:
        if record[INPUT_INCLUDE] != NO:
            assert str(record.cell(INPUT_TEXT).raw).strip() in body


@pytest.mark.parametrize("text", ["{{ tittel }}", "{% if true %}x{% endif %}", "</w:t><w:t>", "=1+1", "{0}"])
def test_template_and_markup_syntax_in_an_input_is_printed_not_run(text: str) -> None:
    content = example_content()
    content.rows[INPUTS.name][0][INPUT_TEXT.header] = text
    workbook = read_workbook(GridSource(content_grids(content)))
    assert validate(workbook, today=TODAY).valid

    assert text in _document_text(build_report(workbook, today=TODAY))


def test_a_title_longer_than_word_properties_allow_still_gives_a_report() -> None:
    content = example_content()
    title = "Integreringskonferansen " * 20  # pasted at length: longer than a document property holds
    content.settings[SETTING_TITLE] = title
    content.settings[SETTING_SENDER] = title
    workbook = read_workbook(GridSource(content_grids(content)))
    assert validate(workbook, today=TODAY).valid

    document = docx.Document(io.BytesIO(build_report(workbook, today=TODAY)))

    assert len(title) > 255
    assert title.strip() in "\n".join(p.text for p in document.paragraphs)
    assert title.startswith(document.core_properties.title.rstrip("…"))
