"""The teamwork steps of `innspill demo` run on the bundled example and say where their outputs are."""

from __future__ import annotations

from pathlib import Path

import pytest

from xl_addin.cli import merge, new, remind, share
from xl_addin.cli._common import DemoContext

from .workbooks import copy_of, digest, read


def test_demo_steps(tmp_path: Path, example_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = copy_of(example_file, tmp_path / "innspill-2020.xlsx")
    before = digest(workbook)
    ctx = DemoContext(tmp_path, workbook)
    for module in (new, merge, remind, share):
        module.demo(ctx)
    assert digest(workbook) == before
    outputs = {path.name for _, path in ctx.outputs}
    assert outputs == {
        "innspill-2021.xlsx",
        "innspill-2020-samlet.xlsx",
        "paminnelser",
        "innspill-2020-deling.xlsx",
    }
    assert all(path.exists() for _, path in ctx.outputs)
    printed = capsys.readouterr().out
    assert "Må avgjøres: ett punkt" in printed  # the two copies edited the same note differently
    assert len(read(tmp_path / "innspill-2020-samlet.xlsx").inputs) == len(read(workbook).inputs) + 1
