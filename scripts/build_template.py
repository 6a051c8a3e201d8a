"""Regenerate workbook_template.xlsx (from the schema) and examples/innspill-2020.xlsx.

Run after changing the schema or the example data:  .venv/bin/python scripts/build_template.py
"""

from __future__ import annotations

from pathlib import Path

from xl_addin.example import write_example
from xl_addin.template import write_workbook

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    print(write_workbook(ROOT / "workbook_template.xlsx"))
    print(write_example(ROOT / "examples" / "innspill-2020.xlsx"))


if __name__ == "__main__":
    main()
