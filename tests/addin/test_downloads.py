"""The one-time download of the Word report: tokens, expiry, bounds, and the route."""

from __future__ import annotations

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
