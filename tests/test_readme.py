"""The README is checked like code: its commands exist and its Python example prints what it says."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from pregback.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


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


def test_the_quick_start_example_file_is_there() -> None:
    assert "examples/findings.json" in README
    assert (Path(__file__).resolve().parents[1] / "examples" / "findings.json").exists()
