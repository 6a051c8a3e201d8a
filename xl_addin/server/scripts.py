"""The add-in's scripts, one per ribbon button, run by xlwings Server.

Each script receives the workbook the Office.js client sent (only the sheets
in `include`), runs a macro from `xl_addin.macros` in a worker thread (so the
server keeps answering other users meanwhile) and returns the book, whose
queued actions the client replays in Excel.

These names are the scripts' addresses (`/xlwings/custom-scripts-call/<name>`)
and are used by `ribbon.js`; keep them as they are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import xlwings as xw
from xlwings.server import script

from ..engines.xlwings_engine import release_cached_values
from ..macros import COUNTS_SHEETS, REPORT_SHEETS, VALIDATE_SHEETS, make_report, refresh_counts, validate
from .downloads import deliver_download

SCRIPT_NAMES = ("kontroller", "oppdater_telling", "lag_rapport")


def _marks(value: object) -> list[str] | None:
    """The earlier marks the add-in found ("Kontakter!C5"); None when it could not look."""
    if not isinstance(value, list):
        return None
    return [item for item in value if isinstance(item, str)]


async def _run(macro: Callable[..., Any], book: xw.Book, **kwargs: Any) -> None:
    try:
        await asyncio.to_thread(macro, book, **kwargs)
    finally:
        release_cached_values()


@script(include=list(VALIDATE_SHEETS))
async def kontroller(book: xw.Book, merker: object = None) -> None:
    """Kontroller: the Kontroll sheet, marks on problem cells, blank IDs filled in."""
    await _run(validate, book, marks=_marks(merker))


@script(include=list(COUNTS_SHEETS))
async def oppdater_telling(book: xw.Book) -> None:
    """Oppdater telling: the Telling sheet."""
    await _run(refresh_counts, book)


@script(include=list(REPORT_SHEETS))
async def lag_rapport(book: xw.Book) -> None:
    """Lag rapport: the Word report, opened in the browser through a one-time link."""
    await _run(make_report, book, deliver=deliver_download)
