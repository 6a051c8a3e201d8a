"""The xlwings engine on the remote engine (what xlwings Server runs): reading and applying plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.addin.payload import block_of, book_payload, funcs, only, remote_book, sheet_position
from tests.helpers import set_cells
from xl_addin import schema as S
from xl_addin.engines import xlwings_engine as E
from xl_addin.engines.files import FileSource
from xl_addin.model import Workbook
from xl_addin.output import CellEdit, ChartSpec, Link, Note, OutSheet, OutTable, WritePlan
from xl_addin.reading import read_workbook

# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("2020-04-14T00:00:00.000Z", dt.date(2020, 4, 14)),
        ("2020-04-14T00:00:00", dt.date(2020, 4, 14)),
        ("2020-02-30T00:00:00.000Z", "2020-02-30T00:00:00.000Z"),
        ("2020-04-14T10:30:00.000Z", "2020-04-14T10:30:00.000Z"),
        ("14.04.2020", "14.04.2020"),
        (dt.datetime(2020, 4, 14), dt.date(2020, 4, 14)),
        (dt.datetime(2020, 4, 14, 10, 30), dt.datetime(2020, 4, 14, 10, 30)),
        (2020, 2020),
        (None, None),
    ],
)
def test_normalise_value(raw: object, expected: object) -> None:
    assert E.normalise_value(raw) == expected


def _records(workbook: Workbook) -> dict[str, list[tuple[int, dict[str, object]]]]:
    tables = {**workbook.tables, **{f"list:{k}": v for k, v in workbook.lists.items()}}
    return {
        name: [(r.row, {k: c.value for k, c in r.cells.items()}) for r in table]
        for name, table in tables.items()
    }


def test_reads_what_the_file_engine_reads(example: Path) -> None:
    from_file = read_workbook(FileSource(example))
    book = remote_book(book_payload(example))
    from_excel = read_workbook(E.XlwingsSource(book))
    assert _records(from_excel) == _records(from_file)
    assert from_excel.settings.cells == from_file.settings.cells
    assert from_excel.texts.cells == from_file.texts.cells
    assert from_excel.contacts.letters == from_file.contacts.letters


def test_dates_arrive_as_dates(example: Path) -> None:
    payload = book_payload(example)
    contacts = payload["sheets"][sheet_position(payload, S.CONTACTS.name)]["values"]
    column = contacts[0].index(S.CONTACT_CONTACTED.header)
    assert contacts[1][column].endswith("T00:00:00.000Z")  # as the client sends it
    workbook = read_workbook(E.XlwingsSource(remote_book(payload)))
    assert isinstance(workbook.contacts.records[0][S.CONTACT_CONTACTED], dt.date)


def test_one_read_per_sheet_only_of_sent_sheets(example: Path) -> None:
    payload = book_payload(example, include=[S.CONTACTS.name])
    source = E.XlwingsSource(remote_book(payload), [S.CONTACTS.name])
    assert len(source.read_grid(S.CONTACTS.name)) > 1
    with pytest.raises(ValueError, match="not sent"):
        source.read_grid(S.INPUTS.name)


# --- values -------------------------------------------------------------------------------


def test_text_keeps_its_quote_prefix() -> None:
    assert E.text_cell("=SUM(A1)") == "'=SUM(A1)"
    assert E.text_cell("00123") == "'00123"
    assert E.text_cell("'sitat'") == "''sitat'"
    assert E.text_cell(12) == 12
    assert E.text_cell(None) == ""
    assert E.text_cell("") == ""


def test_link_formula_escapes_quotes() -> None:
    assert E.link_formula("'Kontakter'!C5", "C5") == '=HYPERLINK("#\'Kontakter\'!C5","C5")'
    assert E.link_formula("'O''Brien'!A7", 7) == "=HYPERLINK(\"#'O''Brien'!A7\",7)"
    assert E.link_formula("'A'!B2", 'si "hei"') == '=HYPERLINK("#\'A\'!B2","si ""hei""")'


def test_runs_group_consecutive_rows_with_equal_keys() -> None:
    found = E.runs([(3, "a"), (0, "a"), (1, "a"), (2, "b"), (5, "b"), (6, "b")])
    assert found == [E.Run(0, 1, "a"), E.Run(2, 2, "b"), E.Run(3, 3, "a"), E.Run(5, 6, "b")]


def _sheet() -> OutSheet:
    table = OutTable(
        name="tblTest",
        header=["Ark", "Celle", "Antall"],
        rows=[["Kontakter", "C5", 3], ["Innspill", "=B2", 0.5], ["Kontakter", "D9", 1]],
        top=5,
        caption="Tabell",
        number_formats={2: "0 %"},
        links=[Link(0, 1, "'Kontakter'!C5"), Link(2, 1, "'Kontakter'!D9")],
        fills={0: "F8CBAD", 1: "F8CBAD", 2: "FFE699"},
    )
    return OutSheet(
        name=S.CHECK_SHEET,
        title="Tittel",
        lines=["Linje én", "Linje to"],
        tables=[table],
        widths={1: 12, 2: 30},
    )


def test_sheet_grid_is_one_block_from_a1() -> None:
    grid = E.sheet_grid(_sheet())
    assert len(grid) == 8
    assert {len(row) for row in grid} == {3}
    assert grid[0][0] == "'Tittel"
    assert grid[1][0] == "'Linje én"
    assert grid[3][0] == "'Tabell"
    assert grid[4] == ["'Ark", "'Celle", "'Antall"]
    assert grid[5] == ["'Kontakter", '=HYPERLINK("#\'Kontakter\'!C5","C5")', 3]
    assert grid[6] == ["'Innspill", "'=B2", 0.5]


# --- applying plans -----------------------------------------------------------------------


def _actions(book: Any) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = book.json()["actions"]
    return actions


def test_generated_sheet_is_rebuilt_in_place(example: Path) -> None:
    payload = book_payload(example)
    payload["sheets"].insert(2, {**payload["sheets"][0], "name": S.CHECK_SHEET, "values": [[]], "tables": []})
    book = remote_book(payload)
    E.apply_plan(book, WritePlan(sheets=[_sheet()]))
    actions = _actions(book)
    assert funcs(actions)[:2] == ["sheetDelete", "addSheet"]
    assert actions[0]["sheet_position"] == 2
    assert actions[1]["args"] == [2, S.CHECK_SHEET]
    assert block_of(actions, 2) == E.sheet_grid(_sheet())
    colours = [(a["start_row"], a["row_count"], a["args"][0]) for a in only(actions, "setRangeColor")]
    assert colours == [(4, 1, "#1F4E79"), (5, 2, "#F8CBAD"), (7, 1, "#FFE699")]
    assert [a["args"][0] for a in only(actions, "setNumberFormat")] == ["0 %"]
    tables = only(actions, "addTable")
    assert [t["args"] for t in tables] == [["$A$5:$C$8", True, "TableStyleMedium2", "tblTest"]]
    assert [(a["start_column"], a["args"][0]) for a in only(actions, "setColumnWidth")] == [
        (0, E.column_width(book, 12)),
        (1, E.column_width(book, 30)),
    ]
    assert E.column_width(book, 12) > 12  # points on Office.js, not characters


def test_new_generated_sheet_goes_last(example: Path) -> None:
    payload = book_payload(example)
    book = remote_book(payload)
    E.apply_plan(book, WritePlan(sheets=[_sheet()]))
    assert funcs(_actions(book))[0] == "addSheet"
    assert _actions(book)[0]["args"] == [len(payload["sheets"]), S.CHECK_SHEET]


def test_removed_sheets_are_deleted(example: Path) -> None:
    payload = book_payload(example)
    payload["sheets"].append(
        {**payload["sheets"][0], "name": S.CONFLICTS_SHEET, "values": [[]], "tables": []}
    )
    book = remote_book(payload)
    E.apply_plan(book, WritePlan(remove_sheets=[S.CONFLICTS_SHEET, "Finnes ikke"]))
    assert [(a["func"], a["sheet_position"]) for a in _actions(book)] == [
        ("sheetDelete", len(payload["sheets"]) - 1)
    ]


def test_chart_from_side_by_side_columns(example: Path) -> None:
    sheet = _sheet()
    sheet.charts.append(ChartSpec("Diagram", "tblTest", 0, (1, 2), "F3", y_title="Antall"))
    book = remote_book(book_payload(example))
    E.apply_plan(book, WritePlan(sheets=[sheet]))
    [chart] = only(_actions(book), "addChart")
    assert chart["args"][3] == "$A$5:$C$8"
    assert chart["args"][9] == "$F$3"
    assert only(_actions(book), "setChartTitle")[0]["args"][1] == "Diagram"


def test_chart_that_cannot_be_drawn_leaves_a_line(example: Path) -> None:
    sheet = _sheet()
    sheet.charts.append(ChartSpec("Diagram", "tblTest", 0, (2,), "F3"))
    book = remote_book(book_payload(example))
    E.apply_plan(book, WritePlan(sheets=[sheet]))
    assert not only(_actions(book), "addChart")
    [line] = [a for a in only(_actions(book), "setValues") if (a["start_row"], a["start_column"]) == (2, 5)]
    assert line["values"] == [["'" + E.CHART_MISSING]]


def test_blank_ids_are_written_per_run(example: Path) -> None:
    book = remote_book(book_payload(example))
    edits = [CellEdit(S.CONTACTS.name, row, "A", f"K{row:03d}") for row in (9, 5, 6, 7)]
    edits.append(CellEdit(S.INPUTS.name, 4, "A", "I004"))
    E.apply_plan(book, WritePlan(edits=edits))
    writes = [(a["sheet_position"], a["start_row"], a["row_count"], a["values"]) for a in _actions(book)]
    contacts = sheet_position(book_payload(example), S.CONTACTS.name)
    inputs = sheet_position(book_payload(example), S.INPUTS.name)
    assert writes == [
        (contacts, 4, 3, [["'K005"], ["'K006"], ["'K007"]]),
        (contacts, 8, 1, [["'K009"]]),
        (inputs, 3, 1, [["'I004"]]),
    ]


# --- marks --------------------------------------------------------------------------------


def _marks_book(example: Path, *, supported: bool = True) -> tuple[Any, int]:
    """The example with notes on Kontakter C4 (earlier mark), D5 (earlier mark) and H3 (the user's)."""
    payload = book_payload(
        example, notes_supported=supported, extra_notes={S.CONTACTS.name: ["C4", "D5", "H3"]}
    )
    return remote_book(payload), sheet_position(payload, S.CONTACTS.name)


def _note_actions(book: Any) -> list[tuple[str, str, str | None]]:
    found = []
    for a in _actions(book):
        if a["func"] in ("addNote", "setNoteText", "deleteNote"):
            found.append(
                (a["func"], a["args"][0].replace("$", ""), a["args"][1] if len(a["args"]) > 1 else None)
            )
    return found


NEW = [Note(S.CONTACTS.name, 5, "D", "Feil: ny tekst"), Note(S.CONTACTS.name, 6, "E", "Advarsel: sjekk"),
       Note(S.CONTACTS.name, 3, "H", "Feil: her har brukeren en merknad")]  # fmt: skip


def test_marks_replace_earlier_marks_and_spare_the_users_notes(example: Path) -> None:
    book, _ = _marks_book(example)
    E.apply_plan(book, WritePlan(notes=NEW), marks=["Kontakter!C4", "'Kontakter'!D5"])
    assert sorted(_note_actions(book)) == [
        ("addNote", "E6", E.mark_text("Advarsel: sjekk")),
        ("deleteNote", "C4", None),
        ("setNoteText", "D5", E.mark_text("Feil: ny tekst")),
    ]
    assert E.mark_text("x").startswith(S.MARK_AUTHOR)


def test_without_known_marks_only_free_cells_get_marks(example: Path) -> None:
    book, _ = _marks_book(example)
    E.apply_plan(book, WritePlan(notes=NEW))
    assert _note_actions(book) == [("addNote", "E6", E.mark_text("Advarsel: sjekk"))]


def test_notes_none_leaves_marks_alone(example: Path) -> None:
    book, _ = _marks_book(example)
    E.apply_plan(book, WritePlan(notes=None), marks=["Kontakter!C4"])
    assert _note_actions(book) == []


def test_no_notes_where_excel_has_no_note_api(example: Path) -> None:
    book, _ = _marks_book(example, supported=False)
    E.apply_plan(book, WritePlan(notes=NEW), marks=["Kontakter!C4"])
    assert _note_actions(book) == []


def test_two_notes_on_one_cell_become_one_mark(example: Path) -> None:
    book = remote_book(book_payload(example))
    notes = [Note(S.INPUTS.name, 2, "B", "Feil: én"), Note(S.INPUTS.name, 2, "B", "Advarsel: to")]
    E.apply_plan(book, WritePlan(notes=notes), marks=[])
    assert _note_actions(book) == [("addNote", "B2", E.mark_text("Feil: én\nAdvarsel: to"))]


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("Kontakter!C5", ("kontakter", "C5")),
        ("'Mitt ark'!$B$2", ("mitt ark", "B2")),
        ("'O''Brien'!a1", ("o'brien", "A1")),
        ("C5", None),
        ("Kontakter!", None),
    ],
)
def test_parse_mark(location: str, expected: tuple[str, str] | None) -> None:
    assert E.parse_mark(location) == expected


def test_user_data_is_untouched_by_a_check_plan(example: Path) -> None:
    """Only Kontroll, the blank ID and the marks are written; no other cell of a user sheet."""
    set_cells(example, S.CONTACTS.name, {"A3": None})
    book = remote_book(book_payload(example))
    contacts = sheet_position(book_payload(example), S.CONTACTS.name)
    plan = WritePlan(sheets=[_sheet()], edits=[CellEdit(S.CONTACTS.name, 3, "A", "K099")], notes=[])
    E.apply_plan(book, plan, marks=[])
    on_contacts = [a for a in _actions(book) if a["sheet_position"] == contacts]
    assert [(a["func"], a["start_row"], a["start_column"]) for a in on_contacts] == [("setValues", 2, 0)]


def test_alerts_and_callbacks_stay_with_their_book(example: Path) -> None:
    """On a busy server another request's book may be the most recently opened one."""
    mine = remote_book(book_payload(example))
    other = remote_book(book_payload(example))  # opened later: xlwings' "active" book
    E.show_alert(mine, "Hei", title="Innspill", critical=True)
    E.run_client_callback(mine, "innspillLastNed", "token", "a.docx")
    assert [(a["func"], a["args"]) for a in _actions(mine)] == [
        ("alert", ["Hei", "Innspill", "ok", "critical", ""]),
        ("runMacro", ["innspillLastNed", "token", "a.docx"]),
    ]
    assert _actions(other) == []
