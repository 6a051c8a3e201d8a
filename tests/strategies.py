"""Hypothesis strategies: workbook content generated from the schema, valid by construction.

Every column gets a value of its kind (text, date, whole number, list entry,
several list entries, e-mail, phone) or, when optional, a blank; then the
rules that tie rows together are kept: intensjonsavtale only for voluntary
organisations, answers after contact, input only from (and from every)
organisation that answered, examples naming a contact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from xl_addin.schema import (
    AGREEMENT_CATEGORY,
    CONTACT_AGREEMENT,
    CONTACT_ANSWERED,
    CONTACT_CATEGORY,
    CONTACT_CONTACTED,
    CONTACT_NAME,
    CONTACTS,
    EXAMPLE_ORDER,
    EXAMPLE_ORGANISATION,
    EXAMPLES,
    INPUT_ORGANISATION,
    INPUT_TEXT,
    INPUTS,
    MULTI_SEPARATOR,
    NO,
    SETTING_YEAR,
    Column,
    Kind,
    TableSheet,
    list_spec,
)
from xl_addin.template import Content, Value, default_content

YEAR = 2020
#: A day after every generated date (pass it to `validate` as today).
TODAY = dt.date(YEAR, 12, 31)
FIRST_DAY = dt.date(YEAR, 1, 1)
LAST_DAY = dt.date(YEAR, 6, 30)

#: Words for generated text: no digits, no "@", nothing Excel or Word would mistreat.
WORDS = (
    "samarbeid", "frivillighet", "kommunen", "møteplasser", "lokaler", "tillit", "praksis",
    "kompetanse", "tilskudd", "nettverk", "ungdom", "kvinner", "språk", "arbeid", "dialog",
    "og", "med", "for", "i", "på", "om", "behov", "ønsker", "gode", "faste", "nye",
)  # fmt: skip
#: Contact persons: never one of WORDS, so generated text never names them.
PERSONS = ("Kari Nordmann", "Ola Testesen", "Ingrid Prøvestad", "Lars Fiktivsen", "Nour Eksempel")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join).map(lambda t: t.capitalize())
dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
emails = st.builds(
    "{}@{}.no".format,
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10),
    st.sampled_from(("imdi", "example", "kommune", "frivillig")),
)
#: Norwegian mobile numbers (9xx xx xxx), written the ways people write them.
phones = st.integers(90_000_000, 99_999_999).flatmap(
    lambda n: st.sampled_from((str(n), f"{str(n)[:3]} {str(n)[3:5]} {str(n)[5:]}", f"+47 {n}"))
)


def choices_of(column: Column) -> tuple[str, ...]:
    if column.list_name is not None:
        return list_spec(column.list_name).default_values()
    return column.choices


def value_of(column: Column) -> st.SearchStrategy[Any]:
    """A valid value for `column` by its kind (references are filled in by the caller)."""
    if column.email:
        return emails
    if column.phone:
        return phones
    if column.personal:
        return st.sampled_from(PERSONS)
    kind = column.kind
    if kind is Kind.DATE:
        return dates
    if kind is Kind.INTEGER:
        return st.integers(0, 500)
    if kind in (Kind.CHOICE, Kind.YES_NO):
        return st.sampled_from(choices_of(column))
    if kind is Kind.MULTI_CHOICE:
        return st.lists(st.sampled_from(choices_of(column)), min_size=1, max_size=3, unique=True).map(
            f"{MULTI_SEPARATOR} ".join
        )
    return words


def _row(draw: st.DrawFn, spec: TableSheet, skip: tuple[Column, ...] = ()) -> dict[str, Value]:
    row: dict[str, Value] = {}
    for column in spec.columns:
        if column.kind is Kind.ID or column in skip or column.references is not None:
            continue
        strategy = value_of(column)
        if not column.required:
            strategy = st.one_of(st.none(), strategy)
        row[column.header] = draw(strategy)
    return row


def _ids(rows: list[dict[str, Value]], spec: TableSheet) -> None:
    id_column = next(c for c in spec.columns if c.kind is Kind.ID)
    for i, row in enumerate(rows, start=1):
        row[id_column.header] = f"{id_column.id_prefix}{i:03d}"


@st.composite
def contacts(draw: st.DrawFn) -> list[dict[str, Value]]:
    names = draw(st.lists(words, min_size=1, max_size=5, unique_by=lambda t: " ".join(t.split()).casefold()))
    rows = []
    for name in names:
        row = _row(draw, CONTACTS, skip=(CONTACT_NAME, CONTACT_ANSWERED))
        row[CONTACT_NAME.header] = name
        if row[CONTACT_CATEGORY.header] != AGREEMENT_CATEGORY:
            row[CONTACT_AGREEMENT.header] = draw(st.sampled_from((None, NO)))
        contacted = row[CONTACT_CONTACTED.header]
        if draw(st.booleans()):
            start = contacted if isinstance(contacted, dt.date) else FIRST_DAY
            row[CONTACT_ANSWERED.header] = draw(st.dates(min_value=start, max_value=LAST_DAY))
        rows.append(row)
    _ids(rows, CONTACTS)
    return rows


@st.composite
def valid_content(draw: st.DrawFn) -> Content:
    """A whole workbook's content that breaks no rule (at least one contact has answered)."""
    content = default_content(YEAR)
    kontakter = draw(contacts())
    answered = [str(r[CONTACT_NAME.header]) for r in kontakter if r.get(CONTACT_ANSWERED.header)]
    if not answered:
        kontakter[0][CONTACT_ANSWERED.header] = LAST_DAY
        answered = [str(kontakter[0][CONTACT_NAME.header])]
    per_org = [draw(st.integers(1, 2)) for _ in answered]
    texts = draw(st.lists(words, min_size=sum(per_org), max_size=sum(per_org), unique=True))
    innspill: list[dict[str, Value]] = []
    for name, n in zip(answered, per_org, strict=True):
        for _ in range(n):
            row = _row(draw, INPUTS, skip=(INPUT_TEXT,))
            row[INPUT_ORGANISATION.header] = name
            row[INPUT_TEXT.header] = texts[len(innspill)]
            innspill.append(row)
    _ids(innspill, INPUTS)
    names = [str(r[CONTACT_NAME.header]) for r in kontakter]
    eksempler: list[dict[str, Value]] = []
    orders = draw(st.lists(st.integers(1, 50), min_size=3, max_size=3, unique=True))
    for i in range(draw(st.integers(1, 3))):
        row = _row(draw, EXAMPLES, skip=(EXAMPLE_ORDER,))
        row[EXAMPLE_ORGANISATION.header] = draw(st.sampled_from(names))
        row[EXAMPLE_ORDER.header] = draw(st.sampled_from((None, orders[i])))
        eksempler.append(row)
    _ids(eksempler, EXAMPLES)
    content.settings[SETTING_YEAR] = YEAR
    content.rows = {CONTACTS.name: kontakter, INPUTS.name: innspill, EXAMPLES.name: eksempler}
    return content
