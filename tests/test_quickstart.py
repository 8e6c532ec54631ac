"""The first hour, as a new user lives it: clone the repository, run the README's first quick-start
command verbatim, and use the environment it made. That environment has none of the extras, so
each command that needs one must say what is missing and how to install it, never a traceback.

Needs git and the package registry (pip installs pregback's dependencies); nothing else leaves
this machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Clone:
    folder: Path
    env: dict[str, str]
    output: str
    seconds: float

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.folder / ".venv" / "bin" / "pregback"), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == code, f"pregback {' '.join(args)}: {done.stdout}{done.stderr}"
        return done


def first_quick_start_command(readme: str) -> str:
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block is not None, "the quick start has no sh block"
    return block.group(1).strip().splitlines()[0]


def _plain_environment(data: Path) -> dict[str, str]:
    """This process's environment without the test environment's venv, as in a new terminal."""
    env = dict(os.environ)
    ours = str(Path(sys.executable).parent)
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != ours)
    env["PREGBACK_DATABASE_URL"] = str(data / "pregback.db")  # never her real data folder
    env["COLUMNS"] = "120"
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clone]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout to clone")
    base = tmp_path_factory.mktemp("first-hour")
    folder = base / "pregback"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True, timeout=120)
    command = first_quick_start_command((folder / "README.md").read_text(encoding="utf-8"))
    env = _plain_environment(base)
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    print(f"\nquick start from a fresh clone: {seconds:.0f} s")  # shown with -s
    yield Clone(folder, env, done.stdout, seconds)


def test_the_first_quick_start_command_runs_verbatim_and_assesses(clone: Clone) -> None:
    assert "What to do" in clone.output and "does not diagnose" in clone.output
    assert "Traceback" not in clone.output


def test_the_environment_it_made_has_a_working_pregback(clone: Clone) -> None:
    from pregback import __version__

    assert clone.run("--version").stdout.strip() == f"pregback {__version__}"
    serve_help = clone.run("serve", "--help").stdout
    assert "Run the HTTP service" in serve_help and "Example" in serve_help
    assert not re.search(r"<(str|bool|int)>", serve_help)


def _one_line(done: subprocess.CompletedProcess[str], extra: str) -> str:
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, lines
    # The environment is not turned on, so the command names its own pip, and the clone as "."
    assert lines[0].endswith(f".venv/bin/pip install '.[{extra}]'") or (
        f".venv/bin/pip install '.[{extra}]' (" in lines[0]
    ), lines[0]
    return lines[0]


def test_serve_without_the_api_extra_says_how_to_install_it(clone: Clone) -> None:
    line = _one_line(clone.run("serve", "--port", "8765", code=2), "api")
    assert line.startswith("error: pregback serve needs the api extra (FastAPI")


def test_the_pdf_report_without_weasyprint_says_how_to_install_it(clone: Clone) -> None:
    clone.run("profile", "--weeks", "30")
    out = clone.folder / "report"
    line = _one_line(clone.run("report", "--out", str(out), code=2), "pdf")
    assert "the PDF report needs the pdf extra (WeasyPrint)" in line
    assert not out.exists()  # said before anything was written
    clone.run("report", "--out", str(out), "--no-pdf")
    assert [p.suffix for p in out.iterdir()] == [".html"]


def test_postgresql_without_psycopg_says_how_to_install_it(clone: Clone) -> None:
    done = clone.run("diary", "list", "--db", "postgresql://pb:secret@127.0.0.1:9/pb", code=2)
    line = _one_line(done, "postgres")
    assert "the postgres extra (the psycopg driver)" in line and "secret" not in line
