"""`innspill new FILE [--year N]`: a fresh workbook from the template."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..errors import UsageError
from ._common import require_xlsx_name

NAME = "new"
HELP = "lag en ny, tom arbeidsbok fra malen"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FIL", type=Path, help="den nye arbeidsboka (.xlsx)")
    parser.add_argument("--year", type=int, metavar="ÅR", help="året for innspillsrunden")
    parser.add_argument("--force", action="store_true", help="overskriv FIL om den finnes fra før")


def run(args: argparse.Namespace) -> int:
    path: Path = require_xlsx_name(args.file)
    if path.exists() and not args.force:
        raise UsageError(f"«{path}» finnes fra før. Velg et annet navn, eller bruk --force for å overskrive.")
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise UsageError(f"Året {args.year} ser ikke riktig ut. Oppgi et år som 2026.")
    from ..template import default_content, write_workbook

    year = args.year if args.year is not None else dt.date.today().year
    write_workbook(path, default_content(year))
    print(f"Laget {path} (mal versjon 1, år {year}).")
    return 0
