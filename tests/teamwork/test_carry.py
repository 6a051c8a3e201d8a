"""`innspill new --from`: next year's workbook from last year's."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.example import example_data
from xl_addin.validation.structure import check_structure

from .workbooks import contact, copy_of, digest, edit, read

CARRIED = [c for c in S.CONTACTS.columns if c not in (S.CONTACT_CONTACTED, S.CONTACT_ANSWERED)]


def carry(example: Path, *extra: str) -> tuple[int, Path]:
    target = example.with_name("ny.xlsx")
    return main(["new", str(target), "--from", str(example), *extra]), target


@dataclass
class Carried:
    source: Path
    target: Path
    code: int
    printed: str
    hashes: tuple[str, str]


@pytest.fixture(scope="module")
def carried(tmp_path_factory: pytest.TempPathFactory, example_file: Path) -> Carried:
    source = copy_of(example_file, tmp_path_factory.mktemp("carry") / "innspill-2020.xlsx")
    before = digest(source)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code, target = carry(source)
    return Carried(source, target, code, printed.getvalue(), (before, digest(source)))


def test_carries_contacts_lists_and_texts_and_clears_the_round(carried: Carried) -> None:
    assert carried.code == 0
    assert carried.hashes[0] == carried.hashes[1]  # the old workbook is not touched
    old, new = read(carried.source), read(carried.target)
    check_structure(new)
    data = example_data()
    assert len(new.contacts) == len(data["kontakter"]) == 29
    for old_row, new_row in zip(old.contacts, new.contacts, strict=True):
        assert new_row[S.CONTACT_CONTACTED] is None
        assert new_row[S.CONTACT_ANSWERED] is None
        for column in CARRIED:
            assert new_row.cell(column).raw == old_row.cell(column).raw, column.header
    assert [r[S.CONTACT_EMAIL] for r in new.contacts] == [r.get("E-post") for r in data["kontakter"]]
    for spec in S.LISTS:
        assert new.list_values(spec) == old.list_values(spec)
    assert {k: c.raw for k, c in new.texts.cells.items()} == {k: c.raw for k, c in old.texts.cells.items()}
    assert len(new.inputs) == 0
    assert len(new.examples) == 0
    assert new.settings.get(S.SETTING_YEAR) == data["oppsett"][S.SETTING_YEAR] + 1 == 2021
    assert new.settings.get(S.SETTING_DEADLINE) is None
    assert new.settings.get(S.SETTING_MAIN_THEME) is None
    assert new.settings.get(S.SETTING_CONFERENCE) == data["oppsett"][S.SETTING_CONFERENCE]
    assert new.settings.get(S.SETTING_VERSION) == S.TEMPLATE_VERSION
    assert "29 organisasjoner" in carried.printed
    assert "Innspill (59 rader)" in carried.printed


def test_year_can_be_given(example: Path) -> None:
    code, target = carry(example, "--year", "2024")
    assert code == 0
    assert read(target).settings.get(S.SETTING_YEAR) == 2024


def test_raw_text_is_carried_exactly_as_typed(example: Path) -> None:
    workbook = read(example)
    row = contact(workbook, "K003")
    edit(
        example,
        {
            row.location(S.CONTACT_NOTE): "  to mellomrom foran og bak  ",
            row.location(S.CONTACT_CATEGORY): "kommune",
            row.location(S.CONTACT_PHONE): 40000003,
        },
    )
    code, target = carry(example)
    assert code == 0
    new = contact(read(target), "K003")
    assert new.cell(S.CONTACT_NOTE).raw == "  to mellomrom foran og bak  "
    assert new.cell(S.CONTACT_CATEGORY).raw == "kommune"
    assert new.cell(S.CONTACT_PHONE).raw in (40000003, 40000003.0)


def test_own_columns_and_text_rows_are_carried(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = load_workbook(example)
    contacts = book[S.CONTACTS.name]
    own = contacts.max_column + 1
    contacts.cell(row=1, column=own, value="Ansvarlig i IMDi")
    contacts.cell(row=2, column=own, value="Per")
    texts = book[S.TEXTS.name]
    texts.cell(row=texts.max_row + 1, column=1, value="Takk")
    texts.cell(row=texts.max_row, column=2, value="Takk til alle som svarte.")
    book.save(example)

    code, target = carry(example)
    assert code == 0
    out = capsys.readouterr().out
    assert "«Ansvarlig i IMDi»" in out
    assert "«Takk»" in out
    new_book = load_workbook(target)
    ws = new_book[S.CONTACTS.name]
    header = [c.value for c in ws[1]]
    column = header.index("Ansvarlig i IMDi") + 1
    assert ws.cell(row=2, column=column).value == "Per"
    table = ws.tables[S.CONTACTS.table_name]
    assert table.ref.split(":")[1].rstrip("0123456789") == ws.cell(row=1, column=column).column_letter
    new = read(target)
    assert new.texts.get("Takk") == "Takk til alle som svarte."
    assert "Ansvarlig i IMDi" in new.contacts.extra


def test_a_title_with_the_old_year_is_kept_and_pointed_out(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = read(example)
    edit(example, {workbook.settings.location(S.SETTING_TITLE): "Innspill til konferansen 2020"})
    code, target = carry(example)
    assert code == 0
    assert read(target).settings.get(S.SETTING_TITLE) == "Innspill til konferansen 2020"
    assert "rett årstallet 2020" in capsys.readouterr().out


def test_unknown_year_needs_the_year_option(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = read(example)
    edit(example, {workbook.settings.location(S.SETTING_YEAR): None})
    code, target = carry(example)
    assert code == 2
    assert "--year" in capsys.readouterr().err
    assert not target.exists()
    assert carry(example, "--year", "2021")[0] == 0


def test_a_file_that_is_not_the_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    other = tmp_path / "annet.xlsx"
    book = Workbook()
    book.active["A1"] = "Noe annet"  # type: ignore[index]
    book.save(other)
    assert main(["new", str(tmp_path / "ny.xlsx"), "--from", str(other)]) == 2
    assert "Kontakter" in capsys.readouterr().err


def test_dates_from_the_old_round_are_counted_in_the_summary(carried: Carried) -> None:
    answered = sum(1 for r in example_data()["kontakter"] if isinstance(r.get("Svar mottatt"), dt.date))
    assert f"{answered} i «{S.CONTACT_ANSWERED.header}»" in carried.printed
