"""`pregback profile` and `pregback diary` as she types them: add, list, show, edit, delete, export;
clear errors that change nothing; `delete --all` that really erases; nothing personal in logs.
Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app

runner = CliRunner()
SECRET = "Zebra-7731 told the midwife about the bruise"


def run(db: str, *args: str, code: int = 0, input: str | None = None) -> Any:
    out = runner.invoke(app, [*args, "--db", db], input=input)
    assert out.exit_code == code, out.output
    return out


def as_json(db: str, *args: str) -> Any:
    return json.loads(run(db, *args, "--json").stdout)


def exported(db: str) -> Any:
    return json.loads(run(db, "diary", "export").stdout)


def test_add_list_show_edit_delete(db_url: str) -> None:
    first = as_json(
        db_url,
        "diary",
        "add",
        "--pain",
        "6",
        "--where",
        "lower back, pelvic-girdle",
        "--symptom",
        "sleep_disturbed",
        "--helped",
        "warm bath",
        "--helped",
        "pelvic_tilts",
        "--note",
        "after the school run",
        "--at",
        "yesterday",
    )
    assert first["locations"] == ["lower_back", "pelvic_girdle"] and first["helped"] == [
        "warm bath",
        "pelvic_tilts",
    ]
    second = as_json(db_url, "diary", "add", "-p", "3")
    listed = as_json(db_url, "diary", "list")
    assert [e["id"] for e in listed] == [first["id"], second["id"]]  # oldest first
    assert as_json(db_url, "diary", "show", str(first["id"]))["notes"] == "after the school run"
    edited = as_json(db_url, "diary", "edit", str(first["id"]), "--pain", "4", "--where", "flank")
    assert (edited["pain"], edited["locations"], edited["notes"]) == (
        4,
        ["flank"],
        "after the school run",
    )
    assert "Deleted entry" in run(db_url, "diary", "delete", str(first["id"])).output
    assert [e["id"] for e in as_json(db_url, "diary", "list")] == [second["id"]]
    table = run(db_url, "diary", "list").output
    assert "3/10" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diary", "add", "--pain", "4", "--at", "2026-02-30"],
            "at: '2026-02-30' is not a date or time",
        ),
        (
            [
                "diary",
                "add",
                "--pain",
                "4",
                "--at",
                (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            ],
            "is in the future",
        ),
        (["diary", "add", "--pain", "14"], "pain: 14"),
        (["diary", "add", "--pain", "4", "--where", "knee"], "'knee' is not a place of pain"),
        (["diary", "show", "999"], "id: 999 is not one of your diary entries"),
        (["diary", "edit", "999", "--pain", "2"], "id: 999 is not one of your diary entries"),
        (["diary", "delete", "999"], "id: 999 is not one of your diary entries"),
        (["diary", "delete"], "give an entry id, or --all"),
        (["profile", "--due", "31/12/2026"], "due_date: '31/12/2026' is not a date"),
    ],
)
def test_bad_input_exits_2_with_a_clear_error_and_changes_nothing(
    db_url: str, args: list[str], message: str
) -> None:
    run(db_url, "diary", "add", "--pain", "5", "--note", "kept")
    before = exported(db_url)
    out = run(db_url, *args, code=2)
    assert message in out.output and out.output.startswith("error: ")
    assert exported(db_url) == before


def test_export_as_json_and_as_csv(db_url: str, tmp_path: Path) -> None:
    run(
        db_url,
        "profile",
        "--due",
        (datetime.now() + timedelta(days=60)).strftime("%Y-%m-%d"),
        "--first-pregnancy",
    )
    run(db_url, "diary", "add", "-p", "5", "-n", 'said "ouch", then sat down', "-H", "heat pack")
    everything = exported(db_url)
    assert everything["profile"]["facts"] == {"first_pregnancy": "present"}
    assert [e["notes"] for e in everything["entries"]] == ['said "ouch", then sat down']
    out = tmp_path / "diary.csv"
    run(db_url, "diary", "export", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["pain"], r["notes"], r["helped"]) for r in rows] == [
        ("5", 'said "ouch", then sat down', "heat pack")
    ]
    assert "allowed: json, csv" in run(db_url, "diary", "export", "--format", "xml", code=2).output


def test_profile_sets_the_due_date_and_shows_her_week(db_url: str) -> None:
    out = run(db_url, "profile", code=2)
    assert "has no profile" in out.output and "pregback profile --due" in out.output
    due = (datetime.now() + timedelta(days=10 * 7)).date()
    data = as_json(db_url, "profile", "--due", due.isoformat(), "--not-first-pregnancy", "--twins")
    assert data["week"] == "30+0"
    assert (
        data["first_pregnancy"],
        data["multiple_pregnancy"],
        data["previous_preterm_birth"],
    ) == (False, True, None)
    assert "week 30+0 today" in run(db_url, "profile").output


def test_delete_all_needs_confirmation_and_then_erases_everything(db_url: str) -> None:
    run(db_url, "profile", "--due", (datetime.now() + timedelta(days=60)).strftime("%Y-%m-%d"))
    run(db_url, "diary", "add", "-p", "5", "-n", SECRET)
    out = run(db_url, "diary", "delete", "--all", code=2)
    assert "add --yes" in out.output
    assert len(as_json(db_url, "diary", "list")) == 1
    out = run(db_url, "diary", "delete", "--all", "--yes")
    assert "Erased 1 diary entries" in out.output
    assert as_json(db_url, "diary", "list") == []
    assert "has no profile" in run(db_url, "profile", code=2).output


def test_delete_all_leaves_no_trace_in_the_sqlite_files(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    for i in range(30):
        run(db, "diary", "add", "-p", str(i % 10), "-n", f"{SECRET} #{i}")

    def files() -> bytes:
        return b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("p.db"))

    assert b"Zebra-7731" in files()
    run(db, "diary", "delete", "--all", "--yes")
    assert b"Zebra-7731" not in files()
    assert as_json(db, "diary", "list") == []


def test_one_deleted_entry_leaves_no_trace_in_the_sqlite_files(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    run(db, "diary", "add", "-p", "2", "-n", "an ordinary day")
    gone = as_json(db, "diary", "add", "-p", "4", "-n", SECRET)
    run(db, "diary", "delete", str(gone["id"]))
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("p.db"))
    assert (
        b"Zebra-7731" not in data
    )  # secure_delete overwrote it (the WAL is checkpointed on close)


def test_nothing_she_writes_reaches_a_log(db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    run(db_url, "profile", "--due", (datetime.now() + timedelta(days=60)).strftime("%Y-%m-%d"))
    entry = as_json(db_url, "diary", "add", "-p", "5", "-n", SECRET, "-H", "Zebra-7731 tea")
    run(db_url, "diary", "edit", str(entry["id"]), "-n", SECRET + " again")
    run(db_url, "diary", "add", "-p", "11", "-n", SECRET, code=2)  # even a refused entry
    run(db_url, "diary", "list")
    run(db_url, "export", "--fhir")
    assert "Zebra" not in caplog.text
    assert all("Zebra" not in str(r.args) for r in caplog.records)


def test_the_data_lives_in_her_data_folder_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PREGBACK_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    out = runner.invoke(app, ["diary", "add", "-p", "3"])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "xdg" / "pregback" / "pregback.db").exists()
    monkeypatch.setenv("PREGBACK_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    out = runner.invoke(
        app, ["profile", "--due", (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%d")]
    )
    assert out.exit_code == 0, out.output
    assert f"Stored in:         sqlite:///{tmp_path / 'elsewhere.db'}" in out.output


def test_profile_from_how_far_along_she_is(db_url: str) -> None:
    data = as_json(db_url, "profile", "--weeks", "30+2", "--first-pregnancy")
    assert data["week"] == "30+2" and data["first_pregnancy"] is True
    assert data["due_date"] == (date.today() + timedelta(days=280 - 212)).isoformat()
    assert as_json(db_url, "profile", "--weeks", "12")["week"] == "12+0"
    for bad in ("50", "30+7", "thirty", "0"):
        out = run(db_url, "profile", "--weeks", bad, code=2)
        assert "--weeks" in out.output and "30+2" in out.output
    both = run(db_url, "profile", "--weeks", "30", "--due", "2030-01-01", code=2)
    assert "not both" in both.output


def test_the_no_profile_hint_gives_a_command_that_works_today(db_url: str) -> None:
    out = run(db_url, "profile", code=2)
    hint = re.search(r"pregback profile --due (\d{4}-\d{2}-\d{2})", out.output)
    assert hint is not None and "pregback profile --weeks 30" in out.output
    assert as_json(db_url, "profile", "--due", hint.group(1))["week"] == "30+0"


def test_the_stores_errors_name_the_command_to_type(db_url: str) -> None:
    """The store says what is wrong in neutral words; the terminal adds the command that fixes it
    (issue 15.3)."""
    none_yet = run(db_url, "diary", "show", "1", code=2).output
    assert "'me' has no profile or diary yet" in none_yet
    assert re.search(r"start one with: pregback profile --due \d{4}-\d{2}-\d{2}", none_yet)
    entry = as_json(db_url, "diary", "add", "--pain", "3")["id"]
    unknown = run(db_url, "diary", "show", "999", code=2).output
    assert "id: 999 is not one of your diary entries" in unknown
    assert "see them with: pregback diary list" in unknown
    nothing = run(db_url, "diary", "edit", str(entry), code=2).output
    assert nothing.startswith("error: changes: nothing to change")
    assert "--at, --pain, --where, --symptom, --helped, --note" in nothing
