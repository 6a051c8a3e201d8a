"""Reminders: e-mail drafts to organisations that were contacted and have not answered.

`plan_reminders` is pure: from a typed `Workbook` it makes one draft
(`email.message.EmailMessage`, marked `X-Unsent: 1` so Outlook opens it as a
draft to send) per organisation with an e-mail address, and a call list for
those without one. `write_reminders` writes the `.eml` files and
`ringeliste.xlsx`. Nothing is sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from openpyxl import Workbook as OpenpyxlWorkbook

from ..engines.files import save_atomic, write_bytes_atomic
from ..engines.openpyxl_writer import write_sheet
from ..language import long_date
from ..model import Record, Workbook
from ..output import OutSheet, OutTable
from ..schema import (
    CONTACT_ANSWERED,
    CONTACT_CATEGORY,
    CONTACT_CONTACTED,
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PERSON,
    CONTACT_PHONE,
    CONTACTS,
    DATE_FORMAT,
    SETTING_CONFERENCE,
    SETTING_DEADLINE,
    SETTING_MAIN_THEME,
    SETTING_RECIPIENT,
    SETTING_SENDER,
    SETTING_YEAR,
)

CALL_LIST = "ringeliste.xlsx"
CALL_SHEET = "Ringeliste"
REASON_HEADER = "Grunn"
NO_EMAIL = "Ingen e-postadresse"
#: What separates several addresses in one cell.
_ADDRESS_SEPARATORS = re.compile(r"[;,]")
#: Characters Windows does not allow in file names, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.IGNORECASE)
MAX_STEM = 80


@dataclass(frozen=True)
class Draft:
    organisation: str
    file_name: str
    message: EmailMessage


@dataclass(frozen=True)
class CallEntry:
    organisation: str
    category: str | None
    person: str | None
    phone: str | None
    contacted: dt.date | None
    reason: str


@dataclass
class Reminders:
    drafts: list[Draft] = field(default_factory=list)
    calls: list[CallEntry] = field(default_factory=list)
    answered: int = 0
    #: organisations not contacted yet (no date in Kontaktet)
    not_contacted: list[str] = field(default_factory=list)
    #: settings the text would have used but that are blank
    missing_settings: list[str] = field(default_factory=list)
    info: Round | None = None


@dataclass(frozen=True)
class Round:
    """The settings a reminder mentions."""

    conference: str
    year: str
    theme: str | None
    deadline: dt.date | None
    sender: str | None
    recipient: str | None


def plan_reminders(workbook: Workbook) -> Reminders:
    """Drafts and call list for every contacted organisation that has not answered."""
    settings = workbook.settings
    deadline = settings.get(SETTING_DEADLINE)
    info = Round(
        conference=str(settings.get(SETTING_CONFERENCE) or "konferansen"),
        year=str(settings.get(SETTING_YEAR) or ""),
        theme=settings.get(SETTING_MAIN_THEME) or None,
        deadline=deadline if isinstance(deadline, dt.date) else None,
        sender=settings.get(SETTING_SENDER) or None,
        recipient=settings.get(SETTING_RECIPIENT) or None,
    )
    reminders = Reminders(info=info)
    reminders.missing_settings = [
        name for name in (SETTING_DEADLINE, SETTING_MAIN_THEME, SETTING_SENDER) if settings.cell(name).blank
    ]
    used: set[str] = set()
    for record in workbook.contacts:
        _plan_one(record, info, reminders, used)
    return reminders


def _plan_one(record: Record, info: Round, reminders: Reminders, used: set[str]) -> None:
    name = str(record[CONTACT_NAME] or record.location(CONTACT_NAME).address)
    if not record.cell(CONTACT_ANSWERED).blank:
        reminders.answered += 1
        return
    if record.cell(CONTACT_CONTACTED).blank:
        reminders.not_contacted.append(name)
        return
    raw_email = record[CONTACT_EMAIL]
    addresses = _addresses(str(raw_email), record[CONTACT_PERSON]) if raw_email else []
    if addresses:
        message = draft_message(record, info, addresses)
        reminders.drafts.append(Draft(name, safe_file_name(name, used), message))
        return
    reason = NO_EMAIL if not raw_email else f"Ugyldig e-postadresse «{raw_email}»"
    reminders.calls.append(
        CallEntry(
            name,
            record[CONTACT_CATEGORY],
            record[CONTACT_PERSON],
            str(record.cell(CONTACT_PHONE).raw) if not record.cell(CONTACT_PHONE).blank else None,
            _date(record[CONTACT_CONTACTED]),
            reason,
        )
    )


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _addresses(text: str, person: str | None) -> list[Address]:
    """The addresses in a cell (several may be separated by ";" or ","); [] if any is invalid."""
    parts = [p.strip() for p in _ADDRESS_SEPARATORS.split(text) if p.strip()]
    found: list[Address] = []
    for part in parts:
        try:
            shown = (person or "") if len(parts) == 1 else ""
            address = Address(display_name=shown, addr_spec=part)
        except (HeaderParseError, ValueError, IndexError):
            return []
        if not address.username or "." not in address.domain:
            return []
        found.append(address)
    return found


# --- the message ------------------------------------------------------------------------------


def subject(info: Round) -> str:
    text = f"Påminnelse: innspill til {info.conference} {info.year}".rstrip()
    if info.deadline is not None:
        text += f" – frist {long_date(info.deadline)}"
    return text


def body(record: Record, info: Round) -> str:
    """The Norwegian text of one reminder."""
    person = record[CONTACT_PERSON]
    name = record[CONTACT_NAME]
    contacted = _date(record[CONTACT_CONTACTED])
    source = " ".join(
        part
        for part in (
            "Vi viser til henvendelsen",
            f"fra {info.sender}" if info.sender else "",
            long_date(contacted) if contacted is not None else "",
        )
        if part
    )
    paragraphs = [
        f"Hei, {person}!" if person else "Hei!",
        f"{source}, der vi ba {name} om innspill til {info.conference} {info.year}.".replace(" .", "."),
    ]
    if info.theme:
        paragraphs[-1] += f" Hovedtemaet for konferansen er {info.theme}."
    if info.deadline is not None:
        paragraphs.append(
            f"Vi har ikke fått svar fra dere ennå, og minner om at fristen for innspill er "
            f"{long_date(info.deadline)}."
        )
    else:
        paragraphs.append(
            "Vi har ikke fått svar fra dere ennå, og vil gjerne høre fra dere så snart som mulig."
        )
    to = f" til {info.recipient}" if info.recipient else ""
    paragraphs.append(
        f"Innspillene brukes i rapporten vi sender{to} før konferansen. Korte svar på e-post er fint, "
        "og vi tar også gjerne en prat på telefon om det passer bedre."
    )
    paragraphs.append("Med vennlig hilsen\n" + (info.sender or ""))
    return "\n\n".join(paragraphs).rstrip() + "\n"


def draft_message(record: Record, info: Round, addresses: list[Address]) -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["To"] = addresses
    message["Subject"] = subject(info)
    message["X-Unsent"] = "1"
    message.set_content(body(record, info), charset="utf-8")
    return message


def safe_file_name(name: str, used: set[str], suffix: str = ".eml") -> str:
    """A file name Windows accepts, unique (ignoring case) among `used`, which it joins."""
    stem = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")[:MAX_STEM].strip(" .")
    if not stem:
        stem = "organisasjon"
    if _RESERVED.match(stem):
        stem = f"{stem}_"
    candidate, n = stem, 2
    while f"{candidate}{suffix}".casefold() in used:
        candidate, n = f"{stem} ({n})", n + 1
    used.add(f"{candidate}{suffix}".casefold())
    return f"{candidate}{suffix}"


# --- writing ------------------------------------------------------------------------------------


def call_sheet(reminders: Reminders) -> OutSheet:
    header = [
        CONTACT_NAME.header,
        CONTACT_CATEGORY.header,
        CONTACT_PERSON.header,
        CONTACT_PHONE.header,
        CONTACT_CONTACTED.header,
        REASON_HEADER,
    ]
    rows: list[list[object]] = [
        [c.organisation, c.category, c.person, c.phone, c.contacted, c.reason] for c in reminders.calls
    ]
    line = f"Organisasjoner i {CONTACTS.name} som er kontaktet, ikke har svart og ikke har (gyldig) e-post."
    if reminders.info is not None and reminders.info.deadline is not None:
        line += f" Fristen for innspill er {long_date(reminders.info.deadline)}."
    sheet = OutSheet(CALL_SHEET, "Ringeliste – kontaktet, ikke svart", lines=[line])
    sheet.tables.append(
        OutTable("tblRingeliste", header, rows, sheet.first_table_row, number_formats={4: DATE_FORMAT})
    )
    sheet.widths = {1: 40, 2: 22, 3: 24, 4: 16, 5: 12, 6: 30}
    return sheet


def write_reminders(reminders: Reminders, directory: Path) -> list[Path]:
    """Write the drafts and (when anyone has no e-mail) the call list; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for draft in reminders.drafts:
        path = directory / draft.file_name
        write_bytes_atomic(draft.message.as_bytes(), path)
        written.append(path)
    if reminders.calls:
        book = OpenpyxlWorkbook()
        for default_sheet in list(book.worksheets):
            book.remove(default_sheet)
        write_sheet(book, call_sheet(reminders))
        path = directory / CALL_LIST
        save_atomic(book, path)
        written.append(path)
    return written
