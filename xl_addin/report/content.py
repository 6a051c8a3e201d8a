"""What goes into the report: a pure function from Workbook + Counts to a document model.

The consent and privacy rules live here:

* `Med i rapport` = `Nei` on an input point or an example: left out entirely.
* `Sitering` = `Kan siteres med navn`: the text, followed by the organisation.
* `Sitering` = `Kan siteres anonymt`: the text alone.
* `Sitering` = `Skal ikke siteres` (also blank or anything else): the text is
  never printed. Such points still count (the counts come from every row, so
  they weigh in the recurring themes), and each chapter says how many of them
  there were ("I tillegg kom det to innspill som ikke skal siteres.").
* Contact persons, e-mail addresses and phone numbers (and the free-text
  `Utvalgsgrunnlag` and `Merknad`) are never read here, so they cannot reach
  the document. Organisations are shown by name and place only.

Counting is left to `counts.compute_counts`; the numbers of the generated
sentences all come from there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from ..counts import Counts, match_key
from ..language import capitalize_first, long_date
from ..model import Record, Workbook
from ..schema import (
    CONTACT_ANSWERED,
    CONTACT_CATEGORY,
    CONTACT_NAME,
    CONTACT_PLACE,
    DEFAULT_TITLE,
    EXAMPLE_DESCRIPTION,
    EXAMPLE_INCLUDE,
    EXAMPLE_ORDER,
    EXAMPLE_PARTNERS,
    EXAMPLE_PLACE,
    EXAMPLE_TITLE,
    INPUT_CHAPTER,
    INPUT_INCLUDE,
    INPUT_ORGANISATION,
    INPUT_QUOTE,
    INPUT_TEXT,
    NO,
    QUOTE_ANONYMOUS,
    QUOTE_NAMED,
    SETTING_CONFERENCE,
    SETTING_CONFERENCE_DATE,
    SETTING_DEADLINE,
    SETTING_LETTER_DATE,
    SETTING_MAIN_THEME,
    SETTING_RECIPIENT,
    SETTING_SENDER,
    SETTING_TITLE,
    SETTING_YEAR,
    TEXT_BACKGROUND,
    TEXT_EXAMPLES,
    TEXT_INTRODUCTION,
    TEXT_SELECTION,
    YES,
)
from . import placeholders as P
from . import sentences
from .document import (
    Block,
    Bullet,
    Element,
    Heading,
    ParagraphKind,
    ReportContent,
    Run,
    Table,
    paragraph,
)

BACKGROUND_HEADING = "Bakgrunn"
SELECTION_HEADING = "Avgrensing og utvelgelse"
EXAMPLES_HEADING = "Gode eksempler"
APPENDIX_HEADING = "Vedlegg: Organisasjoner som ble kontaktet"
RESPONDENTS_CAPTION = "Tabell 1. Hvem som svarte, etter kategori"
APPENDIX_HEADER = (CONTACT_NAME.header, CONTACT_PLACE.header, "Svarte")
APPENDIX_WIDTHS = (55, 30, 15)

#: At most this many recurring themes are listed ...
RECURRING_LIMIT = 3
#: ... and a theme recurs when at least this many organisations raised it.
RECURRING_MINIMUM = 2

_BULLET_LINE = re.compile(r"^\s*[-–•*]\s+(.*\S)\s*$")
_SENTENCE_END = ".!?…"
_CLOSING = ")»\"'”’"


# --- small helpers -------------------------------------------------------------------


def prose(text: str | None) -> list[Element]:
    """Staff text from `Tekster`: one paragraph per line; lines starting "- " become bullets."""
    elements: list[Element] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        item = _BULLET_LINE.match(line)
        elements.append(Bullet((Run(item.group(1)),)) if item else paragraph(line.strip()))
    return elements


def _is(value: object, fixed: str) -> bool:
    return value is not None and match_key(value) == match_key(fixed)


def full_stop(text: str) -> str:
    """The text ending as a sentence: a full stop added unless it already ends with one."""
    text = text.rstrip()
    if not text or text.rstrip(_CLOSING)[-1:] in tuple(_SENTENCE_END):
        return text
    return text + "."


def _text_setting(workbook: Workbook, name: str) -> str:
    value = workbook.settings.get(name)
    return "" if value is None else str(value).strip()


def _date_setting(workbook: Workbook, name: str) -> str:
    value = workbook.settings.get(name)
    return long_date(value) if isinstance(value, dt.date) else ""


def report_fields(workbook: Workbook, today: dt.date) -> dict[str, str]:
    """The simple fields (`{{ tittel }}` …) as plain text."""
    conference = _text_setting(workbook, SETTING_CONFERENCE)
    year = _text_setting(workbook, SETTING_YEAR)
    title = _text_setting(workbook, SETTING_TITLE) or DEFAULT_TITLE.format(
        **{SETTING_CONFERENCE: conference, SETTING_YEAR: year}
    ).strip(" –")
    return {
        P.TITLE: title,
        P.CONFERENCE: conference,
        P.YEAR: year,
        P.MAIN_THEME: _text_setting(workbook, SETTING_MAIN_THEME),
        P.SENDER: _text_setting(workbook, SETTING_SENDER),
        P.RECIPIENT: _text_setting(workbook, SETTING_RECIPIENT),
        P.LETTER_DATE: _date_setting(workbook, SETTING_LETTER_DATE),
        P.CONFERENCE_DATE: _date_setting(workbook, SETTING_CONFERENCE_DATE),
        P.DEADLINE: _date_setting(workbook, SETTING_DEADLINE),
        P.TODAY: long_date(today),
    }


# --- the rows, read once ---------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    place: str
    answered: bool


@dataclass
class ChapterInputs:
    """The input points of one chapter that may be printed, and how many may not."""

    quotes: list[Bullet] = field(default_factory=list)
    not_quoted: int = 0


@dataclass
class Source:
    """The workbook's rows grouped once (every step below is linear in the rows)."""

    workbook: Workbook
    counts: Counts
    fields: dict[str, str]
    #: category match key -> its contacts in sheet order
    contacts: dict[str, list[Contact]]
    #: organisation match key -> its name as written in Kontakter
    names: dict[str, str]
    #: chapter match key -> its printable input points
    chapters: dict[str, ChapterInputs]
    #: block names present in the template
    blocks: frozenset[str]
    numbers: Iterator[int]

    def text(self, key: str) -> str | None:
        value = self.workbook.texts.get(key)
        return None if value is None else str(value)


def _contacts(workbook: Workbook) -> tuple[dict[str, list[Contact]], dict[str, str]]:
    by_category: dict[str, list[Contact]] = {}
    names: dict[str, str] = {}
    for record in workbook.contacts:
        name, category = record[CONTACT_NAME], record[CONTACT_CATEGORY]
        if not name or not category or match_key(name) in names:
            continue
        names[match_key(name)] = str(name)
        answered = record.cell(CONTACT_ANSWERED)
        place = record[CONTACT_PLACE]
        contact = Contact(str(name), "" if place is None else str(place), not answered.blank)
        by_category.setdefault(match_key(category), []).append(contact)
    return by_category, names


def _quote(record: Record, names: dict[str, str]) -> Bullet | None:
    """The printable form of an input point, or None when it may not be quoted."""
    text = record[INPUT_TEXT]
    if not text or not str(text).strip():
        return None
    quote = record[INPUT_QUOTE]
    if _is(quote, QUOTE_ANONYMOUS):
        return Bullet((Run(str(text).strip()),))
    if _is(quote, QUOTE_NAMED):
        organisation = names[match_key(record[INPUT_ORGANISATION])]
        return Bullet((Run(f"{organisation}: "), Run(str(text).strip())))
    return None


def _chapter_inputs(workbook: Workbook, names: dict[str, str]) -> dict[str, ChapterInputs]:
    chapters: dict[str, ChapterInputs] = {}
    for record in workbook.inputs:
        organisation, chapter = record[INPUT_ORGANISATION], record[INPUT_CHAPTER]
        if not organisation or not chapter or match_key(organisation) not in names:
            continue
        if _is(record[INPUT_INCLUDE], NO):
            continue
        mine = chapters.get(match_key(chapter))
        if mine is None:
            mine = chapters[match_key(chapter)] = ChapterInputs()
        quote = _quote(record, names)
        if quote is None:
            mine.not_quoted += 1
        else:
            mine.quotes.append(quote)
    return chapters


# --- blocks --------------------------------------------------------------------------


def _introduction(src: Source) -> Block:
    elements = prose(src.text(TEXT_INTRODUCTION))
    if elements:
        return tuple(elements)
    f = src.fields
    return tuple(
        paragraph(text)
        for text in sentences.default_introduction(
            sender=f[P.SENDER],
            conference=f[P.CONFERENCE],
            year=f[P.YEAR],
            main_theme=f[P.MAIN_THEME],
            conference_date=f[P.CONFERENCE_DATE],
        )
    )


def recurring_themes(counts: Counts) -> list[tuple[str, int]]:
    """The themes that recur: (summary, distinct organisations), most organisations first."""
    themes = [t for t in counts.recurring_themes if t.organisations >= RECURRING_MINIMUM]
    return [(t.label, t.organisations) for t in themes[:RECURRING_LIMIT]]


def _recurring(src: Source) -> Block:
    themes = recurring_themes(src.counts)
    answered = src.counts.total_answered
    items = [
        Bullet((Run(f"{summary.rstrip(' .')} ({sentences.raised_by(organisations, answered)})."),))
        for summary, organisations in themes
    ]
    return (paragraph(sentences.recurring_lead_in(len(themes))), *items)


def _chapter_heading(src: Source, text: str) -> Heading:
    return Heading(text, 1, next(src.numbers))


def _background(src: Source) -> Block:
    return (_chapter_heading(src, BACKGROUND_HEADING), *prose(src.text(TEXT_BACKGROUND)))


def respondents_table(src: Source) -> Table | None:
    """One column per category with respondents (list order), names of those who answered."""
    columns: list[tuple[str, list[str]]] = []
    for count in src.counts.per_category:
        answered = [c.name for c in src.contacts.get(match_key(count.category), []) if c.answered]
        if answered:
            columns.append((capitalize_first(count.noun.plural), answered))
    if not columns:
        return None
    rows = zip_longest(*(names for _, names in columns), fillvalue="")
    return Table(RESPONDENTS_CAPTION, tuple(h for h, _ in columns), tuple(tuple(r) for r in rows))


def _selection(src: Source) -> Block:
    counts = src.counts
    numbers = sentences.selection_numbers(counts.per_category)  # one form in the paragraph
    generated = [
        sentences.contacted_sentence(counts.per_category, numbers),
        *sentences.answered_sentences(counts.per_category, numbers),
    ]
    rate = sentences.response_rate_sentence(counts.total_answered, counts.total_contacted)
    if rate:
        generated.append(rate)
    table = respondents_table(src)
    if table is not None:
        generated.append(sentences.table_sentence(appendix=P.APPENDIX in src.blocks))
    elements: list[Element] = [
        _chapter_heading(src, SELECTION_HEADING),
        *prose(src.text(TEXT_SELECTION)),
        paragraph(" ".join(generated)),
    ]
    if table is not None:
        elements += [paragraph(table.caption, ParagraphKind.CAPTION), table]
    return tuple(elements)


def _chapters(src: Source) -> Block:
    elements: list[Element] = []
    for chapter in src.counts.per_chapter:
        text = prose(src.text(chapter.name))
        inputs = src.chapters.get(match_key(chapter.name), ChapterInputs())
        if not text and not inputs.quotes and not inputs.not_quoted:
            continue  # nothing to say: no chapter
        elements += [_chapter_heading(src, chapter.label), *text]
        if inputs.quotes:
            elements += [paragraph(sentences.inputs_lead_in()), *inputs.quotes]
        if inputs.not_quoted:
            note = sentences.not_quoted_sentence(inputs.not_quoted, after_quotes=bool(inputs.quotes))
            elements.append(paragraph(note))
    return tuple(elements)


def _example_order(record: Record) -> tuple[bool, int]:
    order = record[EXAMPLE_ORDER]
    return (not isinstance(order, int), order if isinstance(order, int) else 0)


def example_item(record: Record) -> Bullet:
    """An example as one list item: "**Title** – place. What was done. Samarbeidspartnere: …"."""
    runs = [Run(str(record[EXAMPLE_TITLE]).strip(), bold=True)]
    place = record[EXAMPLE_PLACE]
    runs.append(Run(f" – {full_stop(str(place).strip())} " if place else ". "))
    runs.append(Run(full_stop(str(record[EXAMPLE_DESCRIPTION] or "").strip())))
    partners = record[EXAMPLE_PARTNERS]
    if partners:
        runs.append(Run(f" Samarbeidspartnere: {full_stop(str(partners).strip())}"))
    return Bullet(tuple(runs))


def _examples(src: Source) -> Block:
    chosen = [
        r
        for r in src.workbook.examples
        if r[EXAMPLE_TITLE] and r[EXAMPLE_DESCRIPTION] and not _is(r[EXAMPLE_INCLUDE], NO)
    ]
    chosen.sort(key=_example_order)  # stable: sheet order among equals
    text = prose(src.text(TEXT_EXAMPLES))
    if not chosen and not text:
        return ()
    items: list[Element] = [example_item(r) for r in chosen] or [paragraph(sentences.no_examples_sentence())]
    return (_chapter_heading(src, EXAMPLES_HEADING), *text, *items)


def _appendix(src: Source) -> Block:
    elements: list[Element] = [
        Heading(APPENDIX_HEADING, 1, new_page=True),
        paragraph(sentences.appendix_lead_in()),
    ]
    for count in src.counts.per_category:
        contacts = src.contacts.get(match_key(count.category), [])
        if not contacts:
            continue
        heading = capitalize_first(count.noun.plural)
        rows = tuple((c.name, c.place, YES if c.answered else NO) for c in contacts)
        elements += [Heading(heading, 2), Table(heading, APPENDIX_HEADER, rows, APPENDIX_WIDTHS)]
    return tuple(elements)


BUILDERS: dict[str, Callable[[Source], Block]] = {
    P.INTRODUCTION: _introduction,
    P.RECURRING: _recurring,
    P.BACKGROUND: _background,
    P.SELECTION: _selection,
    P.CHAPTERS: _chapters,
    P.EXAMPLES: _examples,
    P.APPENDIX: _appendix,
}


def _counter() -> Iterator[int]:
    n = 0
    while True:
        n += 1
        yield n


def build_content(
    workbook: Workbook,
    counts: Counts,
    *,
    today: dt.date,
    blocks: Sequence[str] = P.BLOCK_ORDER,
) -> ReportContent:
    """The report's fields and blocks; `blocks` are the block placeholders the template holds,
    in its order (chapter numbers follow that order)."""
    contacts, names = _contacts(workbook)
    fields = report_fields(workbook, today)
    src = Source(
        workbook=workbook,
        counts=counts,
        fields=fields,
        contacts=contacts,
        names=names,
        chapters=_chapter_inputs(workbook, names),
        blocks=frozenset(blocks),
        numbers=_counter(),
    )
    built = {name: BUILDERS[name](src) for name in dict.fromkeys(blocks) if name in BUILDERS}
    return ReportContent(
        fields=fields,
        blocks=built,
        title=fields[P.TITLE],
        author=fields[P.SENDER],
        subject=fields[P.MAIN_THEME],
    )
