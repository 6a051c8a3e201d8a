"""No personal data in the server's logs: every script, and the ways a request can go wrong.

Each test logs at DEBUG and then looks for the 2020 example's contact persons,
e-mail addresses and phone numbers (and a token) in every record, formatted as
a log file would show it, traceback included.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from joserfc.jwk import RSAKey

from tests.addin.payload import book_payload, call_script, funcs, only
from tests.addin.tokens import token
from tests.helpers import set_cells
from xl_addin import macros
from xl_addin import schema as S
from xl_addin.engines.files import FileSource
from xl_addin.reading import read_workbook
from xl_addin.server import limits, privacy, scripts
from xl_addin.server.limits import Limits

#: Written into Kontakter!H4 as a broken e-mail address: quoted in the check's messages and alerts.
TYPO = "kari.eksempel@@example.no"
FORMATTER = logging.Formatter("%(levelname)s %(name)s %(message)s")
#: How uvicorn writes an access line.
ACCESS_FORMAT = '%s - "%s %s HTTP/%s" %d'


@pytest.fixture
def personal(example: Path) -> list[str]:
    """Every contact person, e-mail address and phone number in the example (and the typo)."""
    values = [TYPO]
    for record in read_workbook(FileSource(example)).contacts:
        for column in S.PERSONAL_COLUMNS:
            value = record[column]
            if value:
                values.append(str(value))
                if column is S.CONTACT_PHONE:
                    values.append(str(value).replace(" ", ""))
    assert len(values) > 3 * 20
    return values


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every record as a log file would show it (message, traceback, arguments)."""
    return "\n".join(FORMATTER.format(r) + "\n" + repr(r.args) for r in caplog.records)


def assert_private(caplog: pytest.LogCaptureFixture, personal: list[str]) -> str:
    text = logged(caplog)
    assert caplog.records, "nothing was logged: the test would prove nothing"
    leaked = [value for value in personal if value in text]
    assert not leaked, leaked
    return text


@pytest.fixture
def typo(example: Path) -> Path:
    broken = Path(shutil.copy(example, example.with_name("innspill-feil.xlsx")))
    set_cells(broken, S.CONTACTS.name, {"H4": TYPO})
    return broken


def test_the_scripts_log_no_personal_data(
    client: TestClient, example: Path, typo: Path, logs: pytest.LogCaptureFixture, personal: list[str]
) -> None:
    for path in (example, typo):
        call_script(client, "kontroller", book_payload(path, include=macros.VALIDATE_SHEETS), args=[[]])
        call_script(client, "oppdater_telling", book_payload(path, include=macros.COUNTS_SHEETS))
        actions = call_script(client, "lag_rapport", book_payload(path, include=macros.REPORT_SHEETS))
    refused = only(actions, "alert")[0]["args"][0]
    assert TYPO in refused  # the user is told which value is wrong …
    text = assert_private(logs, personal)  # … and the log is not
    assert 'Script "lag_rapport" called by Anonymous' in text


def test_a_crash_logs_the_traceback_without_the_message(
    client: TestClient,
    example: Path,
    logs: pytest.LogCaptureFixture,
    personal: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError(f"kan ikke skrive {personal[1]} for {personal[0]}") from KeyError(personal[2])

    monkeypatch.setattr(macros, "apply_plan", boom)
    actions = call_script(
        client, "kontroller", book_payload(example, include=macros.VALIDATE_SHEETS), args=[[]]
    )
    assert only(actions, "alert")[0]["args"][0] == macros.UNEXPECTED
    text = assert_private(logs, personal)
    assert "an Innspill macro failed" in text
    assert "in boom" in text  # where it happened stays in the log
    assert f"builtins.ValueError: {privacy.WITHHELD}" in text
    assert f"builtins.KeyError: {privacy.WITHHELD}" in text


def test_a_timed_out_script_logs_no_personal_data(
    client: TestClient,
    example: Path,
    logs: pytest.LogCaptureFixture,
    personal: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worker that overran fails later, in the background: logged, scrubbed."""
    release = threading.Event()

    def slow(book: Any, **kwargs: Any) -> None:
        release.wait(5)
        raise RuntimeError(f"for sent: {personal[1]}")

    monkeypatch.setattr(scripts, "refresh_counts", slow)
    monkeypatch.setattr(limits, "_current", [Limits(script_seconds=0.1)])
    try:
        actions = call_script(client, "oppdater_telling", book_payload(example, include=macros.COUNTS_SHEETS))
    finally:
        release.set()
    assert funcs(actions) == ["alert"]
    deadline = time.monotonic() + 5
    while "failed after its time ran out" not in logs.text and time.monotonic() < deadline:
        client.get("/")  # the server's event loop runs the worker's callbacks meanwhile
    text = assert_private(logs, personal)
    assert "stopped after 0.1 s" in text
    assert f"builtins.RuntimeError: {privacy.WITHHELD}" in text


def test_refused_and_broken_requests_log_no_personal_data(
    client: TestClient,
    example: Path,
    logs: pytest.LogCaptureFixture,
    personal: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "/xlwings/custom-scripts-call/kontroller"
    payload = book_payload(example, include=macros.VALIDATE_SHEETS)
    broken_json = json.dumps(payload)[:-200]
    assert (
        client.post(url, content=broken_json, headers={"Content-Type": "application/json"}).status_code == 500
    )
    not_a_book = {"sheets": personal, "book": {"name": personal[1]}}
    assert client.post(url, json=not_a_book).status_code == 500
    wrong_args = {**payload, "args": [personal[1], personal[2]]}
    assert client.post(url, json=wrong_args).status_code == 400
    monkeypatch.setattr(limits, "_current", [Limits(max_body_bytes=1000)])
    assert client.post(url, json=payload).status_code == 413
    assert TestClient(client.app).post(url, json=payload).status_code == 403
    assert_private(logs, personal)


def test_tokens_stay_out_of_the_log(
    entraid: None, app: Any, key: RSAKey, example: Path, logs: pytest.LogCaptureFixture, personal: list[str]
) -> None:
    """xlwings Server logs the token at DEBUG; the scrubbing masks it."""
    payload = book_payload(example, include=macros.COUNTS_SHEETS)
    valid, expired = token(key), token(key, lifetime=-60)
    with TestClient(app) as remote:
        url = "/xlwings/custom-scripts-call/oppdater_telling"
        assert remote.post(url, json=payload, headers={"Authorization": valid}).status_code == 200
        assert remote.post(url, json=payload, headers={"Authorization": expired}).status_code == 401
    text = assert_private(logs, [*personal, valid.split()[1], expired.split()[1]])
    assert "<token>" in text  # it was there, masked


def test_the_access_log_drops_queries_and_report_tokens(app: Any) -> None:
    access = logging.getLogger(privacy.ACCESS_LOGGER)
    assert any(isinstance(f, privacy.AccessLogFilter) for f in access.filters)  # create_app installed it
    paths = {
        "/xlwings/alert?prompt=Feil%20i%20kari%40example.no&title=Innspill": "/xlwings/alert",
        "/innspill/rapport/Zm9vYmFyYmF6cXV4cXV1eA": "/innspill/rapport/…",
        "/innspill/innspill/rapport/Zm9vYmFy?x=1": "/innspill/innspill/rapport/…",
        "/manifest.xml": "/manifest.xml",
    }
    for path, shown in paths.items():
        record = logging.LogRecord(
            privacy.ACCESS_LOGGER,
            logging.INFO,
            __file__,
            1,
            ACCESS_FORMAT,
            ("127.0.0.1:50000", "GET", path, "1.1", 200),
            None,
        )
        assert access.filter(record)
        assert record.getMessage() == f'127.0.0.1:50000 - "GET {shown} HTTP/1.1" 200'


def test_the_access_log_is_formatted_inside_a_request(app: Any) -> None:
    """uvicorn writes the access line while the request is still being handled."""
    from uvicorn.logging import AccessFormatter

    access = logging.getLogger(privacy.ACCESS_LOGGER)
    args = ("127.0.0.1:50000", "GET", "/xlwings/alert?prompt=kari%40example.no", "1.1", 200)
    with privacy.request_scope():
        record = access.makeRecord(access.name, logging.INFO, __file__, 1, ACCESS_FORMAT, args, None)
    assert access.filter(record)
    formatter = AccessFormatter("%(client_addr)s %(request_line)s %(status_code)s", use_colors=False)
    line = formatter.format(record)
    assert line == "127.0.0.1:50000 GET /xlwings/alert HTTP/1.1 200 OK"


def test_records_outside_a_request_are_left_alone(app: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("tests.addin.privacy")
    logger.info("svar fra %s", "kari@example.no")
    with privacy.request_scope():
        logger.info("svar fra %s", "kari@example.no")
    assert [r.getMessage() for r in caplog.records] == ["svar fra kari@example.no", "svar fra <e-post>"]
