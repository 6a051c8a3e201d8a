"""`innspill report`: exit 0 (made), 1 (the workbook has errors), 2 (cannot run)."""

from __future__ import annotations

import io
import shutil
import stat
import sys
from pathlib import Path

import docx
import pytest

from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.engines.files import FileSource
from xl_addin.example import example_content, write_example
from xl_addin.reading import read_workbook
from xl_addin.report import pdf as pdf_module
from xl_addin.report.render import default_template_bytes
from xl_addin.template import write_workbook

from .conftest import style_of

Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_example(tmp_path_factory.mktemp("eksempel") / "innspill-2020.xlsx")


@pytest.fixture
def workbook(example_file: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(example_file, tmp_path / example_file.name))


def test_the_report_is_written_next_to_the_workbook(workbook: Path, capsys: Capture) -> None:
    assert main(["report", str(workbook)]) == 0
    out = workbook.with_suffix(".docx")
    assert out.is_file()
    assert "Laget rapporten" in capsys.readouterr().out
    titles = [p.text for p in docx.Document(str(out)).paragraphs if style_of(p) == "Title"]
    assert titles == [example_content().settings[S.SETTING_TITLE]]


def test_the_report_goes_where_output_says_and_replaces_an_old_one(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut" / "rapport.docx"
    out.parent.mkdir()
    out.write_bytes(b"gammel rapport")
    assert main(["report", str(workbook), "-o", str(out)]) == 0
    assert docx.Document(str(out)).paragraphs
    assert not workbook.with_suffix(".docx").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["rapport.docx"]


def test_a_workbook_with_errors_is_refused_with_the_first_ten(tmp_path: Path, capsys: Capture) -> None:
    content = example_content()
    for row in content.rows[S.CONTACTS.name][:12]:
        row.pop(S.CONTACT_NAME.header)  # a required value missing: an error
    path = write_workbook(tmp_path / "feil.xlsx", content)
    blank = [r for r in read_workbook(FileSource(path)).contacts if not r[S.CONTACT_NAME]]
    first = blank[0].location(S.CONTACT_NAME)

    assert main(["report", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Rapporten er ikke laget: «feil.xlsx» har")
    assert f"{S.CONTACTS.name}!{first.address} ({S.CONTACT_NAME.header}):" in out
    listed = [line for line in out.splitlines() if line.startswith("  ") and "!" in line]
    assert len(listed) == 10
    assert "feil til. Se alle med «innspill validate feil.xlsx»." in out
    assert not path.with_suffix(".docx").exists()


@pytest.mark.parametrize("lock", ["~$innspill-2020.docx", "~$nspill-2020.docx"])
def test_an_output_open_in_word_is_not_overwritten(workbook: Path, capsys: Capture, lock: str) -> None:
    out = workbook.with_suffix(".docx")
    out.write_bytes(b"rapport som er apen i Word")
    (workbook.parent / lock).write_bytes(b"")
    assert main(["report", str(workbook)]) == 2
    assert out.read_bytes() == b"rapport som er apen i Word"
    err = capsys.readouterr().err
    assert f"fant «{lock}»" in err
    assert "Lukk den" in err


def test_a_missing_workbook_cannot_run(tmp_path: Path, capsys: Capture) -> None:
    assert main(["report", str(tmp_path / "finnes-ikke.xlsx")]) == 2
    assert "Finner ikke filen" in capsys.readouterr().err


@pytest.mark.parametrize("argument", [["-o", "rapport.pdf"], []], ids=["feil-endelse", "uten-fil"])
def test_bad_arguments_cannot_run(workbook: Path, argument: list[str], capsys: Capture) -> None:
    args = ["report", str(workbook), *argument] if argument else ["report"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: ")
    assert "Traceback" not in err


def test_a_broken_template_cannot_run(workbook: Path, tmp_path: Path, capsys: Capture) -> None:
    template = tmp_path / "mal.docx"
    document = docx.Document(io.BytesIO(default_template_bytes()))
    document.add_paragraph("{{ ukjent }}")
    document.save(str(template))
    assert main(["report", str(workbook), "--template", str(template)]) == 2
    assert "«{{ ukjent }}»" in capsys.readouterr().err
    assert not workbook.with_suffix(".docx").exists()


def test_write_template_saves_the_default_once(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "min-mal.docx"
    assert main(["report", "--write-template", str(target)]) == 0
    assert target.read_bytes() == default_template_bytes()
    assert main(["report", "--write-template", str(target)]) == 2
    assert "finnes fra før" in capsys.readouterr().err


# --- PDF --------------------------------------------------------------------------------


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in for LibreOffice: a Python script that takes the same arguments."""
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib, time\nargs = sys.argv[1:]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


CONVERT = (
    "assert args[0].startswith('-env:UserInstallation=file://') and '--headless' in args\n"
    "assert args[args.index('--convert-to') + 1].startswith('pdf:writer_pdf_Export:')\n"
    "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
    "src = pathlib.Path(args[-1])\n"
    "(out / (src.stem + '.pdf')).write_bytes(b'%PDF-1.4 ' + src.read_bytes()[:2])"
)


def test_pdf_is_made_through_libreoffice(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    soffice = fake_soffice(tmp_path, CONVERT)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    assert main(["report", str(workbook), "--pdf"]) == 0
    assert workbook.with_suffix(".pdf").read_bytes() == b"%PDF-1.4 PK"
    assert "Laget PDF-en" in capsys.readouterr().out


def test_pdf_without_libreoffice_cannot_run(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    assert main(["report", str(workbook), "--pdf"]) == 2
    assert "Fant ikke LibreOffice" in capsys.readouterr().err
    assert not workbook.with_suffix(".docx").exists()


def test_a_hanging_libreoffice_is_stopped(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    soffice = fake_soffice(tmp_path, "time.sleep(30)")
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: str(soffice))
    monkeypatch.setattr(pdf_module, "TIMEOUT", 1)
    assert main(["report", str(workbook), "--pdf"]) == 2
    assert "ble stoppet" in capsys.readouterr().err
    assert workbook.with_suffix(".docx").is_file()
    assert not workbook.with_suffix(".pdf").exists()
