""" "Did you mean": the closest known value for a near miss."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..schema import normalize_header

#: How alike (difflib ratio, 0-1) a value must be to be suggested.
CUTOFF = 0.75


def closest(text: str, known: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The known value `text` most likely means: same but for case and spaces, else a small typo."""
    by_key: dict[str, str] = {}
    for value in known:
        by_key.setdefault(_key(value), value)
    key = _key(text)
    if key in by_key:
        return by_key[key]
    matches = difflib.get_close_matches(key, list(by_key), n=1, cutoff=cutoff)
    return by_key[matches[0]] if matches else None


def _key(text: str) -> str:
    """Compare ignoring case, spaces and the punctuation people vary (hyphens, dots)."""
    return normalize_header(text.replace("-", " ").replace(".", " "))
