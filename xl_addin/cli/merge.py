"""`innspill merge FILE... -o OUT.xlsx`: merge copies of one workbook returned by several people."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ._common import DemoContext, require_xlsx_name

if TYPE_CHECKING:
    from ..teamwork.merge import MergeResult

NAME = "merge"
HELP = "slå sammen kopier av arbeidsboka som kom tilbake fra kolleger (den første filen er grunnlaget)"
DESCRIPTION = (
    "slå sammen kopier av én arbeidsbok som er sendt ut og kommet tilbake. Den FØRSTE filen er "
    "grunnlaget (den som ble sendt ut), de neste er kopiene som kom tilbake. Det en kopi har endret, "
    "tas inn; nye rader legges til; celler som er endret ulikt i to kopier, og rader som er slettet i "
    "en kopi, beholdes og listes i arket «Konflikter». Ingen av filene endres; resultatet skrives til "
    "UT. Utgangsstatus 1 når noe må avgjøres."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.add_argument(
        "files",
        metavar="FIL",
        type=Path,
        nargs="+",
        help="først grunnlaget (arbeidsboka som ble sendt ut), så kopiene som kom tilbake",
    )
    parser.add_argument(
        "-o", "--output", metavar="UT.xlsx", type=Path, required=True, help="den sammenslåtte arbeidsboka"
    )
    parser.add_argument("--force", action="store_true", help="overskriv UT om den finnes fra før")


def _check_paths(files: list[Path], out: Path, force: bool) -> None:
    if len(files) < 2:
        raise UsageError(
            "Oppgi minst to filer: først arbeidsboka som ble sendt ut, så kopiene som kom tilbake."
        )
    for path in [*files, out]:
        require_xlsx_name(path)
    seen: dict[Path, Path] = {}
    for path in files:
        resolved = path.resolve()
        if resolved in seen:
            raise UsageError(f"«{path}» er oppgitt to ganger.")
        seen[resolved] = path
    if out.resolve() in seen:
        raise UsageError(
            f"Resultatet kan ikke skrives til «{out.name}», som er en av filene som slås sammen. "
            "Velg et nytt navn med -o."
        )
    if out.exists() and not force:
        raise UsageError(f"«{out}» finnes fra før. Velg et annet navn, eller bruk --force for å overskrive.")


def merge_files(files: list[Path], out: Path) -> MergeResult:
    """Read, merge and write; the inputs are left as they were."""
    from ..teamwork.loading import read_checked
    from ..teamwork.merge import merge_workbooks
    from ..teamwork.merge_output import write_merged

    workbooks = [read_checked(path)[0] for path in files]
    result = merge_workbooks(workbooks[0], workbooks[1:])
    write_merged(files[0], result, out)
    return result


def report(result: MergeResult, out: Path) -> list[str]:
    """What the command prints."""
    from ..teamwork.merge_output import entry_line, summary_line

    lines = [
        f"Grunnlag: {result.base} (filen som ble sendt ut). Kopier: {', '.join(result.copies)}.",
        summary_line(result),
    ]
    if result.entries:
        lines.append("Må avgjøres:")
        lines.extend(f"  {entry_line(entry, result)}" for entry in result.entries)
    if result.notices:
        lines.append("Merknader:")
        lines.extend(f"  {notice}" for notice in result.notices)
    lines.append(f"Skrev {out}. Arket «Konflikter» viser alt som er tatt inn og alt som må avgjøres.")
    return lines


def run(args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    out: Path = args.output
    _check_paths(files, out, args.force)
    result = merge_files(files, out)
    for line in report(result, out):
        print(line)
    return 0 if result.clean else 1


# --- demo ---------------------------------------------------------------------------------


def demo(ctx: DemoContext) -> None:
    base = ctx.workbook
    first, second = _demo_copies(ctx)
    out = ctx.directory / "innspill-2020-samlet.xlsx"
    result = merge_files([base, first, second], out)
    ctx.say(f"innspill merge {base.name} {first.name} {second.name} -o {out.name}")
    for line in report(result, out):
        ctx.say(f"  {line}")
    ctx.output("Sammenslått arbeidsbok (med arket Konflikter)", out)


def _demo_copies(ctx: DemoContext) -> tuple[Path, Path]:
    """Two colleagues' copies: one adds an input, one marks an answer; both edit the same note."""
    import datetime as dt

    from openpyxl import load_workbook

    from ..engines.files import FileSource, save_atomic
    from ..reading import read_workbook
    from ..schema import (
        CONTACT_ANSWERED,
        CONTACT_NAME,
        CONTACT_NOTE,
        INPUT_CHAPTER,
        INPUT_ORGANISATION,
        INPUT_QUOTE,
        INPUT_RECEIVED,
        INPUT_TEXT,
        INPUT_THEMES,
        LIST_CHAPTERS,
        LIST_THEMES,
        QUOTE_NAMED,
    )

    workbook = read_workbook(FileSource(ctx.workbook))
    contact = next(r for r in workbook.contacts if r[CONTACT_ANSWERED] is None)
    name = contact[CONTACT_NAME]
    answered = dt.date(2020, 5, 12)
    new_input = {
        INPUT_ORGANISATION: name,
        INPUT_CHAPTER: LIST_CHAPTERS.default_values()[0],
        INPUT_THEMES: LIST_THEMES.default_values()[0],
        INPUT_TEXT: "Frivilligsentralen og kommunen bør ha et felles kontaktpunkt for nye innbyggere.",
        INPUT_QUOTE: QUOTE_NAMED,
        INPUT_RECEIVED: answered,
    }
    inputs = workbook.inputs
    new_row = max((r.row for r in inputs), default=inputs.header_row) + 1
    copies = {
        ctx.directory / "innspill-2020-kari.xlsx": {
            contact.location(CONTACT_NOTE): "Ringte 11. mai: svaret kommer på e-post.",
            **{inputs.location(column, new_row): value for column, value in new_input.items()},
        },
        ctx.directory / "innspill-2020-ola.xlsx": {
            contact.location(CONTACT_NOTE): "Svarte på e-post 12. mai.",
            contact.location(CONTACT_ANSWERED): answered,
        },
    }
    for path, edits in copies.items():
        book = load_workbook(ctx.workbook)
        for where, value in edits.items():
            book[where.sheet][where.address] = value
        save_atomic(book, path)
    first, second = copies
    return first, second
