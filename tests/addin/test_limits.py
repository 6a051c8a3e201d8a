"""The server's limits: the largest request body (413) and the longest script run (an alert)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.addin.payload import book_payload, call_script, funcs, only
from xl_addin import macros
from xl_addin.server import limits, scripts
from xl_addin.server.limits import MB, Limits
from xl_addin.server.middleware import ClientGone, TooLarge, read_body

SCRIPT = "/xlwings/custom-scripts-call/oppdater_telling"


@pytest.fixture
def use_limits(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set the limits for one test (restored afterwards)."""

    def use(**values: Any) -> None:
        monkeypatch.setattr(limits, "_current", [Limits(**values)])

    return use


@pytest.fixture
def body(example: Path) -> bytes:
    return json.dumps(book_payload(example, include=macros.COUNTS_SHEETS)).encode()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the macros that ran (each still runs)."""
    ran: list[str] = []
    real = scripts.refresh_counts

    def counting(book: Any, **kwargs: Any) -> Any:
        ran.append("refresh_counts")
        return real(book, **kwargs)

    monkeypatch.setattr(scripts, "refresh_counts", counting)
    return ran


# --- the body limit -------------------------------------------------------------------------


def test_the_default_limit_is_50_mb() -> None:
    assert Limits().max_body_bytes == 50 * MB
    assert "over 50 MB" in limits.too_large(Limits().max_body_bytes)


def test_a_body_at_the_limit_is_taken(
    client: TestClient, body: bytes, use_limits: Callable[..., None], runs: list[str]
) -> None:
    use_limits(max_body_bytes=len(body))
    response = client.post(SCRIPT, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert runs == ["refresh_counts"]


def test_a_declared_body_over_the_limit_is_refused(
    client: TestClient, body: bytes, use_limits: Callable[..., None], runs: list[str]
) -> None:
    use_limits(max_body_bytes=len(body) - 1)
    response = client.post(SCRIPT, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"detail": limits.too_large(len(body) - 1)}
    assert response.json()["detail"].startswith("Arbeidsboka er for stor for Innspill-serveren")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert runs == []


def test_a_streamed_body_is_counted(
    client: TestClient, body: bytes, use_limits: Callable[..., None], runs: list[str]
) -> None:
    """A chunked body has no Content-Length: the bytes that arrive are counted."""
    use_limits(max_body_bytes=len(body) // 2)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 4096):
            yield body[start : start + 4096]

    response = client.post(SCRIPT, content=chunks(), headers={"Content-Type": "application/json"})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert runs == []


def test_a_streamed_body_under_the_limit_is_read_whole(
    client: TestClient, body: bytes, use_limits: Callable[..., None], runs: list[str]
) -> None:
    use_limits(max_body_bytes=len(body))
    pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
    response = client.post(SCRIPT, content=iter(pieces), headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert "addChart" in funcs(response.json()["actions"])


def test_pages_without_a_body_are_not_affected(client: TestClient, use_limits: Callable[..., None]) -> None:
    use_limits(max_body_bytes=1)
    assert client.get("/manifest.xml").status_code == 200


def _receiver(messages: list[dict[str, Any]]) -> Callable[[], Any]:
    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    return receive


def _scope(headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "headers": headers or []}


def test_read_body_counts_chunks_and_notices_a_disconnect() -> None:
    def chunk(data: bytes, more: bool) -> dict[str, Any]:
        return {"type": "http.request", "body": data, "more_body": more}

    assert (
        asyncio.run(read_body(_scope(), _receiver([chunk(b"ab", True), chunk(b"cd", False)]), 4)) == b"abcd"
    )
    with pytest.raises(TooLarge):
        asyncio.run(read_body(_scope(), _receiver([chunk(b"ab", True), chunk(b"cde", False)]), 4))
    with pytest.raises(TooLarge):  # refused on the declared length, before anything is read
        asyncio.run(read_body(_scope([(b"content-length", b"5")]), _receiver([]), 4))
    with pytest.raises(ClientGone):
        asyncio.run(read_body(_scope(), _receiver([chunk(b"ab", True), {"type": "http.disconnect"}]), 4))


# --- the time limit ---------------------------------------------------------------------------


class SlowMacro:
    """A macro that queues a write, then waits until released (or five seconds)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.done = threading.Event()

    def __call__(self, book: Any, **kwargs: Any) -> None:
        try:
            macros.alert(book, "skrevet før tiden gikk ut")
            self.release.wait(5)
            macros.alert(book, "skrevet etter at tiden gikk ut")
        finally:
            self.done.set()


def test_a_script_that_overruns_ends_in_one_norwegian_alert(
    client: TestClient, example: Path, use_limits: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SlowMacro()
    monkeypatch.setattr(scripts, "refresh_counts", slow)
    use_limits(script_seconds=0.2)
    try:
        actions = call_script(client, "oppdater_telling", book_payload(example, include=macros.COUNTS_SHEETS))
    finally:
        slow.release.set()
    assert funcs(actions) == ["alert"]  # nothing the macro queued, before or after
    [alert] = only(actions, "alert")
    assert alert["args"][0] == (
        "«Oppdater telling» tok for lang tid og ble stoppet etter 0,2 sekunder. Ingenting i arbeidsboka "
        "er endret. Prøv igjen om litt, og kontakt IT om det gjentar seg."
    )
    assert alert["args"][3] == "critical"
    assert slow.done.wait(5)  # the worker finished in the background


def test_a_script_within_its_time_answers_as_usual(
    client: TestClient, example: Path, use_limits: Callable[..., None]
) -> None:
    use_limits(script_seconds=30)
    actions = call_script(client, "oppdater_telling", book_payload(example, include=macros.COUNTS_SHEETS))
    assert "addChart" in funcs(actions)
    assert only(actions, "alert")[0]["args"][3] == "info"


def test_a_worker_whose_time_ran_out_before_it_started_skips_the_macro() -> None:
    class Book:
        closed = False

        def close(self) -> None:
            self.closed = True

    book: Any = Book()
    ran: list[bool] = []
    skip = threading.Event()
    skip.set()
    scripts._work(lambda b: ran.append(True), book, skip, {})
    assert ran == []
    assert book.closed
    scripts._work(lambda b: ran.append(True), book, threading.Event(), {})
    assert ran == [True]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(120, "to minutter"), (60, "ett minutt"), (600, "ti minutter"), (45, "45 sekunder"), (1, "ett sekund")],
)
def test_durations_read_as_norwegian(seconds: float, text: str) -> None:
    assert limits.duration(seconds) == text
