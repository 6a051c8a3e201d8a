"""Counts of one workbook: who was contacted and who answered, and what they said.

Pure core: works on the typed rows of `model.Workbook` and knows nothing of
Excel. Counting runs on workbooks with errors too; a row that cannot be
counted is left out with a Norwegian reason (`Counts.left_out`) instead of
stopping the count. The definitions (README, "Slik telles det"):

* A row of `Kontakter` is one organisation contacted. It is *answered* when
  `Svar mottatt` holds a date, and *with agreement* when `Intensjonsavtale`
  is `Ja`. `Med i rapport` on `Innspill` never changes who answered.
* Categories, chapters and themes match their `Lister` entries ignoring case
  and spaces; organisations match `Kontakter` by name the same way, and are
  counted once per chapter or theme however many input points they gave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from . import language
from .model import Record, Workbook
from .schema import (
    CONTACT_AGREEMENT,
    CONTACT_ANSWERED,
    CONTACT_CATEGORY,
    CONTACT_COUNTY,
    CONTACT_ID,
    CONTACT_METHOD,
    CONTACT_NAME,
    CONTACTS,
    EXAMPLE_ID,
    EXAMPLE_SECTORS,
    EXAMPLES,
    INPUT_CHAPTER,
    INPUT_ID,
    INPUT_INCLUDE,
    INPUT_ORGANISATION,
    INPUT_THEMES,
    INPUTS,
    LIST_CATEGORIES,
    LIST_CHAPTERS,
    LIST_CONTACT_METHODS,
    LIST_COUNTIES,
    LIST_THEMES,
    LISTS_SHEET,
    SECTOR_CHOICES,
    YES,
    Column,
    ListSpec,
)

_T = TypeVar("_T")

#: Group name for a blank contact method, county or sector.
NOT_GIVEN = "(ikke oppgitt)"
#: Decimals kept for response rates in `to_json()`.
RATE_DECIMALS = 4


def match_key(text: object) -> str:
    """Names and list entries match ignoring case and every space ("møte plasser " = "Møteplasser")."""
    return _text_key(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=1 << 16)
def _text_key(text: str) -> str:
    # the same few list values and names come back on every row: each is keyed once
    return "".join(text.split()).casefold()


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _json_rate(rate: float | None) -> float | None:
    return None if rate is None else round(rate, RATE_DECIMALS)


# --- results -------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryCount:
    category: str
    noun: language.Noun
    contacted: int
    answered: int
    contacted_with_agreement: int
    answered_with_agreement: int

    @property
    def response_rate(self) -> float | None:
        return _rate(self.answered, self.contacted)

    def to_json(self) -> dict[str, object]:
        return {
            "contacted": self.contacted,
            "answered": self.answered,
            "response_rate": _json_rate(self.response_rate),
            "contacted_with_agreement": self.contacted_with_agreement,
            "answered_with_agreement": self.answered_with_agreement,
            "singular": self.noun.singular,
            "plural": self.noun.plural,
            "gender": str(self.noun.gender),
        }


@dataclass(frozen=True)
class GroupCount:
    """Contacts per contact method, county or sector."""

    name: str
    contacted: int
    answered: int

    @property
    def response_rate(self) -> float | None:
        return _rate(self.answered, self.contacted)

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "response_rate": _json_rate(self.response_rate)}


@dataclass(frozen=True)
class TopicCount:
    """Input points per chapter or theme."""

    name: str
    label: str
    inputs: int
    organisations: int
    included_inputs: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class LeftOut:
    """A row (or part of one) that could not be counted, and why (Norwegian)."""

    sheet: str
    row: int
    reason: str


@dataclass(frozen=True)
class Counts:
    per_category: tuple[CategoryCount, ...]
    per_method: tuple[GroupCount, ...]
    per_county: tuple[GroupCount, ...]
    per_chapter: tuple[TopicCount, ...]
    per_theme: tuple[TopicCount, ...]
    recurring_themes: tuple[TopicCount, ...]
    examples_per_sector: tuple[tuple[str, int], ...]
    left_out: tuple[LeftOut, ...]

    def category(self, name: str) -> CategoryCount:
        """The count of a category, named as in Lister (case and spaces ignored); KeyError if unknown."""
        for count in self.per_category:
            if match_key(count.category) == match_key(name):
                return count
        raise KeyError(name)

    @property
    def total_contacted(self) -> int:
        return sum(c.contacted for c in self.per_category)

    @property
    def total_answered(self) -> int:
        return sum(c.answered for c in self.per_category)

    @property
    def total_contacted_with_agreement(self) -> int:
        return sum(c.contacted_with_agreement for c in self.per_category)

    @property
    def total_answered_with_agreement(self) -> int:
        return sum(c.answered_with_agreement for c in self.per_category)

    @property
    def total_response_rate(self) -> float | None:
        return _rate(self.total_answered, self.total_contacted)

    def to_json(self) -> dict[str, object]:
        return {
            "per_category": {c.category: c.to_json() for c in self.per_category},
            "totals": {
                "contacted": self.total_contacted,
                "answered": self.total_answered,
                "response_rate": _json_rate(self.total_response_rate),
                "contacted_with_agreement": self.total_contacted_with_agreement,
                "answered_with_agreement": self.total_answered_with_agreement,
            },
            "per_method": [g.to_json() for g in self.per_method],
            "per_county": [g.to_json() for g in self.per_county],
            "per_chapter": [t.to_json() for t in self.per_chapter],
            "per_theme": [t.to_json() for t in self.per_theme],
            "recurring_themes": [t.to_json() for t in self.recurring_themes],
            "examples_per_sector": [{"sector": s, "examples": n} for s, n in self.examples_per_sector],
            "left_out": [asdict(x) for x in self.left_out],
        }


# --- lists ---------------------------------------------------------------------------

#: match key -> the list row's values in the list's column order (name first)
ListEntries = dict[str, tuple[Any, ...]]


def list_entries(workbook: Workbook, spec: ListSpec) -> ListEntries:
    """The entries of a `Lister` list in the user's order (the first of equal names wins)."""
    table = workbook.lists.get(spec.name)
    if table is None or not table.present:
        rows: list[tuple[Any, ...]] = [tuple(r) for r in spec.defaults]
    else:
        rows = [tuple(record[c] for c in spec.columns) for record in table.records]
    entries: ListEntries = {}
    for row in rows:
        name = row[0]
        if name is not None and str(name).strip():
            entries.setdefault(match_key(name), (str(name).strip(), *row[1:]))
    return entries


def category_noun(entry: tuple[Any, ...]) -> language.Noun:
    """Singular, plural and gender from a Kategorier row; the name lower-cased when blank."""
    name, singular, plural, gender = entry
    fallback = str(name).lower()
    return language.Noun(singular or fallback, plural or fallback, language.Gender.parse(gender))


# --- reasons (Norwegian) -----------------------------------------------------------


def _cell(record: Record, column: Column) -> str:
    where = record.location(column)
    return f"«{where.header}» ({where.address})" if where.column else f"«{where.header}»"


def _list_ref(spec: ListSpec) -> str:
    return f"{LISTS_SHEET} → {spec.name}"


def _blank_reason(record: Record, column: Column, fix: str) -> str:
    return f"{_cell(record, column)} er tom, så raden er ikke telt. {fix}"


def _not_in_list_reason(record: Record, column: Column, value: object, spec: ListSpec) -> str:
    return (
        f"{_cell(record, column)} er «{value}», som ikke finnes i {_list_ref(spec)}, så raden er "
        f"ikke telt. Velg en verdi fra listen, eller legg den til i listen."
    )


# --- rows ----------------------------------------------------------------------------


# Named tuples, not dataclasses: one is made per row, and a tuple is made three times faster.


class _Contact(NamedTuple):
    key: str
    category: str  # match key
    agreement: bool
    answered: bool
    method: str
    county: str


class _Input(NamedTuple):
    organisation: str  # match key
    chapter: str  # match key
    themes: frozenset[str]  # match keys
    included: bool


def _only_id(record: Record, id_column: Column) -> bool:
    """A row with nothing but an ID is an unused row, not data."""
    cells = record.cells
    return not cells or (len(cells) == 1 and id_column.key in cells)


def _group_name(value: object, entries: ListEntries) -> str:
    if value is None or not str(value).strip():
        return NOT_GIVEN
    entry = entries.get(match_key(value))
    return entry[0] if entry is not None else str(value).strip()


class _Reader:
    """Turns the typed rows into countable facts, noting each row it has to leave out."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.left_out: list[LeftOut] = []
        self.categories = list_entries(workbook, LIST_CATEGORIES)
        self.chapters = list_entries(workbook, LIST_CHAPTERS)
        self.themes = list_entries(workbook, LIST_THEMES)
        self.methods = list_entries(workbook, LIST_CONTACT_METHODS)
        self.counties = list_entries(workbook, LIST_COUNTIES)
        #: themes cells whose every theme is in the list -> their match keys
        self._known_themes: dict[tuple[str, ...], frozenset[str]] = {}

    def leave_out(self, record: Record, reason: str) -> None:
        self.left_out.append(LeftOut(record.table.sheet, record.row, reason))

    def contacts(self) -> tuple[list[_Contact], set[str]]:
        """The countable contacts, and the match keys of every contact name (for Innspill)."""
        contacts: list[_Contact] = []
        first_row: dict[str, int] = {}
        for record in self.workbook.tables[CONTACTS.name]:
            if _only_id(record, CONTACT_ID):
                continue
            name = record[CONTACT_NAME]
            if not name:
                self.leave_out(record, _blank_reason(record, CONTACT_NAME, "Fyll inn navnet."))
                continue
            key = match_key(name)
            if key in first_row:
                self.leave_out(
                    record,
                    f"{_cell(record, CONTACT_NAME)} «{name}» står også i rad {first_row[key]} og er "
                    "bare telt der. Slå sammen radene.",
                )
                continue
            first_row[key] = record.row
            contact = self._contact(record, key)
            if contact is not None:
                contacts.append(contact)
        return contacts, set(first_row)

    def _contact(self, record: Record, key: str) -> _Contact | None:
        category = record[CONTACT_CATEGORY]
        if not category:
            self.leave_out(record, _blank_reason(record, CONTACT_CATEGORY, "Velg en kategori fra listen."))
            return None
        if match_key(category) not in self.categories:
            self.leave_out(record, _not_in_list_reason(record, CONTACT_CATEGORY, category, LIST_CATEGORIES))
            return None
        answered = record.cell(CONTACT_ANSWERED)
        if not answered.blank and answered.value is None:
            self.leave_out(
                record,
                f"{_cell(record, CONTACT_ANSWERED)} er «{answered.raw}», som ikke er en dato, så raden "
                "er ikke telt. Skriv datoen som dd.mm.åååå, eller la feltet stå tomt om svaret ikke "
                "har kommet.",
            )
            return None
        return _Contact(
            key=key,
            category=match_key(category),
            agreement=match_key(record[CONTACT_AGREEMENT]) == match_key(YES),
            answered=not answered.blank,
            method=_group_name(record[CONTACT_METHOD], self.methods),
            county=_group_name(record[CONTACT_COUNTY], self.counties),
        )

    def inputs(self, organisations: set[str]) -> list[_Input]:
        inputs: list[_Input] = []
        for record in self.workbook.tables[INPUTS.name]:
            if _only_id(record, INPUT_ID):
                continue
            organisation = record[INPUT_ORGANISATION]
            chapter = record[INPUT_CHAPTER]
            if not organisation:
                fix = "Skriv navnet slik det står i arket Kontakter."
                self.leave_out(record, _blank_reason(record, INPUT_ORGANISATION, fix))
            elif match_key(organisation) not in organisations:
                self.leave_out(
                    record,
                    f"{_cell(record, INPUT_ORGANISATION)} er «{organisation}», som ikke finnes i arket "
                    f"{CONTACTS.name}, så raden er ikke telt. Skriv navnet slik det står der, eller legg "
                    f"organisasjonen til i {CONTACTS.name}.",
                )
            elif not chapter:
                self.leave_out(record, _blank_reason(record, INPUT_CHAPTER, "Velg et kapittel fra listen."))
            elif match_key(chapter) not in self.chapters:
                self.leave_out(record, _not_in_list_reason(record, INPUT_CHAPTER, chapter, LIST_CHAPTERS))
            else:
                inputs.append(
                    _Input(
                        organisation=match_key(organisation),
                        chapter=match_key(chapter),
                        themes=self._themes(record),
                        included=match_key(record[INPUT_INCLUDE]) == match_key(YES),
                    )
                )
        return inputs

    def _themes(self, record: Record) -> frozenset[str]:
        themes = record[INPUT_THEMES] or ()
        cacheable = isinstance(themes, tuple)
        known = self._known_themes.get(themes) if cacheable else None
        if known is not None:
            return known  # the same themes in many rows (every theme listed: nothing left out)
        keys: set[str] = set()
        for theme in themes:
            if match_key(theme) in self.themes:
                keys.add(match_key(theme))
            else:
                self.leave_out(
                    record,
                    f"Temaet «{theme}» i {_cell(record, INPUT_THEMES)} finnes ikke i "
                    f"{_list_ref(LIST_THEMES)}; innspillet er telt uten dette temaet. Velg temaer fra "
                    "listen, skilt med semikolon (;).",
                )
        if cacheable and len(keys) == len(themes):
            self._known_themes[themes] = frozenset(keys)
        return frozenset(keys)

    def examples_per_sector(self) -> tuple[tuple[str, int], ...]:
        sectors = {match_key(s): s for s in SECTOR_CHOICES}
        tally: Counter[str] = Counter()
        for record in self.workbook.tables[EXAMPLES.name]:
            if _only_id(record, EXAMPLE_ID):
                continue
            found: set[str] = set()
            for sector in record[EXAMPLE_SECTORS] or ():
                if match_key(sector) in sectors:
                    found.add(sectors[match_key(sector)])
                else:
                    self.leave_out(
                        record,
                        f"Sektoren «{sector}» i {_cell(record, EXAMPLE_SECTORS)} er ikke en av "
                        f"{language.join(SECTOR_CHOICES, 'eller')}; eksemplet er telt uten den.",
                    )
            tally.update(found or {NOT_GIVEN})
        names = [*SECTOR_CHOICES, *([NOT_GIVEN] if tally[NOT_GIVEN] else [])]
        return tuple((name, tally[name]) for name in names)


# --- aggregation -------------------------------------------------------------------


def _grouped(items: Iterable[_T], keys: Callable[[_T], Iterable[str]]) -> dict[str, list[_T]]:
    """Items by each of their keys, in one pass (an item may be under several keys)."""
    groups: dict[str, list[_T]] = {}
    for item in items:
        for key in keys(item):
            groups.setdefault(key, []).append(item)
    return groups


def _per_category(contacts: list[_Contact], categories: ListEntries) -> tuple[CategoryCount, ...]:
    counts: list[CategoryCount] = []
    by_category = _grouped(contacts, lambda c: (c.category,))
    for key, entry in categories.items():
        mine = by_category.get(key, [])
        counts.append(
            CategoryCount(
                category=entry[0],
                noun=category_noun(entry),
                contacted=len(mine),
                answered=sum(c.answered for c in mine),
                contacted_with_agreement=sum(c.agreement for c in mine),
                answered_with_agreement=sum(c.agreement and c.answered for c in mine),
            )
        )
    return tuple(counts)


def _per_group(
    contacts: list[_Contact], group: Callable[[_Contact], str], entries: ListEntries
) -> tuple[GroupCount, ...]:
    """Groups with at least one contact: list order, then other values as typed, then blanks."""
    contacted: Counter[str] = Counter(group(c) for c in contacts)
    answered: Counter[str] = Counter(group(c) for c in contacts if c.answered)
    listed = [e[0] for e in entries.values()]
    others = [n for n in contacted if n not in listed and n != NOT_GIVEN]
    order = [*listed, *others, NOT_GIVEN]
    return tuple(GroupCount(n, contacted[n], answered[n]) for n in order if contacted[n])


def _topic(name: str, label: str, inputs: Iterable[_Input]) -> TopicCount:
    mine = list(inputs)
    return TopicCount(
        name=name,
        label=label or name,
        inputs=len(mine),
        organisations=len({i.organisation for i in mine}),
        included_inputs=sum(i.included for i in mine),
    )


def _per_chapter(inputs: list[_Input], chapters: ListEntries) -> tuple[TopicCount, ...]:
    """Chapters by Rekkefølge (blank last), then list order."""
    ordered = sorted(
        enumerate(chapters.items()),
        key=lambda item: (item[1][1][2] is None, item[1][1][2] or 0, item[0]),
    )
    by_chapter = _grouped(inputs, lambda i: (i.chapter,))
    return tuple(_topic(entry[0], entry[1] or "", by_chapter.get(key, ())) for _, (key, entry) in ordered)


def _per_theme(inputs: list[_Input], themes: ListEntries) -> tuple[TopicCount, ...]:
    by_theme = _grouped(inputs, lambda i: i.themes)
    return tuple(_topic(entry[0], entry[1] or "", by_theme.get(key, ())) for key, entry in themes.items())


def rank_themes(themes: Iterable[TopicCount]) -> tuple[TopicCount, ...]:
    """Themes raised by at least one organisation: most organisations first, then most inputs,
    then list order (`themes` must be in list order)."""
    raised = [t for t in themes if t.organisations]
    return tuple(sorted(raised, key=lambda t: (-t.organisations, -t.inputs)))  # sorted() is stable


def compute_counts(workbook: Workbook) -> Counts:
    """Count a workbook (call `check_structure` first); never raises for bad data."""
    reader = _Reader(workbook)
    contacts, names = reader.contacts()
    inputs = reader.inputs(names)
    per_theme = _per_theme(inputs, reader.themes)
    examples = reader.examples_per_sector()
    return Counts(
        per_category=_per_category(contacts, reader.categories),
        per_method=_per_group(contacts, lambda c: c.method, reader.methods),
        per_county=_per_group(contacts, lambda c: c.county, reader.counties),
        per_chapter=_per_chapter(inputs, reader.chapters),
        per_theme=per_theme,
        recurring_themes=rank_themes(per_theme),
        examples_per_sector=examples,
        left_out=tuple(reader.left_out),  # in sheet order, then row order
    )
