"""`innspill merge`: copies returned by colleagues, merged onto the copy that was sent out."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import grids_of
from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.model import Location, Workbook
from xl_addin.reading import column_letter
from xl_addin.teamwork.merge import EntryKind, merge_workbooks

from .workbooks import contact, copy_of, delete_row, digest, edit, grid_variant, new_row, read

NEW_INPUT = {
    S.INPUT_ORGANISATION: "Asker kommune",
    S.INPUT_CHAPTER: S.LIST_CHAPTERS.default_values()[0],
    S.INPUT_TEXT: "Et nytt innspill fra Asker.",
    S.INPUT_RECEIVED: dt.date(2020, 5, 12),
}
KARI_ONLY = "Bare Kari endret denne."
KARI_NOTE = "Kari: ringer i morgen."
OLA_NOTE = "Ola: svarte på e-post."
ANSWERED = dt.date(2020, 5, 12)
FORMULA_LIKE = "=1+1"


@dataclass
class Scenario:
    base: Path
    kari: Path
    ola: Path
    out: Path
    before: Workbook
    hashes: dict[Path, str]
    code: int
    printed: str


def run_merge(*files: Path, out: Path) -> int:
    return main(["merge", *map(str, files), "-o", str(out)])


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory, example_file: Path) -> Scenario:
    """Kari adds an input and edits two notes; Ola marks an answer, edits a note, deletes an input."""
    folder = tmp_path_factory.mktemp("merge")
    base_path = copy_of(example_file, folder / "innspill-2020.xlsx")
    base = read(base_path)
    kari = copy_of(base_path, folder / "kari.xlsx")
    ola = copy_of(base_path, folder / "ola.xlsx")
    asker, sunndal, randaberg = contact(base, "K005"), contact(base, "K002"), contact(base, "K001")
    edit(
        kari,
        {
            sunndal.location(S.CONTACT_NOTE): KARI_ONLY,
            asker.location(S.CONTACT_NOTE): KARI_NOTE,
            randaberg.location(S.CONTACT_NOTE): FORMULA_LIKE,
            **new_row(base.inputs, NEW_INPUT),
        },
        text=True,
    )
    edit(ola, {asker.location(S.CONTACT_NOTE): OLA_NOTE, asker.location(S.CONTACT_ANSWERED): ANSWERED})
    delete_row(ola, S.INPUTS.name, base.inputs.records[2].row)
    out = folder / "samlet.xlsx"
    hashes = {p: digest(p) for p in (base_path, kari, ola)}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = run_merge(base_path, kari, ola, out=out)
    return Scenario(base_path, kari, ola, out, base, hashes, code, printed.getvalue())


@pytest.fixture(scope="module")
def merged_book(scenario: Scenario) -> Any:
    return load_workbook(scenario.out)


@pytest.fixture(scope="module")
def konflikter(merged_book: Any) -> list[tuple[object, ...]]:
    return list(merged_book[S.CONFLICTS_SHEET].iter_rows(values_only=True))


def test_conflicts_give_exit_1_and_inputs_are_unchanged(scenario: Scenario) -> None:
    assert scenario.code == 1
    assert {p: digest(p) for p in scenario.hashes} == scenario.hashes


def test_one_sided_changes_are_taken_and_the_first_copy_wins_a_conflict(scenario: Scenario) -> None:
    merged = read(scenario.out)
    assert contact(merged, "K002")[S.CONTACT_NOTE] == KARI_ONLY
    assert contact(merged, "K005")[S.CONTACT_ANSWERED] == ANSWERED
    assert contact(merged, "K005")[S.CONTACT_NOTE] == KARI_NOTE


def test_added_rows_are_appended_inside_the_table_and_deleted_rows_kept(
    scenario: Scenario, merged_book: Any
) -> None:
    merged = read(scenario.out)
    assert len(merged.inputs) == len(scenario.before.inputs) + 1
    added = merged.inputs.records[-1]
    assert added[S.INPUT_TEXT] == NEW_INPUT[S.INPUT_TEXT]
    assert added[S.INPUT_RECEIVED] == NEW_INPUT[S.INPUT_RECEIVED]
    deleted = scenario.before.inputs.records[2]
    assert merged.inputs.records[2].cell(S.INPUT_TEXT).raw == deleted.cell(S.INPUT_TEXT).raw
    table = merged_book[S.INPUTS.name].tables[S.INPUTS.table_name]
    assert table.ref.endswith(f"{added.row}")


def test_konflikter_lists_every_copys_value_and_the_file(
    scenario: Scenario, konflikter: list[tuple[object, ...]]
) -> None:
    asker = contact(scenario.before, "K005")
    where = asker.location(S.CONTACT_NOTE)
    header = next(r for r in konflikter if r[0] == "Hva")
    assert header[5:8] == (f"Grunnlag: {scenario.base.name}", scenario.kari.name, scenario.ola.name)
    conflict = next(r for r in konflikter if r[0] == "Ulike endringer")
    assert conflict[1:5] == (S.CONTACTS.name, where.address, "K005 Asker kommune", S.CONTACT_NOTE.header)
    assert conflict[5:9] == (asker[S.CONTACT_NOTE], KARI_NOTE, OLA_NOTE, KARI_NOTE)
    assert scenario.kari.name in str(conflict[9])


def test_konflikter_lists_the_deletion_and_what_was_taken_in(
    scenario: Scenario, konflikter: list[tuple[object, ...]]
) -> None:
    deleted = scenario.before.inputs.records[2]
    deletion = next(r for r in konflikter if r[0] == "Slettet i kopi")
    assert deletion[1:3] == (S.INPUTS.name, f"rad {deleted.row}")
    assert deletion[6:8] == (deletion[5], "(slettet)")
    sunndal = contact(scenario.before, "K002").location(S.CONTACT_NOTE).address
    assert any(r[0] == "Endret" and r[2] == sunndal and r[7] == scenario.kari.name for r in konflikter)
    assert any(r[0] == "Ny rad" and r[7] == scenario.kari.name for r in konflikter)


def test_the_screen_shows_where_and_each_value(scenario: Scenario) -> None:
    where = contact(scenario.before, "K005").location(S.CONTACT_NOTE)
    assert f"{S.CONTACTS.name}!{where.address}" in scenario.printed
    assert f"«{OLA_NOTE}»" in scenario.printed
    assert "Tatt inn: tre endringer og én ny rad" in scenario.printed


def test_a_clean_merge_exits_0(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "ut.xlsx"
    assert run_merge(scenario.base, scenario.kari, out=out) == 0
    rows = list(load_workbook(out)[S.CONFLICTS_SHEET].iter_rows(values_only=True))
    assert not any(r[0] in ("Ulike endringer", "Slettet i kopi", "Samme ID") for r in rows)


def test_output_must_not_be_an_input(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_merge(scenario.base, scenario.kari, scenario.ola, out=scenario.ola) == 2
    assert digest(scenario.ola) == scenario.hashes[scenario.ola]
    assert "en av filene" in capsys.readouterr().err


def test_one_file_is_not_enough(scenario: Scenario, tmp_path: Path) -> None:
    assert run_merge(scenario.base, out=tmp_path / "ut.xlsx") == 2
    assert not (tmp_path / "ut.xlsx").exists()


def test_text_that_looks_like_a_formula_stays_text(scenario: Scenario, merged_book: Any) -> None:
    where = contact(scenario.before, "K001").location(S.CONTACT_NOTE)
    cell = merged_book[where.sheet][where.address]
    assert (cell.value, cell.data_type) == (FORMULA_LIKE, "s")


# --- the merge logic on typed workbooks (no files written) ---------------------------------------


@pytest.fixture(scope="module")
def grids(example_file: Path) -> dict[str, list[list[object]]]:
    return grids_of(example_file)


@pytest.fixture(scope="module")
def base(grids: dict[str, list[list[object]]]) -> Workbook:
    return grid_variant(grids, {}, "grunnlag.xlsx")


def test_the_same_row_added_in_two_copies_is_added_once(
    grids: dict[str, list[list[object]]], base: Workbook
) -> None:
    copies = [grid_variant(grids, new_row(base.inputs, NEW_INPUT), name) for name in ("a.xlsx", "b.xlsx")]
    result = merge_workbooks(base, copies)
    assert result.clean
    assert len(result.added) == 1
    assert result.growth[0].last_row == base.inputs.records[-1].row + 1


def test_new_rows_with_the_same_id_are_both_kept_and_listed(
    grids: dict[str, list[list[object]]], base: Workbook
) -> None:
    first = {**NEW_INPUT, S.INPUT_ID: "I100"}
    second = {**NEW_INPUT, S.INPUT_ID: "I100", S.INPUT_TEXT: "Et helt annet innspill."}
    copies = [
        grid_variant(grids, new_row(base.inputs, row), f"{i}.xlsx") for i, row in enumerate((first, second))
    ]
    result = merge_workbooks(base, copies)
    assert [(c.row_label, c.source) for c in result.added] == [
        ("I100 Asker kommune", 0),
        ("I100 Asker kommune", 1),
    ]
    assert [e.kind for e in result.entries] == [EntryKind.DUPLICATE_ID]
    assert result.entries[0].row == base.inputs.records[-1].row + 2


def test_the_same_new_row_with_different_values_is_a_conflict(
    grids: dict[str, list[list[object]]], base: Workbook
) -> None:
    first = {**NEW_INPUT, S.INPUT_QUOTE: S.QUOTE_NAMED}
    second = {**NEW_INPUT, S.INPUT_QUOTE: S.QUOTE_NEVER}
    copies = [
        grid_variant(grids, new_row(base.inputs, row), f"{i}.xlsx") for i, row in enumerate((first, second))
    ]
    result = merge_workbooks(base, copies)
    assert len(result.added) == 1
    [entry] = result.entries
    assert (entry.kind, entry.header, entry.values, entry.kept) == (
        EntryKind.CONFLICT,
        S.INPUT_QUOTE.header,
        (S.QUOTE_NAMED, S.QUOTE_NEVER),
        S.QUOTE_NAMED,
    )


def test_contacts_without_id_are_matched_by_name(
    grids: dict[str, list[list[object]]], base: Workbook
) -> None:
    randaberg = contact(base, "K001")
    no_id = {randaberg.location(S.CONTACT_ID): None}
    without = grid_variant(grids, no_id, "uten-id.xlsx")
    # the colleague ran a check that filled the ID in, and edited the place
    copy = grid_variant(
        grids,
        {randaberg.location(S.CONTACT_ID): "K099", randaberg.location(S.CONTACT_PLACE): "Tungenes"},
        "kopi.xlsx",
    )
    result = merge_workbooks(without, [copy])
    assert result.clean
    assert not result.added
    assert {(c.row, c.header): c.after for c in result.changes} == {
        (randaberg.row, S.CONTACT_ID.header): "K099",
        (randaberg.row, S.CONTACT_PLACE.header): "Tungenes",
    }


def test_a_copy_without_changes_is_pointed_out(grids: dict[str, list[list[object]]], base: Workbook) -> None:
    result = merge_workbooks(base, [grid_variant(grids, {}, "lik.xlsx")])
    assert result.clean
    assert not result.edits
    assert any("«lik.xlsx» har ingen endringer" in n for n in result.notices)


def test_texts_and_lists_are_merged_too(grids: dict[str, list[list[object]]], base: Workbook) -> None:
    themes = base.list_table(S.LIST_THEMES)
    new_theme = {themes.location(S.LIST_THEMES.key, themes.records[-1].row + 1): "Frivillighet i skolen"}
    background = {base.texts.location(S.TEXT_BACKGROUND): "Ny bakgrunnstekst."}
    result = merge_workbooks(base, [grid_variant(grids, {**background, **new_theme}, "a.xlsx")])
    assert result.clean
    assert [(c.sheet, c.header, c.after) for c in result.changes] == [
        (S.TEXTS.name, S.TEXTS.value_header, "Ny bakgrunnstekst.")
    ]
    assert [(c.part, c.row_label) for c in result.added] == [
        (f"{S.LISTS_SHEET} ({S.LIST_THEMES.name})", "Frivillighet i skolen")
    ]


def test_columns_are_matched_by_header_and_own_columns_are_merged(
    grids: dict[str, list[list[object]]], base: Workbook
) -> None:
    sheet = grids[S.CONTACTS.name]
    own = len(sheet[0])
    with_own = {k: [list(r) for r in v] for k, v in grids.items()}
    for i, row in enumerate(with_own[S.CONTACTS.name]):
        row.append("Ansvarlig i IMDi" if i == 0 else "Per")
    base_own = grid_variant(with_own, {}, "grunnlag.xlsx")
    # the copy has Sted and Fylke swapped (a user moved a column) and one own-column value changed
    swapped = {k: [list(r) for r in v] for k, v in with_own.items()}
    place = sheet[0].index(S.CONTACT_PLACE.header)
    county = sheet[0].index(S.CONTACT_COUNTY.header)
    for row in swapped[S.CONTACTS.name]:
        row[place], row[county] = row[county], row[place]
    voss = contact(base, "K004")
    own_cell = Location(S.CONTACTS.name, voss.row, column_letter(own), "Ansvarlig i IMDi")
    copy = grid_variant(swapped, {own_cell: "Kari"}, "a.xlsx")
    result = merge_workbooks(base_own, [copy])
    assert result.clean
    assert [(c.row, c.header, c.before, c.after) for c in result.changes] == [
        (voss.row, "Ansvarlig i IMDi", "Per", "Kari")
    ]
