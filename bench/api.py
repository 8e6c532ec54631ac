"""Requests per second and p50/p99 latency of POST /v1/assess (structured findings) over loopback;
with --probe, a small request's latency while other connections send the longest messages.

    .venv/bin/python bench/api.py [--workers 2] [--concurrency 8] [--requests 30000] [--seconds 20]
    .venv/bin/python bench/api.py --probe [--workers 1] [--concurrency 8] [--seconds 20]

Starts `pregback serve --workers N` on 127.0.0.1 (a free port), waits for /health, then drives it
from a separate load-generator process: keep-alive HTTP/1.1 connections at a fixed concurrency,
stopping at --requests or --seconds, whichever comes first, after a short warm-up. Prints figures;
asserts nothing (timings belong here, not in tests). Target of the API issue: >= 1,000 requests/s
with p99 under 50 ms at 2 workers. Target of the hardening issue (--probe): a probe's p99 under
100 ms while --concurrency connections each send messages of the longest length allowed, back to
back. The per-client rate limit is turned off for both (every connection comes from 127.0.0.1, and
the figures are of the service, not of the limit). Only loopback is ever contacted.
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


#: Messages written by people (the probe case sets); LONG when they are not here.
PROBE_SETS = Path(__file__).resolve().parents[1] / "tests" / "cases"
LONG = (
    "I'm 33 weeks and my lower back has been aching in waves every 8-10 mins since lunch, no "
    "bleeding but some pinkish discharge, and my legs feel tingly when I stand up for a while. "
)


def long_bodies(chars: int, n: int = 16) -> list[bytes]:
    """`n` different messages of exactly `chars` characters (PREGBACK_MAX_MESSAGE_CHARS): real
    messages from the probe sets, shuffled and joined."""
    texts = [
        json.loads(line)["message"]
        for path in sorted(PROBE_SETS.glob("probes-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and "message" in json.loads(line)
    ] or [LONG]
    rng = random.Random(11)
    out = []
    for _ in range(n):
        rng.shuffle(texts)
        text = " ".join(texts)
        out.append(json.dumps({"message": (text * (chars // len(text) + 1))[:chars]}).encode())
    return out


def request_bytes(body: bytes) -> bytes:
    head = (
        f"POST /v1/assess HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, payload: bytes
) -> int:
    """Send one request and read its whole answer; returns the status."""
    writer.write(payload)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


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
            status = await _exchange(reader, writer, payloads[i])
            if state["record"]:
                latencies.append(time.perf_counter() - started)
                state["statuses"][status] = state["statuses"].get(status, 0) + 1
                if status != 200:
                    state["errors"] += 1
    finally:
        writer.close()


async def _drive(
    port: int, concurrency: int, requests: int, seconds: float, warmup: int
) -> dict[str, Any]:
    payloads = [request_bytes(b) for b in bodies()]
    latencies: list[float] = []
    warm = {
        "left": warmup,
        "deadline": time.perf_counter() + 30,
        "record": False,
        "errors": 0,
        "statuses": {},
    }
    await asyncio.gather(
        *(_connection(port, payloads, warm, latencies) for _ in range(concurrency))
    )
    state = {
        "left": requests,
        "deadline": time.perf_counter() + seconds,
        "record": True,
        "errors": 0,
        "statuses": {},
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


async def _probe(
    port: int, concurrency: int, requests: int, seconds: float, chars: int
) -> dict[str, Any]:
    """`concurrency` connections send the longest messages back to back; one more connection sends
    a small structured assessment every 20 ms and times it. Bounded by `requests` probes and
    `seconds`."""
    heavy = [request_bytes(b) for b in long_bodies(chars)]
    small = [request_bytes(b) for b in bodies(50)]
    heavy_latencies: list[float] = []
    state = {
        "left": 10**9,
        "deadline": time.perf_counter() + seconds,
        "record": True,
        "errors": 0,
        "statuses": {},
    }
    probes: list[float] = []
    probe_statuses: dict[int, int] = {}

    async def probe() -> None:
        await asyncio.sleep(1.0)  # let the long messages pile up first
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            for i in range(requests):
                if time.perf_counter() >= state["deadline"]:
                    break
                started = time.perf_counter()
                status = await _exchange(reader, writer, small[i % len(small)])
                probes.append(time.perf_counter() - started)
                probe_statuses[status] = probe_statuses.get(status, 0) + 1
                await asyncio.sleep(0.02)
        finally:
            writer.close()
            state["deadline"] = 0.0  # the long messages stop with the probe

    started = time.perf_counter()
    await asyncio.gather(
        probe(), *(_connection(port, heavy, state, heavy_latencies) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(probes)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "probes": len(ordered),
        "probe_statuses": {str(k): v for k, v in sorted(probe_statuses.items())},
        "probe_p50_ms": round(pct(0.50), 2),
        "probe_p90_ms": round(pct(0.90), 2),
        "probe_p99_ms": round(pct(0.99), 2),
        "probe_max_ms": round(ordered[-1] * 1000, 2),
        "long_messages": len(heavy_latencies),
        "long_statuses": {str(k): v for k, v in sorted(state["statuses"].items())},
        "long_chars": chars,
        "seconds": round(elapsed, 2),
        "concurrency": concurrency,
    }


def drive_main(argv: list[str]) -> None:
    """The load generator, run as its own process: prints one JSON line of figures."""
    p = argparse.ArgumentParser()
    for name in ("port", "concurrency", "requests", "warmup", "chars"):
        p.add_argument(f"--{name}", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--probe", action="store_true")
    a = p.parse_args(argv)
    try:  # the load generator's own loop: libuv's when installed, so it takes less of the CPU
        import uvloop

        factory: Any = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        if a.probe:
            work = _probe(a.port, a.concurrency, a.requests, a.seconds, a.chars)
        else:
            work = _drive(a.port, a.concurrency, a.requests, a.seconds, a.warmup)
        print(json.dumps(runner.run(work)))


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
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default 2; 1 with --probe, so that the probe and the long "
        "messages share one event loop: with more, the probe may land on an idle worker)",
    )
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
    p.add_argument(
        "--probe",
        action="store_true",
        help="time a small request while --concurrency connections send the longest messages",
    )
    p.add_argument(
        "--probes", type=int, default=2_000, help="with --probe: at most this many probes"
    )
    a = p.parse_args()
    if a.workers is None:
        a.workers = 1 if a.probe else 2
    port = _free_port()
    exe = Path(sys.executable).parent / "pregback"
    folder = tempfile.mkdtemp(prefix="pregback-bench-")
    env = {
        **os.environ,
        "PREGBACK_DATABASE_URL": f"sqlite:///{folder}/bench.db",
        "PREGBACK_RATE_LIMIT": "0",
    }
    chars = int(env.get("PREGBACK_MAX_MESSAGE_CHARS", "20000"))
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
                str(a.probes if a.probe else a.requests),
                "--seconds",
                str(a.seconds),
                "--warmup",
                str(a.warmup),
                "--chars",
                str(chars),
                *(["--probe"] if a.probe else []),
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
    if a.probe:
        _print_probe(a, figures)
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


def _print_probe(a: argparse.Namespace, figures: dict[str, Any]) -> None:
    print(
        f"probe POST /v1/assess (structured findings) every 20 ms while {a.concurrency} connections send "
        f"{figures['long_chars']}-character messages to POST /v1/assess; {a.workers} workers, "
        f"{os.cpu_count()} CPUs (load generator on the same machine), load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  {figures['probes']} probes in {figures['seconds']} s {figures['probe_statuses']}: "
        f"p50 {figures['probe_p50_ms']:.1f} ms, p90 {figures['probe_p90_ms']:.1f} ms, "
        f"p99 {figures['probe_p99_ms']:.1f} ms, max {figures['probe_max_ms']:.1f} ms"
    )
    print(f"  long messages answered: {figures['long_messages']} {figures['long_statuses']}")
    print(f"  target (probe p99 < 100 ms): {'met' if figures['probe_p99_ms'] < 100 else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--drive":
        drive_main(sys.argv[2:])
    else:
        main()
