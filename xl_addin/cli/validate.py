"""`innspill validate FILE [--json] [--write]`: Kontroller on a file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from . import EXIT_OK, EXIT_PROBLEMS
from ._common import DemoContext, macro_notice, xlsx_argument

if TYPE_CHECKING:
    from ..validation.problems import Problem, ValidationReport

NAME = "validate"
HELP = "kontroller arbeidsboka og vis feil og advarsler (med ark, celle og hva som må rettes)"

SEVERITY_LABELS = {"feil": "Feil", "advarsel": "Advarsel"}
HEADER_WIDTH = 18


def add_arguments(parser: argparse.ArgumentParser) -> None:
    xlsx_argument(parser)
    parser.add_argument("--json", action="store_true", help="skriv problemene som én JSON-liste")
    parser.add_argument(
        "--write",
        action="store_true",
        help="bygg også arket Kontroll i arbeidsboka, fyll inn tomme ID-er og merk cellene med problemer",
    )


def run(args: argparse.Namespace) -> int:
    from ..engines.checking import check_file, write_check
    from ..engines.files import check_writable

    if args.write:
        check_writable(args.file)  # open in Excel or read-only: say so before the work, not after
    checked = check_file(args.file)
    report = checked.report
    macro_notice(checked.path, to_stderr=args.json)
    if args.write:
        plan = write_check(checked)
        info = sys.stderr if args.json else sys.stdout
        print(_written(checked.path.name, len(plan.edits)), file=info)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_table(report, sys.stdout)
        print(summary_line(checked.path.name, report))
    return EXIT_OK if report.valid else EXIT_PROBLEMS


def _written(name: str, ids: int) -> str:
    from ..language import Gender, Noun, count

    filled = f" og fylt inn {count(ids, Noun('ID', 'ID-er', Gender.MASCULINE))}" if ids else ""
    return f"Oppdaterte arket Kontroll i «{name}»{filled}."


def summary_line(name: str, report: ValidationReport) -> str:
    from ..language import capitalize_first

    text = f"«{name}»: {report.summary()}."
    if not report.valid:
        text += " Rett feilene før du lager rapporten."
    return capitalize_first(text)


def _by_sheet(report: ValidationReport) -> Iterator[tuple[str, list[Problem]]]:
    groups: dict[str, list[Problem]] = {}
    for problem in report.problems:
        groups.setdefault(problem.sheet, []).append(problem)
    for sheet, problems in groups.items():
        yield sheet, sorted(problems, key=lambda p: not p.is_error)  # stable: errors first, then rows


def print_table(report: ValidationReport, out: TextIO) -> None:
    """Problems grouped by sheet, errors first, one line each."""
    for sheet, problems in _by_sheet(report):
        print(sheet, file=out)
        for p in problems:
            header = p.header if len(p.header) <= HEADER_WIDTH else p.header[: HEADER_WIDTH - 1] + "…"
            label = SEVERITY_LABELS[str(p.severity)]
            print(f"  {label:<9}{p.cell:<7}{header:<{HEADER_WIDTH + 2}}{p.message} [{p.code}]", file=out)
        print(file=out)


def demo(ctx: DemoContext) -> None:
    from ..engines.checking import check_file, write_check

    checked = check_file(ctx.workbook)
    write_check(checked)
    ctx.say(summary_line(ctx.workbook.name, checked.report))
    ctx.say(f"Arket Kontroll er skrevet i {ctx.workbook}.")
    ctx.output("Kontroll", ctx.workbook)
