"""`innspill counts FILE [--json] [--write]` and its demo step."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.helpers import example_copy, grids_of, set_cells
from xl_addin import schema as S
from xl_addin.cli import counts as counts_command
from xl_addin.cli import main
from xl_addin.cli._common import DemoContext
from xl_addin.counts import compute_counts
from xl_addin.engines.files import FileSource
from xl_addin.reading import read_workbook
from xl_addin.telling import telling_plan


def library_json(path: Path) -> object:
    return compute_counts(read_workbook(FileSource(path))).to_json()


def user_sheets(path: Path) -> dict[str, list[list[object]]]:
    return {name: grid for name, grid in grids_of(path).items() if name != S.COUNTS_SHEET}


def test_json_is_the_library_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path)
    assert main(["counts", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == library_json(path)
    assert printed["per_category"][S.CATEGORY_VOLUNTARY]["answered_with_agreement"] == 5


def test_text_output_shows_the_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path)
    before = path.read_bytes()
    assert main(["counts", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Kontaktet og svart per kategori" in out
    assert "Frivillig organisasjon         19     12" in out
    assert "I alt er 29 kontaktet, og 20 har svart" in out
    assert path.read_bytes() == before  # without --write the file is not touched


@dataclass(frozen=True)
class Written:
    path: Path
    before: dict[str, list[list[object]]]
    exit_code: int
    out: str


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The example after one `counts --write` (shared: writing takes most of a second)."""
    path = example_copy(tmp_path_factory.mktemp("written"))
    before = user_sheets(path)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exit_code = main(["counts", str(path), "--write"])
    return Written(path, before, exit_code, out.getvalue())


def test_write_builds_the_telling_sheet_with_tables_and_a_chart(written: Written) -> None:
    assert written.exit_code == 0
    assert f"Oppdaterte arket «{S.COUNTS_SHEET}»" in written.out
    counts = compute_counts(read_workbook(FileSource(written.path)))
    expected = telling_plan(counts, now=dt.datetime.now()).sheets[0].tables
    ws = load_workbook(written.path)[S.COUNTS_SHEET]
    assert dict(ws.tables.items()) == {
        t.name: f"A{t.top}:{get_column_letter(len(t.header))}{t.bottom}" for t in expected
    }
    categories = expected[0]
    assert [ws.cell(categories.top + 1 + i, 2).value for i in range(4)] == [6, 19, 4, 0]
    assert ws.cell(categories.top - 1, 1).value == categories.caption
    assert ws.page_setup.orientation == "landscape"
    with zipfile.ZipFile(written.path) as zf:
        assert "xl/charts/chart1.xml" in zf.namelist()
        assert "Kontaktet og svart per kategori" in zf.read("xl/charts/chart1.xml").decode("utf-8")


def test_write_keeps_the_users_sheets(written: Written) -> None:
    assert user_sheets(written.path) == written.before


def test_write_again_replaces_the_sheet(
    written: Written, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / written.path.name
    shutil.copy(written.path, path)
    assert main(["counts", str(path), "--write"]) == 0
    capsys.readouterr()
    assert load_workbook(path).sheetnames.count(S.COUNTS_SHEET) == 1
    with zipfile.ZipFile(path) as zf:
        assert [n for n in zf.namelist() if n.startswith("xl/charts/chart")] == ["xl/charts/chart1.xml"]
    assert user_sheets(path) == written.before


def test_json_with_write_keeps_stdout_pure_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path)
    assert main(["counts", str(path), "--json", "--write"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == library_json(path)
    assert "Telling" in captured.err
    assert S.COUNTS_SHEET in load_workbook(path).sheetnames


def test_rows_left_out_are_shown_and_the_count_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example_copy(tmp_path)
    letter = get_column_letter(S.INPUTS.columns.index(S.INPUT_ORGANISATION) + 1)
    set_cells(path, S.INPUTS.name, {f"{letter}5": "Ukjent forening"})
    assert main(["counts", str(path), "--write"]) == 0
    out = capsys.readouterr().out
    assert "Holdt utenfor tellingen" in out
    assert "Ukjent forening" in out
    assert main(["counts", str(path), "--json"]) == 0
    left_out = json.loads(capsys.readouterr().out)["left_out"]
    assert [(x["sheet"], x["row"]) for x in left_out] == [(S.INPUTS.name, 5)]
    ws = load_workbook(path)[S.COUNTS_SHEET]
    assert "tblTellingUtelatt" in ws.tables


def test_a_workbook_that_is_not_the_template_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example_copy(tmp_path)
    book = load_workbook(path)
    del book[S.INPUTS.name]
    book.save(path)
    before = path.read_bytes()
    assert main(["counts", str(path), "--write"]) == 2
    err = capsys.readouterr().err
    assert S.INPUTS.name in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["mangler.xlsx", "notater.txt"])
def test_missing_or_wrong_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert main(["counts", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: ")
    assert "Traceback" not in err


def test_write_refused_while_open_in_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path)
    (tmp_path / f"~${path.name}").write_bytes(b"")
    before = path.read_bytes()
    assert main(["counts", str(path), "--write"]) == 2
    assert "åpen i Excel" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_step_writes_telling(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path)
    ctx = DemoContext(tmp_path, path)
    counts_command.demo(ctx)
    assert ctx.outputs == [(S.COUNTS_SHEET, path)]
    assert S.COUNTS_SHEET in load_workbook(path).sheetnames
    assert "Frivillig organisasjon" in capsys.readouterr().out


def test_percent_text_rounds_like_excel() -> None:
    assert counts_command.percent_text(2 / 3) == "67\u00a0%"
    assert counts_command.percent_text(0.125) == "13\u00a0%"
    assert counts_command.percent_text(0.145) == "15\u00a0%"
