"""`innspill remind FILE -o DIR`: e-post drafts and a call list for those who have not answered."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ._common import DemoContext, require_xlsx_name, xlsx_argument

if TYPE_CHECKING:
    from ..teamwork.remind import Reminders

NAME = "remind"
HELP = "lag e-postutkast og ringeliste til dem som er kontaktet og ikke har svart"
DESCRIPTION = (
    "lag påminnelser til organisasjoner som er kontaktet og ikke har svart: ett e-postutkast (.eml, "
    "åpnes i Outlook klart til å sendes) per organisasjon med e-postadresse, og en ringeliste "
    "(ringeliste.xlsx) for dem uten. Ingenting sendes."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    xlsx_argument(parser)
    parser.add_argument(
        "-o", "--output", metavar="MAPPE", type=Path, required=True, help="mappen utkastene legges i"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="skriv i MAPPE selv om den ikke er tom (filer med samme navn erstattes)",
    )


def _check_directory(directory: Path, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"«{directory}» er en fil, ikke en mappe. Oppgi en mappe med -o.")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise UsageError(
            f"Mappen «{directory}» er ikke tom. Velg en ny mappe, eller bruk --force for å skrive i den."
        )


def remind(path: Path, directory: Path) -> tuple[Reminders, list[Path]]:
    from ..teamwork.loading import read_checked
    from ..teamwork.remind import plan_reminders, write_reminders

    workbook, _ = read_checked(path)
    reminders = plan_reminders(workbook)
    return reminders, write_reminders(reminders, directory)


def report(reminders: Reminders, written: list[Path], directory: Path) -> list[str]:
    from ..language import Gender, Noun, count

    organisation = Noun("organisasjon", "organisasjoner", Gender.FEMININE)
    lines = []
    if reminders.drafts:
        lines.append(f"E-postutkast til {count(len(reminders.drafts), organisation)} (ingenting er sendt):")
        lines.extend(f"  {path}" for path in written if path.suffix == ".eml")
    else:
        lines.append("Ingen e-postutkast: alle som er kontaktet og har e-post, har svart.")
    if reminders.calls:
        lines.append(f"Ringeliste med {count(len(reminders.calls), organisation)} uten (gyldig) e-post:")
        lines.extend(f"  {path}" for path in written if path.suffix == ".xlsx")
    if reminders.not_contacted:
        names = ", ".join(reminders.not_contacted)
        lines.append(f"Ikke kontaktet ennå (ingen dato i «Kontaktet»), ingen påminnelse: {names}.")
    if reminders.missing_settings:
        lines.append(
            "Tomt i Oppsett, og derfor ikke med i teksten: " + ", ".join(reminders.missing_settings) + "."
        )
    if not written:
        lines.append(f"Ingen filer er skrevet i {directory}.")
    return lines


def run(args: argparse.Namespace) -> int:
    path: Path = require_xlsx_name(args.file)
    directory: Path = args.output
    _check_directory(directory, args.force)
    reminders, written = remind(path, directory)
    for line in report(reminders, written, directory):
        print(line)
    return 0


def demo(ctx: DemoContext) -> None:
    directory = ctx.directory / "paminnelser"
    reminders, written = remind(ctx.workbook, directory)
    ctx.say(f"innspill remind {ctx.workbook.name} -o {directory.name}")
    for line in report(reminders, written, directory):
        ctx.say(f"  {line}")
    ctx.output("Påminnelser (e-postutkast og ringeliste)", directory)
