"""A small document model: what the report says, independent of Word.

`content` builds it from the workbook, `wordml` turns it into
WordprocessingML. Text is plain (unescaped) Python text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading; `number` is shown before the text ("3 Innspill …")."""

    text: str
    level: int = 1
    number: int | None = None
    #: start on a new page (the appendix)
    new_page: bool = False

    @property
    def display(self) -> str:
        return self.text if self.number is None else f"{self.number} {self.text}"


class ParagraphKind(StrEnum):
    BODY = "body"
    CAPTION = "caption"


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: ParagraphKind = ParagraphKind.BODY

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Bullet:
    """One item of a bullet list."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    """A table with one header row (repeated on every page) and text cells."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: relative column widths (equal when empty)
    widths: tuple[int, ...] = ()


Element = Heading | Paragraph | Bullet | Table
Block = tuple[Element, ...]


@dataclass(frozen=True)
class ReportContent:
    """Everything the template's placeholders are filled with."""

    #: field name -> plain text
    fields: Mapping[str, str]
    #: block name -> its elements (empty: the placeholder's paragraph disappears)
    blocks: Mapping[str, Block] = field(default_factory=dict)
    #: core properties of the document
    title: str = ""
    author: str = ""
    subject: str = ""


def paragraph(text: str, kind: ParagraphKind = ParagraphKind.BODY) -> Paragraph:
    return Paragraph((Run(text),), kind)


def bullet(text: str) -> Bullet:
    return Bullet((Run(text),))
