"""Checks that stop an action: missing sheets or columns, another template version."""

from __future__ import annotations

from ..errors import TemplateMismatch
from ..model import Workbook
from ..reading import cell_text
from ..schema import (
    DATA_SHEETS,
    LIST_CATEGORIES,
    LIST_CHAPTERS,
    LISTS_SHEET,
    SETTING_VERSION,
    SETTINGS,
    TEMPLATE_VERSION,
    TEXTS,
)


def structure_problems(workbook: Workbook) -> list[str]:
    """Norwegian sentences, one per structural problem; empty when the workbook fits."""
    problems: list[str] = []
    if not workbook.settings.present:
        problems.append(
            f"Arket «{SETTINGS.name}» mangler (eller mangler overskriftene «{SETTINGS.key_header}» "
            f"og «{SETTINGS.value_header}»)."
        )
    else:
        version = workbook.settings.cell(SETTING_VERSION)
        if version.value != TEMPLATE_VERSION:
            where = workbook.settings.location(SETTING_VERSION)
            shown = "tom" if version.raw is None else f"«{cell_text(version.raw)}»"
            problems.append(
                f"Arbeidsboka er laget for en annen malversjon ({SETTINGS.name}!{where.address}: "
                f"{SETTING_VERSION} er {shown}, denne versjonen av verktøyet leser versjon "
                f"{TEMPLATE_VERSION}). Lag en ny arbeidsbok med «innspill new» og flytt dataene over."
            )
    for spec in DATA_SHEETS:
        table = workbook.tables[spec.name]
        if not table.present:
            problems.append(f"Arket «{spec.name}» mangler, eller finner ikke overskriftsraden på det.")
            continue
        missing = [c.header for c in spec.required_columns if not table.has(c)]
        if missing:
            names = ", ".join(f"«{m}»" for m in missing)
            problems.append(
                f"Arket «{spec.name}» mangler kolonnen {names} (overskrift i rad {table.header_row})."
                if len(missing) == 1
                else f"Arket «{spec.name}» mangler kolonnene {names} (overskrifter i rad {table.header_row})."
            )
    if not workbook.texts.present:
        problems.append(
            f"Arket «{TEXTS.name}» mangler (eller mangler overskriftene «{TEXTS.key_header}» "
            f"og «{TEXTS.value_header}»)."
        )
    for list_spec in (LIST_CATEGORIES, LIST_CHAPTERS):
        if not workbook.lists[list_spec.name].present:
            problems.append(
                f"Arket «{LISTS_SHEET}» mangler listen «{list_spec.name}» "
                f"(kolonnen «{list_spec.key.header}»)."
            )
    return problems


def check_structure(workbook: Workbook) -> None:
    """Raise TemplateMismatch (one message, every structural problem) unless the workbook fits."""
    problems = structure_problems(workbook)
    if problems:
        head = f"«{workbook.name}» kan ikke brukes slik den er: " if workbook.name else ""
        raise TemplateMismatch(head + " ".join(problems))
