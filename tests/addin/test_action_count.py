"""Excel operations must not grow with the number of data rows (10 and 1,000 rows)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.addin.payload import Action, book_payload, call_script, funcs
from xl_addin import macros
from xl_addin import schema as S
from xl_addin.example import example_content
from xl_addin.template import Content, Value, default_content, write_workbook

SIZES = (10, 1000)


def generated_content(n: int) -> Content:
    """`n` contacts that all answered, one input point each, IDs left blank for the check to fill.

    One warning (a category written in lower case, row 2) gives the check a cell to mark
    without stopping the report.
    """
    example = example_content()
    content = default_content()
    content.settings.update(example.settings)
    content.texts = dict(example.texts)
    categories = [row[0] for row in S.LIST_CATEGORIES.defaults]
    counties = S.LIST_COUNTIES.default_values()
    chapters = S.LIST_CHAPTERS.default_values()
    contacts: list[dict[str, Value]] = []
    inputs: list[dict[str, Value]] = []
    for i in range(n):
        name = f"Organisasjon {i + 1:04d}"
        category = str(categories[i % len(categories)])
        contacts.append(
            {
                S.CONTACT_NAME.header: name,
                S.CONTACT_CATEGORY.header: category.lower() if i == 0 else category,
                S.CONTACT_AGREEMENT.header: S.YES if category == S.AGREEMENT_CATEGORY and i % 2 else S.NO,
                S.CONTACT_PLACE.header: "Sted",
                S.CONTACT_COUNTY.header: counties[i % len(counties)],
                S.CONTACT_PERSON.header: f"Person {i + 1}",
                S.CONTACT_EMAIL.header: f"person{i + 1}@example.no",
                S.CONTACT_PHONE.header: f"4{i + 1:07d}",
                S.CONTACT_METHOD.header: "E-post",
                S.CONTACT_CONTACTED.header: dt.date(2020, 4, 14),
                S.CONTACT_ANSWERED.header: dt.date(2020, 4, 27),
            }
        )
        inputs.append(
            {
                S.INPUT_ORGANISATION.header: name,
                S.INPUT_CHAPTER.header: chapters[i % len(chapters)],
                S.INPUT_THEMES.header: "Møteplasser; Tillit",
                S.INPUT_TEXT.header: f"Innspill nummer {i + 1} om samarbeid.",
                S.INPUT_QUOTE.header: S.QUOTE_CHOICES[i % len(S.QUOTE_CHOICES)],
                S.INPUT_RECEIVED.header: dt.date(2020, 4, 27),
            }
        )
    examples: list[dict[str, Value]] = [
        {
            S.EXAMPLE_TITLE.header: f"Eksempel {j + 1}",
            S.EXAMPLE_ORGANISATION.header: contacts[j][S.CONTACT_NAME.header],
            S.EXAMPLE_SECTORS.header: "Kommune; Frivillighet",
            S.EXAMPLE_DESCRIPTION.header: "Et godt lokalt eksempel.",
        }
        for j in range(3)
    ]
    content.rows = {S.CONTACTS.name: contacts, S.INPUTS.name: inputs, S.EXAMPLES.name: examples}
    return content


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("sizes")
    return {n: write_workbook(folder / f"innspill-{n}.xlsx", generated_content(n)) for n in SIZES}


@pytest.fixture(scope="module")
def replies() -> dict[tuple[str, int], list[Action]]:
    """Actions per (script, rows), each computed once."""
    return {}


def actions_for(
    client: TestClient,
    workbooks: dict[int, Path],
    replies: dict[tuple[str, int], list[Action]],
    script: str,
    n: int,
) -> list[Action]:
    if (script, n) not in replies:
        payload = book_payload(workbooks[n], include=INCLUDE[script])
        args: list[object] | None = [[]] if script == "kontroller" else None
        replies[(script, n)] = call_script(client, script, payload, args=args)
    return replies[(script, n)]


INCLUDE = {
    "kontroller": macros.VALIDATE_SHEETS,
    "oppdater_telling": macros.COUNTS_SHEETS,
    "lag_rapport": macros.REPORT_SHEETS,
}


@pytest.mark.parametrize(
    ("script", "shows"),
    [("kontroller", "addNote"), ("oppdater_telling", "addChart"), ("lag_rapport", "runMacro")],
)
def test_operations_do_not_grow_with_rows(
    client: TestClient,
    workbooks: dict[int, Path],
    replies: dict[tuple[str, int], list[Action]],
    script: str,
    shows: str,
) -> None:
    small, large = (Counter(funcs(actions_for(client, workbooks, replies, script, n))) for n in SIZES)
    assert shows in large
    assert small == large
    assert sum(large.values()) < 60


def test_the_check_fills_every_blank_id_in_one_write_per_sheet(
    client: TestClient,
    workbooks: dict[int, Path],
    replies: dict[tuple[str, int], list[Action]],
) -> None:
    actions = actions_for(client, workbooks, replies, "kontroller", 1000)
    columns = [
        a for a in actions if a["func"] == "setValues" and a["column_count"] == 1 and a["start_row"] > 0
    ]
    assert [a["row_count"] for a in columns] == [1000, 1000, 3]  # Kontakter, Innspill, Eksempler
    assert [a["args"][0].replace("$", "") for a in actions if a["func"] == "addNote"] == ["C2"]
