"""Counts: the 2020 example against a plain count of its TOML data, and edge cases."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils import get_column_letter

from xl_addin import schema as S
from xl_addin.counts import NOT_GIVEN, Counts, compute_counts
from xl_addin.engines.files import FileSource
from xl_addin.example import example_data, write_example
from xl_addin.language import Gender
from xl_addin.output import OutTable
from xl_addin.reading import read_workbook
from xl_addin.telling import TABLE_CATEGORIES, TABLE_LEFT_OUT, TABLE_THEMES, telling_plan
from xl_addin.template import Content, Value, default_content, write_workbook
from xl_addin.validation.structure import check_structure

KOMMUNE, FRIVILLIG, RAD, NARINGSLIV = S.LIST_CATEGORIES.default_values()
SAMARBEID, NARINGSLIVET, ANNET = S.LIST_CHAPTERS.default_values()
THEMES = S.LIST_THEMES.default_values()
MOTEPLASSER, ORG_INFRA, TILSKUDD = THEMES[:3]
ANSWERED = dt.date(2020, 4, 27)


# --- fixtures -------------------------------------------------------------------------


def read_counts(path: Path) -> Counts:
    workbook = read_workbook(FileSource(path))
    check_structure(workbook)
    return compute_counts(workbook)


@pytest.fixture(scope="module")
def example_counts(tmp_path_factory: pytest.TempPathFactory) -> Counts:
    return read_counts(write_example(tmp_path_factory.mktemp("example") / "innspill-2020.xlsx"))


def contact(
    name: str,
    category: str | None = KOMMUNE,
    answered: Value = None,
    agreement: str | None = None,
    method: str | None = None,
    county: str | None = None,
) -> dict[str, Value]:
    return {
        S.CONTACT_NAME.header: name,
        S.CONTACT_CATEGORY.header: category,
        S.CONTACT_ANSWERED.header: answered,
        S.CONTACT_AGREEMENT.header: agreement,
        S.CONTACT_METHOD.header: method,
        S.CONTACT_COUNTY.header: county,
    }


def point(
    organisation: str, chapter: str = SAMARBEID, themes: str = "", include: str | None = None
) -> dict[str, Value]:
    return {
        S.INPUT_ORGANISATION.header: organisation,
        S.INPUT_CHAPTER.header: chapter,
        S.INPUT_THEMES.header: themes or None,
        S.INPUT_TEXT.header: "Et innspill.",
        S.INPUT_INCLUDE.header: include,
    }


def example(title: str, sectors: str | None) -> dict[str, Value]:
    return {
        S.EXAMPLE_TITLE.header: title,
        S.EXAMPLE_ORGANISATION.header: "A",
        S.EXAMPLE_SECTORS.header: sectors,
        S.EXAMPLE_DESCRIPTION.header: "Beskrivelse.",
    }


def counts_for(
    tmp_path: Path,
    contacts: Sequence[dict[str, Value]],
    inputs: Sequence[dict[str, Value]] = (),
    examples: Sequence[dict[str, Value]] = (),
    lists: dict[str, list[tuple[Value, ...]]] | None = None,
) -> Counts:
    content: Content = default_content(2020)
    content.rows = {
        S.CONTACTS.name: list(contacts),
        S.INPUTS.name: list(inputs),
        S.EXAMPLES.name: list(examples),
    }
    content.lists = lists or {}
    return read_counts(write_workbook(tmp_path / "test.xlsx", content))


# --- the 2020 example, against a plain count of the TOML data ---------------------------


def test_example_categories_as_the_spec_says(example_counts: Counts) -> None:
    got = {
        c.category: (c.contacted, c.answered, c.contacted_with_agreement, c.answered_with_agreement)
        for c in example_counts.per_category
    }
    assert got == {
        KOMMUNE: (6, 4, 0, 0),
        FRIVILLIG: (19, 12, 9, 5),
        RAD: (4, 4, 0, 0),
        NARINGSLIV: (0, 0, 0, 0),
    }
    assert example_counts.left_out == ()


def test_example_categories_match_a_plain_count(example_counts: Counts) -> None:
    contacts = example_data()["kontakter"]
    plain: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in contacts:
        agreement = row.get(S.CONTACT_AGREEMENT.header) == S.YES
        answered = S.CONTACT_ANSWERED.header in row
        tally = plain[row[S.CONTACT_CATEGORY.header]]
        for i, flag in enumerate((True, answered, agreement, answered and agreement)):
            tally[i] += flag
    for name, (contacted, answered, with_agreement, answered_agreement) in plain.items():
        c = example_counts.category(name)
        assert (c.contacted, c.answered, c.contacted_with_agreement, c.answered_with_agreement) == (
            contacted,
            answered,
            with_agreement,
            answered_agreement,
        )
    assert example_counts.total_contacted == len(contacts)


def _plain_topics(key: str) -> tuple[Counter[str], dict[str, set[str]], Counter[str]]:
    """Inputs, organisations and included inputs per chapter (key = Kapittel) or theme (key = Tema)."""
    inputs: Counter[str] = Counter()
    organisations: dict[str, set[str]] = defaultdict(set)
    included: Counter[str] = Counter()
    for row in example_data()["innspill"]:
        names = [row[key]] if key == S.INPUT_CHAPTER.header else row.get(key, "").split(";")
        for name in {n.strip() for n in names if n.strip()}:
            inputs[name] += 1
            organisations[name].add(row[S.INPUT_ORGANISATION.header])
            included[name] += row.get(S.INPUT_INCLUDE.header, S.YES) == S.YES
    return inputs, organisations, included


def test_example_recurring_themes(example_counts: Counts) -> None:
    inputs, organisations, _ = _plain_topics(S.INPUT_THEMES.header)
    ranked = sorted(organisations, key=lambda t: (-len(organisations[t]), -inputs[t], THEMES.index(t)))
    got = [t.name for t in example_counts.recurring_themes]
    assert got[:3] == [MOTEPLASSER, ORG_INFRA, TILSKUDD]
    assert got == ranked


@pytest.mark.parametrize("key", [S.INPUT_CHAPTER.header, S.INPUT_THEMES.header])
def test_example_chapters_and_themes_match_a_plain_count(example_counts: Counts, key: str) -> None:
    inputs, organisations, included = _plain_topics(key)
    topics = example_counts.per_chapter if key == S.INPUT_CHAPTER.header else example_counts.per_theme
    assert {t.name: (t.inputs, t.organisations, t.included_inputs) for t in topics} == {
        name: (inputs[name], len(organisations[name]), included[name]) for name in inputs
    }


def test_example_groups_and_sectors_match_a_plain_count(example_counts: Counts) -> None:
    contacts = example_data()["kontakter"]
    methods = Counter(r[S.CONTACT_METHOD.header] for r in contacts)
    counties = Counter(r[S.CONTACT_COUNTY.header] for r in contacts)
    assert {g.name: g.contacted for g in example_counts.per_method} == methods
    assert {g.name: g.contacted for g in example_counts.per_county} == counties
    assert sum(g.answered for g in example_counts.per_county) == example_counts.total_answered
    sectors = Counter(
        s.strip() for r in example_data()["eksempler"] for s in r[S.EXAMPLE_SECTORS.header].split(";")
    )
    assert dict(example_counts.examples_per_sector) == sectors


def test_labels_and_nouns_come_from_the_lists(example_counts: Counts) -> None:
    rad = example_counts.category(" innvandrer råd ")
    assert (rad.noun.singular, rad.noun.plural, rad.noun.gender) == (
        "innvandrerråd",
        "innvandrerråd",
        Gender.NEUTER,
    )
    headings = {str(row[0]): str(row[1]) for row in S.LIST_CHAPTERS.defaults}
    assert {t.name: t.label for t in example_counts.per_chapter} == headings
    with pytest.raises(KeyError):
        example_counts.category("Fylkeskommune")


# --- edge cases ----------------------------------------------------------------------


def test_no_answers_at_all(tmp_path: Path) -> None:
    counts = counts_for(tmp_path, [contact("A"), contact("B", FRIVILLIG, agreement=S.YES)])
    assert [(c.category, c.contacted, c.answered) for c in counts.per_category] == [
        (KOMMUNE, 1, 0),
        (FRIVILLIG, 1, 0),
        (RAD, 0, 0),
        (NARINGSLIV, 0, 0),
    ]
    assert counts.category(KOMMUNE).response_rate == 0.0
    assert counts.category(RAD).response_rate is None
    assert counts.category(FRIVILLIG).contacted_with_agreement == 1
    assert counts.total_answered == counts.total_answered_with_agreement == 0
    assert counts.recurring_themes == ()


def test_a_category_with_no_contacts_and_its_noun_fallback(tmp_path: Path) -> None:
    categories = [*S.LIST_CATEGORIES.defaults, ("Fylkeskommune", None, None, None)]
    counts = counts_for(
        tmp_path, [contact("A", answered=ANSWERED)], lists={S.LIST_CATEGORIES.name: categories}
    )
    extra = counts.per_category[-1]
    assert (extra.category, extra.contacted, extra.answered) == ("Fylkeskommune", 0, 0)
    assert (extra.noun.singular, extra.noun.plural) == ("fylkeskommune", "fylkeskommune")
    assert counts.total_contacted == 1


def test_an_organisation_in_several_chapters_counts_once_per_chapter(tmp_path: Path) -> None:
    inputs = [
        point("A", SAMARBEID, MOTEPLASSER),
        point("A", SAMARBEID, f"{MOTEPLASSER}; {ORG_INFRA}"),
        point("a ", NARINGSLIVET, MOTEPLASSER),
        point("B", NARINGSLIVET, ORG_INFRA),
    ]
    counts = counts_for(tmp_path, [contact("A", answered=ANSWERED), contact("B", answered=ANSWERED)], inputs)
    chapters = {t.name: (t.inputs, t.organisations) for t in counts.per_chapter}
    assert chapters == {SAMARBEID: (2, 1), NARINGSLIVET: (2, 2), ANNET: (0, 0)}
    themes = {t.name: (t.inputs, t.organisations) for t in counts.recurring_themes}
    assert themes == {MOTEPLASSER: (3, 1), ORG_INFRA: (2, 2)}
    assert [t.name for t in counts.recurring_themes] == [ORG_INFRA, MOTEPLASSER]


def test_ties_are_broken_by_inputs_then_list_order(tmp_path: Path) -> None:
    last, first = THEMES[-1], THEMES[0]
    inputs = [
        point("A", themes=last),
        point("A", themes=last),
        point("A", themes=THEMES[1]),
        point("B", themes=first),
    ]
    counts = counts_for(tmp_path, [contact("A"), contact("B")], inputs)
    assert [t.name for t in counts.recurring_themes] == [last, first, THEMES[1]]


def test_oddly_typed_themes_chapters_and_categories_still_count(tmp_path: Path) -> None:
    contacts = [contact("A", f"  {FRIVILLIG.upper()} ", ANSWERED), contact("B", "kom mune")]
    inputs = [
        point("A", f" {ANNET.lower()}", f"{MOTEPLASSER.lower()} ;  {MOTEPLASSER.upper()}"),
        point("b", SAMARBEID.upper(), f"{MOTEPLASSER[:4]} {MOTEPLASSER[4:].lower()}; {ORG_INFRA.lower()}  "),
    ]
    counts = counts_for(tmp_path, contacts, inputs)
    assert counts.left_out == ()
    assert (counts.category(FRIVILLIG).contacted, counts.category(FRIVILLIG).answered) == (1, 1)
    assert counts.category(KOMMUNE).contacted == 1
    themes = {t.name: (t.inputs, t.organisations) for t in counts.per_theme}
    assert themes[MOTEPLASSER] == (2, 2)
    assert themes[ORG_INFRA] == (1, 1)
    chapters = {t.name: t.inputs for t in counts.per_chapter}
    assert (chapters[ANNET], chapters[SAMARBEID]) == (1, 1)


def test_rows_left_out_of_the_report_still_count(tmp_path: Path) -> None:
    inputs = [point("A", themes=MOTEPLASSER, include=S.NO), point("B", themes=MOTEPLASSER)]
    contacts = [contact("A", answered=ANSWERED), contact("B", answered=ANSWERED)]
    counts = counts_for(tmp_path, contacts, inputs)
    assert counts.category(KOMMUNE).answered == 2
    theme = counts.per_theme[0]
    assert (theme.inputs, theme.organisations, theme.included_inputs) == (2, 2, 1)
    assert counts.recurring_themes[0].name == MOTEPLASSER


def test_rows_that_cannot_be_counted_are_left_out_with_a_reason(tmp_path: Path) -> None:
    contacts = [
        contact("A", answered=ANSWERED),  # row 2
        contact("B", "Frivilig organisasjon", ANSWERED),  # row 3: unknown category
        contact("C", answered="snart"),  # row 4: not a date
        contact("a", answered=ANSWERED),  # row 5: same name as row 2
        contact("D", answered="27.04.2020", method="Brevdue"),  # row 6: a date typed as text counts
    ]
    inputs = [
        point("A", themes=f"{MOTEPLASSER}; Mote"),  # row 2: unknown theme, counted without it
        point("Ukjent forening"),  # row 3: not in Kontakter
        point("C", "Kapittel 9"),  # row 4: unknown chapter
        point("B", themes=MOTEPLASSER),  # row 5: B is in Kontakter (its category is what is wrong)
    ]
    examples = [example("E1", "Kommune; Stat"), example("E2", None)]
    counts = counts_for(tmp_path, contacts, inputs, examples)
    where = [(x.sheet, x.row) for x in counts.left_out]
    assert where == [
        (S.CONTACTS.name, 3),
        (S.CONTACTS.name, 4),
        (S.CONTACTS.name, 5),
        (S.INPUTS.name, 2),
        (S.INPUTS.name, 3),
        (S.INPUTS.name, 4),
        (S.EXAMPLES.name, 2),
    ]
    reasons = [x.reason for x in counts.left_out]
    category_letter = get_column_letter(S.CONTACTS.columns.index(S.CONTACT_CATEGORY) + 1)
    assert f"({category_letter}3)" in reasons[0]
    assert "Frivilig organisasjon" in reasons[0]
    assert "snart" in reasons[1]
    assert "rad 2" in reasons[2]
    assert "Mote" in reasons[3]
    assert "Ukjent forening" in reasons[4]
    assert "Kapittel 9" in reasons[5]
    assert "Stat" in reasons[6]
    kommune = counts.category(KOMMUNE)
    assert (kommune.contacted, kommune.answered) == (2, 2)
    assert counts.category(FRIVILLIG).contacted == 0
    assert [(g.name, g.contacted) for g in counts.per_method] == [("Brevdue", 1), (NOT_GIVEN, 1)]
    assert {t.name: t.inputs for t in counts.per_theme}[MOTEPLASSER] == 2
    assert dict(counts.examples_per_sector) == {
        "Kommune": 1,
        "Frivillighet": 0,
        "Næringsliv": 0,
        NOT_GIVEN: 1,
    }


def test_rows_with_only_an_id_are_not_data(tmp_path: Path) -> None:
    contacts = [contact("A"), {S.CONTACT_ID.header: "K099"}]
    counts = counts_for(tmp_path, contacts, [{S.INPUT_ID.header: "I099"}])
    assert counts.total_contacted == 1
    assert counts.left_out == ()


def test_chapters_follow_their_order_column(tmp_path: Path) -> None:
    chapters = [("Første", "F", 2), ("Andre", "A", None), ("Tredje", "T", 1)]
    counts = counts_for(tmp_path, [contact("A")], lists={S.LIST_CHAPTERS.name: chapters})
    assert [t.name for t in counts.per_chapter] == ["Tredje", "Første", "Andre"]


def test_to_json_is_plain_json(example_counts: Counts) -> None:
    data = example_counts.to_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    per_category: Any = data["per_category"]
    assert list(per_category) == list(S.LIST_CATEGORIES.default_values())
    for key in ("contacted", "answered", "contacted_with_agreement", "answered_with_agreement"):
        assert per_category[FRIVILLIG][key] == getattr(example_counts.category(FRIVILLIG), key)
    assert per_category[NARINGSLIV]["response_rate"] is None
    assert data["left_out"] == []


def test_to_json_lists_what_was_left_out(tmp_path: Path) -> None:
    counts = counts_for(tmp_path, [contact("A", "Ukjent")])
    left_out: Any = counts.to_json()["left_out"]
    assert left_out == [{"sheet": S.CONTACTS.name, "row": 2, "reason": counts.left_out[0].reason}]


# --- the Telling plan --------------------------------------------------------------


def _table(tables: list[OutTable], name: str) -> OutTable:
    return next(t for t in tables if t.name == name)


def test_telling_plan_stacks_tables_with_captions_and_a_chart(example_counts: Counts) -> None:
    now = dt.datetime(2020, 9, 14, 10, 5)
    plan = telling_plan(example_counts, now=now)
    (sheet,) = plan.sheets
    assert sheet.name == S.COUNTS_SHEET
    assert any("14. september 2020 kl. 10.05" in line for line in sheet.lines)
    tops = [(t.top, t.bottom) for t in sheet.tables]
    assert all(t.caption for t in sheet.tables)
    assert all(prev_bottom + 2 < top for (_, prev_bottom), (top, _) in zip(tops, tops[1:], strict=False))
    assert tops[0][0] - 1 > len(sheet.lines) + 1  # the caption is below the title and lines
    categories = _table(sheet.tables, TABLE_CATEGORIES)
    assert [row[:3] for row in categories.rows] == [
        [c.category, c.contacted, c.answered] for c in example_counts.per_category
    ]
    themes = _table(sheet.tables, TABLE_THEMES)
    assert [row[0] for row in themes.rows][:3] == [MOTEPLASSER, ORG_INFRA, TILSKUDD]
    (chart,) = sheet.charts
    assert chart.table == TABLE_CATEGORIES
    assert [categories.header[i] for i in chart.series_columns] == ["Kontaktet", "Svart"]
    assert TABLE_LEFT_OUT not in {t.name for t in sheet.tables}


def test_telling_plan_lists_left_out_rows_with_links(tmp_path: Path) -> None:
    counts = counts_for(tmp_path, [contact("A", "Ukjent"), contact("B")])
    sheet = telling_plan(counts, now=dt.datetime(2020, 9, 14)).sheets[0]
    table = _table(sheet.tables, TABLE_LEFT_OUT)
    assert table.rows == [[S.CONTACTS.name, 2, counts.left_out[0].reason]]
    assert table.links[0].target == f"'{S.CONTACTS.name}'!A2"
    assert any("Én rad" in line for line in sheet.lines)
