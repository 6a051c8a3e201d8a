"""`innspill demo [DIR]`: every action on the bundled 2020 example."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import DemoContext

NAME = "demo"
HELP = "kjør alle handlingene på eksempelet fra 2020 og vis hvor resultatene ligger"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory",
        metavar="MAPPE",
        nargs="?",
        type=Path,
        default=Path("innspill-demo"),
        help="mappen resultatene legges i (standard: innspill-demo)",
    )


def run(args: argparse.Namespace) -> int:
    from ..example import write_example
    from . import command_modules

    directory: Path = args.directory
    directory.mkdir(parents=True, exist_ok=True)
    workbook = directory / "innspill-2020.xlsx"
    write_example(workbook)
    ctx = DemoContext(directory, workbook)
    ctx.output("Eksempelarbeidsboka", workbook)
    print(f"Eksempelet fra 2020 er lagt i {workbook}.")
    for module in command_modules():
        step = getattr(module, "demo", None)
        if step is not None and module.NAME != NAME:
            print(f"\n== innspill {module.NAME}")
            step(ctx)
    print("\nResultater:")
    for label, path in ctx.outputs:
        print(f"  {label}: {path.resolve()}")
    return 0
