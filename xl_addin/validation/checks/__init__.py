"""The checks, one function per rule, each `(workbook, context) -> Iterable[Problem]`.

A new rule is a function in the module of its area, registered in `CHECKS`
and given a code in `messages.MESSAGES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...model import Workbook
from ..context import Context
from ..problems import Problem
from . import cells, columns, contacts, dates, identity, inputs, lists, privacy, settings, text

Check = Callable[[Workbook, Context], Iterable[Problem]]

CHECKS: tuple[Check, ...] = (
    # columns and lists first: they explain later problems
    columns.missing_columns,
    lists.missing_lists,
    lists.empty_lists,
    lists.duplicate_list_values,
    lists.category_forms,
    lists.genders,
    lists.duplicate_order,
    # Oppsett and Tekster
    settings.missing_settings,
    settings.setting_values,
    settings.unknown_settings,
    settings.duplicate_keys,
    settings.unknown_text_parts,
    # single cells
    cells.required_values,
    cells.conversion_issues,
    cells.list_values,
    cells.repeated_choices,
    cells.excel_error_values,
    text.formula_cells,
    text.formula_like_text,
    text.invalid_characters,
    text.excel_escapes,
    # rows and sheets
    identity.duplicate_ids,
    identity.id_formats,
    identity.duplicate_names,
    contacts.email_addresses,
    contacts.phone_numbers,
    contacts.agreement_category,
    dates.answer_order,
    dates.future_dates,
    dates.dates_outside_year,
    dates.setting_dates_order,
    inputs.organisation_references,
    inputs.answered_without_input,
    inputs.input_without_answer,
    inputs.duplicate_inputs,
    privacy.personal_data_in_text,
)
