"""The write-back of a check as a plan: the Kontroll sheet, IDs filled in, notes."""

from __future__ import annotations

import datetime as dt

from xl_addin import schema as S
from xl_addin.kontroll import HEADER, id_edits, kontroll_plan
from xl_addin.output import ERROR_FILL, WARNING_FILL, CellEdit

from .common import Draft

KON, INN = S.CONTACTS.name, S.INPUTS.name
NOW = dt.datetime(2020, 6, 1, 9, 5)


def bad_draft() -> Draft:
    return (
        Draft()
        .set(KON, 3, S.CONTACT_CATEGORY.header, "Kommun")  # error at C3
        .set(KON, 4, S.CONTACT_CATEGORY.header, "kommune")  # warning at C4
        .set(INN, 2, S.INPUT_TEXT.header, "=Behov\x0b")  # an error and a warning at E2
    )


def test_kontroll_sheet_lists_every_problem_with_a_link_and_a_colour() -> None:
    draft = bad_draft()
    workbook = draft.workbook()
    report = draft.report()
    plan = kontroll_plan(workbook, report, now=NOW)

    (sheet,) = plan.sheets
    assert sheet.name == "Kontroll"
    assert sheet.lines[0] == "Kontrollert 01.06.2020 kl. 09.05: to feil og to advarsler."
    (table,) = sheet.tables
    assert table.header == HEADER
    assert len(table.rows) == len(report.problems) == 4
    rows = [dict(zip(HEADER, row, strict=True)) for row in table.rows]
    assert [(r["Ark"], r["Celle"], r["Alvorlighet"]) for r in rows] == [
        (KON, "C3", "Feil"),
        (KON, "C4", "Advarsel"),
        (INN, "E2", "Feil"),
        (INN, "E2", "Advarsel"),
    ]
    assert [link.target for link in table.links] == [
        "'Kontakter'!C3",
        "'Kontakter'!C4",
        "'Innspill'!E2",
        "'Innspill'!E2",
    ]
    assert [link.row for link in table.links] == [0, 1, 2, 3]
    assert {link.column for link in table.links} == {HEADER.index("Celle")}
    assert table.fills == {0: ERROR_FILL, 1: WARNING_FILL, 2: ERROR_FILL, 3: WARNING_FILL}
    assert rows[0]["Forslag"] == "Kommune"
    assert rows[2]["Verdi"] == "=Behov[U+000B]"  # a control character shown, not written


def test_notes_one_per_cell_with_every_message() -> None:
    draft = bad_draft()
    plan = kontroll_plan(draft.workbook(), draft.report(), now=NOW)
    assert plan.notes is not None
    assert [(n.sheet, n.row, n.column) for n in plan.notes] == [(KON, 3, "C"), (KON, 4, "C"), (INN, 2, "E")]
    both = plan.notes[2].text.splitlines()
    assert [line.split(":")[0] for line in both] == ["Feil", "Advarsel"]


def test_a_clean_workbook_gets_an_empty_list_and_no_notes() -> None:
    draft = Draft()
    plan = kontroll_plan(draft.workbook(), draft.report(), now=NOW)
    assert plan.sheets[0].tables[0].rows == []
    assert plan.sheets[0].lines[0].endswith("ingen feil eller advarsler.")
    assert plan.notes == []  # replaces (removes) the marks of an earlier check
    assert plan.edits == []


def test_blank_ids_continue_after_the_highest_number_per_sheet() -> None:
    draft = (
        Draft()
        .set(KON, 5, S.CONTACT_ID.header, None)
        .set(KON, 6, S.CONTACT_ID.header, "K250")  # the highest contact number
        .set(KON, 7, S.CONTACT_ID.header, "egen-id")  # not a number the tool gave
        .set(KON, 9, S.CONTACT_ID.header, None)
        .set(INN, 2, S.INPUT_ID.header, None)
    )
    assert id_edits(draft.workbook()) == [
        CellEdit(KON, 5, "A", "K251"),
        CellEdit(KON, 9, "A", "K252"),
        CellEdit(INN, 2, "A", "I060"),
    ]


def test_ids_are_never_written_over_a_formula() -> None:
    draft = Draft().set(KON, 5, S.CONTACT_ID.header, None).set(KON, 6, S.CONTACT_ID.header, None)
    edits = id_edits(draft.workbook(), formulas={KON: {(5, "A")}})
    assert edits == [CellEdit(KON, 6, "A", "K030")]
