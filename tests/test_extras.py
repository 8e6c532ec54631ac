"""A missing optional part is one line naming what is missing and the exact install command, exit 2,
never a traceback. Here the parts are hidden from this process; tests/test_quickstart.py runs the
same commands in a real environment made without them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pregback import extras
from pregback.interfaces.cli.app import app

runner = CliRunner()


def hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make `modules` unimportable in this process, as if they were not installed."""
    for name in modules:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            monkeypatch.delitem(sys.modules, loaded)
        monkeypatch.setitem(sys.modules, name, None)


def one_line_error(output: str, extra: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    assert "Traceback" not in output
    assert f"[{extra}]'" in lines[0] and " install '" in lines[0]
    return lines[0]


def test_serve_without_the_api_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for missing in ("uvicorn", "fastapi", "fhir.resources"):
        with monkeypatch.context() as m:
            hide(m, missing)
            out = runner.invoke(app, ["serve", "--port", "1"])
        assert out.exit_code == 2
        line = one_line_error(out.output, "api")
        assert "pregback serve needs the api extra" in line


def test_the_pdf_report_without_weasyprint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    assert runner.invoke(app, ["profile", "--weeks", "30", "--db", db]).exit_code == 0
    hide(monkeypatch, "weasyprint")
    out = runner.invoke(app, ["report", "--out", str(tmp_path / "r"), "--db", db])
    assert out.exit_code == 2
    assert "the PDF report needs the pdf extra (WeasyPrint)" in one_line_error(out.output, "pdf")
    assert "--no-pdf" in out.output
    html = runner.invoke(app, ["report", "--no-pdf", "--out", str(tmp_path / "r"), "--db", db])
    assert html.exit_code == 0 and list((tmp_path / "r").glob("*.html"))


def test_postgresql_without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    hide(monkeypatch, "psycopg")
    out = runner.invoke(app, ["diary", "list", "--db", "postgresql://pb:secret@localhost:1/pb"])
    assert out.exit_code == 2
    line = one_line_error(out.output, "postgres")
    assert "the postgres extra (the psycopg driver)" in line and "secret" not in line


def test_the_install_command_fits_how_pregback_was_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    monkeypatch.setattr(extras, "_source_folder", lambda: clone)
    monkeypatch.chdir(clone)
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)
    assert extras.install_command("pdf") == "pip install '.[pdf]'"  # the README's way
    monkeypatch.chdir(tmp_path)
    assert extras.install_command("pdf") == "pip install './clone[pdf]'"
    monkeypatch.delenv("VIRTUAL_ENV")
    if sys.prefix != sys.base_prefix:  # an environment that is not turned on: its own pip
        assert extras.install_command("pdf").split()[0].endswith("/bin/pip")
    monkeypatch.setattr(extras, "_source_folder", lambda: None)
    assert extras.install_command("web").endswith(" install 'pregback[web]'")


def test_this_checkout_is_found_as_the_source_folder() -> None:
    folder = extras._source_folder()
    assert folder is None or (folder / "pyproject.toml").exists()
