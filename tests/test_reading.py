"""Reading finds headers by text and keeps every value's Excel coordinates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import GridSource, example_copy, grids_of
from xl_addin import schema as S
from xl_addin.engines.files import FileSource
from xl_addin.example import example_data
from xl_addin.reading import ISSUE_BAD_DATE, ISSUE_DATE_AS_TEXT, ISSUE_NUMBER_AS_TEXT, read_workbook

CONTACT_HEADERS = [c.header for c in S.CONTACTS.columns]


def contacts_source(rows: list[list[object]]) -> GridSource:
    return GridSource({S.CONTACTS.name: rows})


def test_reordered_extra_and_oddly_spelled_headers() -> None:
    header = ["  navn ", "Min egen kolonne", "KATEGORI", "Svar  mottatt", "ID"]
    rows = [header, ["Voss kommune", "x", "kommune", dt.date(2020, 4, 20), "K007"]]
    wb = read_workbook(contacts_source(rows))
    table = wb.contacts
    assert table.present
    assert table.letters[S.CONTACT_NAME.key] == "A"
    assert table.letters[S.CONTACT_ANSWERED.key] == "D"
    assert table.extra == ["Min egen kolonne"]
    record = table.records[0]
    assert record[S.CONTACT_NAME] == "Voss kommune"
    # "kommune" differs from the list entry only by case: the reader canonicalises, raw stays.
    assert record[S.CONTACT_CATEGORY] == "Kommune"
    assert record.cell(S.CONTACT_CATEGORY).raw == "kommune"
    assert record[S.CONTACT_ANSWERED] == dt.date(2020, 4, 20)
    loc = record.location(S.CONTACT_ANSWERED)
    assert (loc.sheet, loc.row, loc.column, loc.header) == ("Kontakter", 2, "D", "Svar  mottatt")


def test_header_row_below_a_title_and_blank_rows() -> None:
    rows: list[list[object]] = [
        ["Kontakter for 2020"],
        [],
        [None, None, *CONTACT_HEADERS],
        [None, None, "K001", "Bergen innvandrerråd", "Innvandrerråd"],
        [],
        [None, None, "", "Sandnes innvandrerråd", "Innvandrerråd"],
    ]
    table = read_workbook(contacts_source(rows)).contacts
    assert table.header_row == 3
    assert table.letters[S.CONTACT_ID.key] == "C"
    assert [(r.row, r[S.CONTACT_NAME]) for r in table] == [
        (4, "Bergen innvandrerråd"),
        (6, "Sandnes innvandrerråd"),
    ]
    assert table.records[1][S.CONTACT_AGREEMENT] == S.NO  # blank = default


def test_missing_optional_column_reads_as_default() -> None:
    rows = [["Navn", "Kategori"], ["Voss kommune", "Kommune"]]
    table = read_workbook(contacts_source(rows)).contacts
    assert table.missing
    assert S.CONTACT_AGREEMENT in table.missing
    assert table.records[0][S.CONTACT_AGREEMENT] == S.NO


@pytest.mark.parametrize(
    ("raw", "value", "issue"),
    [
        (dt.datetime(2020, 4, 14, 0, 0), dt.date(2020, 4, 14), None),
        ("14.04.2020", dt.date(2020, 4, 14), ISSUE_DATE_AS_TEXT),
        ("2020-04-14", dt.date(2020, 4, 14), ISSUE_DATE_AS_TEXT),
        ("31.02.2020", None, ISSUE_BAD_DATE),
        ("snart", None, ISSUE_BAD_DATE),
        (43935.0, None, ISSUE_BAD_DATE),
    ],
)
def test_date_conversion(raw: object, value: object, issue: str | None) -> None:
    rows = [["Navn", "Kontaktet"], ["Voss kommune", raw]]
    cell = read_workbook(contacts_source(rows)).contacts.records[0].cell(S.CONTACT_CONTACTED)
    assert (cell.raw, cell.value, cell.issue) == (raw, value, issue)


def test_integer_and_text_conversion() -> None:
    rows = [["Tittel", "Rekkefølge", "Sektorer"], ["A", 3.0, "kommune ; Næringsliv;"], ["B", "4", ""]]
    table = read_workbook(GridSource({S.EXAMPLES.name: rows})).examples
    first, second = table.records
    assert first[S.EXAMPLE_ORDER] == 3
    assert first[S.EXAMPLE_SECTORS] == ("Kommune", "Næringsliv")
    assert second.cell(S.EXAMPLE_ORDER).issue == ISSUE_NUMBER_AS_TEXT
    assert second[S.EXAMPLE_ORDER] == 4


def test_phone_typed_as_number_reads_as_text() -> None:
    rows = [["Navn", "Telefon"], ["Voss kommune", 40000001.0]]
    assert read_workbook(contacts_source(rows)).contacts.records[0][S.CONTACT_PHONE] == "40000001"


def test_hidden_and_inserted_columns_in_a_real_file(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    book = load_workbook(path)
    ws = book[S.CONTACTS.name]
    ws.insert_cols(1)  # the user inserts a column before everything
    ws["A1"] = "Min kolonne"
    ws.column_dimensions["C"].hidden = True  # and hides Navn
    book.save(path)
    wb = read_workbook(FileSource(path))
    assert wb.contacts.letters[S.CONTACT_NAME.key] == "C"
    assert wb.contacts.extra == ["Min kolonne"]
    assert len(wb.contacts) == 29


def test_example_reads_back_with_the_2020_split(tmp_path: Path) -> None:
    wb = read_workbook(FileSource(example_copy(tmp_path)))
    categories = Counter(r[S.CONTACT_CATEGORY] for r in wb.contacts)
    assert categories == {"Kommune": 6, "Frivillig organisasjon": 19, "Innvandrerråd": 4}
    answered = Counter(r[S.CONTACT_CATEGORY] for r in wb.contacts if r[S.CONTACT_ANSWERED] is not None)
    assert answered == {"Kommune": 4, "Frivillig organisasjon": 12, "Innvandrerråd": 4}
    agreement = [r for r in wb.contacts if r[S.CONTACT_AGREEMENT] == S.YES]
    assert len(agreement) == 9
    assert sum(1 for r in agreement if r[S.CONTACT_ANSWERED] is not None) == 5
    assert len(wb.inputs) == len(example_data()["innspill"]) >= 40
    assert wb.settings.get(S.SETTING_YEAR) == 2020
    # every cell typed without conversion issues
    assert not [(r.row, k) for t in wb.tables.values() for r in t for k, c in r.cells.items() if c.issue]


def test_committed_example_equals_a_fresh_build(tmp_path: Path) -> None:
    committed = Path(__file__).resolve().parent.parent / "examples" / "innspill-2020.xlsx"
    assert grids_of(committed) == grids_of(example_copy(tmp_path))


@pytest.mark.parametrize(
    ("index0", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")]
)
def test_column_letter(index0: int, letter: str) -> None:
    from xl_addin.reading import column_letter

    assert column_letter(index0) == letter
