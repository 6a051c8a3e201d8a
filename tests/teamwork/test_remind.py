"""`innspill remind`: e-mail drafts and a call list for those who have not answered."""

from __future__ import annotations

import datetime as dt
import email
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.example import example_data
from xl_addin.teamwork.remind import CALL_LIST, safe_file_name

from .workbooks import contact, digest, edit, read

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def waiting(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Contacted, not answered (counted from the TOML data, not from the tool)."""
    return [r for r in data["kontakter"] if r.get("Kontaktet") and not r.get("Svar mottatt")]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory, example_file: Path) -> Path:
    folder = tmp_path_factory.mktemp("remind") / "paminnelser"
    before = digest(example_file)
    assert main(["remind", str(example_file), "-o", str(folder)]) == 0
    assert digest(example_file) == before
    return folder


def messages(folder: Path) -> list[EmailMessage]:
    parsed = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        parsed.append(message)
    return parsed


def test_one_draft_per_waiting_organisation_with_email(drafts: Path) -> None:
    expected = {r["E-post"]: r["Kontaktperson"] for r in waiting(example_data()) if r.get("E-post")}
    found = {}
    for message in messages(drafts):
        [address] = message["To"].addresses
        found[address.addr_spec] = address.display_name
    assert found == expected
    assert len(found) == 7


def test_drafts_are_unsent_norwegian_and_without_attachments(drafts: Path) -> None:
    data = example_data()
    theme = data["oppsett"][S.SETTING_MAIN_THEME]
    for message in messages(drafts):
        assert message["X-Unsent"] == "1"
        assert message["Subject"].startswith("Påminnelse: innspill til Integreringskonferansen 2020")
        assert not message.is_multipart()
        assert list(message.iter_attachments()) == []
        assert message.get_content_charset() == "utf-8"
        body = message.get_content()
        assert "fristen for innspill er 15. mai 2020" in body
        assert theme in body
        assert "Med vennlig hilsen" in body
        assert message["To"].addresses[0].display_name in body


def test_each_draft_names_its_organisation(drafts: Path) -> None:
    names = {r["Navn"] for r in waiting(example_data()) if r.get("E-post")}
    for path in drafts.glob("*.eml"):
        assert not WINDOWS_FORBIDDEN.search(path.name)
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        assert path.stem in names
        assert path.stem in message.get_content()


def test_call_list_holds_those_without_email(drafts: Path) -> None:
    expected = [r for r in waiting(example_data()) if not r.get("E-post")]
    ws = load_workbook(drafts / CALL_LIST).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r[0] == S.CONTACT_NAME.header)
    header = rows[header_at]
    assert header[:5] == (
        S.CONTACT_NAME.header,
        S.CONTACT_CATEGORY.header,
        S.CONTACT_PERSON.header,
        S.CONTACT_PHONE.header,
        S.CONTACT_CONTACTED.header,
    )
    body = [r for r in rows[header_at + 1 :] if r[0]]
    assert [(r[0], r[1], r[2], r[3]) for r in body] == [
        (e["Navn"], e["Kategori"], e["Kontaktperson"], e["Telefon"]) for e in expected
    ]
    assert [r[4].date() if isinstance(r[4], dt.datetime) else r[4] for r in body] == [
        e["Kontaktet"] for e in expected
    ]


def test_a_missing_deadline_is_left_out_and_said(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = read(example)
    asker = contact(workbook, "K005")
    edit(
        example,
        {
            workbook.settings.location(S.SETTING_DEADLINE): None,
            asker.location(S.CONTACT_EMAIL): "a@example.no; b@example.no",
        },
    )
    folder = tmp_path / "ut"
    assert main(["remind", str(example), "-o", str(folder)]) == 0
    assert S.SETTING_DEADLINE in capsys.readouterr().out
    message = email.message_from_bytes((folder / "Asker kommune.eml").read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert [a.addr_spec for a in message["To"].addresses] == ["a@example.no", "b@example.no"]
    assert "frist" not in message["Subject"]
    assert "så snart som mulig" in message.get_content()


def test_a_folder_that_is_not_empty_needs_force(drafts: Path, example_file: Path) -> None:
    assert main(["remind", str(example_file), "-o", str(drafts)]) == 2
    assert main(["remind", str(example_file), "-o", str(drafts), "--force"]) == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Asker kommune", "Asker kommune.eml"),
        ('A/S "Norge": ja?', "A S Norge ja.eml"),
        ("CON", "CON_.eml"),
        ("  ...  ", "organisasjon.eml"),
    ],
)
def test_file_names_are_safe_for_windows(name: str, expected: str) -> None:
    assert safe_file_name(name, set()) == expected


def test_file_names_are_unique_ignoring_case() -> None:
    used: set[str] = set()
    assert [safe_file_name(n, used) for n in ("Voss", "VOSS", "voss")] == [
        "Voss.eml",
        "VOSS (2).eml",
        "voss (3).eml",
    ]
