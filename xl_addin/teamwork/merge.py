"""Merge copies of one workbook returned by several people (pure logic).

The rule: the FIRST workbook is the base, the version that was sent out; the
others are the copies that came back. Each copy's changes are what differs
from the base:

* a row that is not in the base is added (once, if several copies added the
  same row);
* a cell changed in one copy only (or changed the same way in several) is
  taken;
* a cell changed differently in two copies is a conflict: the value of the
  first copy (in the order given) that changed it is kept, and every value is
  listed for the user to decide;
* a row missing from a copy is kept, and listed (rows are never deleted);
* a new row that takes an ID another row already has is listed.

Rows are matched by `ID`, and where one side has no ID by a natural key
(see `parts`). The result says which cells to write, which rows to append
and what to list; `merge_output` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..model import Workbook
from ..output import CellEdit
from ..reading import find_sheet
from ..schema import GENERATED_SHEETS, normalize_header
from .parts import ROW_KEYS, Part, Row, comparable, parts_of

#: Stands for "this copy does not have the row" in an entry's values.
MISSING = object()


class EntryKind(StrEnum):
    """What a listed entry is (stable codes)."""

    CONFLICT = "ulike-endringer"
    DELETED = "slettet-i-kopi"
    DUPLICATE_ID = "samme-id"


@dataclass(frozen=True)
class Entry:
    """Something the user must decide: listed on screen and in the `Konflikter` sheet."""

    kind: EntryKind
    part: str
    sheet: str
    row: int
    column: str
    header: str
    row_label: str
    base: object
    #: one per copy, in order: its value, None when blank, MISSING when the row is not there
    values: tuple[object, ...]
    kept: object
    #: the copy whose value was kept (None for a row kept because a copy deleted it)
    source: int | None = None


@dataclass(frozen=True)
class Change:
    """A change taken from a copy (or a row added from one)."""

    part: str
    sheet: str
    row: int
    column: str
    header: str
    row_label: str
    before: object
    after: object
    #: index of the copy (0 = the first copy after the base)
    source: int


@dataclass(frozen=True)
class Growth:
    """A table that gets rows appended: its sheet, header row, a column of it, its new last row."""

    sheet: str
    header_row: int
    letter: str
    last_row: int


@dataclass
class MergeResult:
    base: str
    copies: tuple[str, ...]
    edits: list[CellEdit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.entries


def merge_workbooks(base: Workbook, copies: Sequence[Workbook]) -> MergeResult:
    """Merge typed Workbooks: `base` (the one sent out) and the returned `copies`, in order."""
    result = MergeResult(base.name, tuple(c.name for c in copies))
    copy_parts = [parts_of(c) for c in copies]
    touched: set[int] = set()
    for label, part in parts_of(base).items():
        theirs = [parts.get(label) for parts in copy_parts]
        for name, their in zip(result.copies, theirs, strict=True):
            if their is None:
                result.notices.append(f"«{name}» mangler {label}; den delen er ikke sammenlignet.")
            else:
                result.notices.extend(_column_notices(part, their, name))
        touched |= _merge_part(part, theirs, result)
    result.notices.extend(_sheet_notices(base.sheet_names, copies))
    for i, name in enumerate(result.copies):
        if i not in touched:
            result.notices.append(f"«{name}» har ingen endringer fra grunnlaget «{base.name}».")
    return result


# --- one part -------------------------------------------------------------------------


def _merge_part(base: Part, copies: list[Part | None], result: MergeResult) -> set[int]:
    """Merge one keyed table; returns the copies that contributed something."""
    touched: set[int] = set()
    matches: list[dict[int, Row] | None] = []
    added: list[tuple[int, Row]] = []
    for i, copy in enumerate(copies):
        if copy is None:
            matches.append(None)
            continue
        matched, new_rows = _match(base, copy)
        matches.append(matched)
        added.extend((i, row) for row in new_rows)
    for index, row in enumerate(base.rows):
        theirs = [None if m is None else m.get(index, _GONE) for m in matches]
        touched |= _merge_row(base, row, theirs, copies, result)
    touched |= _append_rows(base, added, result)
    return touched


class _Gone:
    """Marks a base row that a copy does not have."""


_GONE = _Gone()


def _match(base: Part, copy: Part) -> tuple[dict[int, Row], list[Row]]:
    """Base row index -> the copy's row, and the copy's rows that are not in the base."""
    by_id: dict[str, list[int]] = {}
    by_natural: dict[str, list[int]] = {}
    for i, row in enumerate(base.rows):
        if row.id:
            by_id.setdefault(row.id, []).append(i)
        if _named(row):
            by_natural.setdefault(row.natural, []).append(i)
    matched: dict[int, Row] = {}
    pending: list[Row] = []
    for row in copy.rows:
        index = _first_free(by_id.get(row.id or "", []), matched)
        if index is None:
            pending.append(row)
        else:
            matched[index] = row
    added: list[Row] = []
    for row in pending:
        candidates = [i for i in by_natural.get(row.natural, []) if row.id is None or base.rows[i].id is None]
        index = _first_free(candidates, matched) if _named(row) else None
        if index is None:
            added.append(row)
        else:
            matched[index] = row
    return matched, added


def _named(row: Row) -> bool:
    return bool(row.natural.strip("|"))


def _first_free(indexes: list[int], taken: dict[int, Row]) -> int | None:
    return next((i for i in indexes if i not in taken), None)


def _merge_row(
    base: Part,
    row: Row,
    theirs: list[Row | _Gone | None],
    copies: list[Part | None],
    result: MergeResult,
) -> set[int]:
    touched: set[int] = set()
    gone = [i for i, their in enumerate(theirs) if isinstance(their, _Gone)]
    if gone:
        touched.update(gone)
        values = tuple(MISSING if i in gone else row.label for i in range(len(theirs)))
        result.entries.append(
            _entry(EntryKind.DELETED, base, row.row, None, row, row.label, values, row.label)
        )
    for key, letter in base.letters.items():
        before = row.values.get(key)
        changed = [
            (i, their.values.get(key))
            for i, their in enumerate(theirs)
            if isinstance(their, Row)
            and key in (copies[i] or base).letters
            and comparable(their.values.get(key)) != comparable(before)
        ]
        if not changed:
            continue
        touched.update(i for i, _ in changed)
        source, kept = changed[0]
        result.edits.append(CellEdit(base.sheet, row.row, letter, kept))
        if len({_key(v) for _, v in changed}) == 1:
            header = base.headers.get(key, key)
            result.changes.append(
                Change(base.label, base.sheet, row.row, letter, header, row.label, before, kept, source)
            )
            continue
        values = tuple(their.values.get(key) if isinstance(their, Row) else MISSING for their in theirs)
        result.entries.append(
            _entry(EntryKind.CONFLICT, base, row.row, key, row, before, values, kept, source)
        )
    return touched


def _key(value: object) -> object:
    """A hashable comparison key."""
    compared = comparable(value)
    return (type(compared).__name__, str(compared))


def _append_rows(base: Part, added: list[tuple[int, Row]], result: MergeResult) -> set[int]:
    groups = _group(added)
    if not groups:
        return set()
    next_row = base.last_row + 1
    id_key = ROW_KEYS[base.label][0].key if base.label in ROW_KEYS else None
    used_ids = {row.id for row in base.rows if row.id}
    for group in groups:
        source, first = group[0]
        for key, letter in base.letters.items():
            _added_cell(base, next_row, key, letter, group, result)
        result.added.append(Change(base.label, base.sheet, next_row, "", "", first.label, None, None, source))
        if id_key is not None and first.id:
            if first.id in used_ids:
                _duplicate_id(base, next_row, id_key, first, len(result.copies), source, result)
            used_ids.add(first.id)
        next_row += 1
    result.growth.append(Growth(base.sheet, base.header_row, base.anchor, next_row - 1))
    return {i for group in groups for i, _ in group}


def _group(added: list[tuple[int, Row]]) -> list[list[tuple[int, Row]]]:
    """Rows added in several copies under the same natural key are one row."""
    groups: dict[str, list[tuple[int, Row]]] = {}
    seen: dict[tuple[int, str], int] = {}
    for i, row in added:
        name = row.natural if _named(row) else f"#{i}:{row.row}"
        n = seen[(i, name)] = seen.get((i, name), 0) + 1
        groups.setdefault(f"{name}#{n}", []).append((i, row))
    return list(groups.values())


def _added_cell(
    base: Part, at: int, key: str, letter: str, group: list[tuple[int, Row]], result: MergeResult
) -> None:
    source, first = group[0]
    kept = first.values.get(key)
    if kept is not None:
        result.edits.append(CellEdit(base.sheet, at, letter, kept))
    if len({_key(row.values.get(key)) for _, row in group}) == 1:
        return
    by_copy = {i: row.values.get(key) for i, row in group}
    values = tuple(by_copy.get(i, MISSING) for i in range(len(result.copies)))
    result.entries.append(_entry(EntryKind.CONFLICT, base, at, key, first, MISSING, values, kept, source))


def _duplicate_id(
    base: Part, at: int, id_key: str, row: Row, copies: int, source: int, result: MergeResult
) -> None:
    value = row.values.get(id_key)
    values = tuple(value if i == source else None for i in range(copies))
    result.entries.append(_entry(EntryKind.DUPLICATE_ID, base, at, id_key, row, None, values, value, source))


def _entry(
    kind: EntryKind,
    base: Part,
    at: int,
    key: str | None,
    row: Row,
    before: object,
    values: tuple[object, ...],
    kept: object,
    source: int | None = None,
) -> Entry:
    """An entry at row `at` of the base part, in column `key` (None: the whole row)."""
    letter = base.letters[key] if key is not None else ""
    header = base.headers.get(key, key) if key is not None else ""
    return Entry(kind, base.label, base.sheet, at, letter, header, row.label, before, values, kept, source)


# --- notices -----------------------------------------------------------------------------


def _column_notices(base: Part, copy: Part, name: str) -> list[str]:
    notices = []
    for key in copy.letters.keys() - base.letters.keys():
        notices.append(
            f"«{name}»: kolonnen «{copy.headers.get(key, key)}» i {copy.label} finnes ikke i grunnlaget "
            "og er ikke tatt med."
        )
    for key in base.letters.keys() - copy.letters.keys():
        notices.append(
            f"«{name}»: kolonnen «{base.headers.get(key, key)}» i {base.label} mangler; "
            "den er ikke sammenlignet."
        )
    return sorted(notices)


def _sheet_notices(base_sheets: list[str], copies: Sequence[Workbook]) -> list[str]:
    generated = {normalize_header(name) for name in GENERATED_SHEETS}
    notices = []
    for copy in copies:
        for sheet in copy.sheet_names:
            if find_sheet(base_sheets, sheet) is None and normalize_header(sheet) not in generated:
                notices.append(
                    f"«{copy.name}»: arket «{sheet}» finnes ikke i grunnlaget og er ikke tatt med."
                )
    return notices
