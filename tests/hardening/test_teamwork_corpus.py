"""The corpus through the teamwork commands: `new --from`, `merge` and `share`.

A file that cannot be used is refused with one Norwegian line (exit 2); a
usable one is carried over, merged or shared without a traceback; the input
files stay as they were; and what the user typed (text that starts with "=",
control characters) comes out of the new workbook exactly as it went in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from xl_addin.engines.files import FileSource
from xl_addin.engines.formulas import formula_cells
from xl_addin.reading import read_workbook
from xl_addin.schema import CONTACT_NOTE, CONTACTS, INPUT_TEXT, INPUTS, Column

from .common import digest, innspill
from .corpus import CASES, Built, example_in
from .expect import CANNOT_RUN, EXPECT

COMMANDS: dict[str, Callable[[Path, Path], list[object]]] = {
    "new --from": lambda source, folder: ["new", folder / "ny.xlsx", "--from", source],
    "merge": lambda source, folder: ["merge", example_in(folder), source, "-o", folder / "samlet.xlsx"],
    "share": lambda source, folder: ["share", source, "-o", folder / "deling.xlsx"],
}


#: Usable cases that hold nothing new for the teamwork commands (they only slow the run down).
SAME_AS_EXAMPLE = ("hidden-rows", "text-dates-numbers")
TEAMWORK_CASES = sorted(set(CASES) - set(SAME_AS_EXAMPLE))


def _refused(case: str, command: str) -> bool:
    """Files that cannot be read are refused by every command; `share` also refuses macros
    (saving with openpyxl would drop them)."""
    return EXPECT[case].validate == CANNOT_RUN or (case == "macros" and command == "share")


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", TEAMWORK_CASES)
def test_case(
    case: str,
    command: str,
    corpus: Callable[[str], Built],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    built = corpus(case)
    before = digest(built.path)

    run = innspill(capsys, *COMMANDS[command](built.path, tmp_path))

    assert digest(built.path) == before
    if _refused(case, command):
        assert run.code == CANNOT_RUN
        assert run.err.startswith("Feil: ")
        assert f"«{built.path.name}»" in run.err
    else:
        assert run.code in (0, 1), run.text


def _value(path: Path, sheet: str, column: Column, row: int) -> object:
    table = read_workbook(FileSource(path)).tables[sheet]
    return next(r.cell(column).raw for r in table if r.row == row)


def test_new_from_keeps_text_that_starts_with_equals_as_text(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = corpus("formulas").path
    new = tmp_path / "ny.xlsx"
    assert innspill(capsys, "new", new, "--from", old).code == 0
    assert formula_cells(new)[CONTACTS.name] == set()
    assert _value(new, CONTACTS.name, CONTACT_NOTE, 2) == _value(old, CONTACTS.name, CONTACT_NOTE, 2)


def test_new_from_keeps_control_characters(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = corpus("control-characters").path
    new = tmp_path / "ny.xlsx"
    assert innspill(capsys, "new", new, "--from", old).code == 0
    carried = _value(new, CONTACTS.name, CONTACT_NOTE, 2)
    assert carried == _value(old, CONTACTS.name, CONTACT_NOTE, 2)
    assert "\x07" in str(carried)


def test_merge_takes_in_text_with_control_characters_unchanged(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = corpus("control-characters").path
    merged = tmp_path / "samlet.xlsx"
    assert innspill(capsys, "merge", example_in(tmp_path), copy, "-o", merged).code == 0
    assert _value(merged, INPUTS.name, INPUT_TEXT, 2) == _value(copy, INPUTS.name, INPUT_TEXT, 2)
    assert _value(merged, CONTACTS.name, CONTACT_NOTE, 2) == _value(copy, CONTACTS.name, CONTACT_NOTE, 2)
