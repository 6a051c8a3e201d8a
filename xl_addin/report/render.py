"""Rendering the Word template with docxtpl: checks, one Jinja pass, core properties.

A template is checked before anything is rendered, and every problem becomes
a `ReportTemplateError` with a Norwegian message naming the placeholder:
Jinja syntax errors, unknown placeholders, a block placeholder that does not
stand alone in its own paragraph of the document body, a field used as a
block or a block used as a field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError, meta
from lxml import etree

from ..errors import ReportTemplateError
from . import placeholders as P
from .document import Block, ReportContent
from .wordml import W_NS, Styles, block_pieces, escape, resolve_styles

DEFAULT_TEMPLATE = "innspillsrapport.docx"
HEADER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
DOCUMENT_LANGUAGE = "nb-NO"

_W = f"{{{W_NS}}}"
_PARAGRAPH_TAG = re.compile(r"\{[{%]-?p\s")
_LONE_TAG = re.compile(r"\{\{-?p\s+\w+\s*-?\}\}|\{%-?p\s.*%\}", re.DOTALL)
_WHOLE_PARAGRAPH_TAG = re.compile(r"\{\{-?p\s[^}]*\}\}|\{%-?p\s[^%]*%\}|\{[{%]-?p\s[^}%]*")
_BLOCK_TAG = re.compile(r"\{\{-?p\s+(\w+)")
_INLINE_TAG = re.compile(r"\{\{-?\s*(?!p\s)(\w+)")
_TAGS = re.compile(r"<[^>]+>")
#: Longest paragraph text quoted in a message.
QUOTE_LENGTH = 80


def default_template_bytes() -> bytes:
    return files("xl_addin.report").joinpath("templates", DEFAULT_TEMPLATE).read_bytes()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


# --- opening ---------------------------------------------------------------------------


def open_template(data: bytes, name: str) -> Any:
    """A DocxTemplate with its document loaded; ReportTemplateError if it is not a .docx."""
    from docxtpl import DocxTemplate  # noqa: PLC0415 - heavy import

    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for files it cannot use
        raise ReportTemplateError(
            f"Word-malen «{name}» kan ikke åpnes som Word-dokument. Lagre den i Word som "
            "«Word-dokument (*.docx)» (ikke .dotx, .docm eller .doc) og prøv igjen."
        ) from exc
    return tpl


# --- checking -------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of the template that docxtpl renders: its XML and where it is, in Norwegian."""

    where: str
    xml: str
    body: bool


def template_parts(tpl: Any) -> Iterator[Part]:
    yield Part("selve dokumentet", tpl.get_xml(), True)
    for uri, where in ((HEADER_URI, "topptekst"), (FOOTER_URI, "bunntekst")):
        for _key, part in tpl.get_headers_footers(uri):
            yield Part(f"{where}en", tpl.get_part_xml(part), False)


def _paragraph_texts(xml: str) -> list[str]:
    root = etree.fromstring(xml.encode("utf-8"))
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]


def _syntax_message(exc: TemplateSyntaxError) -> tuple[str, str | None]:
    """A Norwegian reading of a Jinja syntax error, and the tag to look for in the paragraphs."""
    text = exc.message or ""
    unclosed = re.search(r"innermost block that needs to be closed is '(\w+)'", text)
    if unclosed:
        tag = unclosed.group(1)
        return f"«{{% {tag} %}}» avsluttes aldri med «{{% end{tag} %}}»", tag
    unknown = re.search(r"unknown tag '(\w+)'", text)
    if unknown:
        tag = unknown.group(1)
        return f"«{{% {tag} %}}» er ukjent eller står uten sin åpning", tag
    return f"malkoden kan ikke leses ({text})", None


_BLOCK_STATEMENT = re.compile(r"\{%-?\s*(?:p\s+)?(end)?(\w+)")


def unbalanced_paragraph(texts: list[str], tag: str) -> str | None:
    """The paragraph holding a `{% tag %}` that is never closed, or an `{% endtag %}` never opened."""
    open_at: list[str] = []
    for text in texts:
        for match in _BLOCK_STATEMENT.finditer(text):
            end, name = match.groups()
            if name != tag:
                continue
            if not end:
                open_at.append(text)
            elif open_at:
                open_at.pop()
            else:
                return text
    return open_at[-1] if open_at else None


def _check_syntax(tpl: Any, part: Part, name: str, env: Environment) -> set[str]:
    """Parse the part as docxtpl will render it; the names of the variables it uses."""
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(part.xml))
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        message, tag = _syntax_message(exc)
        context = ""
        if tag is not None:
            found = unbalanced_paragraph(_paragraph_texts(part.xml), tag.removeprefix("end"))
            context = f" (i avsnittet «{_quote(found)}»)" if found else ""
        elif exc.lineno:
            lines = source.splitlines()
            line = _TAGS.sub("", lines[exc.lineno - 1]) if exc.lineno <= len(lines) else ""
            context = f" (i avsnittet «{_quote(line)}»)" if line.strip() else ""
        raise ReportTemplateError(
            f"Word-malen «{name}» har en feil i {part.where}: {message}{context}. Rett malen i Word."
        ) from exc
    return set(meta.find_undeclared_variables(tree))


def _check_unknown(used: set[str], part: Part, name: str) -> None:
    unknown = sorted(used - set(P.KNOWN_PLACEHOLDERS))
    if unknown:
        listed = ", ".join(f"«{{{{ {u} }}}}»" for u in unknown)
        known = ", ".join(P.KNOWN_PLACEHOLDERS)
        noun = "plassholderen" if len(unknown) == 1 else "plassholderne"
        raise ReportTemplateError(
            f"Word-malen «{name}» bruker {noun} {listed} i {part.where}, som verktøyet ikke kjenner. "
            f"Rett skrivemåten eller fjern den. Kjente plassholdere: {known}."
        )


def _check_paragraphs(part: Part, name: str) -> list[str]:
    """Block placeholders alone in their paragraphs, in the body only; their names in order."""
    order: list[str] = []
    for text in _paragraph_texts(part.xml):
        if _PARAGRAPH_TAG.search(text) and not _LONE_TAG.fullmatch(text.strip()):
            tag = _WHOLE_PARAGRAPH_TAG.search(text)
            shown = tag.group(0) if tag else text
            raise ReportTemplateError(
                f"Word-malen «{name}»: plassholderen «{_quote(shown)}» må stå alene i sitt eget avsnitt, "
                f"men står i avsnittet «{_quote(text)}» i {part.where}. Flytt den andre teksten til "
                "et eget avsnitt."
            )
        for match in _BLOCK_TAG.finditer(text):
            block = match.group(1)
            if block in P.FIELDS:
                raise ReportTemplateError(
                    f"Word-malen «{name}»: «{{{{p {block} }}}}» i {part.where} er et tekstfelt og skal "
                    f"skrives «{{{{ {block} }}}}» inne i et avsnitt."
                )
            if block in P.BLOCKS and not part.body:
                raise ReportTemplateError(
                    f"Word-malen «{name}»: «{{{{p {block} }}}}» kan bare stå i selve dokumentet, "
                    f"ikke i {part.where}."
                )
            order.append(block)
        for match in _INLINE_TAG.finditer(text):
            block = match.group(1)
            if block in P.BLOCKS:
                raise ReportTemplateError(
                    f"Word-malen «{name}»: «{{{{ {block} }}}}» i {part.where} gir overskrifter, avsnitt "
                    f"og tabeller og må stå alene i sitt eget avsnitt, skrevet «{{{{p {block} }}}}»."
                )
    return order


def check_template(tpl: Any, name: str, env: Environment) -> list[str]:
    """Check every rendered part; the block placeholders of the body in document order."""
    order: list[str] = []
    for part in template_parts(tpl):
        used = _check_syntax(tpl, part, name, env)
        _check_unknown(used, part, name)
        order += _check_paragraphs(part, name)
    return order


# --- rendering ------------------------------------------------------------------------


def new_environment() -> Environment:
    """Jinja as docxtpl needs it: no autoescape (values are escaped or built as XML here)."""
    return Environment(undefined=StrictUndefined, autoescape=False)


@dataclass(frozen=True)
class Context:
    """What docxtpl fills in, and the body XML that replaces each block's marker afterwards."""

    values: dict[str, str]
    #: marker paragraph -> the block that replaces it
    blocks: dict[str, Block]
    styles: Styles


def _marker(nonce: str, block: str) -> str:
    return f"INNSPILL{nonce}{block.upper()}"


def render_context(tpl: Any, content: ReportContent) -> Context:
    """Fields escaped; each block as a marker paragraph, its body XML written in later.

    docxtpl would insert the block XML itself, but then runs its regular-expression
    clean-up over the whole rendered body, which costs more than building it. The blocks
    are therefore spliced into the saved file, in one pass (`splice_blocks`).
    """
    styles = resolve_styles(tpl.docx.styles.element)
    nonce = uuid.uuid4().hex
    values = {name: escape(value) for name, value in content.fields.items()}
    blocks: dict[str, Block] = {}
    for name in P.BLOCKS:
        marker = _marker(nonce, name)
        values[name] = f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>"
        blocks[values[name]] = content.blocks.get(name, ())
    return Context(values, blocks, styles)


def splice_blocks(docx: bytes, part: str, blocks: Mapping[str, Block], styles: Styles) -> bytes:
    """The saved .docx with every marker paragraph of its document part replaced by its block's XML.

    The XML is written piece by piece into the new file: the body is never parsed again
    as a tree, and never held whole in memory (at 100,000 input points it is some 40 MB).
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        xml = source.read(part).decode("utf-8")
        found = [marker for marker in blocks if marker in xml]
        if not found:
            return docx
        pattern = re.compile("|".join(re.escape(marker) for marker in found))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename != part:
                    target.writestr(info.filename, source.read(info))
                    continue
                with target.open(info.filename, "w") as stream:
                    _write_utf8(stream, _spliced(xml, pattern, blocks, styles))
    return out.getvalue()


def _spliced(
    xml: str, markers: re.Pattern[str], blocks: Mapping[str, Block], styles: Styles
) -> Iterator[str]:
    """The document XML in pieces, each marker paragraph replaced by its block's XML."""
    position = 0
    for match in markers.finditer(xml):
        yield xml[position : match.start()]
        yield from block_pieces(blocks[match.group(0)], styles)
        position = match.end()
    yield xml[position:]


#: Characters encoded and written at a time.
_WRITE_CHUNK = 1 << 18


def _write_utf8(stream: IO[bytes], pieces: Iterable[str]) -> None:
    """Write text pieces as UTF-8, a few hundred thousand characters at a time."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= _WRITE_CHUNK:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()
            size = 0
    stream.write("".join(batch).encode("utf-8"))


#: The longest text a document property may hold (python-docx refuses more).
PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    """`text` short enough for a document property (a title pasted at length is cut with "…")."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def set_properties(tpl: Any, content: ReportContent, now: dt.datetime) -> None:
    """Title, author and subject from the workbook; nothing personal left from the template."""
    props = tpl.docx.core_properties
    props.title = _property(content.title)
    props.author = _property(content.author)
    props.subject = _property(content.subject)
    props.last_modified_by = _property(content.author)
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.identifier = ""
    props.content_status = ""
    props.version = ""
    props.language = DOCUMENT_LANGUAGE
    props.revision = 1
    props.created = now
    props.modified = now


def render(tpl: Any, name: str, env: Environment, content: ReportContent, now: dt.datetime) -> bytes:
    """Fill the checked template with `content` and return the .docx bytes."""
    context = render_context(tpl, content)
    try:
        tpl.render(context.values, jinja_env=env, autoescape=False)
    except TemplateError as exc:
        raise ReportTemplateError(
            f"Word-malen «{name}» kan ikke fylles ut ({exc.message or type(exc).__name__}). "
            "Rett malen i Word."
        ) from exc
    set_properties(tpl, content, now)
    out = io.BytesIO()
    tpl.save(out)
    part = str(tpl.docx.part.partname).lstrip("/")
    return splice_blocks(out.getvalue(), part, context.blocks, context.styles)


def template_source(template: Path | None) -> tuple[bytes, str]:
    """The template's bytes and the name used in messages (the default one when None)."""
    if template is None:
        return default_template_bytes(), DEFAULT_TEMPLATE
    try:
        return template.read_bytes(), template.name
    except FileNotFoundError as exc:
        raise ReportTemplateError(f"Finner ikke Word-malen «{template}». Sjekk navnet og mappen.") from exc
    except IsADirectoryError as exc:
        raise ReportTemplateError(f"«{template}» er en mappe, ikke en Word-mal (.docx).") from exc
    except OSError as exc:
        raise ReportTemplateError(f"Kan ikke lese Word-malen «{template}»: {exc.strerror}.") from exc
