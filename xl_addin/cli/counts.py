"""`innspill counts FILE [--json] [--write]`: the counts; `--write` also rebuilds `Telling`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..schema import COUNTS_SHEET
from ._common import DemoContext, macro_notice, require_xlsx_name, xlsx_argument

if TYPE_CHECKING:
    from ..counts import Counts
    from ..output import OutTable

NAME = "counts"
HELP = f"tell kontakter, svar og innspill (--write bygger arket «{COUNTS_SHEET}» på nytt)"

#: Spaces between columns of a table on screen.
COLUMN_GAP = "  "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    xlsx_argument(parser)
    parser.add_argument("--json", action="store_true", help="skriv tellingen som ett JSON-objekt")
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"bygg også arket «{COUNTS_SHEET}» (tabeller og diagram) på nytt i arbeidsboka",
    )


def count_file(path: Path) -> Counts:
    """Read and count a workbook file; raises InnspillError when it cannot be used."""
    from ..counts import compute_counts
    from ..engines.files import FileSource
    from ..reading import read_workbook
    from ..validation.structure import check_structure

    workbook = read_workbook(FileSource(path))
    check_structure(workbook)
    return compute_counts(workbook)


def write_telling(path: Path, counts: Counts) -> Path:
    """Rebuild the `Telling` sheet of the file at `path` (atomically)."""
    import datetime as dt

    from ..engines.files import apply_plan_to_file
    from ..telling import telling_plan

    return apply_plan_to_file(path, telling_plan(counts, now=dt.datetime.now()))


def screen_tables(counts: Counts) -> list[OutTable]:
    """The tables of the `Telling` sheet, to print."""
    import datetime as dt

    from ..telling import telling_plan

    return telling_plan(counts, now=dt.datetime.now()).sheets[0].tables


def percent_text(rate: float) -> str:
    """A rate as Excel shows it with the format "0 %" (half up, 15 significant digits)."""
    from ..language import NBSP

    whole = Decimal(f"{rate * 100:.12g}").quantize(Decimal(1), ROUND_HALF_UP)
    return f"{whole}{NBSP}%"


def _cell_text(value: object, number_format: str | None) -> str:
    from ..language import EN_DASH

    is_percent = number_format is not None and "%" in number_format
    if value is None:
        return EN_DASH if is_percent else ""
    if isinstance(value, float) and is_percent:
        return percent_text(value)
    return str(value)


def render_table(table: OutTable) -> list[str]:
    """A table as aligned text lines: caption, header, rule, rows; numbers right-aligned."""
    texts = [[_cell_text(v, table.number_formats.get(j)) for j, v in enumerate(row)] for row in table.rows]
    grid = [list(table.header), *texts]
    widths = [max(len(row[j]) for row in grid) for j in range(len(table.header))]
    numeric = [
        bool(table.rows) and all(isinstance(row[j], int | float | None) for row in table.rows)
        for j in range(len(table.header))
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[j]) if numeric[j] else cell.ljust(widths[j]) for j, cell in enumerate(cells)
        ]
        return COLUMN_GAP.join(parts).rstrip()

    rule = COLUMN_GAP.join("-" * w for w in widths)
    lines = [table.caption or table.name, line(grid[0]), rule, *(line(row) for row in grid[1:])]
    return lines if table.rows else [*lines, "(ingen)"]


def render(counts: Counts, title: str) -> str:
    from ..telling import summary_lines

    lines = [title, *summary_lines(counts)]
    for table in screen_tables(counts):
        lines += ["", *render_table(table)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    path: Path = require_xlsx_name(args.file)
    if args.write:
        from ..engines.files import check_writable

        check_writable(path)  # open in Excel or read-only: say so before the work, not after
    counts = count_file(path)
    macro_notice(path, to_stderr=args.json)
    if args.write:
        write_telling(path, counts)
    if args.json:
        print(json.dumps(counts.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render(counts, f"Telling for «{path.name}»"))
    if args.write:
        note = f"Oppdaterte arket «{COUNTS_SHEET}» i {path}."
        if args.json:
            import sys

            print(note, file=sys.stderr)
        else:
            print(f"\n{note}")
    return 0


def demo(ctx: DemoContext) -> None:
    counts = count_file(ctx.workbook)
    write_telling(ctx.workbook, counts)
    ctx.say("\n".join(render_table(screen_tables(counts)[0])))
    ctx.say(f"Oppdaterte arket «{COUNTS_SHEET}» i {ctx.workbook}.")
    ctx.output(COUNTS_SHEET, ctx.workbook)
