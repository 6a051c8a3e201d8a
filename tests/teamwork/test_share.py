"""`innspill share`: a copy without personal data, optionally encrypted."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msoffcrypto
import pytest
from msoffcrypto.exceptions import InvalidKeyError
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.hyperlink import Hyperlink

from xl_addin import schema as S
from xl_addin.cli import main
from xl_addin.engines.files import FileSource
from xl_addin.errors import FileProblem
from xl_addin.example import example_data
from xl_addin.teamwork.share import REPLACEMENT

from .workbooks import contact, copy_of, digest, read

PASSWORD = "Hemmelig-2020"
PERSONAL_KEYS = ("Kontaktperson", "E-post", "Telefon")


def personal_values() -> list[str]:
    """Every person, e-mail and phone of the example, from the TOML data."""
    return [str(r[key]) for r in example_data()["kontakter"] for key in PERSONAL_KEYS if r.get(key)]


@dataclass
class Shared:
    source: Path
    plain: Path
    encrypted: Path
    printed: str
    hashes: dict[Path, str]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, example_file: Path) -> Shared:
    """The example with personal data in many places (as real workbooks get them), then shared twice."""
    folder = tmp_path_factory.mktemp("share")
    source = copy_of(example_file, folder / "innspill-2020.xlsx")
    workbook = read(source)
    kari = contact(workbook, "K001")
    person, mail, phone = (kari[c] for c in (S.CONTACT_PERSON, S.CONTACT_EMAIL, S.CONTACT_PHONE))
    book = load_workbook(source)
    contacts = book[S.CONTACTS.name]
    mail_cell = contacts[kari.location(S.CONTACT_EMAIL).address]
    mail_cell.hyperlink = Hyperlink(ref=mail_cell.coordinate, target=f"mailto:{mail}")
    contacts[kari.location(S.CONTACT_NOTE).address].comment = Comment(f"Ring {person} på {phone}", "Ola")
    contacts[kari.location(S.CONTACT_NAME).address].comment = Comment("Sjekk e-posten", S.MARK_AUTHOR)
    inputs = book[S.INPUTS.name]
    first_input = workbook.inputs.records[0].location(S.INPUT_TEXT)
    inputs[first_input.address] = f"{person} sa at møteplasser er viktig."
    check = book.create_sheet(S.CHECK_SHEET)
    check["A1"] = f"Ugyldig e-post: {mail}"
    book.defined_names["kontakt_epost"] = DefinedName("kontakt_epost", attr_text=f'"{mail}"')
    contacts.oddFooter.center.text = f"Kontakt: {person}"
    book.properties.subject = f"Spørsmål til {person}"
    book.save(source)

    hashes = {source: digest(source)}
    plain, encrypted = folder / "deling.xlsx", folder / "deling-passord.xlsx"
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        assert main(["share", str(source), "-o", str(plain)]) == 0
        assert main(["share", str(source), "-o", str(encrypted), "--password", PASSWORD]) == 0
    return Shared(source, plain, encrypted, out.getvalue(), hashes)


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()}


def decrypt(path: Path, password: str) -> bytes:
    out = io.BytesIO()
    with path.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=password)
        office.decrypt(out)
    return out.getvalue()


def test_the_source_had_personal_data_everywhere(shared: Shared) -> None:
    texts = parts(shared.source.read_bytes())
    found = {name for name, text in texts.items() if any(v in html.unescape(text) for v in personal_values())}
    assert {"docProps/core.xml", "xl/workbook.xml"} <= found
    assert any(name.startswith("xl/comments") for name in found)
    assert any(name.startswith("xl/worksheets/_rels") for name in found)  # the mailto: link


def test_no_personal_value_is_left_in_any_part(shared: Shared) -> None:
    anything = re.compile("|".join(re.escape(v) for v in personal_values()), re.IGNORECASE)
    for data in (shared.plain.read_bytes(), decrypt(shared.encrypted, PASSWORD)):
        for name, text in parts(data).items():
            for variant in (text, html.unescape(text)):
                left = anything.findall(variant)
                assert not left, f"{name}: {left}"


def test_the_rest_is_kept_and_the_tool_sheets_and_marks_are_gone(shared: Shared) -> None:
    book = load_workbook(shared.plain)
    assert S.CHECK_SHEET not in book.sheetnames
    contacts = book[S.CONTACTS.name]
    names = [r[0] for r in contacts.iter_rows(min_row=2, min_col=2, max_col=2, values_only=True) if r[0]]
    assert names == [r["Navn"] for r in example_data()["kontakter"]]
    comments = [c.comment for row in contacts.iter_rows() for c in row if c.comment is not None]
    assert [(c.author, c.text) for c in comments] == [("Ola", f"Ring {REPLACEMENT} på {REPLACEMENT}")]
    workbook = read(shared.plain)
    for record in workbook.contacts:
        assert all(record.cell(column).blank for column in S.PERSONAL_COLUMNS)
    assert workbook.inputs.records[0][S.INPUT_TEXT] == f"{REPLACEMENT} sa at møteplasser er viktig."
    assert shared.hashes == {shared.source: digest(shared.source)}


def test_the_encrypted_copy_opens_with_the_password_only(shared: Shared) -> None:
    with pytest.raises(FileProblem, match="passordbeskyttet"):
        FileSource(shared.encrypted)
    book: Any = load_workbook(io.BytesIO(decrypt(shared.encrypted, PASSWORD)))
    assert S.CONTACTS.name in book.sheetnames
    with pytest.raises(InvalidKeyError):
        decrypt(shared.encrypted, "feil passord")


def test_what_was_done_is_printed(shared: Shared) -> None:
    assert "kryptert med passord" in shared.printed
    assert f"«{S.CHECK_SHEET}»" in shared.printed
    assert "Innspill!" in shared.printed


def test_output_must_not_be_the_input(shared: Shared, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["share", str(shared.source), "-o", str(shared.source), "--force"]) == 2
    assert shared.hashes == {shared.source: digest(shared.source)}
    assert "Delingskopien" in capsys.readouterr().err
