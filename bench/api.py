"""Requests per second and p50/p99 latency of POST /v1/assess (structured findings) over loopback.

    .venv/bin/python bench/api.py [--workers 2] [--concurrency 8] [--requests 30000] [--seconds 20]

Starts `pregback serve --workers N` on 127.0.0.1 (a free port), waits for /health, then drives it
from a separate load-generator process: keep-alive HTTP/1.1 connections at a fixed concurrency,
stopping at --requests or --seconds, whichever comes first, after a short warm-up. Prints figures;
asserts nothing (timings belong here, not in tests). Target of the API issue: >= 1,000 requests/s
with p99 under 50 ms at 2 workers. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parents[2] / "shared" / "contract" / "dev-cases.jsonl"
HOST = "127.0.0.1"


def bodies(n: int = 200) -> list[bytes]:
    """Structured findings: the development cases when they are beside the repo, else generated ones."""
    if CASES.exists():
        found = [
            json.loads(line)["findings"] for line in CASES.read_text().splitlines() if line.strip()
        ]
    else:
        sys.path.insert(0, str(Path(__file__).parent))
        from triage import random_findings  # type: ignore[import-not-found]

        from pregback.knowledge import default_knowledge

        rng = random.Random(7)
        found = [random_findings(default_knowledge(), rng) for _ in range(n)]
    return [json.dumps({"findings": f}).encode() for f in found]


def request_bytes(body: bytes) -> bytes:
    head = (
        f"POST /v1/assess HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _connection(
    port: int, payloads: list[bytes], state: dict[str, Any], latencies: list[float]
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    i = random.randrange(len(payloads))
    try:
        while state["left"] > 0 and time.perf_counter() < state["deadline"]:
            state["left"] -= 1
            i = (i + 1) % len(payloads)
            started = time.perf_counter()
            writer.write(payloads[i])
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            if state["record"]:
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    state["errors"] += 1
    finally:
        writer.close()


async def _drive(
    port: int, concurrency: int, requests: int, seconds: float, warmup: int
) -> dict[str, Any]:
    payloads = [request_bytes(b) for b in bodies()]
    latencies: list[float] = []
    warm = {"left": warmup, "deadline": time.perf_counter() + 30, "record": False, "errors": 0}
    await asyncio.gather(
        *(_connection(port, payloads, warm, latencies) for _ in range(concurrency))
    )
    state = {
        "left": requests,
        "deadline": time.perf_counter() + seconds,
        "record": True,
        "errors": 0,
    }
    started = time.perf_counter()
    await asyncio.gather(
        *(_connection(port, payloads, state, latencies) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "requests": len(ordered),
        "errors": state["errors"],
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "p50_ms": round(pct(0.50), 2),
        "p90_ms": round(pct(0.90), 2),
        "p99_ms": round(pct(0.99), 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
        "concurrency": concurrency,
    }


def drive_main(argv: list[str]) -> None:
    """The load generator, run as its own process: prints one JSON line of figures."""
    p = argparse.ArgumentParser()
    for name in ("port", "concurrency", "requests", "warmup"):
        p.add_argument(f"--{name}", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    a = p.parse_args(argv)
    try:  # the load generator's own loop: libuv's when installed, so it takes less of the CPU
        import uvloop

        factory: Any = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        print(
            json.dumps(runner.run(_drive(a.port, a.concurrency, a.requests, a.seconds, a.warmup)))
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"pregback serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(
                f"http://{HOST}:{port}/health", timeout=1
            ) as r:  # loopback only
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("pregback serve did not answer /health in time")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument(
        "--requests", type=int, default=30_000, help="stop after this many measured requests"
    )
    p.add_argument(
        "--seconds", type=float, default=20, help="or after this long, whichever comes first"
    )
    p.add_argument("--warmup", type=int, default=2_000)
    p.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="keep the service's access log on (its default)",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON only")
    a = p.parse_args()
    port = _free_port()
    exe = Path(sys.executable).parent / "pregback"
    folder = tempfile.mkdtemp(prefix="pregback-bench-")
    env = {**os.environ, "PREGBACK_DATABASE_URL": f"sqlite:///{folder}/bench.db"}
    command = [str(exe), "serve", "--host", HOST, "--port", str(port), "--workers", str(a.workers)]
    if not a.access_log:
        command.append("--no-access-log")
    log = Path(folder) / "server.log"
    with open(log, "wb") as out:  # the server's own log: route templates, no personal data
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        try:
            _wait(port, server)
        except SystemExit:
            sys.stderr.write(log.read_text(errors="replace")[-2000:])
            raise
        driver = subprocess.run(
            [
                sys.executable,
                __file__,
                "--drive",
                "--port",
                str(port),
                "--concurrency",
                str(a.concurrency),
                "--requests",
                str(a.requests),
                "--seconds",
                str(a.seconds),
                "--warmup",
                str(a.warmup),
            ],
            capture_output=True,
            text=True,
            timeout=a.seconds + 120,
            check=True,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    figures = {
        "workers": a.workers,
        "access_log": a.access_log,
        "load_average_after": round(os.getloadavg()[0], 2),
        **json.loads(driver.stdout),
    }
    if a.json:
        print(json.dumps(figures))
        return
    ok = figures["requests_per_second"] >= 1000 and figures["p99_ms"] < 50
    fast = [m for m in ("uvloop", "httptools") if importlib.util.find_spec(m)]
    print(
        f"POST /v1/assess, structured findings, {a.workers} workers, {a.concurrency} connections, "
        f"{os.cpu_count()} CPUs (load generator on the same machine), "
        f"{' + '.join(fast) if fast else 'asyncio + h11 (no uvicorn[standard])'}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  {figures['requests']} requests in {figures['seconds']} s: {figures['requests_per_second']:.0f} requests/s, "
        f"p50 {figures['p50_ms']:.1f} ms, p90 {figures['p90_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
        f"max {figures['max_ms']:.1f} ms, errors {figures['errors']}"
    )
    print(f"  target (>= 1,000 requests/s, p99 < 50 ms): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--drive":
        drive_main(sys.argv[2:])
    else:
        main()
