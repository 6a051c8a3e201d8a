"""Tests for xl_addin.language (Norwegian bokmål text helpers)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xl_addin.language import (
    EN_DASH,
    NBSP,
    Gender,
    Noun,
    capitalize_first,
    count,
    format_number,
    join,
    long_date,
    number_word,
    percent,
    sentence,
    short_date,
    use_words,
)

KOMMUNE = Noun("kommune", "kommuner", Gender.MASCULINE)
ORGANISASJON = Noun("organisasjon", "organisasjoner", Gender.FEMININE)
RÅD = Noun("innvandrerråd", "innvandrerråd", Gender.NEUTER)
FRIVILLIG = Noun("frivillig organisasjon", "frivillige organisasjoner", Gender.FEMININE)

# --- number words -----------------------------------------------------------

WORDS = {
    0: "null",
    2: "to",
    3: "tre",
    4: "fire",
    5: "fem",
    6: "seks",
    7: "sju",
    8: "åtte",
    9: "ni",
    10: "ti",
    11: "elleve",
    12: "tolv",
}


@pytest.mark.parametrize("gender", list(Gender))
@pytest.mark.parametrize(("n", "expected"), sorted(WORDS.items()))
def test_number_word_gender_independent(n: int, expected: str, gender: Gender) -> None:
    assert number_word(n, gender) == expected


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        (Gender.MASCULINE, "én"),
        (Gender.FEMININE, "én"),
        (Gender.NEUTER, "ett"),
    ],
)
def test_number_word_one_agrees_with_gender(gender: Gender, expected: str) -> None:
    assert number_word(1, gender) == expected


def test_number_word_default_gender_is_masculine() -> None:
    assert number_word(1) == "én"


@pytest.mark.parametrize("gender", list(Gender))
@pytest.mark.parametrize("n", [-1, 13, 19, 21, 100, 10_000])
def test_number_word_rejects_out_of_range(n: int, gender: Gender) -> None:
    with pytest.raises(ValueError, match="0..12"):
        number_word(n, gender)


# --- format_number / use_words ----------------------------------------------


@pytest.mark.parametrize(
    ("n", "words", "gender", "expected"),
    [
        (0, True, Gender.MASCULINE, "null"),
        (1, True, Gender.MASCULINE, "én"),
        (1, True, Gender.FEMININE, "én"),
        (1, True, Gender.NEUTER, "ett"),
        (12, True, Gender.NEUTER, "tolv"),
        (13, True, Gender.MASCULINE, "13"),
        (19, True, Gender.FEMININE, "19"),
        (21, True, Gender.NEUTER, "21"),
        (100, True, Gender.MASCULINE, "100"),
        (1000, True, Gender.MASCULINE, "1000"),
        (9999, False, Gender.MASCULINE, "9999"),
        (10_000, True, Gender.MASCULINE, f"10{NBSP}000"),
        (1_234_567, False, Gender.MASCULINE, f"1{NBSP}234{NBSP}567"),
        (0, False, Gender.MASCULINE, "0"),
        (1, False, Gender.NEUTER, "1"),
        (12, False, Gender.MASCULINE, "12"),
        (-1, True, Gender.MASCULINE, "-1"),
        (-12_345, False, Gender.MASCULINE, f"-12{NBSP}345"),
    ],
)
def test_format_number(n: int, words: bool, gender: Gender, expected: str) -> None:
    assert format_number(n, words=words, gender=gender) == expected


def test_grouping_uses_non_breaking_space_not_plain_space() -> None:
    assert " " not in format_number(10_000, words=False)
    assert "\u00a0" in format_number(10_000, words=False)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ((), True),
        ((0,), True),
        ((12,), True),
        ((13,), False),
        ((-1,), False),
        ((4, 12, 4), True),
        ((6, 19, 9, 4), False),
        ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), True),
        ((1, 10_000), False),
    ],
)
def test_use_words(numbers: tuple[int, ...], expected: bool) -> None:
    assert use_words(*numbers) is expected


# --- count ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, KOMMUNE, "null kommuner"),
        (1, KOMMUNE, "én kommune"),
        (2, KOMMUNE, "to kommuner"),
        (12, KOMMUNE, "tolv kommuner"),
        (13, KOMMUNE, "13 kommuner"),
        (19, KOMMUNE, "19 kommuner"),
        (21, KOMMUNE, "21 kommuner"),
        (100, KOMMUNE, "100 kommuner"),
        (10_000, KOMMUNE, f"10{NBSP}000 kommuner"),
        (0, ORGANISASJON, "null organisasjoner"),
        (1, ORGANISASJON, "én organisasjon"),
        (2, ORGANISASJON, "to organisasjoner"),
        (12, ORGANISASJON, "tolv organisasjoner"),
        (13, ORGANISASJON, "13 organisasjoner"),
        (19, ORGANISASJON, "19 organisasjoner"),
        (21, ORGANISASJON, "21 organisasjoner"),
        (100, ORGANISASJON, "100 organisasjoner"),
        (10_000, ORGANISASJON, f"10{NBSP}000 organisasjoner"),
        (0, RÅD, "null innvandrerråd"),
        (1, RÅD, "ett innvandrerråd"),
        (2, RÅD, "to innvandrerråd"),
        (12, RÅD, "tolv innvandrerråd"),
        (13, RÅD, "13 innvandrerråd"),
        (19, RÅD, "19 innvandrerråd"),
        (21, RÅD, "21 innvandrerråd"),
        (100, RÅD, "100 innvandrerråd"),
        (10_000, RÅD, f"10{NBSP}000 innvandrerråd"),
        (19, FRIVILLIG, "19 frivillige organisasjoner"),
        (1, FRIVILLIG, "én frivillig organisasjon"),
    ],
)
def test_count_decides_from_n(n: int, noun: Noun, expected: str) -> None:
    assert count(n, noun) == expected


@pytest.mark.parametrize(
    ("n", "noun", "words", "expected"),
    [
        (1, KOMMUNE, False, "1 kommune"),
        (1, RÅD, False, "1 innvandrerråd"),
        (0, ORGANISASJON, False, "0 organisasjoner"),
        (12, KOMMUNE, False, "12 kommuner"),
        (1, RÅD, True, "ett innvandrerråd"),
        # words=True cannot turn a number above 12 into a word.
        (13, KOMMUNE, True, "13 kommuner"),
    ],
)
def test_count_with_explicit_form(n: int, noun: Noun, words: bool, expected: str) -> None:
    assert count(n, noun, words=words) == expected


def test_count_rejects_negative() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        count(-1, KOMMUNE)


# --- sentence rule ----------------------------------------------------------


def test_sentence_all_small_numbers_use_words() -> None:
    s = sentence(4, 12, 4)
    assert s.words is True
    text = f"{s.count(4, KOMMUNE)}, {s.count(12, ORGANISASJON)} og {s.count(4, RÅD)}"
    assert text == "fire kommuner, tolv organisasjoner og fire innvandrerråd"
    assert s.number(12) == "tolv"


def test_sentence_one_large_number_forces_digits_everywhere() -> None:
    s = sentence(6, 19, 9, 4)
    assert s.words is False
    parts = [
        s.count(6, KOMMUNE),
        s.count(19, FRIVILLIG),
        s.count(9, RÅD),
        s.count(4, ORGANISASJON),
    ]
    assert join(parts) == ("6 kommuner, 19 frivillige organisasjoner, 9 innvandrerråd og 4 organisasjoner")
    assert s.number(9) == "9"


@pytest.mark.parametrize(
    ("numbers", "n", "noun", "expected"),
    [
        ((1, 3), 1, RÅD, "ett innvandrerråd"),
        ((1, 3), 1, KOMMUNE, "én kommune"),
        ((1, 30), 1, RÅD, "1 innvandrerråd"),
        ((1, 30), 30, KOMMUNE, "30 kommuner"),
        ((0, 10_000), 10_000, KOMMUNE, f"10{NBSP}000 kommuner"),
        ((0, 10_000), 0, KOMMUNE, "0 kommuner"),
    ],
)
def test_sentence_count(numbers: tuple[int, ...], n: int, noun: Noun, expected: str) -> None:
    assert sentence(*numbers).count(n, noun) == expected


@pytest.mark.parametrize(
    ("gender", "expected"),
    [(Gender.MASCULINE, "én"), (Gender.FEMININE, "én"), (Gender.NEUTER, "ett")],
)
def test_sentence_number_gender(gender: Gender, expected: str) -> None:
    assert sentence(1, 2).number(1, gender) == expected


def test_sentence_rejects_undeclared_number() -> None:
    s = sentence(4, 12)
    with pytest.raises(ValueError, match="not declared"):
        s.count(19, KOMMUNE)
    with pytest.raises(ValueError, match="not declared"):
        s.number(5)


def test_sentence_is_immutable_and_keeps_numbers() -> None:
    s = sentence(4, 12, 4)
    assert s.numbers == (4, 12, 4)
    with pytest.raises(AttributeError):
        s.numbers = (1,)  # type: ignore[misc]


# --- join -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Oslo"], "Oslo"),
        (["Oslo", "Bergen"], "Oslo og Bergen"),
        (["Oslo", "Bergen", "Tromsø"], "Oslo, Bergen og Tromsø"),
        (["Oslo", "Bergen", "Tromsø", "Bodø"], "Oslo, Bergen, Tromsø og Bodø"),
        (("a", "b", "c"), "a, b og c"),
    ],
)
def test_join(items: list[str], expected: str) -> None:
    assert join(items) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["a"], "a"),
        (["a", "b"], "a eller b"),
        (["a", "b", "c"], "a, b eller c"),
    ],
)
def test_join_other_conjunction(items: list[str], expected: str) -> None:
    assert join(items, "eller") == expected


def test_join_rejects_plain_string() -> None:
    with pytest.raises(TypeError):
        join("abc")


# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 1, 1), "1. januar 2020"),
        (date(2020, 2, 29), "29. februar 2020"),
        (date(2020, 3, 5), "5. mars 2020"),
        (date(2020, 4, 10), "10. april 2020"),
        (date(2020, 5, 17), "17. mai 2020"),
        (date(2020, 6, 30), "30. juni 2020"),
        (date(2020, 7, 4), "4. juli 2020"),
        (date(2020, 8, 31), "31. august 2020"),
        (date(2020, 9, 14), "14. september 2020"),
        (date(2020, 10, 9), "9. oktober 2020"),
        (date(2020, 11, 11), "11. november 2020"),
        (date(2020, 12, 24), "24. desember 2020"),
    ],
)
def test_long_date_every_month(d: date, expected: str) -> None:
    assert long_date(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 9, 14), "14.09.2020"),
        (date(2021, 1, 5), "05.01.2021"),
        (date(1999, 12, 31), "31.12.1999"),
    ],
)
def test_short_date(d: date, expected: str) -> None:
    assert short_date(d) == expected


# --- percent ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (2, 3, f"67{NBSP}%"),
        (1, 3, f"33{NBSP}%"),
        (1, 8, f"13{NBSP}%"),  # 12.5 -> 13 (half up)
        (5, 8, f"63{NBSP}%"),  # 62.5 -> 63 (half up, not banker's 62)
        (1, 200, f"1{NBSP}%"),  # 0.5 -> 1
        (1, 201, f"0{NBSP}%"),  # 0.497... -> 0
        (0, 5, f"0{NBSP}%"),
        (5, 5, f"100{NBSP}%"),
        (3, 2, f"150{NBSP}%"),
        (199, 200, f"100{NBSP}%"),  # 99.5 -> 100
        (0, 0, EN_DASH),
        (7, 0, EN_DASH),
    ],
)
def test_percent(part: int, whole: int, expected: str) -> None:
    assert percent(part, whole) == expected


def test_percent_zero_whole_is_en_dash() -> None:
    assert percent(3, 0) == "\u2013"


@pytest.mark.parametrize(("part", "whole"), [(-1, 3), (1, -3)])
def test_percent_rejects_negative(part: int, whole: int) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        percent(part, whole)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_percent_matches_exact_half_up(part: int, whole: int) -> None:
    exact = Fraction(100 * part, whole)
    floor = exact.numerator // exact.denominator
    expected = floor + 1 if exact - floor >= Fraction(1, 2) else floor
    text = percent(part, whole)
    assert text.endswith(f"{NBSP}%")
    assert int(text.removesuffix(f"{NBSP}%").replace(NBSP, "")) == expected


# --- Gender.parse -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hankjønn", Gender.MASCULINE),
        ("Hankjønn", Gender.MASCULINE),
        ("  HANKJØNN  ", Gender.MASCULINE),
        ("m", Gender.MASCULINE),
        ("M", Gender.MASCULINE),
        ("hank.", Gender.MASCULINE),
        ("hunkjønn", Gender.FEMININE),
        ("HUNKJØNN", Gender.FEMININE),
        (" f ", Gender.FEMININE),
        ("F", Gender.FEMININE),
        ("hunk.", Gender.FEMININE),
        ("Hunk", Gender.FEMININE),
        ("intetkjønn", Gender.NEUTER),
        ("\tIntetkjønn\n", Gender.NEUTER),
        ("n", Gender.NEUTER),
        ("N", Gender.NEUTER),
        ("intetk.", Gender.NEUTER),
        ("Intetk", Gender.NEUTER),
        (None, Gender.MASCULINE),
        ("", Gender.MASCULINE),
        ("   ", Gender.MASCULINE),
        ("ukjent", Gender.MASCULINE),
        ("x", Gender.MASCULINE),
    ],
)
def test_gender_parse(text: str | None, expected: Gender) -> None:
    assert Gender.parse(text) is expected


def test_gender_values_are_norwegian_words() -> None:
    assert [g.value for g in Gender] == ["hankjønn", "hunkjønn", "intetkjønn"]
    assert all(Gender.parse(g.value) is g for g in Gender)


# --- capitalize_first -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("én kommune", "Én kommune"),
        ("én", "Én"),
        ("ett innvandrerråd", "Ett innvandrerråd"),
        ("åtte kommuner i Oslo", "Åtte kommuner i Oslo"),
        ("øst", "Øst"),
        ("null NAV-kontor", "Null NAV-kontor"),  # rest untouched, unlike str.capitalize
        ("Allerede stor", "Allerede stor"),
        ("19 kommuner", "19 kommuner"),
        ("a", "A"),
        ("", ""),
    ],
)
def test_capitalize_first(text: str, expected: str) -> None:
    assert capitalize_first(text) == expected
