"""A bounded load test of the add-in's server, on loopback only.

    .venv/bin/python -m benchmarks.load                      # 50 concurrent calls per script
    .venv/bin/python -m benchmarks.load --calls 20 --scripts kontroller

Starts `innspill serve` (uvicorn, one process) on 127.0.0.1 with a free port,
in development mode without sign-in, and waits until `/manifest.xml` answers
(polling, with a deadline). Then, script by script, it sends `--calls`
simultaneous POSTs of the 2020 example exactly as the Office.js client sends
it, counts the errors (anything but a 200 whose actions end in an `info`
alert), stops the server and prints a Markdown table of the latencies. Every
wait has a deadline; the calls are capped at 200 per script.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ("kontroller", "oppdater_telling", "lag_rapport")
CALLS = 50
MAX_CALLS = 200
START_DEADLINE = 60.0
CALL_TIMEOUT = 120.0
STOP_DEADLINE = 10.0
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


@dataclass(frozen=True)
class Result:
    script: str
    calls: int
    errors: int
    latencies: tuple[float, ...]
    wall: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94]

    @property
    def max(self) -> float:
        return max(self.latencies)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def server_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_AUTH_", "INNSPILL_"))}
    env.update(
        XLWINGS_ENVIRONMENT="dev",  # loopback without sign-in
        XLWINGS_LICENSE_KEY=os.environ.get("XLWINGS_LICENSE_KEY", "noncommercial"),
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, deadline: float) -> None:
    """Poll the manifest until it answers; fail if the server exits or the deadline passes."""
    end = time.monotonic() + deadline
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < end:
            try:
                if client.get(f"{url}/manifest.xml").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.05)  # the pause between polls, and the exit check
                raise RuntimeError(f"innspill serve stopped:\n{log.read_text(errors='replace')}")
    raise TimeoutError(f"innspill serve did not answer within {deadline:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_DEADLINE)


@contextlib.contextmanager
def running_server(workdir: Path, *, deadline: float = START_DEADLINE) -> Iterator[Server]:
    """`innspill serve` on loopback for the duration of the block; its output goes to `server.log`."""
    port = free_port()
    url = f"http://{HOST}:{port}"
    log = workdir / "server.log"
    command = [sys.executable, "-m", "xl_addin", "serve", "--host", HOST, "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=server_environment(), cwd=ROOT
        )
    try:
        wait_until_up(url, process, log, deadline)
        yield Server(url, log)
    finally:
        stop(process)


def payloads(example: Path, scripts: Sequence[str] = SCRIPTS) -> dict[str, bytes]:
    """Each script's request body for `example`, as the add-in sends it (JSON, encoded once)."""
    from xl_addin import macros
    from xl_addin.server.payload import book_payload

    include = {
        "kontroller": macros.VALIDATE_SHEETS,
        "oppdater_telling": macros.COUNTS_SHEETS,
        "lag_rapport": macros.REPORT_SHEETS,
    }
    bodies: dict[str, bytes] = {}
    for script in scripts:
        body = book_payload(example, include=include[script])
        if script == "kontroller":
            body["args"] = [[]]  # no earlier marks
        bodies[script] = json.dumps(body).encode()
    return bodies


def answered(response: httpx.Response) -> bool:
    """A 200 whose actions end in an `info` alert: the script ran and had nothing to complain about."""
    if response.status_code != 200:
        return False
    actions = response.json().get("actions") or []
    return bool(actions) and actions[-1]["func"] == "alert" and actions[-1]["args"][3] == "info"


async def fire(url: str, script: str, body: bytes, calls: int) -> Result:
    """`calls` simultaneous POSTs of `body` to `script`."""
    calls = min(calls, MAX_CALLS)
    limits = httpx.Limits(max_connections=calls, max_keepalive_connections=calls)
    headers = {"Content-Type": "application/json"}
    path = f"/xlwings/custom-scripts-call/{script}"
    async with httpx.AsyncClient(base_url=url, timeout=CALL_TIMEOUT, limits=limits) as client:

        async def one() -> tuple[bool, float]:
            start = time.perf_counter()
            try:
                response = await client.post(path, content=body, headers=headers)
                ok = answered(response)
            except httpx.HTTPError:
                ok = False
            return ok, time.perf_counter() - start

        began = time.perf_counter()
        outcomes = await asyncio.gather(*(one() for _ in range(calls)))
        wall = time.perf_counter() - began
    return Result(
        script=script,
        calls=calls,
        errors=sum(1 for ok, _ in outcomes if not ok),
        latencies=tuple(seconds for _, seconds in outcomes),
        wall=wall,
    )


async def load(url: str, bodies: dict[str, bytes], calls: int) -> list[Result]:
    """One script at a time, `calls` at once each."""
    return [await fire(url, script, body, calls) for script, body in bodies.items()]


def table(results: Sequence[Result], payload_bytes: int) -> list[str]:
    lines = [
        f"Load on loopback: one `innspill serve` process, {results[0].calls} simultaneous calls per script "
        f"with the 2020 example ({payload_bytes / 1000:.0f} kB per request).",
        "",
        "| script | calls | errors | p50 | p95 | max | all done in |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.script} | {r.calls} | {r.errors} | {r.p50:.2f} s | {r.p95:.2f} s | {r.max:.2f} s "
        f"| {r.wall:.2f} s |"
        for r in results
    ]
    return lines


def run(calls: int = CALLS, scripts: Sequence[str] = SCRIPTS) -> tuple[list[Result], list[str]]:
    """Start the server, load it, stop it; the results and the Markdown table."""
    from xl_addin.example import write_example

    with tempfile.TemporaryDirectory(prefix="innspill-load-") as folder:
        workdir = Path(folder)
        bodies = payloads(write_example(workdir / "innspill-2020.xlsx"), scripts)
        with running_server(workdir) as server:
            results = asyncio.run(load(server.url, bodies, calls))
    return results, table(results, max(len(b) for b in bodies.values()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--calls", type=int, default=CALLS, help=f"simultaneous calls per script (≤ {MAX_CALLS})"
    )
    parser.add_argument("--scripts", nargs="+", choices=SCRIPTS, default=list(SCRIPTS))
    args = parser.parse_args()
    results, lines = run(args.calls, args.scripts)
    print("\n".join(lines))
    if any(r.errors for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
