"""The three actions as macros: plain functions that take an `xlwings.Book`.

Thin adapters, the same for every way Excel reaches Python through xlwings:
read the sheets they need (one bulk read each), run the library, write back
through the xlwings engine, and end with a short Norwegian alert. A workbook
that cannot be used, or anything unexpected, also ends in one Norwegian alert,
never a traceback; on the remote engine nothing is written then.

From xlwings Server the scripts in `xl_addin.server.scripts` call these. From
desktop Excel with classic xlwings, `RunPython "import xl_addin.macros as m;
m.main_validate()"` runs `validate(xw.Book.caller())` (see the README).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engines.xlwings_engine import XlwingsSource, apply_plan, is_remote, show_alert
from .errors import InnspillError, TemplateMismatch, WriteRefused
from .language import capitalize_first, count
from .model import Workbook
from .reading import read_workbook
from .schema import (
    CHECK_SHEET,
    COUNTS_SHEET,
    SHEET_ORDER,
)
from .validation.structure import check_structure

if TYPE_CHECKING:
    from .counts import Counts
    from .validation.problems import Problem, ValidationReport

logger = logging.getLogger(__name__)

#: The template's input sheets; generated sheets and the user's own sheets are never sent.
TEMPLATE_INPUT_SHEETS: tuple[str, ...] = SHEET_ORDER
# The sheets each action reads; on xlwings Server only these are sent (`@script(include=...)`).
#: Kontroller checks every sheet, e-mail and phone included.
VALIDATE_SHEETS = TEMPLATE_INPUT_SHEETS
#: Counts need Kontakter for categories and answers. The client sends whole sheets, so its
#: personal columns (contact person, e-mail, phone) travel too although they are not used;
#: Tekster is sent only because the structure check wants every template sheet.
COUNTS_SHEETS = TEMPLATE_INPUT_SHEETS
#: The report needs Tekster; like counts it gets Kontakter whole, and never prints personal data.
REPORT_SHEETS = TEMPLATE_INPUT_SHEETS

ALERT_TITLE = "Innspill"
#: How many errors a refused report lists in its alert.
ALERT_PROBLEMS = 3
UNEXPECTED = (
    "Noe uventet gikk galt, og handlingen stoppet. Ingenting i arbeidsboka er endret. "
    "Prøv igjen, og kontakt IT om det gjentar seg."
)

#: Delivers the Word file: (book, bytes, file name) -> a Norwegian sentence saying where it is.
Deliver = Callable[[Any, bytes, str], str]


# --- the door -----------------------------------------------------------------------


def alert(book: Any, text: str, *, critical: bool = False) -> None:
    show_alert(book, text, title=ALERT_TITLE, critical=critical)


def discard_pending(book: Any) -> None:
    """Forget the writes queued for the Office.js client (nothing has reached Excel yet)."""
    if is_remote(book):
        book.json()["actions"].clear()


@contextlib.contextmanager
def action(book: Any) -> Iterator[None]:
    """Turn "cannot run" and unexpected errors into one Norwegian alert."""
    try:
        yield
    except InnspillError as exc:
        discard_pending(book)
        alert(book, exc.message, critical=True)
    except Exception:
        logger.exception("an Innspill macro failed")
        discard_pending(book)
        alert(book, UNEXPECTED, critical=True)


def check_sheet_names(book: Any, sheets: Sequence[str]) -> None:
    """The Office.js client sends sheets by exact name; a renamed sheet would look missing."""
    names = [str(s.name) for s in book.sheets]
    for wanted in sheets:
        if wanted in names:
            continue
        near = next((n for n in names if n.strip().casefold() == wanted.casefold()), None)
        if near is not None:
            raise TemplateMismatch(
                f"Arket «{near}» må hete nøyaktig «{wanted}» for at Excel-tillegget skal kunne lese "
                "det. Gi arket nytt navn og prøv igjen."
            )


def read(book: Any, sheets: Sequence[str]) -> Workbook:
    """Read `sheets` (one bulk read each) and check that the workbook is this template."""
    if is_remote(book):
        check_sheet_names(book, sheets)
    workbook = read_workbook(XlwingsSource(book, sheets))
    check_structure(workbook)
    return workbook


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- Kontroller ---------------------------------------------------------------------


def validation_message(report: ValidationReport) -> str:
    if not report.problems:
        return f"Ingen feil eller advarsler. Arket {CHECK_SHEET} er oppdatert."
    return f"{capitalize_first(report.summary())} – se arket {CHECK_SHEET}."


def validate(
    book: Any,
    *,
    marks: Iterable[str] | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ValidationReport | None:
    """Kontroller: rebuild `Kontroll`, mark problem cells, fill blank IDs, alert the summary.

    `marks` are the cells earlier checks marked ("Kontakter!C5"), as the add-in
    finds them; see `engines.xlwings_engine.replace_marks`.
    """
    from .kontroll import kontroll_plan
    from .validation import validate as validate_workbook

    with action(book):
        workbook = read(book, VALIDATE_SHEETS)
        report = validate_workbook(workbook, today=today)
        apply_plan(book, kontroll_plan(workbook, report, now=now or _now()), marks=marks)
        alert(book, validation_message(report))
        return report
    return None


# --- Oppdater telling ---------------------------------------------------------------


def refresh_counts(book: Any, *, now: dt.datetime | None = None) -> Counts | None:
    """Oppdater telling: rebuild `Telling` and alert the totals."""
    from .counts import compute_counts
    from .telling import summary_lines, telling_plan

    with action(book):
        workbook = read(book, COUNTS_SHEETS)
        counts = compute_counts(workbook)
        apply_plan(book, telling_plan(counts, now=now or _now()))
        alert(book, " ".join([f"Arket {COUNTS_SHEET} er oppdatert.", *summary_lines(counts)[:1]]))
        return counts
    return None


# --- Lag rapport --------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def report_filename(book_name: str) -> str:
    """The Word file's name: the workbook's, with .docx (as `innspill report` names it)."""
    stem = Path(book_name).stem if Path(book_name).suffix.lower() in (".xlsx", ".xlsm", ".xls") else book_name
    name = " ".join(_UNSAFE_NAME.sub(" ", stem).split()).strip(" .")[:120]
    return f"{name or 'Innspillsrapport'}.docx"


def refused_message(errors: Sequence[Problem]) -> str:
    """Why no report was made, with the first errors and where they are."""
    from .validation.problems import ERROR_NOUN

    found = count(len(errors), ERROR_NOUN)
    lines = [f"Rapporten ble ikke laget fordi arbeidsboka har {found}. Rett dette først:"]
    lines += [f"• {p.sheet}!{p.cell}: {p.message}" for p in errors[:ALERT_PROBLEMS]]
    if len(errors) > ALERT_PROBLEMS:
        lines.append(f"Klikk «Kontroller» for å se alle {len(errors)} i arket {CHECK_SHEET}.")
    return "\n".join(lines)


def save_next_to_book(book: Any, data: bytes, filename: str) -> str:
    """Desktop Excel: save the report in the workbook's folder (atomically)."""
    from .engines.files import write_bytes_atomic

    folder = Path(str(book.fullname)).parent
    if str(folder) in ("", ".") or not folder.is_dir():
        raise WriteRefused("Lagre arbeidsboka i en mappe først, så legges rapporten ved siden av den.")
    target = folder / filename
    write_bytes_atomic(data, target)
    return f"Den er lagret som {target}."


def make_report(
    book: Any,
    *,
    deliver: Deliver | None = None,
    today: dt.date | None = None,
) -> bool:
    """Lag rapport: the Word report, refused (with the first errors) when validation finds errors."""
    from .counts import compute_counts
    from .report import build_report
    from .validation import validate as validate_workbook

    with action(book):
        workbook = read(book, REPORT_SHEETS)
        report = validate_workbook(workbook, today=today)
        if not report.valid:
            alert(book, refused_message(report.errors), critical=True)
            return False
        data = build_report(workbook, counts=compute_counts(workbook), today=today)
        where = (deliver or save_next_to_book)(book, data, report_filename(str(book.name)))
        alert(book, f"Rapporten er laget. {where}")
        return True
    return False


# --- classic desktop xlwings (RunPython) ----------------------------------------------


def _caller() -> Any:
    """The workbook to act on: the calling one, or the active one when an add-in (.xlam) calls."""
    import xlwings as xw

    book = xw.Book.caller()
    if str(book.name).lower().endswith(".xlam"):
        return book.app.books.active
    return book


def main_validate() -> None:
    """`RunPython "import xl_addin.macros as m; m.main_validate()"` from desktop Excel."""
    validate(_caller())


def main_refresh_counts() -> None:
    refresh_counts(_caller())


def main_make_report() -> None:
    make_report(_caller())
