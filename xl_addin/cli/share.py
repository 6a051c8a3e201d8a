"""`innspill share FILE -o OUT.xlsx [--password [PW]]`: a copy without personal data, for sharing."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ._common import DemoContext, require_xlsx_name, xlsx_argument

if TYPE_CHECKING:
    from ..teamwork.share import ShareResult

NAME = "share"
HELP = "lag en kopi uten personopplysninger til lesere utenfor teamet (kan krypteres)"
DESCRIPTION = (
    "lag en kopi til lesere utenfor teamet: kontaktperson, e-post og telefon tømmes (og fjernes overalt "
    "ellers i filen), arkene «Kontroll» og «Konflikter» og kontrollmerknadene fjernes. Med --password "
    "krypteres kopien, så Excel ber om passordet. FIL endres ikke."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    xlsx_argument(parser)
    parser.add_argument("-o", "--output", metavar="UT.xlsx", type=Path, required=True, help="delingskopien")
    parser.add_argument(
        "--password",
        metavar="PASSORD",
        nargs="?",
        const="",
        help="krypter kopien med dette passordet (uten verdi: du blir spurt, og passordet vises ikke)",
    )
    parser.add_argument("--force", action="store_true", help="overskriv UT om den finnes fra før")


def _check_paths(path: Path, out: Path, force: bool) -> None:
    require_xlsx_name(path)
    require_xlsx_name(out)
    if out.resolve() == path.resolve():
        raise UsageError("Delingskopien kan ikke skrives over arbeidsboka selv. Velg et nytt navn med -o.")
    if out.exists() and not force:
        raise UsageError(f"«{out}» finnes fra før. Velg et annet navn, eller bruk --force for å overskrive.")


def _password(given: str | None) -> str | None:
    if given is None or given:
        return given
    if not sys.stdin.isatty():
        raise UsageError("Oppgi passordet etter --password (kan ikke spørre om det her).")
    first = getpass.getpass("Passord for delingskopien: ")
    if not first:
        raise UsageError("Passordet kan ikke være tomt.")
    if getpass.getpass("Gjenta passordet: ") != first:
        raise UsageError("Passordene er ikke like. Ingen fil er skrevet.")
    return first


def share(path: Path, out: Path, password: str | None) -> ShareResult:
    from ..teamwork.loading import read_checked
    from ..teamwork.share import write_share

    workbook, _ = read_checked(path)
    return write_share(path, workbook, out, password)


def report(result: ShareResult, out: Path) -> list[str]:
    lines = [f"Skrev delingskopien {out}{' (kryptert med passord)' if result.encrypted else ''}."]
    lines.append(f"Tømt {result.emptied} celler med kontaktperson, e-post og telefon.")
    if result.removed_sheets:
        names = " og ".join(f"«{name}»" for name in result.removed_sheets)
        lines.append(f"Fjernet {'arket' if len(result.removed_sheets) == 1 else 'arkene'} {names}.")
    if result.replaced:
        lines.append(
            "Personopplysninger erstattet med «[fjernet]» også her: " + ", ".join(result.replaced) + "."
        )
    if result.extra_columns:
        names = ", ".join(f"«{name}»" for name in result.extra_columns)
        lines.append(
            f"Egne kolonner i Kontakter er med i kopien: {names}. Sjekk at de ikke har personopplysninger."
        )
    if result.too_short:
        names = ", ".join(f"«{value}»" for value in result.too_short)
        lines.append(f"For korte til å lete etter andre steder i filen (bare tømt i Kontakter): {names}.")
    return lines


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    out: Path = args.output
    _check_paths(path, out, args.force)
    result = share(path, out, _password(args.password))
    for line in report(result, out):
        print(line)
    return 0


def demo(ctx: DemoContext) -> None:
    out = ctx.directory / "innspill-2020-deling.xlsx"
    result = share(ctx.workbook, out, None)
    ctx.say(f"innspill share {ctx.workbook.name} -o {out.name}")
    for line in report(result, out):
        ctx.say(f"  {line}")
    ctx.say("  (med --password blir kopien kryptert, og Excel ber om passordet)")
    ctx.output("Delingskopi uten personopplysninger", out)
