"""Hostile workbooks for fuzzing, generated from the schema on top of `tests.strategies`.

`valid_content` (from the validation work) gives a workbook that breaks no
rule; these strategies then put anything Excel or a copy-paste can put into
a cell anywhere: text of any Unicode (control characters, surrogates,
formula-like and markup-like text, Excel's escapes and error values, very
long text), numbers of any size, dates, times, durations, booleans and blanks;
and they respell headers and reorder columns the way users do.
"""

from __future__ import annotations

from hypothesis import strategies as st

from xl_addin.schema import (
    CONTACT_NAME,
    DATA_SHEETS,
    MULTI_SEPARATOR,
    NO,
    QUOTE_NAMED,
    SETTINGS,
    TEXTS,
    YES,
    Column,
    Kind,
)

from ..helpers import content_grids
from ..strategies import valid_content

Grid = list[list[object]]
Grids = dict[str, Grid]

#: Text that Excel, Word, Jinja or the tool itself might treat as something else than text.
SPECIAL_TEXTS = (
    # formulas and look-alikes
    "=1+1", '=HYPERLINK("http://example.com","klikk")', "=cmd|' /C calc'!A0", "+47 22 00 00 00",
    "-", "@SUM(A1:A2)", "'=tekst",
    # Excel's escapes and error values
    "_x000B_", "linje_x000D__x000A_linje", "_xD800_", "#N/A", "#REF!", "#DIV/0!", "#VALUE!",
    # markup for Word, Jinja (docxtpl) and XML
    "<w:p/>", "</w:t><w:t>", "&amp;", "{{ tittel }}", "{% for x in y %}", "{#", "]]>", "\\",
    "{Konferanse} {År}", "{0}", "{", "%s %d",
    # blanks that are not quite blank
    "", " ", "\t", "\u00a0", "\u200b", "\n\n",
    # list values in other spellings, and separators
    YES, NO, "ja", " JA ", QUOTE_NAMED.upper(), f"Kommune{MULTI_SEPARATOR}Kommune", ";;", MULTI_SEPARATOR,
    # dates and numbers as text
    "14.09.2020", "31.02.2020", "2020-13-01", "1e309", "-0", "NaN", "٣",
    # right-to-left, combining marks, emoji
    "\u202etxet\u202c", "e\u0301\u0301\u0301", "🇳🇴👩‍👩‍👧", "Ǆ", "ß",
)  # fmt: skip
#: Characters outside what XML and Word accept (control characters, noncharacters, surrogates).
ODD_CHARACTERS = st.one_of(
    st.characters(max_codepoint=0x1F),
    st.sampled_from(("\x7f", "\x85", "\ufffe", "\uffff", "\ud800", "\udfff", "\u2028", "\u2029")),
)

long_texts = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(("a", "æ ", "; ", "x\n", "=")),
    st.integers(2_000, 40_000),
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(ODD_CHARACTERS, min_size=1, max_size=4),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=6), ODD_CHARACTERS, st.text(max_size=6)),
    st.sampled_from(SPECIAL_TEXTS),
    long_texts,
)
#: Anything a cell can hold when read from a file or from Excel.
values: st.SearchStrategy[object] = st.one_of(
    st.none(),
    texts,
    st.integers(-(2**63), 2**63),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.booleans(),
)


def put(grid: Grid, row: int, column: int, value: object) -> None:
    """Set a cell of a grid (0-based), growing it as needed."""
    while len(grid) <= row:
        grid.append([])
    line = grid[row]
    while len(line) <= column:
        line.append(None)
    line[column] = value


def width(grid: Grid) -> int:
    return max((len(row) for row in grid), default=0)


@st.composite
def cell_edits(draw: st.DrawFn, grids: Grids, *, header_rows: bool) -> Grids:
    """Any value in any cell of any sheet (the header row too when `header_rows`)."""
    for _ in range(draw(st.integers(1, 12))):
        grid = grids[draw(st.sampled_from(sorted(grids)))]
        first = 0 if header_rows else 1
        row = draw(st.integers(first, len(grid) + 1))
        column = draw(st.integers(0, width(grid)))
        put(grid, row, column, draw(values))
    return grids


def respellings(header: str) -> st.SearchStrategy[str]:
    """The ways users retype a header that still mean it (case and spaces)."""
    return st.sampled_from(
        (header, header.upper(), header.lower(), header.title(), f"  {header} ", header.replace(" ", "   "))
    )


#: Sheets whose columns users may reorder (the lists on `Lister` sit side by side, each in order).
REORDERED = tuple(spec.name for spec in DATA_SHEETS) + (SETTINGS.name, TEXTS.name)


@st.composite
def relaid(draw: st.DrawFn, grids: Grids) -> Grids:
    """Headers respelled, and the columns of the data, Oppsett and Tekster sheets reordered."""
    for name in REORDERED:
        grid = grids[name]
        grid[0] = [draw(respellings(h)) if isinstance(h, str) else h for h in grid[0]]
        columns = width(grid)
        order = draw(st.permutations(range(columns)))
        for r, row in enumerate(grid):
            padded = row + [None] * (columns - len(row))
            grid[r] = [padded[c] for c in order]
    return grids


@st.composite
def hostile_grids(draw: st.DrawFn) -> Grids:
    """A valid workbook's sheets, relaid, then with anything in any cell (headers rarely)."""
    grids = content_grids(draw(valid_content()))
    if draw(st.booleans()):
        grids = draw(relaid(grids))
    return draw(cell_edits(grids, header_rows=draw(st.integers(0, 9)) == 0))


# --- text that is fine for the report ----------------------------------------------------------

#: Characters Word holds as they are: no control characters (tab and line feed aside), no
#: surrogates or noncharacters, no characters that the report turns into line breaks.
report_characters = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff",
) | st.sampled_from("\t\n")
#: Text with something visible in it (required columns), and with formula- and markup-like starts.
report_texts = st.one_of(
    st.text(report_characters, min_size=1, max_size=60),
    st.sampled_from([t for t in SPECIAL_TEXTS if t.strip() and not t.startswith(("_x", "#", "linje_x"))]),
).filter(lambda t: t.strip() and not t.strip().startswith("#"))


def free_text_columns() -> list[tuple[str, Column]]:
    """(sheet, column) of every free-text column the report may print (personal data aside)."""
    return [
        (spec.name, column)
        for spec in DATA_SHEETS
        for column in spec.columns
        if column.kind in (Kind.TEXT, Kind.LONG_TEXT)
        and not (column.personal or column.email or column.phone)
        and column is not CONTACT_NAME
    ]
