"""Every case of the bad-input corpus through `validate`, `counts` and `report`.

Each run must end with the expected exit status (2: the file cannot be used;
0 or 1: usable, with or without errors in the data), name the file and, where
one cell carries the damage, that cell; show no traceback; and leave the
input byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from xl_addin.engines.files import MAX_RATIO, MAX_UNPACKED_BYTES, FileSource, looks_like_zip_bomb
from xl_addin.reading import read_workbook
from xl_addin.schema import INPUT_TEXT, INPUTS

from .common import digest, innspill
from .corpus import CASES, HIDDEN_ROWS, LONGEST_TEXT_ROW, Built, column_letter, example_in
from .expect import CANNOT_RUN, EXPECT

COMMANDS = ("validate", "counts", "report")


def test_every_case_has_expectations() -> None:
    assert set(EXPECT) == set(CASES)


def _arguments(command: str, built: Built, out: Path) -> list[object]:
    if command == "report":
        return ["report", built.path, "-o", out / "rapport.docx"]
    return [command, built.path]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_case(
    case: str,
    command: str,
    corpus: Callable[[str], Built],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    built = corpus(case)
    expected: int = getattr(EXPECT[case], command)
    before = digest(built.path)

    run = innspill(capsys, *_arguments(command, built, tmp_path))

    assert run.code == expected, run.text
    assert digest(built.path) == before
    for fragment in EXPECT[case].always + (EXPECT[case].says if run.code else ()):
        assert fragment in run.text
    if run.code != 0 or command != "report":
        assert f"«{built.path.name}»" in run.text
    if run.code == CANNOT_RUN:
        assert run.err.startswith("Feil: ")
        assert len(run.err.strip().splitlines()) == 1  # one Norwegian line
    if built.where is not None and (run.code != 0 or command == "validate"):
        sheet, cell = built.where.split("!")
        assert sheet in run.text
        assert cell in run.text
    if command == "report" and run.code == 0:
        assert docx.Document(str(tmp_path / "rapport.docx")).paragraphs


def test_report_refusal_names_the_cell(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = corpus("merged-cells")
    run = innspill(capsys, "report", built.path, "-o", tmp_path / "rapport.docx")
    assert f"{built.where} (Organisasjon)" in run.out
    assert not (tmp_path / "rapport.docx").exists()


# --- usable files read as Excel shows them ---------------------------------------------------


def _values(path: Path) -> dict[str, list[tuple[int, dict[str, object]]]]:
    """Every typed value of the data sheets, by sheet and Excel row."""
    workbook = read_workbook(FileSource(path))
    return {
        name: [(r.row, {key: cell.value for key, cell in r.cells.items()}) for r in table]
        for name, table in workbook.tables.items()
    }


def test_1904_date_system_reads_the_same_dates(corpus: Callable[[str], Built], tmp_path: Path) -> None:
    assert _values(corpus("date-1904").path) == _values(example_in(tmp_path))


def _counts_json(capsys: pytest.CaptureFixture[str], path: Path) -> object:
    return json.loads(innspill(capsys, "counts", path, "--json").out)


def test_hidden_rows_are_counted(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden = corpus("hidden-rows").path
    assert _counts_json(capsys, hidden) == _counts_json(capsys, example_in(tmp_path))
    rows = {record.row for record in read_workbook(FileSource(hidden)).contacts}
    assert set(HIDDEN_ROWS) <= rows


def test_text_of_excels_longest_cell_reaches_the_report_whole(
    corpus: Callable[[str], Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = corpus("longest-text")
    sheet = load_workbook(built.path)[INPUTS.name]
    text = sheet[f"{column_letter(sheet, INPUT_TEXT)}{LONGEST_TEXT_ROW}"].value
    out = tmp_path / "rapport.docx"
    assert innspill(capsys, "report", built.path, "-o", out).code == 0
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert len(text) == 32_767
    assert text in body


# --- macros: read, never run, never dropped -------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "counts"])
def test_write_refuses_a_workbook_with_macros(
    command: str, corpus: Callable[[str], Built], capsys: pytest.CaptureFixture[str]
) -> None:
    built = corpus("macros")
    before = digest(built.path)
    run = innspill(capsys, command, built.path, "--write")
    assert run.code == CANNOT_RUN
    assert "makroer (VBA)" in run.err
    assert "Ingenting er endret" in run.err
    assert digest(built.path) == before


def test_macro_notice_keeps_json_clean(
    corpus: Callable[[str], Built], capsys: pytest.CaptureFixture[str]
) -> None:
    run = innspill(capsys, "validate", corpus("macros").path, "--json")
    assert json.loads(run.out) == []
    assert "makroer" in run.err


# --- bombs: refused quickly, in little memory --------------------------------------------------

_MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    limit = 1 << 30  # a bomb that went off would fail here at once instead of eating the machine
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from xl_addin.cli import main
    runs = []
    for path in sys.argv[1:]:
        start = time.perf_counter()
        runs.append([main(["validate", path]), time.perf_counter() - start])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    print(json.dumps({"runs": runs, "peak": peak}))
    """
)
BOMBS = ("entity-bomb", "entity-bomb-late", "entity-bomb-utf16", "zip-bomb", "lying-sizes", "far-cell")
#: Memory and time a refusal may take (a bomb that goes off takes gigabytes, or aborts).
BOMB_MEMORY = 300 * 1024 * 1024
BOMB_SECONDS = 3.0


def test_bombs_are_refused_quickly_with_bounded_memory(corpus: Callable[[str], Built]) -> None:
    paths = [str(corpus(name).path) for name in BOMBS]
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *paths],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert [code for code, _ in measured["runs"]] == [CANNOT_RUN] * len(BOMBS)
    assert max(seconds for _, seconds in measured["runs"]) < BOMB_SECONDS
    assert measured["peak"] < BOMB_MEMORY
    assert "Traceback" not in done.stderr


#: Measured on the benchmark workbook x10 (`python -m benchmarks.generate x10`): 10,000 contacts and
#: 100,000 input points, the largest the tool is sized for.
X10_UNPACKED, X10_PACKED = 90_388_708, 9_316_809


def test_zip_bomb_thresholds_let_the_largest_benchmark_through() -> None:
    assert not looks_like_zip_bomb(X10_UNPACKED, X10_PACKED)
    assert MAX_UNPACKED_BYTES >= 5 * X10_UNPACKED
    assert MAX_RATIO >= 10 * X10_UNPACKED // X10_PACKED


def test_zip_bomb_thresholds_catch_the_corpus_bomb(corpus: Callable[[str], Built]) -> None:
    import zipfile

    with zipfile.ZipFile(corpus("zip-bomb").path) as zf:
        infos = zf.infolist()
    assert looks_like_zip_bomb(sum(i.file_size for i in infos), sum(i.compress_size for i in infos))
    assert corpus("zip-bomb").path.stat().st_size < 1_000_000


# --- a real terminal -------------------------------------------------------------------------------


def _console_script() -> Path:
    script = Path(sys.executable).with_name("innspill")
    assert script.exists(), "install the project (pip install -e .) to get the innspill command"
    return script


@pytest.mark.parametrize(("case", "expected"), [("encrypted", CANNOT_RUN), ("control-characters", 1)])
def test_console_script_shows_no_traceback(case: str, expected: int, corpus: Callable[[str], Built]) -> None:
    done = subprocess.run(
        [str(_console_script()), "validate", str(corpus(case).path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == expected
    assert "Traceback" not in done.stdout + done.stderr
    assert f"«{corpus(case).path.name}»" in done.stdout + done.stderr


def test_output_to_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xl_addin.cli import counts

    def closed_pipe(*_: object) -> str:
        raise BrokenPipeError

    monkeypatch.setattr(counts, "render", closed_pipe)
    run = innspill(capsys, "counts", example_in(tmp_path))
    assert run.code == 141
    assert run.err == ""
