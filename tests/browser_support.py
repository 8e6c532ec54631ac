"""Fixtures for the browser tests, loaded with `pytest_plugins = ["tests.browser_support"]`: the
app under uvicorn (a personal install, and a shared one), Chromium, and a phone-sized page.

Runs only with PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import ARGS, CHROMIUM, PHONE, ROOT, UNIT_PHONE, Watched


def _serve(tmp: Path, factory: str, extra_env: dict[str, str]) -> Iterator[str]:
    """An app under uvicorn on a free port of 127.0.0.1, with its own SQLite file in `tmp`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PREGBACK_DATABASE_URL": str(tmp / "web.db"),
        "PREGBACK_UNIT_PHONE": UNIT_PHONE,
        **extra_env,
    }
    if "PREGBACK_MULTI_USER" not in extra_env:
        env.pop("PREGBACK_MULTI_USER", None)
    log_path = tmp / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            factory,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.close()
                raise RuntimeError(f"the server did not start: {log_path.read_text()}") from None
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web pages on a personal install: one local profile, no sign-in."""
    yield from _serve(
        tmp_path_factory.mktemp("personal"), "pregback.interfaces.web.app:create_web_app", {}
    )


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole service as `pregback serve` runs it for many people (PREGBACK_MULTI_USER=1)."""
    yield from _serve(
        tmp_path_factory.mktemp("shared"),
        "pregback.interfaces.api.app:create_app",
        {"PREGBACK_MULTI_USER": "1"},
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(**PHONE)
    watched = Watched(context)
    yield watched
    context.close()
    assert not [
        e for e in watched.errors if "Content Security Policy" in e or "Refused" in e
    ], watched.errors
