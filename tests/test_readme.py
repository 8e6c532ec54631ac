"""The README is checked like code: its commands exist, run and say what it says, and its Python
example prints what it says. Every test here runs on a faked clock years from now, so no example
can hold a date that has gone stale."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
#: Far enough ahead that any date written into the README today would be out of range then.
FUTURE = datetime(2041, 3, 15, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def far_in_the_future() -> Iterator[None]:
    with time_machine.travel(FUTURE, tick=True):
        assert datetime.now(UTC).year == 2041
        yield


def readme_commands() -> list[tuple[str, str | None]]:
    """(command, standard input) of each `pregback` line in the README's sh blocks that runs on
    its own: no terminal, server, database server or folder of the reader's."""
    out: list[tuple[str, str | None]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        if "PREGBACK_DATABASE_URL=" in block:  # a PostgreSQL server of the reader's
            continue
        for raw in block.splitlines():
            line = raw.removeprefix("$ ").strip()
            stdin = None
            piped = re.match(r"echo (.+?) \| (pregback .*)$", line)
            if piped:
                stdin, line = shlex.split(piped.group(1))[0], piped.group(2)
            if not line.startswith("pregback "):
                continue
            words = shlex.split(line, comments=True)
            if "<" in words:
                stdin = (ROOT / words[words.index("<") + 1]).read_text()
                words = words[: words.index("<")]
            if words in (["pregback", "assess"], ["pregback", "timer"]) or words[1] in (
                "serve",
                "token",
            ):
                continue  # a terminal to answer in, or a server
            if any("my-reviewed-copy" in w for w in words):
                continue
            out.append((shlex.join(words), stdin))
    return out


def _weasyprint_works() -> bool:
    import warnings

    with warnings.catch_warnings():
        # WeasyPrint warns at import where the HarfBuzz subset library is missing (not an error).
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import weasyprint  # type: ignore[import-untyped]  # noqa: F401
        except (ImportError, OSError):
            return False
    return True


def test_the_readme_commands_run_on_a_clock_years_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = readme_commands()
    assert any(c.startswith("pregback profile --weeks") for c, _ in commands)
    assert len(commands) >= 15
    work = tmp_path / "clone"  # what the commands write stays out of the repository
    work.mkdir()
    for name in ("examples", "tests"):
        (work / name).symlink_to(ROOT / name)
    monkeypatch.chdir(work)
    monkeypatch.setenv("PREGBACK_DATABASE_URL", str(tmp_path / "readme.db"))
    monkeypatch.setenv("HOME", str(tmp_path))
    runner = CliRunner()
    pdf = _weasyprint_works()
    erase = [c for c in commands if "delete --all" in c[0]]  # erasing everything goes last
    for command, stdin in [c for c in commands if c not in erase] + erase:
        words = [os.path.expanduser(w) for w in shlex.split(command)[1:]]
        if words[0] == "report" and not pdf:
            words.append("--no-pdf")  # this machine cannot make PDFs (tests/test_extras.py)
        out = runner.invoke(app, words, input=stdin)
        shown = re.search(rf"\$ {re.escape(command)}\n(error: .*)", README)
        if shown:  # the README shows this one failing, with its message
            assert out.exit_code == 2 and out.output.strip() == shown.group(1), command
            continue
        assert out.exit_code == 0, f"{command}\n{out.output}"
        if words[0] == "profile":
            assert "week 30+0 today" in out.output and "2041" in out.output
    assert list((tmp_path / "Documents").glob("pregback-report-2041-03-15.*"))
    assert (work / "pregback-fhir.json").exists() and not (ROOT / "pregback-fhir.json").exists()


def test_every_pregback_command_in_the_readme_exists() -> None:
    commands = set(re.findall(r"(?:^\$ |^|`|\.venv/bin/)pregback ([a-z]+)", README, flags=re.M))
    assert {"assess", "batch", "eval", "knowledge"} <= commands
    help_text = CliRunner().invoke(app, ["--help"]).output
    for command in commands:
        assert command in help_text, f"README mentions `pregback {command}`, which does not exist"


def test_the_python_example_gives_what_the_readme_says() -> None:
    block = README.split("```python")[1].split("```")[0]
    namespace: dict[str, object] = {}
    code = "\n".join(line.split("  #")[0] for line in block.splitlines())
    exec(code, namespace)
    for expression, shown in re.findall(r"^(\S.*?)\s+# (.+)$", block, flags=re.M):
        if expression.startswith(("import", "result =")) or "everything" in shown:
            continue
        assert repr(eval(expression, namespace)) == shown, expression
