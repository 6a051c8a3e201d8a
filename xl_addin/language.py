"""Norwegian (bokmål) language helpers for the Word report.

The rules follow Språkrådet's recommendations:

* Whole numbers from 0 to 12 are written in words in running text, larger
  numbers in digits.
* Within one sentence a single form is used: if any number in the sentence is
  above 12, every number in that sentence is written in digits.
* The number 1 agrees with grammatical gender and is stressed when it stands as
  a count: "én kommune", "én organisasjon", "ett innvandrerråd".
* Dates in running text are written "14. september 2020".
* Enumerations are joined as "a", "a og b", "a, b og c" (no Oxford comma).
* Numbers above 9999 are grouped in threes with a non-breaking space, and a
  non-breaking space separates a percentage from the percent sign ("67 %").

Everything here is pure and depends on the standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "EN_DASH",
    "MONTHS",
    "NBSP",
    "Gender",
    "Noun",
    "SentenceNumbers",
    "capitalize_first",
    "count",
    "format_number",
    "join",
    "long_date",
    "number_word",
    "percent",
    "sentence",
    "short_date",
    "use_words",
]

NBSP = "\u00a0"
"""Non-breaking space, used as thousands separator and before "%"."""

EN_DASH = "\u2013"
"""Placeholder for a percentage that cannot be computed (whole == 0)."""

MAX_WORD_NUMBER = 12
"""Largest number written in words in running text."""

GROUPING_THRESHOLD = 10_000
"""Numbers (by absolute value) from this value upwards get thousands separators."""

MONTHS: tuple[str, ...] = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
"""Month names in lower case, as used in running text."""

_WORDS: tuple[str, ...] = (
    "null",
    "én",  # placeholder for 1; the gendered form is chosen in number_word()
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
)


class Gender(StrEnum):
    """Grammatical gender of a Norwegian noun."""

    MASCULINE = "hankjønn"
    FEMININE = "hunkjønn"
    NEUTER = "intetkjønn"

    @classmethod
    def parse(cls, text: str | None) -> Gender:
        """Parse a gender from free text, e.g. a workbook cell.

        Accepts the Norwegian words ("hankjønn", "hunkjønn", "intetkjønn") and
        the short forms "m", "f", "n", "hank.", "hunk.", "intetk." (the
        abbreviations also without the trailing dot), case-insensitively and
        ignoring surrounding whitespace. ``None``, blank and unknown values
        give ``Gender.MASCULINE``, the most common gender and the safe default
        (its count form of 1 is "én", as for feminine).
        """
        if text is None:
            return cls.MASCULINE
        key = text.strip().casefold()
        return _GENDER_ALIASES.get(key, cls.MASCULINE)


_GENDER_ALIASES: dict[str, Gender] = {
    "hankjønn": Gender.MASCULINE,
    "hank.": Gender.MASCULINE,
    "hank": Gender.MASCULINE,
    "m": Gender.MASCULINE,
    "hunkjønn": Gender.FEMININE,
    "hunk.": Gender.FEMININE,
    "hunk": Gender.FEMININE,
    "f": Gender.FEMININE,
    "intetkjønn": Gender.NEUTER,
    "intetk.": Gender.NEUTER,
    "intetk": Gender.NEUTER,
    "n": Gender.NEUTER,
}


@dataclass(frozen=True)
class Noun:
    """A countable noun with its singular and plural indefinite forms."""

    singular: str
    plural: str
    gender: Gender


def number_word(n: int, gender: Gender = Gender.MASCULINE) -> str:
    """Return the word for ``n`` (0..12), agreeing with ``gender`` for 1.

    1 is "én" for masculine and feminine nouns and "ett" for neuter nouns.

    Raises:
        ValueError: if ``n`` is outside 0..12.
    """
    if not 0 <= n <= MAX_WORD_NUMBER:
        raise ValueError(f"number_word() only covers 0..{MAX_WORD_NUMBER}, got {n}")
    if n == 1:
        return "ett" if gender is Gender.NEUTER else "én"
    return _WORDS[n]


def _digits(n: int) -> str:
    """Write ``n`` in digits, grouping thousands with NBSP from 10 000 upwards."""
    magnitude = abs(n)
    text = str(magnitude)
    if magnitude >= GROUPING_THRESHOLD:
        text = f"{magnitude:,}".replace(",", NBSP)
    return f"-{text}" if n < 0 else text


def format_number(n: int, *, words: bool, gender: Gender = Gender.MASCULINE) -> str:
    """Format ``n`` for running text.

    With ``words=True`` a number in 0..12 is written as a word (see
    :func:`number_word`); every other number, and every number when
    ``words=False``, is written in digits ("13", "1000", "10 000" with a
    non-breaking space).
    """
    if words and 0 <= n <= MAX_WORD_NUMBER:
        return number_word(n, gender)
    return _digits(n)


def use_words(*numbers: int) -> bool:
    """Return True when every number is within 0..12.

    This is the sentence-level rule: pass all numbers occurring in one
    sentence; if any of them falls outside 0..12, the whole sentence uses
    digits. With no numbers the answer is True.
    """
    return all(0 <= n <= MAX_WORD_NUMBER for n in numbers)


def count(n: int, noun: Noun, *, words: bool | None = None) -> str:
    """Write a count with its noun: "én kommune", "ett innvandrerråd", "19 kommuner".

    The singular is used for exactly 1, the plural otherwise ("null kommuner").
    ``words=None`` decides from ``n`` alone; a sentence builder passes
    ``use_words(*all numbers in the sentence)`` instead.

    Raises:
        ValueError: if ``n`` is negative.
    """
    if n < 0:
        raise ValueError(f"count() needs a non-negative number, got {n}")
    if words is None:
        words = use_words(n)
    form = noun.singular if n == 1 else noun.plural
    return f"{format_number(n, words=words, gender=noun.gender)} {form}"


def join(items: Sequence[str], conjunction: str = "og") -> str:
    """Join items as a Norwegian enumeration: "", "a", "a og b", "a, b og c".

    Raises:
        TypeError: if ``items`` is a single string (almost always a mistake).
    """
    if isinstance(items, str):
        raise TypeError("join() expects a sequence of strings, not a single string")
    parts = list(items)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def long_date(d: date) -> str:
    """Format a date for running text: "14. september 2020"."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def short_date(d: date) -> str:
    """Format a date in numeric form: "14.09.2020"."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def percent(part: int, whole: int) -> str:
    """Return ``part`` as a whole percentage of ``whole``: "67 %".

    Rounds half up (1/8 -> "13 %") using exact integer arithmetic, and puts a
    non-breaking space before the percent sign. When ``whole`` is 0 the share
    is undefined and an en dash ("–") is returned.

    Raises:
        ValueError: if ``part`` or ``whole`` is negative.
    """
    if part < 0 or whole < 0:
        raise ValueError(f"percent() needs non-negative numbers, got {part} and {whole}")
    if whole == 0:
        return EN_DASH
    rounded = (200 * part + whole) // (2 * whole)
    return f"{_digits(rounded)}{NBSP}%"


def capitalize_first(text: str) -> str:
    """Upper-case the first character only: "én kommune" -> "Én kommune".

    Unlike :meth:`str.capitalize` the rest of the text is left untouched, so
    proper nouns and abbreviations keep their case. A text starting with a
    non-letter (e.g. a digit) is returned unchanged, as is the empty string.
    """
    if not text:
        return text
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class SentenceNumbers:
    """Formats the numbers of one sentence in a single, consistent form.

    Create it with :func:`sentence`, declaring every number the sentence will
    contain; :attr:`words` then applies the sentence-level rule to all of them.
    """

    numbers: tuple[int, ...]

    @property
    def words(self) -> bool:
        """True when the sentence's numbers are written in words."""
        return use_words(*self.numbers)

    def _check(self, n: int) -> None:
        if n not in self.numbers:
            raise ValueError(
                f"{n} was not declared for this sentence (declared: {self.numbers}); "
                "declare every number so the sentence uses one form"
            )

    def number(self, n: int, gender: Gender = Gender.MASCULINE) -> str:
        """Format a declared number in the sentence's form.

        Raises:
            ValueError: if ``n`` was not declared in :func:`sentence`.
        """
        self._check(n)
        return format_number(n, words=self.words, gender=gender)

    def count(self, n: int, noun: Noun) -> str:
        """Format a declared count with its noun in the sentence's form.

        Raises:
            ValueError: if ``n`` was not declared in :func:`sentence`, or is negative.
        """
        self._check(n)
        return count(n, noun, words=self.words)


def sentence(*numbers: int) -> SentenceNumbers:
    """Start a sentence containing ``numbers``: ``sentence(4, 12, 4).count(4, noun)``."""
    return SentenceNumbers(tuple(numbers))
