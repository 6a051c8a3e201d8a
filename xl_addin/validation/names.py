"""Contact persons' names in free text, found as whole words ignoring case, in linear time.

`names_pattern` is the definition: one regular expression of every name as an
alternative. Run as it is over every text, it tries each of 1,000 names at
every word of 10,000 texts (seconds for a national round, growing with the
square of its size). `NameFinder` finds exactly the same matches and only
builds a pattern for the few names whose first words occur in a text.

Why that is exact: the pattern compares letter by letter ignoring case, and a
match starts after a non-word character. So where a name matches, the text has
a run of word characters equal to the name's first run (its first word), and
the next run equal to its second, ignoring case. `_fold` maps letters the
pattern takes as equal to the same string (checked over all of Unicode by the
tests), so comparing folded words misses no match; a name that matches nowhere
in a text changes nothing in what the pattern finds there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

#: A run of word characters, as the names pattern's `\w` sees them.
_WORD = re.compile(r"\w+")
#: The one group of letters the pattern takes as equal ignoring case though not all of them
#: are word characters (U+0345 is a combining mark): names holding them are always tried.
MIXED_WORD_LETTERS = frozenset("\u0345\u03b9\u1fbe")


def names_pattern(person_names: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern finding any of the names as whole words, ignoring case (longest first)."""
    if not person_names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(person_names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _cached_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    return names_pattern(names)


def fold(text: str) -> str:
    """The same for any two texts `names_pattern` takes as equal ignoring case, letter by letter.

    `casefold` alone would keep the Turkish dotted and dotless i apart (İ, ı), which
    the pattern matches with i. Folding never makes a space.
    """
    return text.replace("\u0130", "i").replace("\u0131", "i").casefold()


def folded_words(text: str) -> list[str]:
    """The runs of word characters in `text`, in order, folded."""
    return fold(" ".join(_WORD.findall(text))).split(" ")


def folded_word_set(texts: Iterable[str]) -> set[str]:
    """The distinct runs of word characters in `texts`, folded; quick for a whole column of texts.

    Splitting at spaces is done in C; only the distinct pieces that hold other
    signs than letters and digits ("søknad.", "«Kari") are split further.
    """
    pieces: set[str] = set()
    for text in texts:
        pieces.update(text.split())
    words = {piece for piece in pieces if piece.isalnum()}  # isalnum: one run of \w without "_"
    for piece in pieces - words:
        words.update(_WORD.findall(piece))
    return set(fold(" ".join(words)).split(" "))


class NameFinder:
    """Finds the names in a text exactly as `names_pattern(names)` would (see the module)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self._by_word: dict[str, list[str]] = {}
        self._by_pair: dict[tuple[str, str], list[str]] = {}
        self._always: list[str] = []
        for name in self.names:
            words = folded_words(name)
            if not _WORD.match(name) or not MIXED_WORD_LETTERS.isdisjoint(name):
                self._always.append(name)  # starts with a sign, or holds a letter \w treats unlike its case
            elif len(words) == 1:
                self._by_word.setdefault(words[0], []).append(name)
            else:
                self._by_pair.setdefault((words[0], words[1]), []).append(name)

    def within(self, texts: Iterable[str]) -> NameFinder | None:
        """A finder of only the names that can occur in `texts`, or None.

        One quick look at a whole column: the first two words of a name that occurs
        are both words of it. Usually no contact's name passes ("per" is a word, "Per
        Hansen" a contact person, but "hansen" is in no text).
        """
        words = folded_word_set(texts)
        kept = list(self._always)
        for word in words.intersection(self._by_word):
            kept += self._by_word[word]
        for (first, second), names in self._by_pair.items():
            if first in words and second in words:
                kept += names
        return NameFinder(sorted(kept)) if kept else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        words = folded_words(text)
        candidates = list(self._always)
        if self._by_word:
            for word in self._by_word.keys() & set(words):
                candidates += self._by_word[word]
        if self._by_pair:
            for pair in self._by_pair.keys() & set(zip(words, words[1:], strict=False)):
                candidates += self._by_pair[pair]
        pattern = _cached_pattern(tuple(sorted(candidates)))
        return iter(()) if pattern is None else pattern.finditer(text)


def name_finder(person_names: Sequence[str]) -> NameFinder | None:
    return NameFinder(person_names) if person_names else None
