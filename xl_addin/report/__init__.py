"""Lag rapport: the Word innspillsrapport from a workbook and a Word template.

`build_report` is the one entry point (the command line and the add-in call
it). The template is the package's default one or the staff's own; it holds
docxtpl placeholders (`placeholders.KNOWN_PLACEHOLDERS`) that are filled in one
pass: `content` decides what is said, `wordml` writes it in the template's
styles, `render` checks and renders the template.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .placeholders import BLOCKS, FIELDS, KNOWN_PLACEHOLDERS, placeholder_markdown

if TYPE_CHECKING:
    from ..counts import Counts
    from ..model import Workbook

__all__ = [
    "BLOCKS",
    "FIELDS",
    "KNOWN_PLACEHOLDERS",
    "build_report",
    "check_template_file",
    "placeholder_markdown",
]


def build_report(
    workbook: Workbook,
    *,
    template: Path | None = None,
    counts: Counts | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The report as .docx bytes. Raises ReportTemplateError when the template cannot be used.

    Call `validation.structure.check_structure(workbook)` (and refuse on validation errors)
    first; `counts` defaults to `compute_counts(workbook)`, `today` to the current date.
    """
    from ..counts import compute_counts
    from .content import build_content
    from .render import check_template, new_environment, open_template, render, template_source

    data, name = template_source(template)
    tpl = open_template(data, name)
    env = new_environment()
    order = check_template(tpl, name, env)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    content = build_content(
        workbook,
        counts if counts is not None else compute_counts(workbook),
        today=today or dt.date.today(),
        blocks=order,
    )
    return render(tpl, name, env, content, now)


def check_template_file(template: Path) -> list[str]:
    """Check a Word template without rendering it: its block placeholders in document order."""
    from .render import check_template, new_environment, open_template, template_source

    data, name = template_source(template)
    return check_template(open_template(data, name), name, new_environment())
