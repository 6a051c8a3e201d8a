"""The add-in's scripts, one per ribbon button, run by xlwings Server.

Each script receives the workbook the Office.js client sent (only the sheets
in `include`), runs a macro from `xl_addin.macros` in a worker thread (so the
server keeps answering other users meanwhile) and returns the book, whose
queued actions the client replays in Excel.

A macro gets `limits.current().script_seconds`. It works on its own copy of
the book (the same sheets, its own queue of actions), so that a macro that
overruns cannot add to the answer: the answer is then one Norwegian alert and
nothing else, and the macro finishes in the background with nobody listening
(a thread cannot be stopped; one that had not started yet is skipped).

These names are the scripts' addresses (`/xlwings/custom-scripts-call/<name>`)
and are used by `ribbon.js`; keep them as they are.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import xlwings as xw
from xlwings.server import script

from ..engines.xlwings_engine import release_cached_values
from ..macros import (
    COUNTS_SHEETS,
    REPORT_SHEETS,
    VALIDATE_SHEETS,
    alert,
    make_report,
    refresh_counts,
    validate,
)
from . import limits
from .downloads import deliver_download

SCRIPT_NAMES = ("kontroller", "oppdater_telling", "lag_rapport")
#: The buttons' labels, as staff see them.
BUTTONS = {"kontroller": "Kontroller", "oppdater_telling": "Oppdater telling", "lag_rapport": "Lag rapport"}

logger = logging.getLogger(__name__)


def _marks(value: object) -> list[str] | None:
    """The earlier marks the add-in found ("Kontakter!C5"); None when it could not look."""
    if not isinstance(value, list):
        return None
    return [item for item in value if isinstance(item, str)]


def _work(macro: Callable[..., Any], book: xw.Book, skip: threading.Event, kwargs: dict[str, Any]) -> None:
    """The worker thread: run the macro unless the time ran out first, then let go of the book."""
    try:
        if not skip.is_set():
            macro(book, **kwargs)
    finally:
        book.close()
        release_cached_values()


def _log_failure(job: asyncio.Future[None]) -> None:
    """For a job nobody waits for any more."""
    if not job.cancelled() and job.exception() is not None:
        logger.error("a script's worker failed after its time ran out", exc_info=job.exception())


async def run_limited(name: str, macro: Callable[..., Any], book: xw.Book, **kwargs: Any) -> None:
    """Run `macro` on a copy of `book`; its actions, or the time-out alert, go to `book`."""
    seconds = limits.current().script_seconds
    work = xw.Book(json=book.api)  # shares the sent sheets; its own actions
    skip = threading.Event()
    job = asyncio.ensure_future(asyncio.to_thread(_work, macro, work, skip, kwargs))
    try:
        await asyncio.wait_for(asyncio.shield(job), timeout=seconds)
    except TimeoutError:
        skip.set()
        job.add_done_callback(_log_failure)
        logger.warning("script %s stopped after %g s", name, seconds)
        alert(book, limits.timed_out(BUTTONS[name], seconds), critical=True)
        return
    book.json()["actions"].extend(work.json()["actions"])


@script(include=list(VALIDATE_SHEETS))
async def kontroller(book: xw.Book, merker: object = None) -> None:
    """Kontroller: the Kontroll sheet, marks on problem cells, blank IDs filled in."""
    await run_limited("kontroller", validate, book, marks=_marks(merker))


@script(include=list(COUNTS_SHEETS))
async def oppdater_telling(book: xw.Book) -> None:
    """Oppdater telling: the Telling sheet."""
    await run_limited("oppdater_telling", refresh_counts, book)


@script(include=list(REPORT_SHEETS))
async def lag_rapport(book: xw.Book) -> None:
    """Lag rapport: the Word report, opened in the browser through a one-time link."""
    await run_limited("lag_rapport", make_report, book, deliver=deliver_download)
