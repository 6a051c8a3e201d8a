"""Getting the Word report from the server to the user.

Nothing in xlwings sends a file to the user, so the report is kept in memory
under a random one-time token (`secrets.token_urlsafe(32)`) for a few minutes.
The script returns a `runMacro` action that makes the add-in's JavaScript
(`ribbon.js`, callback `innspillLastNed`) open
`{app path}/innspill/rapport/{token}` in the browser, which downloads it once.

The token is the only key: a dictionary key, never part of a path, and the
route answers 404 with a Norwegian text for anything unknown, expired or
already fetched. The store is bounded in entries and bytes; the oldest entries
give way first.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from ..engines.xlwings_engine import run_client_callback
from .limits import duration

#: The JavaScript callback (registered with `xlwings.registerCallback` in ribbon.js).
DOWNLOAD_CALLBACK = "innspillLastNed"
#: The route, below the server's app path.
DOWNLOAD_PATH = "/innspill/rapport"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXPIRES_SECONDS = 600
MAX_ENTRIES = 50
MAX_BYTES = 200_000_000


NOT_FOUND = (
    f"Fant ikke rapporten. Lenken virker bare én gang og bare i {duration(EXPIRES_SECONDS)}. "
    "Klikk «Lag rapport» i Excel igjen for å få en ny."
)


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    expires: float


class DownloadStore:
    """One-time downloads in memory, thread-safe, bounded, expiring."""

    def __init__(
        self,
        *,
        expires_seconds: float = EXPIRES_SECONDS,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._items: OrderedDict[str, Download] = OrderedDict()
        self._lock = threading.Lock()
        self.expires_seconds = expires_seconds
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._clock = clock

    def put(self, data: bytes, filename: str) -> str:
        """Keep `data` and return the token that fetches it once."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            self._items[token] = Download(data, filename, now + self.expires_seconds)
            while len(self._items) > self.max_entries or (
                len(self._items) > 1 and self._size() > self.max_bytes
            ):
                self._items.popitem(last=False)
        return token

    def take(self, token: str) -> Download | None:
        """The download for `token`, removed from the store; None if unknown or expired."""
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            return self._items.pop(token, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _size(self) -> int:
        return sum(len(d.data) for d in self._items.values())

    def _drop_expired(self, now: float) -> None:
        for token in [t for t, d in self._items.items() if d.expires <= now]:
            del self._items[token]


#: The server's store (one process; with several workers, use one worker or sticky sessions).
STORE = DownloadStore()


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the real name (RFC 6266 / 5987)."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def deliver_download(book: Any, data: bytes, filename: str, store: DownloadStore = STORE) -> str:
    """Keep the report and tell the add-in to open its one-time link (a `runMacro` action)."""
    token = store.put(data, filename)
    run_client_callback(book, DOWNLOAD_CALLBACK, token, filename)
    return (
        f"Den åpnes i nettleseren som «{filename}». "
        f"Lenken virker én gang i {duration(store.expires_seconds)}."
    )


def make_router(store: DownloadStore = STORE, prefix: str = "") -> APIRouter:
    router = APIRouter(prefix=prefix)

    # ":path" so that anything below the prefix, slashes included, gets the same Norwegian 404.
    @router.get(DOWNLOAD_PATH + "/{token:path}", response_model=None)
    async def download_report(token: str) -> Response:
        item = store.take(token)
        if item is None:
            return PlainTextResponse(NOT_FOUND, status_code=404)
        return Response(
            content=item.data,
            media_type=DOCX_TYPE,
            headers={
                "Content-Disposition": content_disposition(item.filename),
                "Cache-Control": "no-store",
            },
        )

    return router
