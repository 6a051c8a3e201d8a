"""The bundled 2020 example breaks no rule, read from the file as users have it."""

from __future__ import annotations

from pathlib import Path

from xl_addin.engines.checking import check_file

from ..helpers import example_copy

COMMITTED = Path(__file__).parents[2] / "examples" / "innspill-2020.xlsx"


def test_committed_example_is_clean() -> None:
    report = check_file(COMMITTED).report
    assert report.problems == ()
    assert report.valid


def test_freshly_built_example_is_clean(tmp_path: Path) -> None:
    report = check_file(example_copy(tmp_path)).report
    assert [(p.code, p.sheet, p.cell) for p in report.problems] == []
