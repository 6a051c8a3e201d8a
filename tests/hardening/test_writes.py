"""No data loss: inputs are never changed, writes are atomic, open and read-only files are refused.

Every command that writes is run against a target that is open in Excel or
Word, read-only, or whose write fails half-way (disk full, the file locked at
the last moment, Ctrl+C): the exit status is 2 (130 for Ctrl+C), the message
names the file, the target and every input are byte for byte as they were,
and no temporary or backup file is left behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook

from xl_addin.engines.files import lock_file

from .common import digest, innspill, listing
from .corpus import example_bytes, example_in

CANNOT_RUN = 2
INTERRUPTED = 130


@dataclass(frozen=True)
class Write:
    """A command that writes `target` from the workbook `source` (arguments made in a folder)."""

    name: str
    arguments: Callable[[Path, Path], list[object]]
    target_name: str
    saves_with_openpyxl: bool = True


def _copy(folder: Path) -> Path:
    """A colleague's returned copy, for merge."""
    return example_in(folder, "innspill-2020-kari.xlsx")


WRITES = (
    Write("validate --write", lambda src, out: ["validate", src, "--write"], "innspill-2020.xlsx"),
    Write("counts --write", lambda src, out: ["counts", src, "--write"], "innspill-2020.xlsx"),
    Write("report", lambda src, out: ["report", src, "-o", out], "rapport.docx", saves_with_openpyxl=False),
    Write("merge", lambda src, out: ["merge", src, _copy(src.parent), "-o", out, "--force"], "samlet.xlsx"),
    Write(
        "share",
        lambda src, out: ["share", src, "-o", out, "--force"],
        "deling.xlsx",
        saves_with_openpyxl=False,
    ),
    Write("new", lambda src, out: ["new", out, "--year", 2021, "--force"], "ny.xlsx"),
    Write("new --from", lambda src, out: ["new", out, "--from", src, "--force"], "ny.xlsx"),
)
IDS = [w.name for w in WRITES]


@dataclass
class Scene:
    """A folder with the example workbook and an existing target for a write."""

    folder: Path
    source: Path
    target: Path
    hashes: dict[Path, str]
    files: list[str]

    def unchanged(self) -> None:
        assert {path: digest(path) for path in self.hashes} == self.hashes
        assert listing(self.folder) == self.files


def _scene(tmp_path: Path, write: Write, prepare: Callable[[Path], object] | None = None) -> Scene:
    """The example, a colleague's copy and an existing target (then `prepare(target)`), recorded."""
    source = example_in(tmp_path)
    target = tmp_path / write.target_name
    if not target.exists():
        target.write_bytes(b"what the user had here before" if target.suffix == ".docx" else example_bytes())
    _copy(tmp_path)
    if prepare is not None:
        prepare(target)
    hashes = {path: digest(path) for path in tmp_path.iterdir()}
    return Scene(tmp_path, source, target, hashes, listing(tmp_path))


# --- open in Excel or Word ------------------------------------------------------------------------


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_target_open_in_excel_or_word_is_refused(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the owner file Excel and Word keep beside an open file
    scene = _scene(tmp_path, write, lambda target: lock_file(target).write_bytes(b""))

    run = innspill(capsys, *write.arguments(scene.source, scene.target))

    assert run.code == CANNOT_RUN
    assert f"«{scene.target.name}» ser ut til å være åpen" in run.err
    scene.unchanged()


# --- read-only ------------------------------------------------------------------------------------


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_read_only_target_is_refused(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = _scene(tmp_path, write)
    scene.target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        run = innspill(capsys, *write.arguments(scene.source, scene.target))
    finally:
        scene.target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert run.code == CANNOT_RUN
    assert f"«{scene.target.name}» er skrivebeskyttet" in run.err
    scene.unchanged()


# --- failures half-way ----------------------------------------------------------------------------


def _replace_fails(error: BaseException) -> Callable[..., None]:
    def replace(*_: object) -> None:
        raise error

    return replace


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_file_locked_at_the_last_moment_changes_nothing(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = _scene(tmp_path, write)
    monkeypatch.setattr(os, "replace", _replace_fails(PermissionError(errno.EACCES, "in use")))

    run = innspill(capsys, *write.arguments(scene.source, scene.target))

    assert run.code == CANNOT_RUN
    assert f"Kan ikke skrive «{scene.target.name}»: filen er låst" in run.err
    scene.unchanged()


@pytest.mark.parametrize("write", WRITES, ids=IDS)
def test_ctrl_c_during_a_write_changes_nothing(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = _scene(tmp_path, write)
    monkeypatch.setattr(os, "replace", _replace_fails(KeyboardInterrupt()))

    run = innspill(capsys, *write.arguments(scene.source, scene.target))

    assert run.code == INTERRUPTED
    assert "Avbrutt. Ingen filer er endret." in run.err
    scene.unchanged()


def _half_written(error: BaseException) -> Callable[[OpenpyxlWorkbook, object], None]:
    """An openpyxl save that writes half a file and then fails."""

    def save(self: OpenpyxlWorkbook, filename: object) -> None:
        Path(str(filename)).write_bytes(example_bytes()[:1000])
        raise error

    return save


OPENPYXL_WRITES = [w for w in WRITES if w.saves_with_openpyxl]


@pytest.mark.parametrize("write", OPENPYXL_WRITES, ids=[w.name for w in OPENPYXL_WRITES])
@pytest.mark.parametrize(
    ("error", "code", "says"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), CANNOT_RUN, "Kan ikke skrive"),
        (KeyboardInterrupt(), INTERRUPTED, "Avbrutt. Ingen filer er endret."),
    ],
    ids=["disk-full", "ctrl-c"],
)
def test_save_failing_half_way_changes_nothing(
    write: Write,
    error: BaseException,
    code: int,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scene = _scene(tmp_path, write)
    monkeypatch.setattr(OpenpyxlWorkbook, "save", _half_written(error))

    run = innspill(capsys, *write.arguments(scene.source, scene.target))

    assert run.code == code
    assert says in run.err
    scene.unchanged()


# --- inputs are never changed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate"],
        ["validate", "--json"],
        ["counts"],
        ["counts", "--json"],
        ["report", "-o", "rapport.docx"],
        ["share", "-o", "deling.xlsx"],
        ["remind", "-o", "paminnelser"],
        ["new", "ny.xlsx", "--from"],
    ],
    ids=lambda a: " ".join(a),
)
def test_commands_never_change_their_input(
    arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = example_in(tmp_path)
    before = digest(source)
    command, *options = arguments
    placed = [
        str(tmp_path / o) if o.endswith((".docx", ".xlsx")) or o == "paminnelser" else o for o in options
    ]
    args = [command, *placed, source] if command == "new" else [command, source, *placed]

    assert innspill(capsys, *args).code in (0, 1)
    assert digest(source) == before


def test_merge_never_changes_its_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, copy = example_in(tmp_path), _copy(tmp_path)
    hashes = {path: digest(path) for path in (base, copy)}
    assert innspill(capsys, "merge", base, copy, "-o", tmp_path / "samlet.xlsx").code == 0
    assert {path: digest(path) for path in hashes} == hashes


def test_a_file_of_the_users_named_like_the_backup_survives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = example_in(tmp_path)
    own = tmp_path / "innspill-2020.backup.xlsx"  # the user's own backup, named as ours would be
    own.write_bytes(b"the user's own copy")
    files = listing(tmp_path)

    assert innspill(capsys, "validate", source, "--write").code == 0

    assert own.read_bytes() == b"the user's own copy"
    assert listing(tmp_path) == files
