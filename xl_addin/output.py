"""What an action wants written back: a plan that every engine can apply.

Pure data. The file engine applies a plan with openpyxl; the xlwings engine
applies the same plan to a live (or remote) Excel workbook in a few bulk
calls. Rows and columns here are 1-based, as in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Colours (hex RGB without '#') used by generated sheets.
HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"
ERROR_FILL = "F8CBAD"
WARNING_FILL = "FFE699"
TITLE_FONT_SIZE = 14


@dataclass(frozen=True)
class Link:
    """A hyperlink inside a table: data row index (0-based) and column index (0-based)."""

    row: int
    column: int
    target: str  # "'Sheet name'!C5"


@dataclass
class OutTable:
    """A table to write: header row at (`top`, `left`), then its rows."""

    name: str
    header: list[str]
    rows: list[list[object]]
    top: int
    left: int = 1
    #: column index (0-based) -> number format
    number_formats: dict[int, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    #: data row index (0-based) -> fill colour
    fills: dict[int, str] = field(default_factory=dict)
    #: optional caption written in the row above the header
    caption: str | None = None
    #: column indexes (0-based) whose cells wrap long text (aligned to the top)
    wrap_columns: set[int] = field(default_factory=set)

    @property
    def bottom(self) -> int:
        """Last row of the table (header if no data rows)."""
        return self.top + max(len(self.rows), 1)

    @property
    def right(self) -> int:
        return self.left + len(self.header) - 1


@dataclass(frozen=True)
class ChartSpec:
    """A clustered bar chart drawn from one table's columns."""

    title: str
    table: str
    category_column: int
    series_columns: tuple[int, ...]
    anchor: str  # top-left cell, e.g. "H3"
    y_title: str = ""
    x_title: str = ""


@dataclass
class OutSheet:
    """A generated sheet, rebuilt from scratch on every run."""

    name: str
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[OutTable] = field(default_factory=list)
    #: column index (1-based) -> width
    widths: dict[int, float] = field(default_factory=dict)
    charts: list[ChartSpec] = field(default_factory=list)
    tab_color: str | None = None
    #: print landscape, one page wide (engines that cannot set up pages ignore it)
    fit_width: bool = False

    @property
    def first_table_row(self) -> int:
        """Row below the title and lines, with one blank row between."""
        return len(self.lines) + 3


@dataclass(frozen=True)
class CellEdit:
    """A value written into a user sheet (only blank IDs are ever filled)."""

    sheet: str
    row: int
    column: str
    value: object


@dataclass(frozen=True)
class Note:
    """A note that marks a cell with a problem; removed again by the next check."""

    sheet: str
    row: int
    column: str
    text: str


@dataclass
class WritePlan:
    sheets: list[OutSheet] = field(default_factory=list)
    edits: list[CellEdit] = field(default_factory=list)
    #: None leaves existing marks alone; a list replaces every mark with these.
    notes: list[Note] | None = None
    #: sheets to delete if present
    remove_sheets: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sheets or self.edits or self.notes is not None or self.remove_sheets)
