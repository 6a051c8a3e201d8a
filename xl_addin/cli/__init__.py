"""The `innspill` command line: parses, calls the library, renders.

Each command lives in its own module in this package and offers
`NAME`, `HELP`, `add_arguments(parser)`, `run(args) -> int` and optionally
`demo(ctx)`, a step of `innspill demo`. Modules import heavy libraries
inside `run`, so that `innspill --help` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from ..errors import InnspillError

#: Commands in the order help and `demo` show them; modules found but not listed come last.
ORDER = ("new", "validate", "counts", "report", "merge", "remind", "share", "serve", "demo")

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_CANNOT_RUN = 2
#: The output went to a program that stopped reading it (as a shell reports SIGPIPE).
EXIT_BROKEN_PIPE = 141


def command_modules() -> list[ModuleType]:
    found = {info.name: info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")}
    names = [n for n in ORDER if n in found] + sorted(set(found) - set(ORDER))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="innspill",
        description=(
            "Innspill: kontroller, tell og lag innspillsrapporten fra én Excel-arbeidsbok. "
            "Kommandoene virker på .xlsx-filer; de samme handlingene finnes som knapper i Excel."
        ),
        epilog="Utgangsstatus: 0 ferdig, 1 arbeidsboka har feil, 2 kommandoen kunne ikke kjøres.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"innspill {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", title="kommandoer")
    for module in command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


class _Parser(argparse.ArgumentParser):
    pass


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def _few_collections() -> None:
    """A command builds 100,000s of objects that live until it ends; with Python's default
    thresholds the garbage collector scans them again and again (3 of 20 s at 100,000 input
    points). Run as a program only: a test or server calling `main` keeps its own settings."""
    gc.set_threshold(100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        _few_collections()
    _utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad arguments, 0 on --help
        return int(exc.code or 0)
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help()
        return EXIT_CANNOT_RUN
    try:
        return int(module.run(args))
    except InnspillError as exc:
        print(f"Feil: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Avbrutt. Ingen filer er endret.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (`| head`)
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception:
        if os.environ.get("INNSPILL_DEBUG"):
            traceback.print_exc()
        print(
            "Feil: noe uventet gikk galt, og kommandoen stoppet. Filene dine er ikke endret. "
            "Send gjerne arbeidsboka og kommandoen til IT (sett INNSPILL_DEBUG=1 for detaljer).",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
