"""The generated Norwegian sentences, table-driven (Språkrådet: 0–12 in words, one form per sentence)."""

from __future__ import annotations

import pytest

from xl_addin.counts import CategoryCount
from xl_addin.language import Gender, Noun
from xl_addin.report import sentences as T

KOMMUNE = Noun("kommune", "kommuner", Gender.MASCULINE)
FRIVILLIG = Noun("frivillig organisasjon", "frivillige organisasjoner", Gender.FEMININE)
RÅD = Noun("innvandrerråd", "innvandrerråd", Gender.NEUTER)
NÆRING = Noun("næringslivsaktør", "næringslivsaktører", Gender.MASCULINE)


def cats(*rows: tuple[int, int, int, int]) -> list[CategoryCount]:
    """(contacted, answered, contacted with agreement, answered with agreement) per category,
    in the order kommune, frivillig organisasjon, innvandrerråd, næringsliv."""
    nouns = [("Kommune", KOMMUNE), ("Frivillig organisasjon", FRIVILLIG), ("Innvandrerråd", RÅD)]
    nouns.append(("Næringsliv", NÆRING))
    return [CategoryCount(name, noun, *row) for (name, noun), row in zip(nouns, rows, strict=False)]


SPEC_2020 = cats((6, 4, 0, 0), (19, 12, 9, 5), (4, 4, 0, 0), (0, 0, 0, 0))

CONTACTED = [
    (
        SPEC_2020,
        "Vi kontaktet 6 kommuner, 19 frivillige organisasjoner (hvorav 9 med intensjonsavtale) og "
        "4 innvandrerråd.",
    ),
    (
        cats((6, 0, 0, 0), (9, 0, 4, 0), (4, 0, 0, 0)),
        "Vi kontaktet seks kommuner, ni frivillige organisasjoner (hvorav fire med intensjonsavtale) og "
        "fire innvandrerråd.",
    ),
    (
        cats((1, 0, 0, 0), (1, 0, 1, 0), (1, 0, 0, 0)),
        "Vi kontaktet én kommune, én frivillig organisasjon (med intensjonsavtale) og ett innvandrerråd.",
    ),
    (
        cats((0, 0, 0, 0), (3, 0, 3, 0)),
        "Vi kontaktet tre frivillige organisasjoner (alle med intensjonsavtale).",
    ),
    (
        cats((2, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0), (2, 0, 0, 0)),
        "Vi kontaktet to kommuner og to næringslivsaktører.",
    ),
    (cats((0, 0, 0, 0)), "Det er ikke registrert at noen er kontaktet."),
]


@pytest.mark.parametrize(("counts", "expected"), CONTACTED)
def test_contacted_sentence(counts: list[CategoryCount], expected: str) -> None:
    assert T.contacted_sentence(counts) == expected


ANSWERED = [
    (
        SPEC_2020,
        [
            "Av disse svarte fire kommuner, tolv frivillige organisasjoner (hvorav fem med intensjonsavtale) "
            "og fire innvandrerråd."
        ],
    ),
    (
        cats((20, 13, 0, 0), (4, 1, 2, 1)),
        ["Av disse svarte 13 kommuner og 1 frivillig organisasjon (med intensjonsavtale)."],
    ),
    (
        cats((3, 1, 0, 0), (0, 0, 0, 0), (1, 1, 0, 0), (2, 0, 0, 0)),
        ["Av disse svarte én kommune og ett innvandrerråd.", "Ingen næringslivsaktører svarte."],
    ),
    (
        cats((3, 0, 0, 0), (2, 2, 0, 0), (0, 0, 0, 0), (2, 0, 0, 0)),
        ["Av disse svarte to frivillige organisasjoner.", "Ingen kommuner eller næringslivsaktører svarte."],
    ),
    (cats((3, 0, 0, 0)), ["Ingen av dem hadde svart da rapporten ble laget."]),
    (cats((0, 0, 0, 0)), []),
]


@pytest.mark.parametrize(("counts", "expected"), ANSWERED)
def test_answered_sentences(counts: list[CategoryCount], expected: list[str]) -> None:
    assert T.answered_sentences(counts) == expected


@pytest.mark.parametrize(
    ("answered", "contacted", "expected"),
    [
        (20, 29, "Det gir en svarprosent på 69\u00a0%."),
        (1, 8, "Det gir en svarprosent på 13\u00a0%."),
        (0, 5, None),
    ],
)
def test_response_rate_sentence(answered: int, contacted: int, expected: str | None) -> None:
    assert T.response_rate_sentence(answered, contacted) == expected


@pytest.mark.parametrize(
    ("themes", "expected"),
    [
        (3, "Blant tilbakemeldingene er det særlig tre innspill som går igjen:"),
        (1, "Blant tilbakemeldingene er det særlig ett innspill som går igjen:"),
        (13, "Blant tilbakemeldingene er det særlig 13 innspill som går igjen:"),
        (0, "Blant tilbakemeldingene er det ingen tema som flere enn én har tatt opp."),
    ],
)
def test_recurring_lead_in(themes: int, expected: str) -> None:
    assert T.recurring_lead_in(themes) == expected


@pytest.mark.parametrize(
    ("organisations", "answered", "expected"),
    [
        (4, 7, "tatt opp av fire av de sju som svarte"),
        (9, 20, "tatt opp av 9 av de 20 som svarte"),
        (5, 5, "tatt opp av alle som svarte"),
        (3, 2, "tatt opp av tre"),
    ],
)
def test_raised_by(organisations: int, answered: int, expected: str) -> None:
    assert T.raised_by(organisations, answered) == expected


@pytest.mark.parametrize(
    ("count", "after", "expected"),
    [
        (1, True, "I tillegg kom det ett innspill som ikke skal siteres."),
        (13, True, "I tillegg kom det 13 innspill som ikke skal siteres."),
        (2, False, "Det kom to innspill om dette, men de skal ikke siteres."),
        (1, False, "Det kom ett innspill om dette, men det skal ikke siteres."),
    ],
)
def test_not_quoted_sentence(count: int, after: bool, expected: str) -> None:
    assert T.not_quoted_sentence(count, after_quotes=after) == expected


def test_the_selection_paragraph_uses_one_form_for_both_sentences() -> None:
    numbers = T.selection_numbers(SPEC_2020)
    assert T.answered_sentences(SPEC_2020, numbers) == [
        "Av disse svarte 4 kommuner, 12 frivillige organisasjoner (hvorav 5 med intensjonsavtale) "
        "og 4 innvandrerråd."
    ]
    small = cats((6, 4, 0, 0), (9, 5, 3, 2))
    assert T.contacted_sentence(small, T.selection_numbers(small)) == (
        "Vi kontaktet seks kommuner og ni frivillige organisasjoner (hvorav tre med intensjonsavtale)."
    )


def test_table_sentence_mentions_the_appendix_only_when_there_is_one() -> None:
    assert "vedlegget" in T.table_sentence(appendix=True)
    assert "vedlegget" not in T.table_sentence(appendix=False)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {
                "sender": "IMDi",
                "conference": "Integreringskonferansen",
                "year": "2020",
                "main_theme": "Samarbeid.",
                "conference_date": "14. september 2020",
            },
            "IMDi har samlet inn innspill til Integreringskonferansen 2020, og rapporten oppsummerer dem. "
            "Hovedtemaet for årets konferanse er Samarbeid. Konferansen holdes 14. september 2020.",
        ),
        (
            {"sender": "", "conference": "", "year": "", "main_theme": "", "conference_date": ""},
            "Vi har samlet inn innspill til konferansen, og rapporten oppsummerer dem.",
        ),
    ],
)
def test_default_introduction(kwargs: dict[str, str], expected: str) -> None:
    assert T.default_introduction(**kwargs) == [expected]
