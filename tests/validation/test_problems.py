"""The problem model and the report: order, counts, summary, JSON."""

from __future__ import annotations

import json

import pytest

from xl_addin.validation import Problem, Severity, ValidationReport

SHEETS = ["Oppsett", "Kontakter", "Innspill", "Eksempler", "Tekster", "Lister"]


def problem(
    sheet: str = "Kontakter",
    row: int = 2,
    column: str = "A",
    code: str = "mangler-verdi",
    severity: Severity = Severity.ERROR,
) -> Problem:
    return Problem(code, severity, sheet, row, column, "Navn", None, "«Navn» må fylles ut.")


def test_problems_are_in_reading_order() -> None:
    shuffled = [
        problem("Lister", 2, "A"),
        problem("Innspill", 3, "B"),
        problem("Kontakter", 10, "B"),
        problem("Kontakter", 2, "AA"),
        problem("Kontakter", 2, "Z"),
        problem("Oppsett", 5, "B"),
    ]
    report = ValidationReport(shuffled, SHEETS)
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [
        ("Oppsett", 5, "B"),
        ("Kontakter", 2, "Z"),
        ("Kontakter", 2, "AA"),
        ("Kontakter", 10, "B"),
        ("Innspill", 3, "B"),
        ("Lister", 2, "A"),
    ]


def test_sheet_order_follows_the_workbook_not_the_alphabet() -> None:
    report = ValidationReport([problem("Innspill"), problem("Kontakter")], ["Innspill", "Kontakter"])
    assert [p.sheet for p in report.problems] == ["Innspill", "Kontakter"]


def test_errors_come_before_warnings_in_one_cell_and_duplicates_are_shown_once() -> None:
    warning = problem(code="listeverdi-skrivemate", severity=Severity.WARNING)
    error = problem(code="ukjent-listeverdi")
    report = ValidationReport([warning, error, warning], SHEETS)
    assert report.problems == (error, warning)


def test_valid_errors_warnings_and_counts() -> None:
    warning = problem(code="dato-som-tekst", severity=Severity.WARNING)
    report = ValidationReport([warning, problem(row=3), problem(row=4)], SHEETS)
    assert not report.valid
    assert len(report.errors) == 2
    assert report.warnings == (warning,)
    assert report.counts_by_code() == {"dato-som-tekst": 1, "mangler-verdi": 2}
    assert ValidationReport([warning], SHEETS).valid


@pytest.mark.parametrize(
    ("errors", "warnings", "expected"),
    [
        (0, 0, "ingen feil eller advarsler"),
        (1, 0, "én feil"),
        (3, 5, "tre feil og fem advarsler"),
        (1, 1, "én feil og én advarsel"),
        (0, 2, "ingen feil og to advarsler"),
        (13, 2, "13 feil og 2 advarsler"),
    ],
)
def test_summary_is_norwegian(errors: int, warnings: int, expected: str) -> None:
    found = [problem(row=r) for r in range(2, 2 + errors)]
    warned = range(2, 2 + warnings)
    found += [problem(row=r, code="dato-som-tekst", severity=Severity.WARNING) for r in warned]
    assert ValidationReport(found, SHEETS).summary() == expected


def test_for_cell_ignores_the_case_of_the_sheet_name() -> None:
    here, elsewhere = problem(row=5, column="C"), problem(row=5, column="D")
    report = ValidationReport([here, elsewhere], SHEETS)
    assert report.for_cell("kontakter", 5, "C") == [here]
    assert report.for_cell("Kontakter", 6, "C") == []


def test_json_has_the_contract_fields() -> None:
    p = Problem(
        "ukjent-listeverdi",
        Severity.ERROR,
        "Kontakter",
        5,
        "C",
        "Kategori",
        "Kommun",
        "«Kommun» er ikke en tillatt verdi.",
        "Kommune",
    )
    (data,) = json.loads(json.dumps(ValidationReport([p], SHEETS).to_json()))
    assert data == {
        "code": "ukjent-listeverdi",
        "severity": "feil",
        "sheet": "Kontakter",
        "row": 5,
        "column": "C",
        "cell": "C5",
        "header": "Kategori",
        "value": "Kommun",
        "message": "«Kommun» er ikke en tillatt verdi.",
        "suggestion": "Kommune",
    }
