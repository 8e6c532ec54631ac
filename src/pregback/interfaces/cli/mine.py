"""Terminal commands over her own data: profile, timer, diary, report and export.

Owns: registering those commands on the main app, their options and exit codes (2 for bad input).
Never: heavy imports at module import time (SQLAlchemy, WeasyPrint, fhir.resources load inside the
commands, so `pregback --help` stays fast), clinical logic, or printing anything to a log.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from pregback.interfaces.cli.storage import (
    DbOption,
    PersonOption,
    fail,
    opened,
    profile_example,
    repository,
)


def profile(
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="DATE",
            help="Your due date (YYYY-MM-DD); your week follows from it each day.",
        ),
    ] = None,
    weeks: Annotated[
        str | None,
        typer.Option(
            "--weeks",
            metavar="WEEKS[+DAYS]",
            help="How far along you are today, e.g. 30 or 30+2; pregback works out your due date.",
            show_default=False,
        ),
    ] = None,
    fact: Annotated[
        list[str] | None,
        typer.Option(
            "--fact",
            metavar="FACT=ANSWER",
            help="A fact of your risk profile and your answer: yes, no or not-sure, e.g. "
            "--fact previous_caesarean=yes (the facts are listed when you run pregback profile). "
            "Give it once for each fact.",
            show_default=False,
        ),
    ] = None,
    first: Annotated[
        bool | None,
        typer.Option(
            "--first-pregnancy/--not-first-pregnancy",
            help="Whether this is your first baby.",
            show_default=False,
        ),
    ] = None,
    preterm: Annotated[
        bool | None,
        typer.Option(
            "--previous-preterm/--no-previous-preterm",
            help="A baby born before 37 weeks in an earlier pregnancy.",
            show_default=False,
        ),
    ] = None,
    twins: Annotated[
        bool | None, typer.Option("--twins/--no-twins", help="Twins or more.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Show or set your profile: due date (for your week of pregnancy) and your risk profile
    (an earlier caesarean, twins, a low-lying placenta...), asked once and used by every check."""
    from pregback.errors import PregbackError
    from pregback.store.db import describe
    from pregback.store.profile import profile_view
    from pregback.store.repository import Repository

    changes: dict[str, Any] = {}
    if due is not None and weeks is not None:
        fail("give --due or --weeks, not both")
    if due is not None:
        changes["due_date"] = due
    if weeks is not None:
        changes["due_date"] = due_from_weeks(weeks, date.today()).isoformat()
    for key, value in (
        ("first_pregnancy", first),
        ("previous_preterm_birth", preterm),
        ("multiple_pregnancy", twins),
    ):
        if value is not None:
            changes[key] = value
    if fact:
        changes["facts"] = fact_answers(fact)
    with opened(db) as store:
        try:
            with store.session() as s:
                repo = Repository(s)
                p = repo.set_profile(person, **changes) if changes else repo.require_person(person)
                view = profile_view(repo, p, date.today())
        except PregbackError as exc:
            if changes:
                fail(str(exc).replace("facts.", "--fact "))
            fail(f"'{person}' has no profile yet; set one with: {profile_example(date.today())}")
        where = describe(store.url)
    if as_json:
        typer.echo(json.dumps(view, indent=2))
        return
    typer.echo(f"Profile '{view['person']}'" + (" saved." if changes else "."))
    for line in profile_lines(view):
        typer.echo(line)
    typer.echo(f"  Stored in:         {where}")


def fact_answers(given: list[str]) -> dict[str, str]:
    """--fact ID=ANSWER options as {id: answer}; exits 2 when one has no '='."""
    out: dict[str, str] = {}
    for item in given:
        fid, sep, answer = item.partition("=")
        if not sep or not fid.strip():
            fail(
                f"--fact: {item!r} is not a fact and an answer "
                "(allowed: FACT=ANSWER, e.g. previous_caesarean=yes; answers: yes, no, not-sure)"
            )
        out[fid.strip()] = answer.strip()
    return out


def profile_lines(view: dict[str, Any]) -> list[str]:
    """Her profile in plain words: the due date and week, then every fact with its answer."""
    from pregback.core.profile import SHOWN, fact_defs
    from pregback.knowledge import default_knowledge

    kb = default_knowledge()
    due = view["due_date"] or "not given"
    if view["after_birth"]:
        due += "  (after the birth: no week of pregnancy)"
    elif view["week"]:
        due += f"  (week {view['week']} today)"
    lines = [f"  Due date:          {due}", "  Your risk profile (yes, no or not said):"]
    defs = fact_defs(kb)
    width = max(len(d.label) for d in defs) + 2
    for d in defs:
        answer = SHOWN[view["facts"].get(d.id)]
        if d.id in view["since"]:
            answer += f" (done {view['since'][d.id]}; counts for {d.lasts_days} days)"
        lines.append(f"    {(d.label + ':').ljust(width)}{answer}   [{d.id}]")
    lines.append("  Change one with: pregback profile --fact FACT=yes (or no, or not-sure)")
    return lines


def due_from_weeks(weeks: str, today: date) -> date:
    """The due date of a pregnancy `weeks` along today ("30" or "30+2"); exits 2 on a bad value."""
    import re

    from pregback.core.history import TERM_DAYS

    found = re.fullmatch(r"\s*(\d{1,2})\s*(?:\+\s*([0-6]))?\s*", weeks)
    if found is None or not 1 <= int(found.group(1)) <= 45:
        fail(
            f"--weeks: {weeks!r} is not how far along you are "
            "(allowed: weeks from 1 to 45, with days 0-6 after a +, e.g. 30 or 30+2)"
        )
    days = int(found.group(1)) * 7 + int(found.group(2) or 0)
    return today + timedelta(days=TERM_DAYS - days)


def timer(
    weeks: Annotated[
        float | None,
        typer.Option(
            "--weeks", help="Weeks pregnant, if your profile has no due date.", min=1, max=45
        ),
    ] = None,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Time your waves of pain: a key at the start and at the end of each one.

    Shows each wave's length, the interval start to start, waves in the last hour and whether they
    are regular, and says at once when the pattern means you should call. Every wave is saved as
    it happens; if the timer is interrupted, start it again and it carries on.
    """
    from pregback.interfaces.cli.timer import run_timer

    if not sys.stdin.isatty() or not sys.stdout.isatty():
        fail("the timer needs a terminal (it reads single key presses)")
    with opened(db) as store:
        code = run_timer(store, person, weeks=weeks)
    raise typer.Exit(code)


def report(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the report into.", file_okay=False)
    ] = Path("."),
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf/--no-pdf",
            help="Also write a PDF (needs the pdf extra: pip install '.[pdf]').",
        ),
    ] = True,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Write a one-to-two-page summary for your midwife, as HTML and PDF."""
    from pregback.extras import missing_message, missing_modules
    from pregback.interfaces.exports.report import gather, render_html, write_pdf

    if pdf and missing_modules("pdf"):  # say so before anything is written
        fail(missing_message("pdf", "the PDF report") + " (or use --no-pdf for the HTML alone)")

    with repository(db) as repo:
        data = gather(repo, repo.require_person(person))
    html = render_html(data)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"pregback-report-{data.generated.date().isoformat()}"
    html_path = out / f"{stem}.html"
    html_path.write_text(html, encoding="utf-8")
    typer.echo(f"Wrote {html_path}")
    if pdf:
        try:
            pages = write_pdf(html, out / f"{stem}.pdf")
        except ImportError:
            fail(missing_message("pdf", "the PDF report") + " (the HTML report was written)")
        except OSError as exc:  # WeasyPrint is there, the Pango library under it is not
            fail(
                f"the PDF report needs the Pango library ({exc.__class__.__name__}); on Debian or "
                "Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                "(the HTML report was written)"
            )
        typer.echo(f"Wrote {out / (stem + '.pdf')} ({pages} page{'s' if pages != 1 else ''})")


def export(
    fhir: Annotated[
        bool,
        typer.Option(
            "--fhir",
            help="A FHIR R4 Bundle (JSON) of your profile, diary, waves and latest answers.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write; default standard output.", dir_okay=False),
    ] = None,
    db: DbOption = None,
    person: PersonOption = "me",
) -> None:
    """Export your data for your maternity team (--fhir). For a plain copy see `pregback diary export`."""
    if not fhir:
        fail(
            "choose a format: --fhir (for a JSON or CSV copy of your diary, use `pregback diary export`)"
        )
    from pregback.interfaces.exports.fhir_bundle import build_bundle, validate_bundle

    with repository(db) as repo:
        bundle = build_bundle(repo, repo.require_person(person))
    try:
        validate_bundle(bundle)
    except ImportError:
        typer.echo(
            "note: fhir.resources is not installed, so the Bundle was not validated", err=True
        )
    text = json.dumps(bundle, indent=2, ensure_ascii=False)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"Wrote {out} ({len(bundle['entry'])} resources)", err=True)


def register(app: typer.Typer) -> None:
    """Add profile, timer, diary, report and export to the main app."""
    from pregback.interfaces.cli.diary import diary_app

    app.command()(profile)
    app.command()(timer)
    app.add_typer(diary_app, name="diary")
    app.command()(report)
    app.command()(export)
