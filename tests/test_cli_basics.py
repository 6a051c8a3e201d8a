"""The command line: help for every command, `new`, and clean failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xl_addin import schema as S
from xl_addin.cli import build_parser, command_modules, main
from xl_addin.engines.files import FileSource
from xl_addin.reading import read_workbook

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_command_has_help_and_a_readme_entry() -> None:
    readme = README.read_text(encoding="utf-8")
    modules = command_modules()
    assert {m.NAME for m in modules} >= {"new", "demo"}
    for module in modules:
        assert module.HELP.strip(), module.NAME
        assert re.search(rf"`innspill {module.NAME}\b", readme), f"README lacks `innspill {module.NAME}`"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for module in command_modules():
        assert module.NAME in out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "KOMMANDO" in capsys.readouterr().out


def test_bad_arguments_exit_2() -> None:
    assert main(["new"]) == 2
    assert build_parser().prog == "innspill"


def test_new_makes_a_template_workbook_for_the_year(tmp_path: Path) -> None:
    path = tmp_path / "ny.xlsx"
    assert main(["new", str(path), "--year", "2027"]) == 0
    wb = read_workbook(FileSource(path))
    assert wb.settings.get(S.SETTING_YEAR) == 2027
    assert wb.settings.get(S.SETTING_VERSION) == S.TEMPLATE_VERSION
    assert len(wb.contacts) == 0


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ny.xlsx"
    path.write_bytes(b"mine")
    assert main(["new", str(path)]) == 2
    assert path.read_bytes() == b"mine"
    err = capsys.readouterr().err
    assert "finnes fra før" in err
    assert "Traceback" not in err


def test_new_refuses_other_extensions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "ny.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_demo_writes_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path)]) == 0
    assert (tmp_path / "innspill-2020.xlsx").exists()
    assert str(tmp_path) in capsys.readouterr().out
