"""The default Word template, built with python-docx (never edited by hand).

`scripts/build_report_template.py` writes it to
`xl_addin/report/templates/innspillsrapport.docx`; a test checks the
committed file equals a fresh build. Staff copy it (`innspill report
--write-template MIN.docx`), change letterhead, fonts and fixed wording in
Word, and pass it with `--template`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from . import placeholders as P

FONT = "Arial"
ACCENT = "1F3864"
LANGUAGE = "nb-NO"
#: Fixed timestamps so that every build gives the same parts.
BUILT = dt.datetime(2026, 1, 1)

# A4 with 2.5 cm margins, in twentieths of a point.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN, HEADER_DISTANCE = 11906, 16838, 1417, 709

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


#: styleId -> (pPr inner XML, rPr inner XML)
STYLE_PROPS: dict[str, tuple[str, str]] = {
    "Normal": ('<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>', ""),
    "Title": (
        '<w:spacing w:before="0" w:after="120"/><w:contextualSpacing/>',
        f'{_fonts()}<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="48"/><w:szCs w:val="48"/>',
    ),
    "Subtitle": (
        '<w:spacing w:after="480"/>',
        f'{_fonts()}<w:color w:val="595959"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    "Heading1": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="160"/><w:outlineLvl w:val="0"/>',
        f'{_fonts()}<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
    ),
    "Heading2": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="1"/>',
        f'{_fonts()}<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    "Heading3": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/>',
        f'{_fonts()}<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "Caption": (
        '<w:keepNext/><w:spacing w:before="120" w:after="80"/>',
        '<w:i/><w:iCs/><w:color w:val="404040"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "ListBullet": ('<w:spacing w:after="80"/>', ""),
}


def _replace_props(style: Any, ppr: str, rpr: str) -> None:
    """Replace a style's paragraph and run properties (keeping a list style's numbering)."""
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    element = style.element
    old_ppr = element.find(qn("w:pPr"))
    numbering = old_ppr.find(qn("w:numPr")) if old_ppr is not None else None
    for tag in ("w:pPr", "w:rPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    new_ppr = parse_xml(f"<w:pPr {_W}>{ppr}</w:pPr>")
    if numbering is not None and style.style_id != "Subtitle":
        new_ppr.insert(0, numbering)
    element.append(new_ppr)
    if rpr:
        element.append(parse_xml(f"<w:rPr {_W}>{rpr}</w:rPr>"))


def _defaults(document: Any) -> None:
    """Font, size and Norwegian (bokmål) language for the whole document."""
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    defaults.remove(rpr_default)
    defaults.insert(
        0,
        parse_xml(
            f"<w:rPrDefault {_W}><w:rPr>{_fonts()}"
            f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" '
            'w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        ),
    )
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _page(document: Any) -> None:
    from docx.shared import Twips  # noqa: PLC0415

    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)


def _field_runs(code: str) -> str:
    """A complex field (PAGE, NUMPAGES) as runs: begin, instruction, separate, result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header_footer(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    section = document.sections[0]
    letterhead = section.header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = letterhead.add_run(f"{{{{ {P.SENDER} }}}}")
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor.from_string("595959")

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    runs = text.format("Side ") + _field_runs("PAGE") + text.format(" av ") + _field_runs("NUMPAGES")
    for element in parse_xml(f"<w:p {_W}>{runs}</w:p>"):
        footer._p.append(element)


def _body(document: Any) -> None:
    document.add_paragraph(f"{{{{ {P.TITLE} }}}}", style="Title")
    document.add_paragraph(
        f"{{% if {P.SENDER} %}}{{{{ {P.SENDER} }}}}, {{% endif %}}{{{{ {P.TODAY} }}}}", style="Subtitle"
    )
    for block in P.BLOCK_ORDER:
        document.add_paragraph(f"{{{{p {block} }}}}")


def _properties(document: Any) -> None:
    props = document.core_properties
    props.title = ""
    props.subject = ""
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = LANGUAGE
    props.revision = 1
    props.created = BUILT
    props.modified = BUILT


def _drop_thumbnail(document: Any) -> None:
    """The thumbnail of python-docx's own template would show a wrong preview."""
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]


def build_default_template() -> bytes:
    """The default template as .docx bytes (the same bytes for every part on every build)."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    _defaults(document)
    for style_id, (ppr, rpr) in STYLE_PROPS.items():
        style = next(s for s in document.styles if s.style_id == style_id)
        _replace_props(style, ppr, rpr)
    _page(document)
    _header_footer(document)
    _body(document)
    _properties(document)
    _drop_thumbnail(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
