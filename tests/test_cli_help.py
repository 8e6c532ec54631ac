"""The terminal tool as people expect one: --version, completion, an example under every command's
help (and the examples that need nothing but the bundled files run), no Python-type placeholders."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.completion
import typer.main
from typer.testing import CliRunner

from pregback import __version__
from pregback.interfaces.cli.app import KINDS, app
from pregback.interfaces.cli.help import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
#: A Python type where a person should read what to type: <str>, <bool>, <int>, <list[str]> ...
TYPE_PLACEHOLDER = re.compile(r"<(?:str|bool|int|float|Path|list\[\w+\]|\w+ range)>")


def command_paths() -> list[str]:
    """Every command and group, as the words after `pregback` ("" for pregback itself)."""
    out: list[str] = []

    def walk(command: Any, path: str) -> None:
        out.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return out


def test_the_command_tree_is_what_the_examples_cover() -> None:
    paths = command_paths()
    assert len(paths) > 20 and set(paths) == set(EXAMPLES)


@pytest.mark.parametrize("path", command_paths())
def test_every_command_has_an_example_and_no_type_placeholders(path: str) -> None:
    out = runner.invoke(app, [*path.split(), "--help"], terminal_width=100)
    assert out.exit_code == 0, out.output
    assert re.search(r"Examples?\s", out.output), f"`pregback {path} --help` has no example"
    for example in EXAMPLES[path]:
        assert example.startswith(f"pregback {path}".strip()) or "| pregback" in example
        assert " ".join(example.split()[:3]) in " ".join(out.output.split())
    assert not TYPE_PLACEHOLDER.search(out.output), TYPE_PLACEHOLDER.search(out.output)


def _runnable(example: str) -> bool:
    """Examples that need nothing but the repository's files: no terminal, database or server."""
    words = shlex.split(example)
    if "|" in example or "<" in words or "-" in words:
        return False
    return words[1] in ("batch", "eval", "knowledge") or (
        words[1] in ("assess", "read") and len(words) > 2 and "--db" not in words
    )


@pytest.mark.parametrize(
    "example", sorted({e for lines in EXAMPLES.values() for e in lines if _runnable(e)})
)
def test_the_examples_that_need_only_the_bundled_files_run(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    words = shlex.split(example)[1:]
    if (
        words[:2] == ["knowledge", "check"] and "--path" in words
    ):  # a reviewer's copy: the bundled one
        words[words.index("--path") + 1] = str(ROOT / "src" / "pregback" / "knowledge" / "data")
    out = runner.invoke(app, words)
    assert out.exit_code == 0, f"{example}\n{out.output}"
    assert out.output.strip()


def test_version() -> None:
    out = runner.invoke(app, ["--version"])
    assert out.exit_code == 0 and out.output.strip() == f"pregback {__version__}"


def test_shell_completion_is_offered_and_completes_the_kinds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    help_text = runner.invoke(app, ["--help"]).output
    assert "--install-completion" in help_text and "--show-completion" in help_text
    # Typer reads the shell from "bash" or, when click has taken the flag without its value (seen
    # in a long test run), from the process tree: both are bash here, whatever runs the tests
    monkeypatch.delenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", raising=False)
    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    script = runner.invoke(app, ["--show-completion", "bash"], prog_name="pregback")
    assert script.exit_code == 0 and "complete " in script.output
    env = {"_PREGBACK_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    kinds = runner.invoke(
        app, [], env={**env, "COMP_WORDS": "pregback knowledge list "}, prog_name="pregback"
    )
    assert kinds.output.split() == list(KINDS)
    env["COMP_CWORD"] = "1"
    command = runner.invoke(
        app, [], env={**env, "COMP_WORDS": "pregback kno"}, prog_name="pregback"
    )
    assert command.output.split() == ["knowledge"]


def test_knowledge_list_without_a_kind_lists_the_kinds() -> None:
    out = runner.invoke(app, ["knowledge", "list"])
    assert out.exit_code == 0
    for kind, meaning in KINDS.items():
        assert re.search(rf"^\s*{kind}\s+\d+\s+{re.escape(meaning[:20])}", out.output, re.M), kind
    bad = runner.invoke(app, ["knowledge", "list", "rule"])
    assert bad.exit_code == 2 and "allowed: rules, causes" in bad.output


def test_knowledge_show_is_readable_text_not_yaml(kb: Any) -> None:
    out = runner.invoke(app, ["knowledge", "show", "U9"], terminal_width=100)
    assert out.exit_code == 0
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", out.output).split())
    rule = kb.rules["U9"]
    assert " ".join(rule.reason.split()) in text  # whole sentences, never broken by a YAML dump
    assert "Applies when" in text and "from week 37" in text
    assert kb.levels[rule.urgency].label in text
    assert not re.search(r"^\s*│?\s*(when|sources|at_most|all):\s*$", out.output, re.M)
    for sid in rule.sources:
        source = kb.sources[sid]
        assert f"[{sid}]" in text and (source.url is None or source.url in text)
    cause = runner.invoke(app, ["knowledge", "show", "preterm_labour"], terminal_width=100)
    assert "What it means for you" in cause.output and "Typical signs" in cause.output
    symptom = runner.invoke(app, ["knowledge", "show", "vaginal_bleeding"], terminal_width=100)
    assert kb.symptoms["vaginal_bleeding"].question.split()[0] in symptom.output
