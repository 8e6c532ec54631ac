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
# Shared fixtures: the HTTP service (one app and client per session) and its pages, the store on
# SQLite and PostgreSQL, and the browser tests' server and Chromium.
pytest_plugins = [
    "tests.api_support",
    "tests.web_support",
    "tests.store_support",
    "tests.browser_support",
]


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


#: The core tier (the knowledge base, the core and the reader, in process): `scripts/test --fast`.
CORE_TIER = {
    "test_boundaries.py",
    "test_contract.py",
    "test_findings.py",
    "test_interview.py",
    "test_knowledge.py",
    "test_knowledge_codes.py",
    "test_labour.py",
    "test_plain_texts.py",
    "test_probe_cases.py",
    "test_properties.py",
    "test_readability.py",
    "test_reading.py",
    "test_reading_gate.py",
    "test_reading_generalise.py",
    "test_reading_lexicon.py",
    "test_reading_properties.py",
    "test_rules.py",
    "test_triage.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in CORE_TIER:
            item.add_marker(pytest.mark.core)
