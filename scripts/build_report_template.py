"""Regenerate the default Word template of the report (xl_addin/report/templates/innspillsrapport.docx).

Run after changing `xl_addin/report/template_builder.py`:
    .venv/bin/python scripts/build_report_template.py
"""

from __future__ import annotations

from pathlib import Path

from xl_addin.report.render import DEFAULT_TEMPLATE
from xl_addin.report.template_builder import build_default_template

TARGET = Path(__file__).resolve().parent.parent / "xl_addin" / "report" / "templates" / DEFAULT_TEMPLATE


def main() -> None:
    TARGET.write_bytes(build_default_template())
    print(TARGET)


if __name__ == "__main__":
    main()
