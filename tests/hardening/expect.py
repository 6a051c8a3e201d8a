"""What each corpus case must give: the exit status of validate, counts and report, and what they say."""

from __future__ import annotations

from dataclasses import dataclass

CANNOT_RUN = 2


@dataclass(frozen=True)
class Expect:
    """Exit status of validate, counts and report; what a command that stops says, and what all say."""

    validate: int
    counts: int
    report: int
    says: tuple[str, ...] = ()
    always: tuple[str, ...] = ()


NOT_READ = Expect(CANNOT_RUN, CANNOT_RUN, CANNOT_RUN)
HOSTILE = ("egne entiteter (DOCTYPE)", "kan være laget for å skade")
DAMAGED = ("er skadet", "Be om en ny kopi")

EXPECT: dict[str, Expect] = {
    "not-a-zip": Expect(2, 2, 2, ("er ikke en Excel-arbeidsbok (.xlsx)",)),
    "truncated": Expect(2, 2, 2, DAMAGED),
    "old-xls": Expect(2, 2, 2, ("det gamle Excel-formatet (.xls)", "lagre den som Excel-arbeidsbok (.xlsx)")),
    "old-xls-renamed": Expect(2, 2, 2, ("det gamle Excel-formatet (.xls)",)),
    "encrypted": Expect(2, 2, 2, ("passordbeskyttet (kryptert)", "fjern passordet")),
    "empty-workbook": Expect(2, 2, 2, ("Arket «Kontakter» mangler", "Arket «Oppsett» mangler")),
    "entity-bomb": Expect(2, 2, 2, HOSTILE),
    "entity-bomb-late": Expect(2, 2, 2, HOSTILE),
    "entity-bomb-utf16": Expect(2, 2, 2, HOSTILE),
    "zip-bomb": Expect(2, 2, 2, ("pakker seg ut til", "blir ikke åpnet")),
    "lying-sizes": Expect(2, 2, 2, ("Arket «Innspill»", "kan ikke leses", "Be om en ny kopi")),
    "corrupt-part": Expect(2, 2, 2, ("Arket «Innspill»", *DAMAGED)),
    "far-cell": Expect(2, 2, 2, ("Ctrl+End",)),
    "macros": Expect(0, 0, 0, always=("inneholder makroer (VBA). De er ikke kjørt",)),
    "missing-sheet": Expect(2, 2, 2, ("Arket «Innspill» mangler",)),
    "missing-column": Expect(2, 2, 2, ("Arket «Innspill» mangler kolonnen «Organisasjon»",)),
    "other-version": Expect(2, 2, 2, ("annen malversjon", "Malversjon er «2»")),
    "merged-cells": Expect(1, 0, 1, ("må fylles ut",)),
    "hidden-rows": Expect(0, 0, 0),
    "text-dates-numbers": Expect(0, 0, 0),
    "date-1904": Expect(0, 0, 0),
    "longest-text": Expect(0, 0, 0),
    "control-characters": Expect(1, 0, 1, ("kontrolltegn (U+0007, U+000B)",)),
    "formulas": Expect(1, 0, 1, ("må fylles ut",)),
}
