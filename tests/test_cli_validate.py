"""`innspill validate FILE [--json] [--write]` on real files."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.cli import validate as validate_command
from xl_addin.cli._common import DemoContext
from xl_addin.engines.checking import check_file

from .helpers import example_copy

KON, INN = S.CONTACTS.name, S.INPUTS.name
USER_SHEETS = (S.SETTINGS.name, KON, INN, S.EXAMPLES.name, S.TEXTS.name, S.LISTS_SHEET)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example and the mistakes workbook, built once (openpyxl saves are slow) and copied per test."""
    folder = tmp_path_factory.mktemp("built")
    example = example_copy(folder)
    wrong = folder / "mistakes.xlsx"
    shutil.copy(example, wrong)
    edit(wrong, {KON: {"C3": "Kommun", "C4": "kommune"}, INN: {"B4": "randaberg Kommune"}})
    return {"example": example, "mistakes": wrong}


@pytest.fixture
def example(built: dict[str, Path], tmp_path: Path) -> Path:
    return Path(shutil.copy(built["example"], tmp_path / "innspill-2020.xlsx"))


@pytest.fixture
def wrong(built: dict[str, Path], tmp_path: Path) -> Path:
    """Typical mistakes: an error and a warning in Kontakter, an error in Innspill."""
    return Path(shutil.copy(built["mistakes"], tmp_path / "innspill-2020.xlsx"))


def edit(path: Path, changes: dict[str, dict[str, object]]) -> None:
    """Type values into several sheets and save once, as a user in Excel would."""
    book = load_workbook(path)
    for sheet, values in changes.items():
        for address, value in values.items():
            book[sheet][address] = value
    book.save(path)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["validate", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# --- output and exit status ------------------------------------------------------------------


def test_clean_example_exits_0(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, example)
    assert (code, err) == (0, "")
    assert out.strip() == "«innspill-2020.xlsx»: ingen feil eller advarsler."


def test_warnings_alone_exit_0(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(example, {KON: {"C4": "kommune"}})
    code, out, _ = run(capsys, example)
    assert code == 0
    assert out.splitlines()[-1] == "«innspill-2020.xlsx»: ingen feil og én advarsel."


def test_table_is_grouped_by_sheet_with_errors_first(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, wrong)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == KON
    assert re.match(
        r"  Feil\s+C3\s+Kategori\s+«Kommun» .*Mente du «Kommune»\? \[ukjent-listeverdi\]$", lines[1]
    )
    assert re.match(r"  Advarsel\s+C4\s+Kategori\s+.*\[listeverdi-skrivemate\]$", lines[2])
    assert lines[4] == INN
    assert re.match(r"  Feil\s+B4\s+Organisasjon\s+.*\[ukjent-organisasjon\]$", lines[5])
    assert lines[-1] == "«innspill-2020.xlsx»: to feil og én advarsel. Rett feilene før du lager rapporten."


def test_json_is_the_library_result(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = wrong
    code, out, err = run(capsys, path, "--json")
    assert (code, err) == (1, "")
    printed = json.loads(out)
    assert printed == check_file(path).report.to_json()
    assert {(p["code"], p["severity"], p["sheet"], p["row"], p["column"]) for p in printed} == {
        ("ukjent-listeverdi", "feil", KON, 3, "C"),
        ("listeverdi-skrivemate", "advarsel", KON, 4, "C"),
        ("ukjent-organisasjon", "feil", INN, 4, "B"),
    }


def test_json_of_a_clean_workbook_is_an_empty_list(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, example, "--json")
    assert (code, json.loads(out)) == (0, [])


# --- files that cannot be checked -------------------------------------------------------------


def _missing(tmp_path: Path, example: Path) -> Path:
    return tmp_path / "finnes-ikke.xlsx"


def _not_a_zip(tmp_path: Path, example: Path) -> Path:
    path = tmp_path / "tekst.xlsx"
    path.write_text("dette er ikke en arbeidsbok", encoding="utf-8")
    return path


def _old_xls(tmp_path: Path, example: Path) -> Path:
    path = tmp_path / "gammel.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    return path


def _encrypted(tmp_path: Path, example: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "kryptert.xlsx"
    with example.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("hemmelig", target)
    return path


def _other_version(tmp_path: Path, example: Path) -> Path:
    book = load_workbook(example)
    ws = book[S.SETTINGS.name]
    row = next(c.row for c in ws["A"] if c.value == S.SETTING_VERSION)
    ws.cell(row=row, column=2, value=2)
    book.save(example)
    return example


def _missing_sheet(tmp_path: Path, example: Path) -> Path:
    book = load_workbook(example)
    del book[INN]
    book.save(example)
    return example


@pytest.fixture(scope="module")
def unusable(tmp_path_factory: pytest.TempPathFactory, built: dict[str, Path]) -> dict[str, Path]:
    """Workbooks that cannot be checked, built once per kind."""
    made = {}
    for make in (_missing, _not_a_zip, _old_xls, _encrypted, _other_version, _missing_sheet):
        folder = tmp_path_factory.mktemp(make.__name__.strip("_"))
        example = Path(shutil.copy(built["example"], folder / "innspill-2020.xlsx"))
        made[make.__name__] = make(folder, example)
    return made


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_missing, "Finner ikke filen"),
        (_not_a_zip, "ikke en Excel-arbeidsbok"),
        (_old_xls, "gamle Excel-formatet"),
        (_encrypted, "passordbeskyttet"),
        (_other_version, "malversjon"),
        (_missing_sheet, "«Innspill» mangler"),
    ],
    ids=["missing", "not-a-zip", "xls", "encrypted", "other-version", "missing-sheet"],
)
@pytest.mark.parametrize("options", [(), ("--json",), ("--write",)], ids=["plain", "json", "write"])
def test_unusable_files_exit_2_with_one_norwegian_line(
    tmp_path: Path,
    unusable: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    make: Any,
    says: str,
    options: tuple[str, ...],
) -> None:
    source = unusable[make.__name__]
    path = Path(shutil.copy(source, tmp_path / source.name)) if source.exists() else source
    before = path.read_bytes() if path.exists() else None
    code, out, err = run(capsys, path, *options)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("Feil: ")
    assert says in err
    assert "Traceback" not in err
    assert (path.read_bytes() if path.exists() else None) == before


# --- --write ------------------------------------------------------------------------------


def _snapshot(book: Workbook) -> dict[str, Any]:
    """What must survive a write: values, tables, dropdowns, names, number formats, own notes, fills."""
    sheets: dict[str, Any] = {}
    for name in USER_SHEETS:
        ws = book[name]
        cells = [c for row in ws.iter_rows() for c in row]
        sheets[name] = {
            "values": {c.coordinate: c.value for c in cells if c.value is not None},
            "formats": {c.coordinate: c.number_format for c in cells},
            "fills": {c.coordinate: c.fill.fgColor.rgb for c in cells if c.fill.fill_type},
            "notes": {
                c.coordinate: (c.comment.author, c.comment.text)
                for c in cells
                if c.comment is not None and c.comment.author != S.MARK_AUTHOR
            },
            "tables": {t: ws.tables[t].ref for t in ws.tables},
            "validations": sorted(
                (str(dv.sqref), dv.type or "", dv.formula1 or "", dv.prompt or "")
                for dv in ws.data_validations.dataValidation
            ),
        }
    names = {n: book.defined_names[n].attr_text for n in book.defined_names}
    return {"sheets": sheets, "names": names}


def _marks(book: Workbook) -> dict[tuple[str, str], str]:
    return {
        (ws.title, c.coordinate): c.comment.text
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.comment is not None and c.comment.author == S.MARK_AUTHOR
    }


def test_write_keeps_everything_of_the_user_and_adds_kontroll(
    wrong: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(wrong)
    book[KON]["B2"].comment = Comment("Ring etter påske.", "Kari")
    book[KON]["E5"].fill = PatternFill("solid", fgColor="FFFF0000")
    book[INN]["A6"] = None  # a blank ID to fill
    book[INN]["E7"] = "=Behov for lokaler"  # text that merely looks like a formula
    book[INN]["E7"].data_type = "s"
    book.save(wrong)
    before = _snapshot(load_workbook(wrong))

    code, out, _ = run(capsys, wrong, "--write")

    assert code == 1
    assert "Oppdaterte arket Kontroll i «innspill-2020.xlsx» og fylt inn én ID." in out
    written = load_workbook(wrong)
    after = _snapshot(written)
    assert "A6" not in before["sheets"][INN]["values"]
    assert after["sheets"][INN]["values"].pop("A6") == "I060"
    assert after == before
    assert written.sheetnames == [*USER_SHEETS, "Kontroll"]
    assert written[INN]["E7"].data_type == "s"
    assert set(_marks(written)) == {(KON, "C3"), (KON, "C4"), (INN, "B4"), (INN, "E7")}
    assert sorted(p.name for p in wrong.parent.iterdir()) == ["innspill-2020.xlsx"]  # no backup left


def test_next_write_removes_old_marks_only(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = load_workbook(wrong)
    book[KON]["B2"].comment = Comment("Egen merknad", "Kari")
    book.save(wrong)
    run(capsys, wrong, "--write")
    edit(wrong, {KON: {"C3": "Kommune", "C4": "Kommune"}, INN: {"B4": "Randaberg kommune"}})

    code, _, _ = run(capsys, wrong, "--write")

    assert code == 0
    book = load_workbook(wrong)
    assert _marks(book) == {}
    note = book[KON]["B2"].comment
    assert note is not None
    assert (note.author, note.text) == ("Kari", "Egen merknad")
    kontroll = book["Kontroll"]
    assert str(kontroll["A2"].value).endswith("ingen feil eller advarsler.")
    assert list(kontroll.tables) == ["tblKontroll"]


def test_kontroll_links_point_at_the_cells(wrong: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, wrong, "--write")
    book = load_workbook(wrong)
    kontroll = book["Kontroll"]
    header_row = next(r for r in kontroll.iter_rows() if r[0].value == "Alvorlighet")
    columns = {c.value: c.column - 1 for c in header_row}
    linked = []
    for row in kontroll.iter_rows(min_row=header_row[0].row + 1):
        cell = row[columns["Celle"]]
        sheet, address = re.fullmatch(r"'(.+)'!([A-Z]+\d+)", cell.hyperlink.location).groups()
        assert (sheet, address) == (row[columns["Ark"]].value, cell.value)
        assert book[sheet][address].value == row[columns["Verdi"]].value
        linked.append((sheet, address))
    assert linked == [(KON, "C3"), (KON, "C4"), (INN, "B4")]


def _with_shape(path: Path) -> Path:
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
        "<xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>"
    )
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/drawings/drawing1.xml", drawing)
    return path


def test_write_refuses_a_workbook_with_shapes_and_leaves_it_untouched(
    wrong: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_shape(wrong)
    before = path.read_bytes()

    code, out, err = run(capsys, path, "--write")

    assert code == 2
    assert out == ""
    assert "figurer" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["innspill-2020.xlsx"]
    assert run(capsys, path)[0] == 1  # checking without writing still works


def test_demo_step_writes_kontroll(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = DemoContext(example.parent, example)
    validate_command.demo(ctx)
    assert ctx.outputs == [("Kontroll", example)]
    assert "Kontroll" in load_workbook(example).sheetnames
    assert "ingen feil eller advarsler" in capsys.readouterr().out
