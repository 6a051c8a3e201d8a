"""`innspill report FILE [-o OUT.docx] [--template T.docx] [--pdf]`: the Word report.

Refuses (exit 1) when validation finds errors, and shows the first of them
with sheet and cell. Writes atomically, never over a file that is open in
Word or read-only. `--write-template MAL.docx` saves the default template
for the staff to edit.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, WriteRefused
from . import EXIT_OK, EXIT_PROBLEMS
from ._common import DemoContext, macro_notice, require_xlsx_name

if TYPE_CHECKING:
    from ..validation import Problem, ValidationReport

NAME = "report"
HELP = "lag innspillsrapporten i Word (og PDF med --pdf) fra arbeidsboka"

#: How many errors are shown when the report is refused.
SHOWN_ERRORS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", type=Path, nargs="?", help="arbeidsboka (.xlsx)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="UT.docx",
        type=Path,
        help="hvor rapporten lagres (standard: ved siden av arbeidsboka, med samme navn og .docx)",
    )
    parser.add_argument(
        "--template", metavar="MAL.docx", type=Path, help="egen Word-mal med plassholdere (se README)"
    )
    parser.add_argument("--pdf", action="store_true", help="lag også en PDF (krever LibreOffice)")
    parser.add_argument(
        "--write-template",
        metavar="MAL.docx",
        type=Path,
        help="lagre standardmalen som MAL.docx, til å redigere i Word (da trengs ingen arbeidsbok)",
    )


# --- files -------------------------------------------------------------------------------


def word_lock_files(path: Path) -> list[Path]:
    """The owner files Word may keep next to an open document ("~$" replaces up to two letters)."""
    name = path.name
    return [path.with_name("~$" + name[cut:]) for cut in (0, 1, 2) if len(name) - cut > len(path.suffix)]


def check_output(path: Path, suffix: str) -> None:
    """Refuse an output of the wrong kind, open in Word or read-only, before any work is done."""
    from ..engines.files import check_writable

    if path.suffix.lower() != suffix:
        raise UsageError(f"«{path.name}» må slutte på {suffix}.")
    for lock in word_lock_files(path):
        if lock.exists():
            raise WriteRefused(
                f"«{path.name}» ser ut til å være åpen (fant «{lock.name}»). Lukk den og prøv igjen."
            )
    check_writable(path)


def _write_template(target: Path) -> int:
    from ..engines.files import write_bytes_atomic
    from ..report.render import default_template_bytes

    if target.exists():
        raise UsageError(f"«{target}» finnes fra før. Velg et annet navn.")
    check_output(target, ".docx")
    write_bytes_atomic(default_template_bytes(), target)
    print(f"Lagret standardmalen som {target}. Rediger den i Word, og bruk den med --template {target}.")
    return EXIT_OK


# --- validation --------------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    where = f"{problem.sheet}!{problem.cell}" if problem.column and problem.row else problem.sheet
    header = f" ({problem.header})" if problem.header else ""
    return f"  {where}{header}: {problem.message}"


def refusal(report: ValidationReport, name: str) -> str:
    """Why the report is not made, with the first errors and where they are."""
    from ..language import format_number, use_words

    errors = report.errors
    lines = [f"Rapporten er ikke laget: «{name}» har {report.summary()}. Rett feilene og prøv igjen."]
    lines += [problem_line(p) for p in errors[:SHOWN_ERRORS]]
    hidden = len(errors) - SHOWN_ERRORS
    if hidden > 0:
        more = format_number(hidden, words=use_words(hidden))
        lines.append(f"  … og {more} feil til. Se alle med «innspill validate {name}».")
    return "\n".join(lines)


# --- the command -------------------------------------------------------------------------


def make_report(path: Path, out: Path, template: Path | None) -> ValidationReport | None:
    """Read, validate and write the report; the validation report when it was refused (else None)."""
    from ..engines.files import FileSource, write_bytes_atomic
    from ..engines.formulas import formula_cells
    from ..reading import read_workbook
    from ..report import build_report
    from ..validation import validate

    workbook = read_workbook(FileSource(path))
    report = validate(workbook, formulas=formula_cells(path))
    macro_notice(path)
    if not report.valid:
        return report
    if report.warnings:
        print(f"Merk: «{path.name}» har {report.summary()}. Se dem med «innspill validate {path.name}».")
    write_bytes_atomic(build_report(workbook, template=template), out)
    return None


def run(args: argparse.Namespace) -> int:
    if args.write_template is not None:
        return _write_template(args.write_template)
    if args.file is None:
        raise UsageError("Oppgi arbeidsboka: innspill report FIL.xlsx")
    path: Path = require_xlsx_name(args.file)
    out: Path = args.output or path.with_suffix(".docx")
    check_output(out, ".docx")
    pdf = out.with_suffix(".pdf")
    soffice = None
    if args.pdf:
        from ..report.pdf import require_soffice

        soffice = require_soffice()
        check_output(pdf, ".pdf")
    refused = make_report(path, out, args.template)
    if refused is not None:
        print(refusal(refused, path.name))
        return EXIT_PROBLEMS
    print(f"Laget rapporten {out}.")
    if soffice is not None:
        from ..report.pdf import convert_to_pdf

        convert_to_pdf(out, pdf, soffice=soffice)
        print(f"Laget PDF-en {pdf}.")
    return EXIT_OK


def demo(ctx: DemoContext) -> None:
    from ..report.pdf import convert_to_pdf, find_soffice

    out = ctx.directory / f"{ctx.workbook.stem}.docx"
    refused = make_report(ctx.workbook, out, None)
    if refused is not None:
        ctx.say(refusal(refused, ctx.workbook.name))
        return
    ctx.say(f"Laget rapporten {out}.")
    ctx.output("Rapporten (Word)", out)
    soffice = find_soffice()
    if soffice is None:
        ctx.say("Fant ikke LibreOffice, så det er ikke laget noen PDF.")
        return
    pdf = convert_to_pdf(out, out.with_suffix(".pdf"), soffice=soffice)
    ctx.say(f"Laget PDF-en {pdf}.")
    ctx.output("Rapporten (PDF)", pdf)
