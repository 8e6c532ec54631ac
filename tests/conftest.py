"""Shared fixtures: the bundled knowledge base, and the contract folder when it is beside the repo."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from pregback.knowledge import KnowledgeBase, default_knowledge

ROOT = Path(__file__).resolve().parents[1]
# Tests never touch her real data folder: unless a test names a database, this empty one is used.
os.environ.setdefault(
    "PREGBACK_DATABASE_URL", str(Path(tempfile.mkdtemp(prefix="pregback-tests-")) / "pregback.db")
)
# The rate limit counts requests per client address, and every in-process test client has the same
# one; the tests of the limit itself turn it on (tests/test_api_limits.py).
os.environ.setdefault("PREGBACK_RATE_LIMIT", "0")
os.environ.setdefault("PREGBACK_SIGNUP_RATE", "0")
CONTRACT = ROOT.parent / "shared" / "contract"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge()


def contract_file(name: str) -> Path:
    path = CONTRACT / name
    if not path.exists():
        pytest.skip(
            f"{path} is not here: the shared contract sits beside the repository only in CI and development"
        )
    return path


@pytest.fixture(scope="session")
def dev_cases() -> list[dict[str, Any]]:
    path = contract_file("dev-cases.jsonl")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
