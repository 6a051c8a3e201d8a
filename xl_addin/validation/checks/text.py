"""Text that Excel or Word would mistreat: formulas, control characters, escapes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Location, Workbook
from ...reading import find_sheet
from ...schema import normalize_header
from ..context import TEXT_KINDS, Context
from ..problems import Problem

#: First characters that make Excel read a typed entry as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
_FORMULA_START = re.compile("[" + re.escape("".join(FORMULA_STARTS)) + "]")

#: Characters XML 1.0 (and so a Word document) cannot hold.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Excel's escape for a character in stored text, e.g. `_x000B_`.
_EXCEL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
#: Control characters that stand for a line break where they come from.
_AS_LINE_BREAK = {"\x0b": "\n", "\x0c": "\n"}


def formula_like_text(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Text starting with =, +, - or @ (a phone number "+47 …" in the phone column is fine)."""
    for ref in ctx.text_cells(_FORMULA_START, at_start=True):
        raw = str(ref.cell.raw)
        if ctx.is_formula(ref.where):
            continue
        if ref.column is not None and ref.column.phone and raw.startswith("+"):
            continue
        suggestion = raw.lstrip("".join(FORMULA_STARTS) + " ") or None
        yield ctx.problem("tekst-som-formel", ref.where, raw, suggestion=suggestion, first=raw[0])


def invalid_characters(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Control characters (often pasted from other programs) that Word refuses."""
    for ref in ctx.text_cells(_XML_INVALID):
        raw = str(ref.cell.raw)
        found = sorted(set(_XML_INVALID.findall(raw)))
        if found:
            chars = ", ".join(f"U+{ord(c):04X}" for c in found)
            yield ctx.problem("ugyldig-tegn", ref.where, raw, suggestion=clean_text(raw), chars=chars)


def clean_text(text: str) -> str:
    """`text` without the characters a Word document cannot hold."""
    return _XML_INVALID.sub(lambda m: _AS_LINE_BREAK.get(m.group(0), ""), text)


def excel_escapes(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Literal `_x000B_`-style codes left in text (Word would print them as they are)."""
    for ref in ctx.text_cells(_EXCEL_ESCAPE):
        raw = str(ref.cell.raw)
        match = _EXCEL_ESCAPE.search(raw)
        if match:
            suggestion = _EXCEL_ESCAPE.sub(_decoded, raw)
            yield ctx.problem("excel-tegnkode", ref.where, raw, suggestion=suggestion, escape=match.group(0))


def _decoded(match: re.Match[str]) -> str:
    """The character an Excel escape stands for, as Word can hold it (a line break for _x000B_)."""
    char = chr(int(match.group(0)[2:6], 16))
    return "" if char == "\r" else clean_text(char)


def formula_cells(workbook: Workbook, ctx: Context) -> Iterator[Problem]:
    """Cells of text columns holding a formula (the tool sees only Excel's last result)."""
    if not ctx.formulas:
        return
    for where, raw in _formula_targets(workbook, ctx):
        yield ctx.problem("formel-i-celle", where, raw)


def _formula_targets(workbook: Workbook, ctx: Context) -> Iterator[tuple[Location, object]]:
    for table in ctx.tables():
        cells = ctx.formulas.get(normalize_header(table.sheet), frozenset())
        if not cells:
            continue
        text_columns = [c for c in table.spec.columns if table.has(c) and c.kind in TEXT_KINDS]
        by_letter = {table.letters[c.key]: c for c in text_columns}
        records = {r.row: r for r in table}
        for row, letter in sorted(cells):
            column = by_letter.get(letter)
            if column is None or row <= table.header_row:
                continue
            record = records.get(row)
            raw = record.cell(column).raw if record is not None else None
            yield table.location(column, row), raw
    for kv in (workbook.settings, workbook.texts):
        name = find_sheet(workbook.sheet_names, kv.spec.name) or kv.spec.name
        cells = ctx.formulas.get(normalize_header(name), frozenset())
        for key, row in kv.rows.items():
            if (row, kv.value_letter) in cells and ctx.key_value_kind(kv, key) in TEXT_KINDS:
                yield kv.location(key), kv.cell(key).raw
