"""Time each add-in script on a large workbook through the server's app (FastAPI's TestClient).

`benchmarks.run` calls `measure_routes` with its large workbook (1,000
contacts, 10,000 input points); on its own:

    .venv/bin/python -m benchmarks.addin out/bench/large.xlsx

One request at a time, the whole server in between (guard, xlwings Server,
the macro in its worker thread), without the network. Each time is the median
of three calls. The number of Excel operations each script sends back must
be the same for the large workbook as for the 2020 example: what grows with
the rows is the values inside the operations, never their number.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.load import SCRIPTS, payloads

RUNS = 3
LOOPBACK_CLIENT = ("127.0.0.1", 50000)


def _call(client: Any, script: str, body: bytes) -> tuple[float, int, int]:
    """(seconds, number of actions, response bytes) of one call."""
    start = time.perf_counter()
    response = client.post(
        f"/xlwings/custom-scripts-call/{script}", content=body, headers={"Content-Type": "application/json"}
    )
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"{script} answered {response.status_code}: {response.text[:200]}")
    return seconds, len(response.json()["actions"]), len(response.content)


def measure_routes(large_workbook: Path) -> list[str]:
    """Markdown lines: each script's time on `large_workbook` and its operations, large vs typical."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    from fastapi.testclient import TestClient

    from xl_addin.example import write_example
    from xl_addin.server.app import create_app

    with tempfile.TemporaryDirectory(prefix="innspill-addin-") as folder:
        typical = payloads(write_example(Path(folder) / "innspill-2020.xlsx"))
    large = payloads(large_workbook)
    rows: list[str] = []
    with TestClient(create_app(), client=LOOPBACK_CLIENT) as client:
        for script in SCRIPTS:
            runs = [_call(client, script, large[script]) for _ in range(RUNS)]
            _, typical_actions, _ = _call(client, script, typical[script])
            seconds = statistics.median(r[0] for r in runs)
            _, large_actions, reply = runs[0]
            rows.append(
                f"| {script} | {seconds:.2f} s | {len(large[script]) / 1e6:.1f} MB → {reply / 1e3:.0f} kB "
                f"| {large_actions} | {typical_actions} |"
            )
    return [
        "",
        "Add-in server, one request at a time through the app (no network), median of "
        f"{RUNS} calls on the large workbook:",
        "",
        "| script | time | request → answer | operations (large) | operations (2020 example) |",
        "|---|---|---|---|---|",
        *rows,
    ]


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print("\n".join(measure_routes(Path(sys.argv[1]))))


if __name__ == "__main__":
    main()
