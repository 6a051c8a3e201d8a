"""The three scripts through xlwings Server, with the JSON the Office.js client sends."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from tests.addin.payload import (
    Action,
    block_of,
    book_payload,
    call_script,
    funcs,
    only,
    remote_book,
    sheet_position,
    shown,
    table_rows,
)
from tests.helpers import set_cells
from xl_addin import macros
from xl_addin import schema as S
from xl_addin.engines.files import FileSource
from xl_addin.engines.xlwings_engine import MARK_PREFIX, link_formula
from xl_addin.reading import read_workbook
from xl_addin.server.downloads import DOWNLOAD_CALLBACK
from xl_addin.server.scripts import SCRIPT_NAMES
from xl_addin.validation import validate


def alert_of(actions: list[Action]) -> tuple[str, str]:
    """(text, mode) of the one alert, which comes last."""
    assert funcs(actions)[-1] == "alert"
    [alert] = only(actions, "alert")
    return alert["args"][0], alert["args"][3]


@pytest.fixture(scope="module")
def broken_once(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(shutil.copy(pristine, tmp_path_factory.mktemp("broken") / pristine.name))
    set_cells(path, S.CONTACTS.name, {"A3": None, "H4": "ikke-en-epost", "A6": None, "A7": None})
    set_cells(path, S.INPUTS.name, {"B5": "Randaberg kommun"})
    return path


@pytest.fixture
def broken(broken_once: Path, tmp_path: Path) -> Path:
    """The example with an invalid e-mail (H4), an unknown organisation (Innspill B5) and blank IDs."""
    return Path(shutil.copy(broken_once, tmp_path / broken_once.name))


def test_scripts_send_only_the_template_sheets(client: TestClient) -> None:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta.json").json()}
    assert sorted(meta) == sorted(SCRIPT_NAMES)
    wanted = {
        "kontroller": macros.VALIDATE_SHEETS,
        "oppdater_telling": macros.COUNTS_SHEETS,
        "lag_rapport": macros.REPORT_SHEETS,
    }
    for name, sheets in wanted.items():
        assert meta[name]["include"].split(",") == list(sheets)
        assert not set(sheets) & set(S.GENERATED_SHEETS)


# --- kontroller ---------------------------------------------------------------------------


def test_kontroller_writes_kontroll_marks_and_ids(client: TestClient, broken: Path) -> None:
    payload = book_payload(broken, include=macros.VALIDATE_SHEETS)
    actions = call_script(client, "kontroller", payload, args=[[]])
    expected = validate(read_workbook(FileSource(broken)))
    # the Kontroll sheet: added last, one block, one row per problem with a link to its cell
    [added] = only(actions, "addSheet")
    assert added["args"] == [len(payload["sheets"]), S.CHECK_SHEET]
    header, rows = table_rows(block_of(actions, len(payload["sheets"])), "Alvorlighet")
    sheet, cell = header.index("Ark"), header.index("Celle")
    assert [(shown(r[sheet]), r[cell]) for r in rows] == [
        (p.sheet, link_formula(f"'{p.sheet}'!{p.cell}", p.cell)) for p in expected.problems
    ]
    assert {(p.sheet, p.cell) for p in expected.problems} >= {("Kontakter", "H4"), ("Innspill", "B5")}
    # a mark on each problem cell
    marks = {
        (a["sheet_position"], a["args"][0].replace("$", "")): a["args"][1] for a in only(actions, "addNote")
    }
    contacts, inputs = sheet_position(payload, S.CONTACTS.name), sheet_position(payload, S.INPUTS.name)
    assert set(marks) == {(contacts, "H4"), (inputs, "B5")}
    assert all(text.startswith(MARK_PREFIX) for text in marks.values())
    assert "ikke-en-epost" in marks[(contacts, "H4")]
    # blank IDs filled, continuing after the highest (the example has K001 … K029)
    ids = [(a["start_row"] + 1, a["row_count"], a["values"]) for a in only(actions, "setValues")]
    ids = [i for i in ids if i[0] > 1 and len(i[2][0]) == 1]
    assert ids == [(3, 1, [["'K030"]]), (6, 2, [["'K031"], ["'K032"]])]
    # and the alert says how many
    text, mode = alert_of(actions)
    assert text == "To feil – se arket Kontroll."
    assert mode == "info"


def test_kontroller_removes_earlier_marks_only(client: TestClient, broken: Path) -> None:
    payload = book_payload(
        broken, include=macros.VALIDATE_SHEETS, extra_notes={S.CONTACTS.name: ["C9", "E9"]}
    )
    actions = call_script(client, "kontroller", payload, args=[["Kontakter!C9"]])
    notes = [(a["func"], a["args"][0].replace("$", "")) for a in actions if "Note" in a["func"]]
    assert ("deleteNote", "C9") in notes
    assert all(address != "E9" for _, address in notes)  # the user's own note stays


def test_kontroller_without_problems(client: TestClient, example: Path) -> None:
    from xlwings.pro import _xlremote

    payload = book_payload(example, include=macros.VALIDATE_SHEETS)
    actions = call_script(client, "kontroller", payload, args=[[]])
    assert not only(actions, "addNote")
    assert alert_of(actions) == ("Ingen feil eller advarsler. Arket Kontroll er oppdatert.", "info")
    assert _xlremote.get_range_api.cache_info().currsize == 0  # no request's values stay in memory


def test_kontroller_replaces_an_old_kontroll_sheet(client: TestClient, example: Path) -> None:
    payload = book_payload(example, include=macros.VALIDATE_SHEETS)
    payload["sheets"].insert(1, {**payload["sheets"][0], "name": S.CHECK_SHEET, "values": [[]], "tables": []})
    actions = call_script(client, "kontroller", payload, args=[None])
    assert funcs(actions)[:2] == ["sheetDelete", "addSheet"]
    assert actions[0]["sheet_position"] == 1
    assert actions[1]["args"] == [1, S.CHECK_SHEET]


def test_a_workbook_of_another_template_gets_one_alert_and_no_writes(
    client: TestClient, example: Path
) -> None:
    payload = book_payload(example, include=macros.VALIDATE_SHEETS)
    payload["sheets"] = [s for s in payload["sheets"] if s["name"] != S.CONTACTS.name]
    actions = call_script(client, "kontroller", payload, args=[[]])
    assert funcs(actions) == ["alert"]
    text, mode = alert_of(actions)
    assert "Kontakter" in text
    assert mode == "critical"


def test_a_renamed_sheet_is_named_in_the_alert(client: TestClient, example: Path) -> None:
    payload = book_payload(example, include=macros.VALIDATE_SHEETS)
    contacts = payload["sheets"][sheet_position(payload, S.CONTACTS.name)]
    contacts.update(
        name="kontakter", values=[[]], tables=[], used_range_address=None
    )  # not sent by the client
    actions = call_script(client, "oppdater_telling", payload)
    assert funcs(actions) == ["alert"]
    assert alert_of(actions)[0].startswith("Arket «kontakter» må hete nøyaktig «Kontakter»")


def test_unexpected_errors_end_in_a_norwegian_alert(
    client: TestClient, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(macros, "apply_plan", boom)
    actions = call_script(
        client, "kontroller", book_payload(example, include=macros.VALIDATE_SHEETS), args=[[]]
    )
    assert funcs(actions) == ["alert"]
    assert alert_of(actions) == (macros.UNEXPECTED, "critical")


# --- oppdater telling ---------------------------------------------------------------------


def test_oppdater_telling_writes_the_2020_counts(client: TestClient, example: Path) -> None:
    payload = book_payload(example, include=macros.COUNTS_SHEETS)
    actions = call_script(client, "oppdater_telling", payload)
    header, rows = table_rows(block_of(actions, len(payload["sheets"])), "Kategori")
    contacted, answered = header.index("Kontaktet"), header.index("Svart")
    by_category = {shown(r[0]): (r[contacted], r[answered]) for r in rows}
    # the counts of the real 2020 report (SPEC)
    assert by_category["Kommune"] == (6, 4)
    assert by_category["Frivillig organisasjon"] == (19, 12)
    assert by_category["Innvandrerråd"] == (4, 4)
    assert [a["args"][2] for a in only(actions, "addChart")] == [S.COUNTS_SHEET]
    text, mode = alert_of(actions)
    assert text.startswith("Arket Telling er oppdatert. I alt er 29 kontaktet, og 20 har svart")
    assert mode == "info"


# --- lag rapport --------------------------------------------------------------------------


def _download(client: TestClient, actions: list[Action]) -> tuple[str, str]:
    [macro] = only(actions, "runMacro")
    name, token, filename = macro["args"]
    assert name == DOWNLOAD_CALLBACK
    return token, filename


def test_lag_rapport_serves_the_docx_once(client: TestClient, example: Path) -> None:
    actions = call_script(client, "lag_rapport", book_payload(example, include=macros.REPORT_SHEETS))
    assert funcs(actions) == ["runMacro", "alert"]
    token, filename = _download(client, actions)
    assert filename == "innspill-2020.docx"
    assert len(token) >= 43
    first = client.get(f"/innspill/rapport/{token}")
    assert first.status_code == 200
    assert "attachment" in first.headers["content-disposition"]
    assert 'filename="innspill-2020.docx"' in first.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(first.content)).paragraphs)
    assert "Integreringskonferansen 2020" in text
    contacts = read_workbook(FileSource(example)).contacts
    for record in contacts:
        for column in S.PERSONAL_COLUMNS:
            value = record[column]
            assert not value or str(value) not in text
    second = client.get(f"/innspill/rapport/{token}")
    assert second.status_code == 404
    assert "Lag rapport" in second.text
    assert alert_of(actions)[0].startswith("Rapporten er laget.")


def test_lag_rapport_refuses_a_workbook_with_errors(client: TestClient, broken: Path) -> None:
    actions = call_script(client, "lag_rapport", book_payload(broken, include=macros.REPORT_SHEETS))
    assert funcs(actions) == ["alert"]
    text, mode = alert_of(actions)
    assert mode == "critical"
    assert text.startswith("Rapporten ble ikke laget fordi arbeidsboka har to feil.")
    assert "Kontakter!H4" in text
    assert "Innspill!B5" in text


def test_report_zip_is_a_word_document(client: TestClient, example: Path) -> None:
    actions = call_script(client, "lag_rapport", book_payload(example, include=macros.REPORT_SHEETS))
    token, _ = _download(client, actions)
    data = client.get(f"/innspill/rapport/{token}").content
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/document.xml" in zf.namelist()


# --- desktop entry points -----------------------------------------------------------------


def test_desktop_entry_points_use_the_calling_book(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = remote_book(book_payload(example))
    monkeypatch.setattr(macros, "_caller", lambda: book)
    macros.main_refresh_counts()
    assert only(book.json()["actions"], "addSheet")[0]["args"][1] == S.COUNTS_SHEET


class _DesktopBook:
    """What `save_next_to_book` needs of a desktop book."""

    def __init__(self, fullname: Path) -> None:
        self.fullname = str(fullname)


def test_desktop_report_is_saved_next_to_the_workbook(tmp_path: Path) -> None:
    book: Any = _DesktopBook(tmp_path / "innspill-2020.xlsx")
    where = macros.save_next_to_book(book, b"docx", "innspill-2020.docx")
    assert (tmp_path / "innspill-2020.docx").read_bytes() == b"docx"
    assert str(tmp_path / "innspill-2020.docx") in where


def test_desktop_report_needs_a_saved_workbook() -> None:
    from xl_addin.errors import WriteRefused

    with pytest.raises(WriteRefused, match="Lagre arbeidsboka"):
        macros.save_next_to_book(_DesktopBook(Path("Bok1")), b"docx", "Bok1.docx")


def test_an_add_in_acts_on_the_active_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    import xlwings as xw

    active = SimpleNamespace(name="innspill-2020.xlsx")
    addin = SimpleNamespace(name="Innspill.xlam", app=SimpleNamespace(books=SimpleNamespace(active=active)))
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: addin))
    assert macros._caller() is active
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: active))
    assert macros._caller() is active
