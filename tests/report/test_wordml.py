"""WordprocessingML from the document model: escaping, styles, tables."""

from __future__ import annotations

import pytest
from lxml import etree

from xl_addin.report.document import Bullet, Heading, Paragraph, Run, Table
from xl_addin.report.wordml import W_NS, Styles, block_xml, clean, escape, resolve_styles, run_xml

W = f"{{{W_NS}}}"
STYLED = Styles(
    headings={1: "Heading1", 2: "Heading2"}, bullet="ListBullet", table="TableGrid", caption="Caption"
)


def parse(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'.encode())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x01b\x1fc", "abc"),
        ("linje_x000B_to", "linje\nto"),
        ("a\r\nb\rc\vd", "a\nb\nc\nd"),
        ("tab\tok", "tab\tok"),
        ("\ufffe\ud800x", "x"),
        ("Øre & «sitat»", "Øre & «sitat»"),
    ],
)
def test_clean_keeps_only_what_word_can_hold(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_escape_leaves_no_markup_and_no_template_syntax() -> None:
    assert escape("<w:p> & {{ tittel }} {% if %}") == (
        "&lt;w:p&gt; &amp; &#123;&#123; tittel &#125;&#125; &#123;% if %&#125;"
    )


def test_a_run_turns_line_breaks_and_tabs_into_word_elements() -> None:
    xml = run_xml(Run("a\nb\tc", bold=True))
    run = parse(f"<w:p>{xml}</w:p>").find(f"{W}p/{W}r")
    assert run is not None
    assert [child.tag.removeprefix(W) for child in run] == ["rPr", "t", "br", "t", "tab", "t"]
    assert "".join(t.text or "" for t in run.iter(f"{W}t")) == "abc"


def test_elements_use_the_template_styles() -> None:
    block = (Heading("Kapittel", 1, 3), Paragraph((Run("Tekst"),)), Bullet((Run("Punkt"),)))
    body = parse(block_xml(block, STYLED))
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in body.iter(f"{W}p")]
    assert [s.get(f"{W}val") if s is not None else None for s in styles] == ["Heading1", None, "ListBullet"]
    assert next(body.iter(f"{W}t")).text == "3 Kapittel"


def test_a_table_repeats_only_its_header_row_and_is_never_last() -> None:
    table = Table("Bildetekst", ("A", "B"), (("1", "2"), ("3", "")), (3, 1))
    body = parse(block_xml((table, table), STYLED))
    assert [child.tag.removeprefix(W) for child in body] == ["tbl", "p", "tbl", "p"]
    rows = list(next(body.iter(f"{W}tbl")).iter(f"{W}tr"))
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True, False, False]
    widths = [int(c.get(f"{W}w")) for c in next(body.iter(f"{W}tblGrid"))]
    assert widths[0] == 3 * widths[1]
    assert next(body.iter(f"{W}tblCaption")).get(f"{W}val") == "Bildetekst"


def test_styles_are_found_by_english_or_norwegian_name() -> None:
    styles = parse("")
    styles.tag = f"{W}styles"
    for kind, style_id, name in [
        ("paragraph", "Overskrift1", "Overskrift 1"),
        ("paragraph", "Heading2", "heading 2"),
        ("paragraph", "Punktliste", "Punktliste"),
        ("table", "Tabellrutenett", "Table Grid"),
        ("character", "Caption", "caption"),
    ]:
        style = etree.SubElement(styles, f"{W}style", {f"{W}type": kind, f"{W}styleId": style_id})
        etree.SubElement(style, f"{W}name", {f"{W}val": name})
    found = resolve_styles(styles)
    assert found.headings == {1: "Overskrift1", 2: "Heading2"}
    assert (found.bullet, found.table, found.caption) == ("Punktliste", "Tabellrutenett", None)
