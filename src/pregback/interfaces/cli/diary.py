"""The `pregback diary` commands: add, list, show, edit, delete (one entry, or --all) and export.

Owns: the diary's options, how entries look in a terminal, and the erase confirmation. Never:
heavy imports at module import time, or writing what she recorded anywhere but the database and
the files and screen she asks for.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pregback.interfaces.cli.storage import (
    DbOption,
    PersonOption,
    fail,
    opened,
    repository,
    said,
)

if TYPE_CHECKING:
    from pregback.store.models import DiaryEntry

diary_app = typer.Typer(
    help="Your pain diary: add, list, show, edit, delete and export entries.", no_args_is_help=True
)

PainOption = Annotated[
    int | None,
    typer.Option(
        "--pain", "-p", help="Pain now, 0 (none) to 10 (worst imaginable).", show_default=False
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="When: 2026-03-01 14:30, 2026-03-01, 14:30, yesterday or now (default now).",
        show_default=False,
    ),
]
WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        "-w",
        help="Where it hurts (repeat, or commas): lower_back, mid_back, upper_back, pelvic_girdle, flank, leg_radiating.",
        show_default=False,
    ),
]
SymptomOption = Annotated[
    list[str] | None,
    typer.Option(
        "--symptom",
        "-s",
        help="A symptom id you have (repeat, or commas), e.g. abdominal_tightening. See `pregback knowledge list symptoms`.",
        show_default=False,
    ),
]
HelpedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--helped",
        "-H",
        help="Something that helped, in your words or an advice id (repeat for more).",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None, typer.Option("--note", "-n", help="Your notes.", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _ids(values: list[str] | None) -> list[str] | None:
    """Ids from repeated or comma-separated options; 'lower back' and 'lower-back' mean lower_back."""
    if values is None:
        return None
    out = []
    for value in values:
        for part in value.split(","):
            part = part.strip().lower().replace("-", "_").replace(" ", "_")
            if part:
                out.append(part)
    return out


def _fields(
    pain: int | None,
    at: str | None,
    where: list[str] | None,
    symptom: list[str] | None,
    helped: list[str] | None,
    note: str | None,
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in (
        ("pain", pain),
        ("at", at),
        ("locations", _ids(where)),
        ("symptoms", _ids(symptom)),
        ("helped", helped),
        ("notes", note),
    ):
        if value is not None:
            fields[key] = value
    return fields


def _when(entry: DiaryEntry) -> str:
    return entry.at.astimezone().strftime("%a %d %b %Y %H:%M")


def _places(ids: list[str]) -> str:
    from pregback.interfaces.plain import places
    from pregback.knowledge import default_knowledge

    return places(default_knowledge(), ids)


def _symptoms(ids: list[str]) -> str:
    from pregback.interfaces.plain import symptoms
    from pregback.knowledge import default_knowledge

    return symptoms(default_knowledge(), ids)


def _line(entry: DiaryEntry) -> str:
    where = _places(entry.locations) or "-"
    return f"#{entry.id}  {_when(entry)}  pain {entry.pain}/10  {where}"


@diary_app.command("add")
def add(
    pain: Annotated[
        int, typer.Option("--pain", "-p", help="Pain now, 0 (none) to 10 (worst imaginable).")
    ],
    at: AtOption = None,
    where: WhereOption = None,
    symptom: SymptomOption = None,
    helped: HelpedOption = None,
    note: NoteOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Add an entry: how bad the pain is, where, what else you notice, what helped."""
    with repository(db) as repo:
        entry = repo.add_entry(
            repo.ensure_person(person), _fields(pain, at, where, symptom, helped, note)
        )
        data = entry.to_dict()
        line = _line(entry)
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else f"Added {line}")


@diary_app.command("list")
def list_(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only entries from this date or time on.", show_default=False),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", help="At most this many (the newest).", min=1, show_default=False),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """List your entries, oldest first."""
    from rich.console import Console
    from rich.table import Table

    from pregback.store.repository import parse_moment

    with repository(db) as repo:
        p = repo.person(person)
        start = parse_moment(since, "since") if since else None
        entries = [] if p is None else repo.entries(p, since=start, limit=limit, newest_first=True)
        entries.reverse()
        rows = [(e.to_dict(), _when(e)) for e in entries]
    if as_json:
        typer.echo(json.dumps([r for r, _ in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        typer.echo(
            "No diary entries yet. Add one with: pregback diary add --pain 4 --where lower_back"
        )
        return
    table = Table("id", "when", "pain", "where", "symptoms", "helped", "notes", box=None)
    for r, when in rows:
        note = r["notes"] if len(r["notes"]) <= 40 else r["notes"][:39] + "…"
        table.add_row(
            str(r["id"]),
            when,
            f"{r['pain']:>2}/10 " + "█" * r["pain"],
            _places(r["locations"]),
            _symptoms(r["symptoms"]),
            "; ".join(r["helped"]),
            note,
        )
    Console(highlight=False).print(table)


@diary_app.command("show")
def show(
    entry_id: Annotated[
        int, typer.Argument(metavar="ID", help="The entry's id (see pregback diary list).")
    ],
    as_json: JsonOption = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Show one entry in full."""
    with repository(db) as repo:
        entry = repo.entry(repo.require_person(person), entry_id)
        data, when = entry.to_dict(), _when(entry)
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(f"Entry #{data['id']} — {when}")
    typer.echo(f"  Pain:      {data['pain']}/10")
    typer.echo(f"  Where:     {_places(data['locations']) or '-'}")
    typer.echo(f"  Symptoms:  {_symptoms(data['symptoms']) or '-'}")
    typer.echo(f"  Helped:    {'; '.join(data['helped']) or '-'}")
    typer.echo(f"  Notes:     {data['notes'] or '-'}")


@diary_app.command("edit")
def edit(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="The entry's id.")],
    pain: PainOption = None,
    at: AtOption = None,
    where: WhereOption = None,
    symptom: SymptomOption = None,
    helped: HelpedOption = None,
    note: NoteOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Change an entry: each option given replaces that part of it."""
    with repository(db) as repo:
        entry = repo.edit_entry(
            repo.require_person(person), entry_id, _fields(pain, at, where, symptom, helped, note)
        )
        data, line = entry.to_dict(), _line(entry)
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else f"Changed {line}")


@diary_app.command("delete")
def delete(
    entry_id: Annotated[
        int | None, typer.Argument(metavar="[ID]", help="The entry to delete.", show_default=False)
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Erase everything: your profile, every entry, timed wave and saved assessment.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Delete one entry, or with --all erase all your data from this database for good."""
    from pregback.errors import PregbackError
    from pregback.store.repository import Repository

    if all_ == (entry_id is not None):
        fail("give an entry id, or --all to erase everything (not both)")
    if entry_id is not None:
        with repository(db) as repo:
            repo.delete_entry(repo.require_person(person), entry_id)
        typer.echo(f"Deleted entry #{entry_id}.")
        return
    if not yes:
        if not sys.stdin.isatty():
            fail("--all erases everything you recorded; add --yes to confirm")
        answer = typer.prompt(
            f"This erases the profile '{person}', every diary entry, timed wave and saved assessment, "
            "and cannot be undone. Type ERASE to go on",
            default="",
            show_default=False,
        )
        if answer.strip() != "ERASE":
            typer.echo("Nothing was deleted.")
            raise typer.Exit(1)
    with opened(db) as store:
        try:
            with store.session() as s:
                repo = Repository(s)
                p = repo.person(person)
                counts = (
                    repo.erase_person(p)
                    if p is not None
                    else {"entries": 0, "episodes": 0, "assessments": 0}
                )
        except PregbackError as exc:
            fail(said(exc))
        store.compact()
    typer.echo(
        f"Erased {counts['entries']} diary entries, {counts['episodes']} timed waves and "
        f"{counts['assessments']} assessments, and compacted the database so no copy is left in it."
    )


@diary_app.command("export")
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="json (everything: profile, entries, waves) or csv (entries)."
        ),
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write; default standard output.", dir_okay=False),
    ] = None,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Export your diary as JSON or CSV (for a FHIR Bundle see `pregback export --fhir`)."""
    if fmt not in ("json", "csv"):
        fail(f"--format: {fmt!r} is not allowed (allowed: json, csv)")
    with repository(db) as repo:
        p = repo.require_person(person)
        entries = [e.to_dict() for e in repo.entries(p)]
        waves = [w.to_dict() for w in repo.episodes(p, closed_only=False)]
        profile = {
            "person": p.name,
            "due_date": p.due_date.isoformat() if p.due_date else None,
            "facts": repo.facts(p),  # her risk profile: fact id -> present or absent
        }
    if fmt == "json":
        text = (
            json.dumps(
                {"profile": profile, "entries": entries, "episodes": waves},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["id", "at", "pain", "locations", "symptoms", "helped", "notes"])
        for e in entries:
            writer.writerow(
                [
                    e["id"],
                    e["at"],
                    e["pain"],
                    ";".join(e["locations"]),
                    ";".join(e["symptoms"]),
                    ";".join(e["helped"]),
                    e["notes"],
                ]
            )
        text = buf.getvalue()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote {out} ({len(entries)} entries)", err=True)
