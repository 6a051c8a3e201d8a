"""The `Telling` sheet as a WritePlan: the counts as stacked tables and a chart.

Pure: builds a plan from `counts.Counts`; an engine applies it (openpyxl on
files, xlwings in Excel). The same tables are what `innspill counts` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from . import language
from .counts import Counts, GroupCount, LeftOut, TopicCount
from .output import ChartSpec, Link, OutSheet, OutTable, WritePlan
from .reading import column_letter
from .schema import (
    CONTACT_CATEGORY,
    CONTACT_COUNTY,
    CONTACT_METHOD,
    CONTACTS,
    COUNTS_SHEET,
    EXAMPLES,
    INPUT_CHAPTER,
    INPUT_INCLUDE,
    INPUT_THEMES,
    INPUTS,
)

#: Excel number format of the response rates ("69 %").
PERCENT_FORMAT = "0 %"
TAB_COLOR = "2E75B6"

# Table names (unique in the workbook; Excel table names cannot hold spaces).
TABLE_CATEGORIES = "tblTellingKategorier"
TABLE_METHODS = "tblTellingKontaktmater"
TABLE_COUNTIES = "tblTellingFylker"
TABLE_CHAPTERS = "tblTellingKapitler"
TABLE_THEMES = "tblTellingTemaer"
TABLE_SECTORS = "tblTellingSektorer"
TABLE_LEFT_OUT = "tblTellingUtelatt"

CONTACTED = "Kontaktet"
ANSWERED = "Svart"
RATE = "Svarprosent"
INPUT_POINTS = "Innspill"
ORGANISATIONS = "Organisasjoner"

#: Column widths: names in A, numbers in B-F; long texts end a table and may run on to the right.
WIDTHS = {1: 44, 2: 12, 3: 16, 4: 15, 5: 30, 6: 26}
#: Rows between one table's last row and the next table's header: a blank row and the caption.
GAP = 3

LEFT_OUT_CAPTION = "Holdt utenfor tellingen"
ROW = language.Noun("rad", "rader", language.Gender.MASCULINE)


@dataclass(frozen=True)
class _Block:
    """A table before it is placed: its name, caption, header and rows."""

    name: str
    caption: str
    header: list[str]
    rows: list[list[object]]
    percent_columns: tuple[int, ...] = ()
    links: tuple[Link, ...] = ()


def _category_block(counts: Counts) -> _Block:
    rows: list[list[object]] = [
        [
            c.category,
            c.contacted,
            c.answered,
            c.response_rate,
            c.contacted_with_agreement,
            c.answered_with_agreement,
        ]
        for c in counts.per_category
    ]
    header = [
        CONTACT_CATEGORY.header,
        CONTACTED,
        ANSWERED,
        RATE,
        f"{CONTACTED} med intensjonsavtale",
        f"{ANSWERED} med intensjonsavtale",
    ]
    return _Block(TABLE_CATEGORIES, "Kontaktet og svart per kategori", header, rows, (3,))


def _group_block(name: str, caption: str, first: str, groups: Sequence[GroupCount]) -> _Block:
    rows: list[list[object]] = [[g.name, g.contacted, g.answered, g.response_rate] for g in groups]
    return _Block(name, caption, [first, CONTACTED, ANSWERED, RATE], rows, (3,))


def _chapter_block(counts: Counts) -> _Block:
    rows: list[list[object]] = [
        [t.name, t.inputs, t.organisations, t.included_inputs, t.label] for t in counts.per_chapter
    ]
    header = [
        INPUT_CHAPTER.header,
        INPUT_POINTS,
        ORGANISATIONS,
        INPUT_INCLUDE.header,
        "Overskrift i rapporten",
    ]
    return _Block(TABLE_CHAPTERS, "Innspill per kapittel", header, rows)


def _theme_rows(counts: Counts) -> list[list[object]]:
    """Ranked themes first (with their place), then the themes nobody raised, in list order."""
    ranked = list(counts.recurring_themes)
    rest = [t for t in counts.per_theme if t not in ranked]

    def row(place: int | None, t: TopicCount) -> list[object]:
        return [t.name, place, t.organisations, t.inputs, t.included_inputs, t.label]

    return [row(i, t) for i, t in enumerate(ranked, start=1)] + [row(None, t) for t in rest]


def _theme_block(counts: Counts) -> _Block:
    header = [INPUT_THEMES.header, "Plass", ORGANISATIONS, INPUT_POINTS, INPUT_INCLUDE.header, "Sammendrag"]
    caption = "Temaer, rangert etter hvor mange organisasjoner som tok dem opp"
    return _Block(TABLE_THEMES, caption, header, _theme_rows(counts))


def _sector_block(counts: Counts) -> _Block:
    rows: list[list[object]] = [[sector, n] for sector, n in counts.examples_per_sector]
    return _Block(TABLE_SECTORS, "Gode eksempler per sektor", ["Sektor", EXAMPLES.name], rows)


def sheet_link(sheet: str, row: int) -> str:
    """A link target to the start of a row: "'Kontakter'!A12"."""
    return "'" + sheet.replace("'", "''") + f"'!A{row}"


def _left_out_block(left_out: Sequence[LeftOut]) -> _Block:
    rows: list[list[object]] = [[x.sheet, x.row, x.reason] for x in left_out]
    links = tuple(Link(i, 1, sheet_link(x.sheet, x.row)) for i, x in enumerate(left_out))
    return _Block(TABLE_LEFT_OUT, LEFT_OUT_CAPTION, ["Ark", "Rad", "Årsak"], rows, links=links)


def blocks(counts: Counts) -> list[_Block]:
    """The tables of the sheet, top to bottom."""
    found = [
        _category_block(counts),
        _group_block(TABLE_METHODS, "Per kontaktmåte", CONTACT_METHOD.header, counts.per_method),
        _group_block(TABLE_COUNTIES, "Per fylke", CONTACT_COUNTY.header, counts.per_county),
        _chapter_block(counts),
        _theme_block(counts),
        _sector_block(counts),
    ]
    if counts.left_out:
        found.append(_left_out_block(counts.left_out))
    return found


def _place(blocks: Sequence[_Block], first_top: int) -> list[OutTable]:
    tables: list[OutTable] = []
    top = first_top
    for block in blocks:
        table = OutTable(
            name=block.name,
            header=block.header,
            rows=block.rows,
            top=top,
            number_formats=dict.fromkeys(block.percent_columns, PERCENT_FORMAT),
            links=list(block.links),
            caption=block.caption,
        )
        tables.append(table)
        top = table.bottom + GAP
    return tables


def time_line(now: dt.datetime) -> str:
    return (
        f"Oppdatert {language.long_date(now.date())} kl. {now:%H.%M} fra arkene {CONTACTS.name}, "
        f"{INPUTS.name} og {EXAMPLES.name}."
    )


def summary_lines(counts: Counts) -> list[str]:
    """The totals, and how many rows were left out (shown under the title and on screen)."""
    contacted, answered = counts.total_contacted, counts.total_answered
    numbers = language.sentence(contacted, answered)
    rate = language.percent(answered, contacted)
    lines = [
        f"I alt er {numbers.number(contacted)} kontaktet, og {numbers.number(answered)} har svart ({rate})."
        if contacted
        else "Ingen er kontaktet ennå."
    ]
    rows = len({(x.sheet, x.row) for x in counts.left_out})
    if rows:
        lines.append(
            f"{language.capitalize_first(language.count(rows, ROW))} er holdt helt eller delvis "
            f"utenfor tellingen; se tabellen «{LEFT_OUT_CAPTION}» nederst."
        )
    else:
        lines.append("Alle rader er telt.")
    return lines


def telling_plan(counts: Counts, *, now: dt.datetime) -> WritePlan:
    """The `Telling` sheet, rebuilt from scratch: title, time line, stacked tables and a chart."""
    lines = [time_line(now), *summary_lines(counts)]
    sheet = OutSheet(
        name=COUNTS_SHEET,
        title=f"{COUNTS_SHEET} – kontakter, svar og innspill",
        lines=lines,
        widths=dict(WIDTHS),
        tab_color=TAB_COLOR,
        fit_width=True,
    )
    # The caption of the first table takes the row where first_table_row would put a header.
    sheet.tables = _place(blocks(counts), sheet.first_table_row + 1)
    first = sheet.tables[0]
    right = max(t.right for t in sheet.tables if t.name != TABLE_LEFT_OUT)
    sheet.charts.append(
        ChartSpec(
            title="Kontaktet og svart per kategori",
            table=TABLE_CATEGORIES,
            category_column=0,
            series_columns=(1, 2),
            anchor=f"{column_letter(right + 1)}{first.top - 1}",
            y_title="Antall",
        )
    )
    return WritePlan(sheets=[sheet])
