"""The terminal's bad-input corpus (tests/cli_corpus.py): every entry exits 2 with one message that
names the field at fault, and never a traceback. The eight inputs of the hardening issue also run
as real processes, with the bytes a shell would pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app
from tests.cli_corpus import CORPUS, DEEP, DIGITS_5000, NOT_UTF8, Bad

runner = CliRunner()
COMMANDS = {
    "assess", "batch", "eval", "read", "knowledge", "profile", "timer", "diary", "report",
    "export", "serve", "token",
}  # fmt: skip


def _prepare(bad: Bad, folder: Path) -> tuple[list[str], dict[str, str]]:
    for name, content in bad.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    env = {"PREGBACK_DATABASE_URL": str(folder / "pregback.db"), **bad.env}
    return [a.replace("{dir}", str(folder)) for a in bad.args], env


def test_the_corpus_covers_every_command_with_at_least_60_inputs() -> None:
    assert len(CORPUS) >= 60
    assert len({b.id for b in CORPUS}) == len(CORPUS), "ids are unique"
    assert {b.args[0] for b in CORPUS} >= COMMANDS


@pytest.mark.parametrize("bad", CORPUS, ids=[b.id for b in CORPUS])
def test_bad_input_exits_2_naming_the_field(
    bad: Bad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREGBACK_MULTI_USER", raising=False)
    monkeypatch.delenv("PREGBACK_ALLOWED_HOSTS", raising=False)
    args, env = _prepare(bad, tmp_path)
    if bad.profile:
        made = runner.invoke(app, ["diary", "add", "--pain", "4"], env=env)
        assert made.exit_code == 0, made.output
    out = runner.invoke(app, args, input=bad.stdin, env=env)
    text = out.output
    assert out.exit_code == 2, (out.exit_code, text[-2000:], out.exception)
    assert out.exception is None or isinstance(out.exception, SystemExit), repr(out.exception)
    assert "Traceback" not in text
    assert bad.names.lower() in text.lower(), text[-2000:]


def _run(args: list[str], folder: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    exe = Path(sys.executable).parent / "pregback"
    env = {**os.environ, "PREGBACK_DATABASE_URL": str(folder / "pregback.db")}
    return subprocess.run([str(exe), *args], input=stdin, capture_output=True, env=env, timeout=120)


def test_the_eight_inputs_of_the_issue_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text('{"pain_severity": ' + DIGITS_5000 + "}")
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "latin.json").write_bytes(NOT_UTF8)
    (tmp_path / "urgency.jsonl").write_text(
        '{"id": "a", "findings": {}, "expected": {"urgency": "bogus"}}\n'
    )
    (tmp_path / "k.json").write_text("{}")
    batch = b'{"id": "x", "findings": {"pain_severity": ' + b"9" * 4301 + b'}}\n{"id": "y"}\n'
    batch += b'{"id": "z", "findings": {"gestational_weeks": 20}}\n'
    assert _run([b"diary", b"add", b"--pain", b"4"], tmp_path).returncode == 0
    d = str(tmp_path)
    cases: list[tuple[list[bytes], bytes, str]] = [
        ([b"assess", b"--findings", f"{d}/big.json".encode()], b"", "pain_severity"),
        ([b"assess", b"--findings", f"{d}/deep.json".encode()], b"", "nested"),
        ([b"assess", b"--findings", f"{d}/latin.json".encode()], b"", "UTF-8"),
        ([b"eval", f"{d}/urgency.jsonl".encode()], b"", "expected.urgency"),
        ([b"diary", b"show", str(2**70).encode()], b"", "id"),
        ([b"diary", b"add", b"--pain", b"3", b"--note", b"caf\xe9"], b"", "--note"),
        ([b"knowledge", b"check", b"--path", f"{d}/k.json".encode()], b"", "--path"),
        ([b"batch", b"-"], batch, "pain_severity"),
    ]
    for args, stdin, names in cases:
        done = _run([a.decode("utf-8", "surrogateescape") for a in args], tmp_path, stdin)
        err = done.stderr.decode("utf-8", "replace")
        said = err + done.stdout.decode("utf-8", "replace")  # batch: the error line says which
        assert done.returncode == 2, (args[:3], done.returncode, err[-1500:])
        assert "Traceback" not in said and names.lower() in said.lower(), (args[:3], said[-1500:])
    # The bad batch line lost nothing after it: y has its own error, z its result.
    lines = _run(["batch", "-"], tmp_path, batch).stdout.decode().splitlines()
    assert [line.split(",")[0] for line in lines] == ['{"id": null', '{"id": "y"', '{"id": "z"']
    assert '"urgency": "self_care"' in lines[2]
