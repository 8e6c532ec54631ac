"""The terminal interface: assess (interactive or from a file), batch, eval, read, knowledge.

Owns: parsing arguments, printing, exit codes (2 for bad input). Never: clinical logic; every
command calls the same core functions as the API and the web pages. Heavy imports stay inside
the commands so that `pregback --help` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from pregback.interfaces.cli.arguments import CheckedGroup, read_json, read_text
from pregback.interfaces.cli.help import Group, show_version


class MainGroup(CheckedGroup, Group):
    """Arguments checked as text (cli_input), and the command tree tidied for help (cli_help)."""


app = typer.Typer(
    cls=MainGroup,
    help="pregback: back pain in pregnancy — how urgent, what may be going on, and what helps. "
    "Decision support, not a diagnosis.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
knowledge_app = typer.Typer(
    help="Review the knowledge base: causes, rules, advice, claims, sources, symptoms.",
    no_args_is_help=True,
)
app.add_typer(knowledge_app, name="knowledge")

#: The kinds of record in the knowledge base, with what each one is.
KINDS = {
    "rules": "the triage rules: when each urgency applies, and why",
    "causes": "what may be going on, in plain words",
    "advice": "self-care advice, with the weeks it is safe for",
    "claims": "popular claims, and what the better evidence says",
    "sources": "the guidelines, reviews and studies behind everything",
    "symptoms": "the signs pregback asks about, with the question for each",
}


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    knowledge: Annotated[
        Path | None,
        typer.Option(
            "--knowledge",
            metavar="FOLDER",
            help="Use this knowledge folder (a reviewer's edited copy) instead of the bundled one, "
            "for every command (the same as PREGBACK_KNOWLEDGE).",
        ),
    ] = None,
) -> None:
    """pregback: back pain in pregnancy — how urgent, what may be going on, and what helps."""
    if knowledge is not None:
        from pregback.knowledge import default_knowledge

        if not knowledge.is_dir():
            what = "is a file" if knowledge.exists() else "does not exist"
            _fail(f"--knowledge: {knowledge} {what} (allowed: a knowledge folder)")
        os.environ["PREGBACK_KNOWLEDGE"] = str(knowledge)
        default_knowledge.cache_clear()
        _knowledge(knowledge)  # a folder that does not load is named now, not in the middle


#: Nothing to read is never "no symptoms": an empty message gets this, not a self-care result.
EMPTY_MESSAGE = (
    "the message is empty: describe the pain in a few words, "
    'e.g. --message "33 weeks, low back ache since this morning"'
)


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _read_json_arg(path: str, what: str) -> Any:
    return read_json(path, what)


def _knowledge(path: Path | None) -> Any:
    """The knowledge base at --path (the bundled one without); exit 2 naming --path when it
    cannot be read or is not valid."""
    from pregback.errors import KnowledgeError
    from pregback.knowledge import default_knowledge, load_knowledge

    if path is None:
        return default_knowledge()
    if not path.is_dir():
        what = "is a file" if path.exists() else "does not exist"
        _fail(f"--path: {path} {what} (allowed: a knowledge folder, with levels.yaml and the rest)")
    try:
        return load_knowledge(path)
    except KnowledgeError as exc:
        _fail(str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"--path: {path}: cannot be read: {exc}")


@app.command()
def assess(
    findings: Annotated[
        str | None,
        typer.Option(
            "--findings",
            "-f",
            metavar="FILE",
            help="A findings JSON file, or - for standard input.",
        ),
    ] = None,
    message: Annotated[
        str | None,
        typer.Option(
            "--message",
            "-m",
            metavar="TEXT",
            help="The pain in your own words, or - to read them from standard input.",
        ),
    ] = None,
    episodes: Annotated[
        str | None,
        typer.Option(
            "--episodes", "-e", metavar="FILE", help="Timed waves: a JSON list of {start, end}."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL|FILE",
            help="Your data: a SQLAlchemy URL or a SQLite file (default: PREGBACK_DATABASE_URL or your user data folder).",
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            metavar="NAME",
            help="Whose profile and diary to use (default: the only one).",
        ),
    ] = None,
    ask: Annotated[
        bool,
        typer.Option(
            "--ask/--no-ask",
            help="After a message, ask the follow-up questions that could change the urgency.",
        ),
    ] = True,
) -> None:
    """Assess back pain: asks questions in the terminal, or reads --findings / --message."""
    from pregback.core.findings import parse_findings
    from pregback.core.labour import parse_episodes
    from pregback.errors import PregbackError
    from pregback.knowledge import default_knowledge

    kb = default_knowledge()
    try:
        waves = parse_episodes(_read_json_arg(episodes, "--episodes")) if episodes else []
        if findings is not None:
            found = parse_findings(_read_json_arg(findings, "--findings"), kb)
            _finish(found, waves, as_json, None, db, person)
            return
        if message is not None:
            from pregback.core.reading import read

            text = sys.stdin.read() if message == "-" else message
            if not text.strip():
                _fail(EMPTY_MESSAGE)
            reading = read(text, kb=kb, today=date.today())
            interactive = ask and message != "-" and sys.stdin.isatty() and not as_json
            if interactive:
                from pregback.interfaces.cli.ask import interview

                found = interview(reading.findings, waves, kb, reading=reading).findings
            else:
                found = reading.findings
            _finish(found, waves, as_json, reading, db, person)
            return
    except PregbackError as exc:
        _fail(str(exc))
    if not sys.stdin.isatty():
        _fail(
            "no input: give --findings FILE, --message TEXT, or run in a terminal to answer questions"
        )
    _interactive(waves, as_json, db, person)


def _finish(
    found: Any,
    waves: list[Any],
    as_json: bool,
    reading: Any,
    db: str | None = None,
    person: str | None = None,
) -> None:
    """Assess with her profile, diary and timing filling what she has not said (when she has a
    profile), save the result, and print it."""
    from pregback.knowledge import default_knowledge
    from pregback.services.assess import assess_with_store

    kb = default_knowledge()
    result, _ = assess_with_store(found.to_dict(), waves, db=db, person=person, kb=kb)
    if as_json:
        out = result.to_dict()
        if reading is not None:
            out["reading"] = reading.to_dict()
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from pregback.interfaces.cli.render import show_assessment

    show_assessment(result, kb, reading)


def _interactive(waves: list[Any], as_json: bool, db: str | None, person: str | None) -> None:
    from rich.console import Console
    from rich.prompt import Prompt

    from pregback.core.findings import parse_findings
    from pregback.interfaces.plain import emergency_number
    from pregback.knowledge import default_knowledge

    kb = default_knowledge()
    console = Console()
    console.print(
        "[bold]pregback[/bold] — back pain in pregnancy. This supports decisions; it does not diagnose."
    )
    console.print(
        f"If you feel very unwell, call {emergency_number(kb)} (or your emergency number) now.\n"
    )
    text = Prompt.ask(
        "Tell us about your back pain in your own words (or press Enter to answer questions)",
        default="",
        show_default=False,
    )
    from pregback.interfaces.cli.ask import interview

    reading = None
    found = parse_findings({}, kb)
    if text.strip():
        from pregback.core.reading import read

        reading = read(text, kb=kb, today=date.today())
        found = reading.findings
    found = interview(found, waves, kb, reading=reading).findings
    _finish(found, waves, as_json, reading, db, person)


@app.command()
def batch(
    file: Annotated[str, typer.Argument(help="A JSON-lines case file, or - for standard input.")],
) -> None:
    """Assess one case per line (the contract); one result or error line per case, in order.

    A bad line gets an error line and the lines after it are still assessed; the exit status is 2 when any line could not be assessed (0 when every line was).
    """
    import io

    from pregback.core.batch import run_lines

    try:
        raw = sys.stdin.buffer if file == "-" and hasattr(sys.stdin, "buffer") else None
        if file != "-":
            raw = open(file, "rb")  # noqa: SIM115
        stream: Any = (
            sys.stdin
            if raw is None
            else io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=None)
        )
    except OSError as exc:
        _fail(f"FILE: cannot read {file}: {exc.strerror}")
    out = sys.stdout
    failed: list[int] = []
    try:
        for line in run_lines(stream):
            if "error" in line:
                failed.append(int(line.get("line") or 0))
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        _fail(f"FILE: cannot read {file}: {exc.strerror}")
    finally:
        if raw is not None and file == "-":
            stream.detach()  # standard input stays open for whoever owns it
        elif raw is not None:
            stream.close()
    out.flush()
    if failed:
        shown = ", ".join(str(n) for n in failed[:10]) + (" ..." if len(failed) > 10 else "")
        _fail(
            f"{len(failed)} case{'s' if len(failed) != 1 else ''} could not be assessed "
            f"(line{'s' if len(failed) != 1 else ''} {shown}); each has an error line in the output"
        )


@app.command(name="eval")
def eval_(
    cases: Annotated[
        Path,
        typer.Argument(
            help="A JSON-lines case file with expected results.", exists=True, dir_okay=False
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses/--no-misses", help="List the cases missed.")
    ] = True,
) -> None:
    """Score pregback on a case file with the contract's metrics, and list the misses."""
    from dataclasses import asdict

    from pregback.core.eval import evaluate_cases, load_cases
    from pregback.errors import PregbackError

    try:
        loaded = load_cases(read_text(str(cases), "CASES").splitlines())
    except PregbackError as exc:
        _fail(f"CASES: {exc}")
    report = evaluate_cases(loaded)
    if as_json:
        typer.echo(json.dumps({k: asdict(v) for k, v in report.items()}, indent=1))
        return
    from pregback.interfaces.cli.render import show_eval

    show_eval(report, misses)


@app.command()
def read(
    message: Annotated[
        str,
        typer.Argument(metavar="MESSAGE", help="Your own words, or - to read standard input."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print findings and spans as JSON.")
    ] = False,
) -> None:
    """Read a message into findings, showing each finding and the words it came from."""
    from pregback.core.reading import read as read_message
    from pregback.errors import PregbackError

    text = read_text("-", "MESSAGE") if message == "-" else message
    if not text.strip():
        _fail(EMPTY_MESSAGE)
    try:
        reading = read_message(text)
    except PregbackError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(reading.to_dict(), indent=2, ensure_ascii=False))
        return
    from pregback.interfaces.cli.render import show_reading

    show_reading(reading)


@knowledge_app.command("list")
def knowledge_list(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[KIND]",
            help="One of: " + ", ".join(KINDS) + ". Without it, the kinds are listed.",
            autocompletion=lambda: list(KINDS),
            show_default=False,
        ),
    ] = None,
    path: Annotated[
        Path | None,
        typer.Option("--path", help="A knowledge folder to review instead of the bundled one."),
    ] = None,
) -> None:
    """List the records of one kind, or without a kind, the kinds there are."""
    from pregback.interfaces.cli.render_knowledge import show_kinds, show_knowledge_list

    if kind is not None and kind not in KINDS:
        _fail(f"kind: {kind!r} is not allowed (allowed: {', '.join(KINDS)})")
    kb = _knowledge(path)
    if kind is None:
        show_kinds(kb, KINDS)
    else:
        show_knowledge_list(kb, kind)


@knowledge_app.command("show")
def knowledge_show(
    record_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A cause, rule, advice, claim, source or symptom id."),
    ],
    path: Annotated[
        Path | None,
        typer.Option("--path", help="A knowledge folder to review instead of the bundled one."),
    ] = None,
) -> None:
    """Show one record in full, with its sources."""
    from pregback.interfaces.cli.render_knowledge import show_knowledge_record

    kb = _knowledge(path)
    if not show_knowledge_record(kb, record_id):
        _fail(
            f"id: {record_id!r} is not a cause, rule, advice, claim, source or symptom id (see `pregback knowledge list KIND`)"
        )


@knowledge_app.command("check")
def knowledge_check(
    path: Annotated[
        Path | None,
        typer.Option("--path", help="A knowledge folder to check instead of the bundled one."),
    ] = None,
) -> None:
    """Load and validate a knowledge folder; exit 2 with the first problem."""
    from pregback.errors import KnowledgeError
    from pregback.knowledge import load_knowledge, overdue

    try:
        kb = _knowledge(path) if path is not None else load_knowledge(None)
    except KnowledgeError as exc:  # (the bundled knowledge, or PREGBACK_KNOWLEDGE's)
        _fail(str(exc))
    typer.echo(
        f"ok: {len(kb.rules)} rules, {len(kb.causes)} causes, {len(kb.advice)} advice items, "
        f"{len(kb.claims)} claims, {len(kb.sources)} sources, {len(kb.symptoms)} symptoms (version {kb.version})"
    )
    due = overdue(kb, date.today())
    if due:
        typer.echo(f"due for review (last checked over 12 months ago): {len(due)}")
        for line in due:
            typer.echo(f"  {line}")


def _register_extras() -> None:
    from pregback.interfaces.cli import mine, serve

    mine.register(app)
    serve.register(app)


_register_extras()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
