"""Time whole `innspill` processes at three sizes against the I/O floor.

    .venv/bin/python -m benchmarks.run                 # print the table
    .venv/bin/python -m benchmarks.run --readme        # and rewrite the README's table
    .venv/bin/python -m benchmarks.run --sizes typical large --runs 3

Each figure is the median wall time of `--runs` runs of a fresh process
(interpreter start included) and the peak resident memory of that process
(from `wait4`). Workbooks are generated once into `out/bench/` through the
real template (`benchmarks/generate.py`). The package is byte-compiled first,
as `pip install` does (a sandbox with PYTHONDONTWRITEBYTECODE would otherwise
compile every module in every run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import SIZES, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
README = ROOT / "README.md"
BEGIN = "<!-- benchmarks:begin -->"
END = "<!-- benchmarks:end -->"

#: Targets (issue: performance). Checked and printed; not timed unit tests.
TARGET_REPORT_VS_FLOOR = 2.0
TARGET_LINEAR = 11.0
TARGET_PEAK_MB = 300.0
TARGET_HELP_S = 0.3


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float
    exit_code: int


def measure(argv: Sequence[str], runs: int) -> Measure:
    """Median wall time and max peak RSS of `runs` fresh processes."""
    times: list[float] = []
    peaks: list[float] = []
    code = 0
    env = dict(os.environ, XLWINGS_LICENSE_KEY=os.environ.get("XLWINGS_LICENSE_KEY", "noncommercial"))
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)  # kB on Linux
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
    return Measure(statistics.median(times), max(peaks), code)


def innspill(*args: str) -> list[str]:
    return [sys.executable, "-m", "xl_addin", *args]


def workbook(size: str, regenerate: bool) -> Path:
    path = OUT / f"{size}.xlsx"
    if regenerate or not path.exists():
        print(f"generating {path} …", file=sys.stderr)
        generate(size, path)
    return path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def rows_of(size: str) -> str:
    spec = SIZES[size]
    if spec is None:
        return "29 / 59 / 17"
    return f"{spec.contacts:,} / {spec.inputs:,} / {spec.examples:,}".replace(",", " ")


def byte_compile() -> None:
    for package in ("xl_addin", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)


def run(sizes: Sequence[str], runs: int, regenerate: bool) -> tuple[list[str], list[str]]:
    byte_compile()
    lines = [
        f"Machine: {machine()}. Median of {runs} runs, whole processes; peak = max resident memory.",
        "",
        "| size | contacts / inputs / examples | validate | counts | report | floor | report ÷ floor "
        "| peak memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    verdicts: list[str] = []
    results: dict[str, dict[str, Measure]] = {}
    for size in sizes:
        path = workbook(size, regenerate)
        docx = OUT / f"{size}.docx"
        m = {
            "validate": measure(innspill("validate", str(path)), runs),
            "counts": measure(innspill("counts", str(path)), runs),
            "report": measure(innspill("report", str(path), "-o", str(docx)), runs),
            "floor": measure(
                [sys.executable, "-m", "benchmarks.floor", str(path), str(OUT / "floor.docx")], runs
            ),
        }
        results[size] = m
        ratio = m["report"].seconds / m["floor"].seconds
        peak = max(x.peak_mb for k, x in m.items() if k != "floor")
        lines.append(
            f"| {size} | {rows_of(size)} | {m['validate'].seconds:.2f} s | {m['counts'].seconds:.2f} s | "
            f"{m['report'].seconds:.2f} s | {m['floor'].seconds:.2f} s | {ratio:.1f}× | {peak:.0f} MB |"
        )
        failed = [k for k, x in m.items() if x.exit_code not in (0, 1)]
        if failed:
            verdicts.append(f"{size}: {', '.join(failed)} exited with an error")
    help_m = measure(innspill("--help"), max(runs, 5))
    lines += ["", f"`innspill --help`: {help_m.seconds:.2f} s."]

    def verdict(ok: bool, text: str) -> None:
        verdicts.append(("met: " if ok else "MISSED: ") + text)

    verdict(help_m.seconds < TARGET_HELP_S, f"`innspill --help` {help_m.seconds:.2f} s < {TARGET_HELP_S} s")
    if "large" in results:
        r = results["large"]
        ratio = r["report"].seconds / r["floor"].seconds
        verdict(
            ratio <= TARGET_REPORT_VS_FLOOR,
            f"report on large {ratio:.1f}× the floor ≤ {TARGET_REPORT_VS_FLOOR}×",
        )
    if "large" in results and "x10" in results:
        growth = results["x10"]["report"].seconds / results["large"]["report"].seconds
        verdict(growth <= TARGET_LINEAR, f"report x10 ÷ large = {growth:.1f} ≤ {TARGET_LINEAR} (linear)")
        peak = max(x.peak_mb for k, x in results["x10"].items() if k != "floor")
        verdict(peak < TARGET_PEAK_MB, f"peak memory at x10 {peak:.0f} MB < {TARGET_PEAK_MB:.0f} MB")
    return lines, verdicts


def addin_lines() -> list[str]:
    """Time of each add-in script route on the large payload (when the server package is there)."""
    try:
        from benchmarks.addin import measure_routes
    except ImportError:
        return []
    return measure_routes(workbook("large", False))


def write_readme(block: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    new = f"{BEGIN}\n" + "\n".join(block) + f"\n{END}"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {BEGIN} … {END} block")
    README.write_text(pattern.sub(lambda _m: new, text), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["typical", "large", "x10"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--readme", action="store_true", help="rewrite the table in README.md")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    lines, verdicts = run(args.sizes, args.runs, args.regenerate)
    lines += addin_lines()
    lines += ["", "Targets:", *[f"- {v}" for v in verdicts]]
    print("\n".join(lines))
    if args.readme:
        write_readme(lines)


if __name__ == "__main__":
    main()
