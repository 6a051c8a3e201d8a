"""Word templates: the committed default, the staff's own, and broken ones."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

from xl_addin.errors import ReportTemplateError
from xl_addin.model import Workbook
from xl_addin.report import BLOCKS, KNOWN_PLACEHOLDERS, build_report, placeholder_markdown
from xl_addin.report.content import APPENDIX_HEADING
from xl_addin.report.render import default_template_bytes
from xl_addin.report.template_builder import build_default_template

from .conftest import TODAY, style_of, zip_parts

COMMITTED = (
    Path(__file__).resolve().parents[2] / "xl_addin" / "report" / "templates" / "innspillsrapport.docx"
)


def default_document() -> Document:
    return docx.Document(io.BytesIO(default_template_bytes()))


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def block_paragraph(document: Document, name: str) -> object:
    return next(p for p in document.paragraphs if p.text.strip() == f"{{{{p {name} }}}}")


def report_with(workbook: Workbook, template: Path) -> Document:
    return docx.Document(io.BytesIO(build_report(workbook, template=template, today=TODAY)))


# --- the default template ------------------------------------------------------------


def test_the_committed_template_equals_a_fresh_build() -> None:
    fresh = zipfile.ZipFile(io.BytesIO(build_default_template()))
    committed = zipfile.ZipFile(COMMITTED)
    assert sorted(fresh.namelist()) == sorted(committed.namelist())
    for name in fresh.namelist():
        assert fresh.read(name) == committed.read(name), (
            f"{name} differs: run scripts/build_report_template.py"
        )


def test_the_default_template_uses_every_block_and_the_main_fields() -> None:
    document = default_document()
    body = [p.text for p in document.paragraphs]
    assert body[:2] == ["{{ tittel }}", "{% if avsender %}{{ avsender }}, {% endif %}{{ dato }}"]
    assert body[2:] == [f"{{{{p {name} }}}}" for name in BLOCKS]
    assert document.sections[0].header.paragraphs[0].text == "{{ avsender }}"


def test_the_placeholder_documentation_lists_every_name() -> None:
    markdown = placeholder_markdown()
    for name in KNOWN_PLACEHOLDERS:
        assert f" {name} }}}}`" in markdown


# --- the staff's own template ----------------------------------------------------------


def test_a_custom_letterhead_and_moved_block_are_kept(example_workbook: Workbook, tmp_path: Path) -> None:
    document = default_document()
    header = document.sections[0].header.paragraphs[0]
    header.text = "TESTDIREKTORATET"
    examples = block_paragraph(document, "gode_eksempler")
    chapters = block_paragraph(document, "kapitler")
    chapters._p.addprevious(examples._p)  # type: ignore[attr-defined]
    chapters.insert_paragraph_before("Fast tekst fra malen.")  # type: ignore[attr-defined]
    report = report_with(example_workbook, save(document, tmp_path / "min-mal.docx"))

    assert report.sections[0].header.paragraphs[0].text == "TESTDIREKTORATET"
    texts = [p.text for p in report.paragraphs]
    assert "Fast tekst fra malen." in texts
    headings = [p.text for p in report.paragraphs if style_of(p) == "Heading 1"]
    assert headings[:4] == [
        "1 Bakgrunn",
        "2 Avgrensing og utvelgelse",
        "3 Gode eksempler",
        "4 Innspill – samarbeid mellom frivillighet og kommuner",
    ]
    assert texts.index("Fast tekst fra malen.") == texts.index(headings[3]) - 1


def test_a_deleted_block_leaves_no_trace(example_workbook: Workbook, tmp_path: Path) -> None:
    document = default_document()
    appendix = block_paragraph(document, "vedlegg")
    appendix._p.getparent().remove(appendix._p)  # type: ignore[attr-defined]
    report = report_with(example_workbook, save(document, tmp_path / "uten-vedlegg.docx"))
    texts = [p.text for p in report.paragraphs]
    assert APPENDIX_HEADING not in texts
    assert not any("vedlegget" in t for t in texts)
    assert len(report.tables) == 1


def test_a_template_without_the_styles_falls_back_to_direct_formatting(
    example_workbook: Workbook, tmp_path: Path
) -> None:
    document = default_document()
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name")).get(qn("w:val")).casefold()
        if name.startswith("heading") or name in {"list bullet", "table grid", "caption"}:
            styles.remove(style)
    data = build_report(example_workbook, template=save(document, tmp_path / "naken.docx"), today=TODAY)
    body = zip_parts(data)["word/document.xml"]
    assert '<w:outlineLvl w:val="0"/>' in body  # headings still show in the navigation pane
    assert "\u2022" in body  # list items still look like a list
    assert "<w:tblBorders>" in body
    assert 'w:val="Heading1"' not in body
    assert 'w:val="ListBullet"' not in body


def test_norwegian_style_names_are_found(example_workbook: Workbook, tmp_path: Path) -> None:
    document = default_document()
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name.get(qn("w:val")) == "heading 1":
            name.set(qn("w:val"), "Overskrift 1")
            style.set(qn("w:styleId"), "Overskrift1")
    data = build_report(example_workbook, template=save(document, tmp_path / "norsk.docx"), today=TODAY)
    body = zip_parts(data)["word/document.xml"]
    assert body.count('<w:pStyle w:val="Overskrift1"/>') >= 6


def test_user_text_that_looks_like_a_placeholder_is_printed_as_typed(
    edited_report: Callable[[Callable[..., None]], bytes],
) -> None:
    typed = "Se {{ tittel }} & <b>fet</b> {% if x %}"

    def edit(content: object) -> None:
        content.texts["Innledning"] = typed  # type: ignore[attr-defined]

    document = docx.Document(io.BytesIO(edited_report(edit)))
    assert typed in [p.text for p in document.paragraphs]


# --- broken templates ------------------------------------------------------------------

Edit = Callable[[Document], None]


def _replace_block(name: str, text: str) -> Edit:
    def edit(document: Document) -> None:
        block_paragraph(document, name).text = text  # type: ignore[attr-defined]

    return edit


def _add(text: str) -> Edit:
    def edit(document: Document) -> None:
        document.add_paragraph(text)

    return edit


def _header(text: str) -> Edit:
    def edit(document: Document) -> None:
        document.sections[0].header.paragraphs[0].text = text

    return edit


BROKEN: list[tuple[str, Edit, list[str]]] = [
    ("ukjent", _add("Hilsen {{ ukjent }}"), ["«{{ ukjent }}»", "plassholderen", "ikke kjenner"]),
    ("if-uten-endif", _add("{% if tittel %}Tittel finnes"), ["{% if %}", "{% endif %}", "Tittel finnes"]),
    ("endif-uten-if", _add("Slutt {% endif %}"), ["{% endif %}", "ukjent eller står uten sin åpning"]),
    ("ikke-alene", _replace_block("kapitler", "Kapitlene: {{p kapitler }}"), ["{{p kapitler }}", "alene"]),
    (
        "blokk-som-felt",
        _replace_block("kapitler", "Se {{ kapitler }}"),
        ["{{ kapitler }}", "{{p kapitler }}"],
    ),
    ("felt-som-blokk", _add("{{p tittel }}"), ["{{p tittel }}", "tekstfelt", "{{ tittel }}"]),
    ("blokk-i-topptekst", _header("{{p vedlegg }}"), ["{{p vedlegg }}", "topptekst"]),
    ("ukjent-i-bunntekst", _header("{{ logo }}"), ["{{ logo }}", "topptekst"]),
]


@pytest.mark.parametrize(("edit", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_template_names_the_problem_in_norwegian(
    example_workbook: Workbook, tmp_path: Path, edit: Edit, expected: list[str]
) -> None:
    document = default_document()
    edit(document)
    template = save(document, tmp_path / "ødelagt.docx")
    with pytest.raises(ReportTemplateError) as caught:
        build_report(example_workbook, template=template, today=TODAY)
    message = str(caught.value)
    assert "«ødelagt.docx»" in message
    for part in expected:
        assert part in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"ikke et Word-dokument", "kan ikke åpnes som Word-dokument"), (None, "Finner ikke Word-malen")],
    ids=["ikke-docx", "mangler"],
)
def test_a_template_that_is_not_a_document_is_refused(
    example_workbook: Workbook, tmp_path: Path, content: bytes | None, expected: str
) -> None:
    template = tmp_path / "mal.docx"
    if content is not None:
        template.write_bytes(content)
    with pytest.raises(ReportTemplateError, match=expected):
        build_report(example_workbook, template=template, today=TODAY)
