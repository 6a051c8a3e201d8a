"""The committed template equals a fresh build; every schema column is in it with its validation."""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook

from xl_addin import schema as S
from xl_addin.template import ORGANISATIONS_NAME, write_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "workbook_template.xlsx"


@functools.cache
def template() -> OpenpyxlWorkbook:
    return load_workbook(TEMPLATE)


def describe(book: OpenpyxlWorkbook) -> dict[str, Any]:
    """What matters about a workbook: sheets, values, tables, validations, names, formats."""
    sheets: dict[str, Any] = {}
    for ws in book.worksheets:
        sheets[ws.title] = {
            "values": [[c.value for c in row] for row in ws.iter_rows()],
            "formats": sorted({(c.coordinate, c.number_format) for row in ws.iter_rows() for c in row}),
            "tables": sorted((t.displayName, t.ref) for t in ws.tables.values()),
            "validations": sorted(
                (str(dv.sqref), dv.type or "", dv.formula1 or "", dv.prompt or "", dv.errorStyle or "")
                for dv in ws.data_validations.dataValidation
            ),
            "freeze": ws.freeze_panes,
            "widths": sorted((k, v.width) for k, v in ws.column_dimensions.items()),
        }
    names = sorted((n, d.attr_text) for n, d in book.defined_names.items())
    return {"order": book.sheetnames, "sheets": sheets, "names": names}


def test_committed_template_equals_fresh_build(tmp_path: Path) -> None:
    fresh = write_workbook(tmp_path / "fresh.xlsx")
    assert describe(template()) == describe(load_workbook(fresh))


def test_template_has_the_sheets_in_order() -> None:
    assert template().sheetnames == list(S.SHEET_ORDER)


@pytest.mark.parametrize("spec", S.DATA_SHEETS, ids=lambda s: s.name)
def test_every_column_has_header_table_and_validation(spec: S.TableSheet) -> None:
    book = template()
    ws = book[spec.name]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header for c in spec.columns]
    assert [t.displayName for t in ws.tables.values()] == [spec.table_name]
    assert ws.freeze_panes == "A2"
    validations = ws.data_validations.dataValidation
    for j, column in enumerate(spec.columns, start=1):
        letter = ws.cell(row=1, column=j).column_letter
        data_range = f"{letter}2:{letter}{S.PREPARED_ROWS}"
        mine = [dv for dv in validations if data_range in str(dv.sqref)]
        assert len(mine) == 1, column.header
        dv = mine[0]
        assert dv.prompt == column.help[:255]
        if column.list_name:
            list_name = S.list_spec(column.list_name).defined_name
            assert (dv.type, dv.formula1) == ("list", list_name)
        elif column.references:
            assert (dv.type, dv.formula1) == ("list", ORGANISATIONS_NAME)
        elif column.choices:
            assert dv.type == "list"
            assert dv.formula1 == '"' + ",".join(column.choices) + '"'
        elif column.kind is S.Kind.DATE:
            assert dv.type == "date"
            assert ws.cell(row=2, column=j).number_format == S.DATE_FORMAT
        if column.kind is S.Kind.MULTI_CHOICE:
            assert dv.errorStyle == "information"


def test_lists_carry_the_spec_defaults_and_defined_names() -> None:
    book = template()
    ws = book[S.LISTS_SHEET]
    header = [c.value for c in ws[1]]
    for spec in S.LISTS:
        left = header.index(spec.key.header) + 1
        values = [ws.cell(row=r, column=left).value for r in range(2, len(spec.defaults) + 2)]
        assert values == [row[0] for row in spec.defaults]
        assert spec.defined_name in book.defined_names
        assert "OFFSET" in book.defined_names[spec.defined_name].attr_text
    # SPEC's default entries, spelled out here on purpose (the contract, not the code).
    assert [r[0] for r in S.LIST_COUNTIES.defaults][-1] == "Østfold"
    assert len(S.LIST_COUNTIES.defaults) == 15
    assert [r[0] for r in S.LIST_CHAPTERS.defaults] == [
        "Samarbeid mellom frivillighet og kommuner",
        "Samarbeid med næringslivet",
        "Annet",
    ]


def test_settings_and_texts_have_their_keys() -> None:
    book = template()
    settings = {row[0].value: row[1].value for row in book[S.SETTINGS.name].iter_rows(min_row=2)}
    assert list(settings) == [f.name for f in S.SETTINGS.fields]
    assert settings[S.SETTING_VERSION] == 1
    texts = [row[0].value for row in book[S.TEXTS.name].iter_rows(min_row=2)]
    chapters = [r[0] for r in S.LIST_CHAPTERS.defaults]
    assert texts == list(S.text_keys([str(c) for c in chapters]))


def test_template_is_macro_free() -> None:
    with zipfile.ZipFile(TEMPLATE) as zf:
        assert not any("vba" in n.lower() for n in zf.namelist())
