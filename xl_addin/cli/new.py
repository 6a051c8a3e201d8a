"""`innspill new FILE [--year N] [--from OLD.xlsx]`: a fresh workbook from the template."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ._common import DemoContext, require_xlsx_name

if TYPE_CHECKING:
    from ..teamwork.carry import CarryOver

NAME = "new"
HELP = "lag en ny arbeidsbok fra malen (med --from: fra fjorårets arbeidsbok)"
DESCRIPTION = (
    "lag en ny arbeidsbok fra malen. Med --from tas fjorårets kontakter, lister og tekster med; "
    "«Kontaktet» og «Svar mottatt» tømmes, og innspill og eksempler starter tomme."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.add_argument("file", metavar="FIL", type=Path, help="den nye arbeidsboka (.xlsx)")
    parser.add_argument(
        "--year",
        type=int,
        metavar="ÅR",
        help="året for innspillsrunden (standard: i år, eller året etter arbeidsboka i --from)",
    )
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="GAMMEL.xlsx",
        help=(
            "fjorårets arbeidsbok: kontakter (med «Kontaktet» og «Svar mottatt» tømt), lister og "
            "tekster tas med; innspill og eksempler starter tomme. Den gamle filen endres ikke."
        ),
    )
    parser.add_argument("--force", action="store_true", help="overskriv FIL om den finnes fra før")


def _check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"«{path}» finnes fra før. Velg et annet navn, eller bruk --force for å overskrive.")


def run(args: argparse.Namespace) -> int:
    path: Path = require_xlsx_name(args.file)
    _check_target(path, args.force)
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise UsageError(f"Året {args.year} ser ikke riktig ut. Oppgi et år som 2026.")
    if args.source is not None:
        return _run_from(path, args.source, args.year)
    from ..template import default_content, write_workbook

    year = args.year if args.year is not None else dt.date.today().year
    write_workbook(path, default_content(year))
    print(f"Laget {path} (mal versjon 1, år {year}).")
    return 0


def _run_from(path: Path, source: Path, year: int | None) -> int:
    if source.exists() and path.exists() and source.resolve() == path.resolve():
        raise UsageError(
            f"Den nye arbeidsboka kan ikke være den samme filen som «{source.name}». Velg et annet navn."
        )
    carry = _carry_file(source, path, year)
    print(f"Laget {path} for {carry.year} fra «{source.name}» (mal versjon 1).")
    for line in carry.summary():
        print(f"  {line}")
    return 0


def _carry_file(source: Path, path: Path, year: int | None) -> CarryOver:
    from ..teamwork.carry import carry_over, write_carried
    from ..teamwork.loading import read_checked

    workbook, extra = read_checked(source)
    carry = carry_over(workbook, extra, year)
    write_carried(path, carry)
    return carry


def demo(ctx: DemoContext) -> None:
    target = ctx.directory / "innspill-2021.xlsx"
    carry = _carry_file(ctx.workbook, target, None)
    ctx.say(f"innspill new {target.name} --from {ctx.workbook.name}")
    for line in carry.summary():
        ctx.say(f"  {line}")
    ctx.output(f"Neste års arbeidsbok ({carry.year})", target)
