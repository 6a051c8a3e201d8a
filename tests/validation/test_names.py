"""Names in free text: `NameFinder` finds exactly what the one big names pattern finds."""

from __future__ import annotations

import re
import sys
from re import _casefix  # type: ignore[attr-defined]

from hypothesis import given
from hypothesis import strategies as st

from xl_addin.validation.names import MIXED_WORD_LETTERS, NameFinder, fold, names_pattern

_WORD_CHAR = re.compile(r"\w")


def _partners(char: str) -> set[str]:
    """Single characters that may equal `char` ignoring case."""
    found = {char.lower(), char.upper(), char.casefold(), char.title()}
    found.update(chr(c) for c in _casefix._EXTRA_CASES.get(ord(char), ()))
    return {c for c in found if len(c) == 1 and c != char}


def test_fold_and_word_characters_agree_with_the_pattern_over_all_of_unicode() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for other in _partners(char):
            if not re.fullmatch(re.escape(char), other, re.IGNORECASE):
                continue
            assert fold(char) == fold(other), (hex(code), hex(ord(other)))
            if not MIXED_WORD_LETTERS & {char, other}:
                assert bool(_WORD_CHAR.match(char)) == bool(_WORD_CHAR.match(other)), hex(code)
            assert " " not in fold(char)


def _found(pattern_or_finder: re.Pattern[str] | NameFinder | None, text: str) -> list[tuple[int, int]]:
    if pattern_or_finder is None:
        return []
    return [m.span() for m in pattern_or_finder.finditer(text)]


LETTERS = st.sampled_from(list("aAkKeEiIİıßſsSσςΣ\u0345ι\u1fbeøØ"))
SIGNS = st.sampled_from([" ", "-", ".", "«", "»", "_", "(", "\u00a0", "1"])
PIECES = st.text(st.one_of(LETTERS, SIGNS), min_size=1, max_size=6)
NAMES = st.lists(st.text(st.one_of(LETTERS, LETTERS, SIGNS), min_size=1, max_size=8), max_size=6)


@given(names=NAMES, data=st.data())
def test_finder_finds_what_the_pattern_finds(names: list[str], data: st.DataObject) -> None:
    names = sorted(set(names))
    fragments = st.one_of(PIECES, st.sampled_from(names) if names else PIECES)
    texts = data.draw(st.lists(st.lists(fragments, max_size=6).map("".join), min_size=1, max_size=4))
    pattern = names_pattern(names)
    finder = NameFinder(names)
    narrowed = finder.within(texts)
    for text in texts:
        expected = _found(pattern, text)
        assert _found(finder, text) == expected
        assert _found(narrowed, text) == expected


def test_whole_names_only_and_longest_first() -> None:
    finder = NameFinder(["Kari Nordmann", "Kari Nordmann-Li", "Per Hansen"])
    text = "Hilsen KARI NORDMANN-LI og kari nordmann, ikke Per Hansenfamilien."
    assert [m.group(0) for m in finder.finditer(text)] == ["KARI NORDMANN-LI", "kari nordmann"]


def test_a_column_without_the_words_of_any_name_needs_no_search() -> None:
    finder = NameFinder(["Kari Nordmann", "Per Hansen"])
    assert finder.within(["Samarbeid med kommunen.", "Flere møteplasser, per måned."]) is None
    narrowed = finder.within(["Møte per måned.", "Skrevet av hansen."])
    assert narrowed is not None
    assert narrowed.names == ("Per Hansen",)


def test_a_letter_that_is_a_word_character_in_one_case_only() -> None:
    # U+0345 (a combining mark, not \w) equals ι ignoring case: "kaͅ" ends where "Kaι" does not
    name, text = "Ka\u03b9", "så ka\u0345 her"
    expected = _found(names_pattern([name]), text)
    assert expected == [(3, 6)]
    assert _found(NameFinder([name]), text) == expected
