"""Keep workbook content out of the server's logs.

A request carries whole sheets, contact persons, e-mail addresses and phone
numbers included, and the alerts the add-in shows travel back in the query of
`/xlwings/alert?prompt=…`. Nothing logs request bodies (uvicorn runs at
`info`, and no code here logs a payload), and two guards catch what could
still slip through:

* While a request is being handled (`request_scope`, set by the server's
  middleware and inherited by the script's worker thread), every log record
  is scrubbed as it is created, whichever handler receives it: exception
  messages are withheld (the traceback keeps files, lines and code, and the
  exception's type), and e-mail addresses and bearer tokens are masked.
* uvicorn's access log (written from inside the request too, but formatted
  from its arguments) drops query strings and the one-time report tokens.
"""

from __future__ import annotations

import contextlib
import logging
import re
import traceback
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from .downloads import DOWNLOAD_PATH

ACCESS_LOGGER = "uvicorn.access"
WITHHELD = "<message withheld: it may hold workbook data>"
_JWT = re.compile(r"eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_in_request: ContextVar[bool] = ContextVar("innspill_in_request", default=False)


@contextlib.contextmanager
def request_scope() -> Iterator[None]:
    """Scrub every log record created inside (threads started with `asyncio.to_thread` too)."""
    token = _in_request.set(True)
    try:
        yield
    finally:
        _in_request.reset(token)


def mask(text: str) -> str:
    """Mask bearer tokens and e-mail addresses."""
    return _EMAIL.sub("<e-post>", _JWT.sub("<token>", text))


def describe(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {WITHHELD}"


CAUSE = "\n\nThe above exception was the direct cause of the following exception:\n\n"
CONTEXT = "\n\nDuring handling of the above exception, another exception occurred:\n\n"


def withheld_traceback(exc: BaseException) -> str:
    """The traceback of `exc` and its causes, as Python prints it, with every message withheld."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    text = ""
    for outer, link in zip([None, *chain], chain, strict=False):
        if outer is not None:
            text = (CAUSE if outer.__cause__ is link else CONTEXT) + text
        block = "Traceback (most recent call last):\n" + "".join(traceback.format_tb(link.__traceback__))
        text = block + describe(link) + text
    return text


def _safe_arg(value: object) -> object:
    return describe(value) if isinstance(value, BaseException) else value


def _render(record: logging.LogRecord) -> str:
    if isinstance(record.msg, BaseException):
        return describe(record.msg)
    args: Any = record.args
    if isinstance(args, Mapping):
        args = {key: _safe_arg(value) for key, value in args.items()}
    elif isinstance(args, tuple):
        args = tuple(_safe_arg(value) for value in args)
    try:
        return str(record.msg) % args if args else str(record.msg)
    except (TypeError, ValueError, KeyError):
        return str(record.msg)


def scrub(record: logging.LogRecord) -> None:
    """Withhold exception messages, mask e-mail addresses and tokens (in place)."""
    if record.exc_info:
        exc = record.exc_info[1]
        if exc is not None:
            record.exc_text = withheld_traceback(exc)
        record.exc_info = None
    record.msg = mask(_render(record))
    record.args = None


class _ScrubbingFactory:
    """The log record factory: the previous one, then `scrub` inside a request."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.inner(*args, **kwargs)
        if _in_request.get() and record.name != ACCESS_LOGGER:  # its formatter needs the arguments
            scrub(record)
        return record


def safe_path(path: str) -> str:
    """A request path for the access log: no query string, no report token."""
    path = path.split("?", 1)[0]
    prefix = DOWNLOAD_PATH + "/"
    at = path.find(prefix)
    return path if at < 0 else path[: at + len(prefix)] + "…"


class AccessLogFilter(logging.Filter):
    """uvicorn logs `'%s - "%s %s HTTP/%s" %d'` with the path (and query) third."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], safe_path(args[2]), *args[3:])
        return True


def install() -> None:
    """Scrub records created during requests, and filter the access log (once per process).

    uvicorn's own `dictConfig` keeps the filter: it replaces handlers, not filters.
    """
    if not isinstance(logging.getLogRecordFactory(), _ScrubbingFactory):
        logging.setLogRecordFactory(_ScrubbingFactory(logging.getLogRecordFactory()))
    access = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, AccessLogFilter) for f in access.filters):
        access.addFilter(AccessLogFilter())
