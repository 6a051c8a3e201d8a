"""The bounded load test (`benchmarks/load.py`) on a real `innspill serve`, on loopback.

50 simultaneous calls per script with the 2020 example must all succeed. The
same server then shows that its log, written by uvicorn as configured in
production, holds no workbook content: the alert dialog's text travels in a
query string, and the report's one-time token in a path.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx

from benchmarks import load
from xl_addin import schema as S
from xl_addin.engines.files import FileSource
from xl_addin.reading import read_workbook


def personal_values(example: Path) -> list[str]:
    values: list[str] = []
    for record in read_workbook(FileSource(example)).contacts:
        values += [str(record[c]) for c in S.PERSONAL_COLUMNS if record[c]]
    return values


def test_fifty_simultaneous_calls_per_script_all_succeed(tmp_path: Path, pristine: Path) -> None:
    bodies = load.payloads(pristine)
    private = personal_values(pristine)
    with load.running_server(tmp_path) as server:
        results = asyncio.run(load.load(server.url, bodies, load.CALLS))
        # what the add-in does next: the alert dialog (text in the query) and the report link
        with httpx.Client(base_url=server.url, timeout=30) as client:
            prompt = (
                f"Rapporten ble ikke laget. Kontakter!H4: «{private[1]}» er ikke en gyldig e-postadresse."
            )
            alert = {
                "prompt": prompt,
                "title": "Innspill",
                "buttons": "ok",
                "mode": "critical",
                "callback": "",
            }
            assert client.get("/xlwings/alert", params=alert).status_code == 200
            reply = client.post(
                "/xlwings/custom-scripts-call/lag_rapport",
                content=bodies["lag_rapport"],
                headers={"Content-Type": "application/json"},
            )
            [token] = [a["args"][1] for a in reply.json()["actions"] if a["func"] == "runMacro"]
            assert client.get(f"/innspill/rapport/{token}").status_code == 200
    print("\n" + "\n".join(load.table(results, max(len(b) for b in bodies.values()))))
    assert [(r.script, r.calls, r.errors) for r in results] == [(s, 50, 0) for s in load.SCRIPTS]
    assert all(len(r.latencies) == 50 and r.max < load.CALL_TIMEOUT for r in results)
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert '"GET /xlwings/alert HTTP/1.1" 200' in log  # the access log is on …
    assert '"GET /innspill/rapport/… HTTP/1.1" 200' in log
    assert "prompt=" not in log  # … without the query
    assert token not in log
    leaked = [value for value in private if value in log]
    assert not leaked, leaked


def test_a_call_counts_only_when_the_script_ran_cleanly() -> None:
    def reply(status: int, actions: list[dict[str, object]]) -> httpx.Response:
        return httpx.Response(status, content=json.dumps({"actions": actions}).encode())

    def alert(mode: str) -> dict[str, object]:
        return {"func": "alert", "args": ["tekst", "Innspill", "ok", mode, ""]}

    assert load.answered(reply(200, [{"func": "addSheet", "args": []}, alert("info")]))
    assert not load.answered(reply(200, [alert("critical")]))  # e.g. the time limit or a crash
    assert not load.answered(reply(200, []))
    assert not load.answered(reply(500, [alert("info")]))


def test_percentiles() -> None:
    result = load.Result("kontroller", 100, 0, tuple(float(i) for i in range(1, 101)), 100.0)
    assert result.p50 == 50.5
    assert 95 <= result.p95 <= 96
    assert result.max == 100
