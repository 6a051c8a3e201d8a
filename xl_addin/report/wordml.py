"""The document model as WordprocessingML strings, built in one linear pass.

Styles are the template's own: each style id is resolved once from
`styles.xml` by its name (Word keeps the English built-in names such as
"heading 1" whatever the user's language; Norwegian names are accepted too).
When a template lacks a style, the output falls back to direct formatting
that still works: outline levels for headings (navigation pane), a bullet
character with a hanging indent for lists, explicit borders for tables.

Every piece of user text goes through `escape`, which removes characters an
XML document cannot hold and escapes markup, so nothing typed in the workbook
can break the document or be read as a template placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from .document import Block, Bullet, Element, Heading, Paragraph, ParagraphKind, Run, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"

#: Style names per role, English built-in name first (compared ignoring case).
HEADING_NAMES: dict[int, tuple[str, ...]] = {
    level: (f"heading {level}", f"overskrift {level}") for level in range(1, 10)
}
BULLET_NAMES = ("list bullet", "punktliste", "listepunkt")
TABLE_NAMES = ("table grid", "tabellrutenett")
CAPTION_NAMES = ("caption", "bildetekst", "beskrivelse")

#: Width of the text area of an A4 page with 2.5 cm margins, in twentieths of a point.
TEXT_WIDTH = 9072
HEADER_FILL = "DCE6F2"
#: Fallback heading sizes (half-points) per level.
HEADING_SIZES = {1: 32, 2: 26, 3: 24}


@dataclass(frozen=True)
class Styles:
    """The template's style ids for each role (None: not in the template, use the fallback)."""

    headings: dict[int, str] = field(default_factory=dict)
    bullet: str | None = None
    table: str | None = None
    caption: str | None = None


def resolve_styles(styles_element: etree._Element) -> Styles:
    """Style ids from a `w:styles` element, looked up once by name."""
    by_name: dict[tuple[str, str], str] = {}
    for style in styles_element.iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        style_id = style.get(f"{_W}styleId")
        if name is None or not style_id:
            continue
        key = (style.get(f"{_W}type") or "paragraph", (name.get(f"{_W}val") or "").casefold())
        by_name.setdefault(key, style_id)

    def find(kind: str, names: Sequence[str]) -> str | None:
        return next((by_name[(kind, n)] for n in names if (kind, n) in by_name), None)

    headings = {level: s for level, names in HEADING_NAMES.items() if (s := find("paragraph", names))}
    return Styles(
        headings=headings,
        bullet=find("paragraph", BULLET_NAMES),
        table=find("table", TABLE_NAMES),
        caption=find("paragraph", CAPTION_NAMES),
    )


# --- text ----------------------------------------------------------------------------

_EXCEL_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f])_")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")


#: The characters `clean` would change (and "_x00" before an escape).
_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text Word can hold: Excel's `_x000B_` escapes and line breaks as "\\n", other
    control characters removed."""
    if "_x00" not in text and not _UNCLEAN.search(text):
        return text  # nearly every text: one quick scan instead of three substitutions
    text = _EXCEL_CONTROL.sub(lambda m: chr(int(m.group(1), 16)), text)
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text))


def escape(text: str) -> str:
    """Cleaned text, escaped for XML; braces as character references, so no user text can
    ever look like a template placeholder."""
    return _markup(clean(text))


def _markup(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


_PIECES = re.compile(r"(\n|\t)")


def run_xml(run: Run, *, bold: bool = False, size: int | None = None) -> str:
    if not (run.bold or bold or run.italic or size):  # most runs: plain text
        return f"<w:r>{_text_xml(clean(run.text))}</w:r>"
    props = ""
    if run.bold or bold:
        props += "<w:b/>"
    if run.italic:
        props += "<w:i/>"
    if size:
        props += f'<w:sz w:val="{size}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text_xml(clean(run.text))}</w:r>"


def _text_xml(text: str) -> str:
    """Text as `w:t` pieces, with line breaks and tabs between them."""
    if "\n" not in text and "\t" not in text:  # nearly every text: one piece
        return f'<w:t xml:space="preserve">{_markup(text)}</w:t>' if text else ""
    parts: list[str] = []
    for piece in _PIECES.split(text):
        if piece == "\n":
            parts.append("<w:br/>")
        elif piece == "\t":
            parts.append("<w:tab/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{_markup(piece)}</w:t>')
    return "".join(parts)


def _runs(runs: Iterable[Run], *, bold: bool = False, size: int | None = None) -> str:
    return "".join([run_xml(r, bold=bold, size=size) for r in runs if r.text])


def paragraph_xml(ppr: str, runs: str) -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


def _style(style_id: str | None) -> str:
    return f'<w:pStyle w:val="{style_id}"/>' if style_id else ""


# --- elements --------------------------------------------------------------------------


def heading_xml(heading: Heading, styles: Styles) -> str:
    text = (Run(heading.display),)
    page = "<w:pageBreakBefore/>" if heading.new_page else ""
    style_id = styles.headings.get(heading.level)
    if style_id:
        return paragraph_xml(_style(style_id) + page, _runs(text))
    level = min(max(heading.level, 1), 9)
    ppr = f'<w:keepNext/>{page}<w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="{level - 1}"/>'
    return paragraph_xml(ppr, _runs(text, bold=True, size=HEADING_SIZES.get(level, 22)))


def body_xml(paragraph: Paragraph, styles: Styles) -> str:
    if paragraph.kind is ParagraphKind.CAPTION:
        if styles.caption:
            return paragraph_xml(_style(styles.caption) + "<w:keepNext/>", _runs(paragraph.runs))
        italic = (Run(r.text, r.bold, True) for r in paragraph.runs)
        return paragraph_xml("<w:keepNext/>", _runs(italic))
    return paragraph_xml("", _runs(paragraph.runs))


def bullet_xml(item: Bullet, styles: Styles) -> str:
    if styles.bullet:
        return paragraph_xml(_style(styles.bullet), _runs(item.runs))
    marker = "<w:r><w:t>\u2022</w:t></w:r><w:r><w:tab/></w:r>"
    return paragraph_xml('<w:ind w:left="360" w:hanging="360"/>', marker + _runs(item.runs))


_FALLBACK_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


#: A table of at most this many rows is kept on one page (with the heading before it).
KEEP_TOGETHER_ROWS = 20
#: Cell paragraphs: tight spacing whatever the template's Normal style says.
CELL_SPACING = '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>'


def _cell(text: str, width: int, *, header: bool, keep_next: bool) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    ppr = ("<w:keepNext/>" if keep_next else "") + CELL_SPACING
    runs = _runs((Run(text),), bold=header)
    props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
    return f"<w:tc>{props}{paragraph_xml(ppr, runs)}</w:tc>"


def column_widths(table: Table) -> list[int]:
    """Column widths in twentieths of a point, filling the text width."""
    n = max(len(table.header), 1)
    weights = list(table.widths) if len(table.widths) == n else [1] * n
    total = sum(weights) or n
    return [TEXT_WIDTH * w // total for w in weights]


def table_xml(table: Table, styles: Styles) -> str:
    widths = column_widths(table)
    style = f'<w:tblStyle w:val="{styles.table}"/>' if styles.table else ""
    borders = "" if styles.table else _FALLBACK_BORDERS
    props = (
        f'<w:tblPr>{style}<w:tblW w:w="5000" w:type="pct"/>{borders}'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="0" w:noVBand="1"/><w:tblCaption w:val="{escape(table.caption)}"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    header = (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(
            _cell(h, w, header=True, keep_next=True) for h, w in zip(table.header, widths, strict=False)
        )
        + "</w:tr>"
    )
    together = len(table.rows) <= KEEP_TOGETHER_ROWS
    last = len(table.rows) - 1
    rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(
            _cell(value, w, header=False, keep_next=together and i < last)
            for value, w in zip(row, widths, strict=False)
        )
        + "</w:tr>"
        for i, row in enumerate(table.rows)
    )
    return f"<w:tbl>{props}{grid}{header}{rows}</w:tbl>"


def element_xml(element: Element, styles: Styles) -> str:
    if isinstance(element, Heading):
        return heading_xml(element, styles)
    if isinstance(element, Paragraph):
        return body_xml(element, styles)
    if isinstance(element, Bullet):
        return bullet_xml(element, styles)
    return table_xml(element, styles)


def block_pieces(block: Block, styles: Styles) -> Iterator[str]:
    """A block's body XML, element by element. A table is never the last element nor directly
    followed by another table (Word would merge them), so an empty paragraph follows where needed."""
    previous: Element | None = None
    for element in block:
        if isinstance(element, Table) and isinstance(previous, Table):
            yield "<w:p/>"
        yield element_xml(element, styles)
        previous = element
    if isinstance(previous, Table):
        yield "<w:p/>"


def block_xml(block: Block, styles: Styles) -> str:
    """A block's body XML (see `block_pieces`)."""
    return "".join(block_pieces(block, styles))
