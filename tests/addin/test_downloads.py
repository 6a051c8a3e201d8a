"""The one-time download of the Word report: tokens, expiry, bounds, and the route."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from xl_addin.server.downloads import NOT_FOUND, DownloadStore, content_disposition, make_router


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_download_is_taken_once() -> None:
    store = DownloadStore()
    token = store.put(b"data", "rapport.docx")
    item = store.take(token)
    assert item is not None
    assert (item.data, item.filename) == (b"data", "rapport.docx")
    assert store.take(token) is None


def test_tokens_are_long_and_random() -> None:
    store = DownloadStore()
    tokens = {store.put(b"x", "a.docx") for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 43 and "/" not in t for t in tokens)


def test_downloads_expire() -> None:
    clock = Clock()
    store = DownloadStore(expires_seconds=600, clock=clock)
    token = store.put(b"data", "a.docx")
    clock.now += 599
    kept = store.put(b"data", "b.docx")
    clock.now += 2
    assert store.take(token) is None
    assert store.take(kept) is not None


def test_the_store_is_bounded_oldest_first() -> None:
    store = DownloadStore(max_entries=3, max_bytes=10)
    first = store.put(b"12345", "1.docx")
    second = store.put(b"12345", "2.docx")
    third = store.put(b"1", "3.docx")  # 11 bytes in all: the first goes
    assert store.take(first) is None
    assert len(store) == 2
    fourth = store.put(b"1", "4.docx")
    fifth = store.put(b"1", "5.docx")  # four entries: the second goes
    assert store.take(second) is None
    assert [store.take(t) is not None for t in (third, fourth, fifth)] == [True, True, True]


def test_content_disposition_keeps_the_norwegian_name() -> None:
    header = content_disposition("Innspill – 2020 «Æ».docx")
    assert header.startswith('attachment; filename="Innspill _ 2020 _')
    assert unquote(header.split("filename*=UTF-8''")[1]) == "Innspill – 2020 «Æ».docx"
    assert '"' not in content_disposition('a"b.docx').split('filename="')[1][:-1].split('"')[0]


@pytest.fixture
def route() -> tuple[TestClient, DownloadStore]:
    store = DownloadStore()
    app = FastAPI()
    app.include_router(make_router(store))
    return TestClient(app), store


@pytest.mark.parametrize("token", ["ukjent", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "a" * 43])
def test_unknown_tokens_get_404_in_norwegian(route: tuple[TestClient, DownloadStore], token: str) -> None:
    client, store = route
    store.put(b"data", "a.docx")
    response = client.get(f"/innspill/rapport/{token}")
    assert response.status_code == 404
    assert response.text == NOT_FOUND
    assert len(store) == 1


def test_the_route_serves_once(route: tuple[TestClient, DownloadStore]) -> None:
    client, store = route
    token = store.put(b"PK-docx", "innspill-2020.docx")
    first = client.get(f"/innspill/rapport/{token}")
    assert first.status_code == 200
    assert first.content == b"PK-docx"
    assert first.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert first.headers["cache-control"] == "no-store"
    assert client.get(f"/innspill/rapport/{token}").status_code == 404


def test_a_download_expires_exactly_at_its_time() -> None:
    clock = Clock()
    store = DownloadStore(expires_seconds=600, clock=clock)
    token = store.put(b"data", "a.docx")
    clock.now += 599.999
    assert len(store) == 1
    clock.now += 0.001
    assert store.take(token) is None
    assert len(store) == 0  # expired entries leave the store, not only the answer


def test_the_route_refuses_an_expired_link() -> None:
    clock = Clock()
    store = DownloadStore(expires_seconds=600, clock=clock)
    app = FastAPI()
    app.include_router(make_router(store))
    timed = TestClient(app)
    fresh, stale = store.put(b"1", "1.docx"), store.put(b"2", "2.docx")
    assert timed.get(f"/innspill/rapport/{fresh}").status_code == 200
    clock.now += 600
    response = timed.get(f"/innspill/rapport/{stale}")
    assert response.status_code == 404
    assert response.text == NOT_FOUND
    assert "ti minutter" in NOT_FOUND


def test_only_one_of_many_simultaneous_takes_gets_the_report() -> None:
    store = DownloadStore()
    token = store.put(b"data", "a.docx")
    start = threading.Barrier(16)

    def take() -> bool:
        start.wait()
        return store.take(token) is not None

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda _: take(), range(16)))
    assert results.count(True) == 1


def test_the_store_never_holds_more_than_its_bounds() -> None:
    store = DownloadStore(max_entries=5, max_bytes=1000)
    tokens = [store.put(b"x" * 300, f"{i}.docx") for i in range(20)]
    assert len(store) == 3  # 3 × 300 bytes ≤ 1000 < 4 × 300
    assert [store.take(t) is not None for t in tokens[-3:]] == [True, True, True]
    many = [store.put(b"x", f"{i}.docx") for i in range(20)]
    assert len(store) == 5
    assert all(store.take(t) is None for t in many[:-5])


def test_delivery_tells_how_long_the_link_lasts(monkeypatch: pytest.MonkeyPatch) -> None:
    from xl_addin.server import downloads

    sent: list[tuple[object, ...]] = []
    monkeypatch.setattr(downloads, "run_client_callback", lambda book, *args: sent.append(args))
    store = DownloadStore(expires_seconds=600)
    text = downloads.deliver_download(object(), b"PK", "innspill-2020.docx", store)
    assert text == "Den åpnes i nettleseren som «innspill-2020.docx». Lenken virker én gang i ti minutter."
    [(name, token, filename)] = sent
    assert name == downloads.DOWNLOAD_CALLBACK
    assert filename == "innspill-2020.docx"
    assert store.take(str(token)) is not None
