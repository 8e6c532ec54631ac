"""The terminal interface: assess (interactive or from a file), batch, eval, read, knowledge.

Owns: parsing arguments, printing, exit codes (2 for bad input). Never: clinical logic; every
command calls the same core functions as the API and the web pages. Heavy imports stay inside
the commands so that `pregback --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

app = typer.Typer(
    help="pregback: back pain in pregnancy — how urgent, what may be going on, and what helps. "
    "Decision support, not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
knowledge_app = typer.Typer(
    help="Review the knowledge base: causes, rules, advice, claims, sources.", no_args_is_help=True
)
app.add_typer(knowledge_app, name="knowledge")

KINDS = ("causes", "rules", "advice", "claims", "sources", "symptoms")


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _read_json_arg(path: str, what: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        _fail(f"{what}: cannot read {path}: {exc.strerror}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{what}: {path} is not valid JSON: {exc}")


@app.command()
def assess(
    findings: Annotated[
        str | None,
        typer.Option("--findings", "-f", help="A findings JSON file, or - for standard input."),
    ] = None,
    message: Annotated[
        str | None,
        typer.Option("--message", "-m", help="Her own words; pregback reads them into findings."),
    ] = None,
    episodes: Annotated[
        str | None,
        typer.Option("--episodes", "-e", help="Timed waves: a JSON list of {start, end}."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Her data: a SQLAlchemy URL or a SQLite file (default: PREGBACK_DATABASE_URL or the user data folder).",
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", help="Whose profile and diary to use (default: the only one)."),
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
    from pregback.errors import PregbackError
    from pregback.findings import parse_findings
    from pregback.knowledge import default_knowledge
    from pregback.labour import parse_episodes

    kb = default_knowledge()
    try:
        waves = parse_episodes(_read_json_arg(episodes, "--episodes")) if episodes else []
        if findings is not None:
            found = parse_findings(_read_json_arg(findings, "--findings"), kb)
            _finish(found, waves, as_json, None, db, person)
            return
        if message is not None:
            from pregback.reading import read

            reading = read(message, kb=kb, today=date.today())
            interactive = ask and sys.stdin.isatty() and not as_json
            if interactive:
                from pregback.render import show_reading

                show_reading(reading)
                found = _interview(reading.findings, waves, kb, skip=set())
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
    from pregback.store.context import assess_with_store

    kb = default_knowledge()
    result, _ = assess_with_store(found.to_dict(), waves, db=db, person=person, kb=kb)
    if as_json:
        out = result.to_dict()
        if reading is not None:
            out["reading"] = reading.to_dict()
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from pregback.render import show_assessment

    show_assessment(result, kb, reading)


def _interactive(waves: list[Any], as_json: bool, db: str | None, person: str | None) -> None:
    from rich.console import Console
    from rich.prompt import Prompt

    from pregback.findings import parse_findings
    from pregback.knowledge import default_knowledge

    kb = default_knowledge()
    console = Console()
    console.print(
        "[bold]pregback[/bold] — back pain in pregnancy. This supports decisions; it does not diagnose."
    )
    console.print("If you feel very unwell, call 999 (or your emergency number) now.\n")
    text = Prompt.ask(
        "Tell us about your back pain in your own words (or press Enter to answer questions)",
        default="",
        show_default=False,
    )
    reading = None
    found = parse_findings({}, kb)
    if text.strip():
        from pregback.reading import read
        from pregback.render import show_reading

        reading = read(text, kb=kb, today=date.today())
        show_reading(reading)
        found = reading.findings
    found = _interview(found, waves, kb, skip=set())
    _finish(found, waves, as_json, reading, db, person)


def _interview(found: Any, waves: list[Any], kb: Any, skip: set[str]) -> Any:
    from rich.console import Console
    from rich.prompt import Prompt

    from pregback.errors import PregbackError
    from pregback.interview import apply_answer, next_question

    console = Console()
    while True:
        question, _ = next_question(found, waves, kb, skipped=skip)
        if question is None:
            return found
        console.print()
        if question.kind == "scalar":
            hint = ""
            if question.items:
                hint = " / ".join(f"{i + 1}={c.label}" for i, c in enumerate(question.items))
            raw = Prompt.ask(
                f"[bold]{question.text}[/bold]"
                + (f" ({hint})" if hint else "")
                + " [dim](Enter = don't know)[/dim]",
                default="",
                show_default=False,
            )
            if not raw.strip():
                skip.add(question.id)
                continue
            answer: Any = raw.strip()
            try:
                if question.type in ("number", "integer"):
                    answer = float(answer) if question.type == "number" else int(answer)
                elif question.type == "choice":
                    answer = _pick(question.items, answer)
                elif question.type == "list":
                    answer = [_pick(question.items, a) for a in answer.replace(",", " ").split()]
                found = apply_answer(found, question, answer, kb)
            except (ValueError, IndexError, PregbackError) as exc:
                console.print(f"[red]Sorry, that answer did not fit: {exc}[/red]")
            continue
        console.print(f"[bold]{question.text}[/bold]")
        for i, item in enumerate(question.items, 1):
            console.print(f"  {i}. {item.label} [dim]— {item.meaning}[/dim]")
        raw = Prompt.ask(
            "Numbers of those you have (e.g. 1 3), 0 for none, Enter = don't know",
            default="",
            show_default=False,
        )
        if not raw.strip():
            skip.update(i.id for i in question.items)
            continue
        try:
            chosen = [_pick(question.items, p) for p in raw.replace(",", " ").split() if p != "0"]
            found = apply_answer(found, question, chosen, kb)
        except (ValueError, IndexError, PregbackError):
            console.print("[red]Please type the numbers shown, or 0 for none.[/red]")


def _pick(items: Any, typed: str) -> str:
    """The id of the item numbered `typed` (1-based), or `typed` itself when it names an item."""
    if typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(items):
            raise ValueError(f"{typed} is not one of the numbers shown (1-{len(items)})")
        return str(items[number - 1].id)
    return typed


@app.command()
def batch(
    file: Annotated[str, typer.Argument(help="A JSON-lines case file, or - for standard input.")],
) -> None:
    """Assess one case per line (the contract); one result or error line per case, in order."""
    from pregback.batch import run_lines

    try:
        stream = sys.stdin if file == "-" else open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror}")
    out = sys.stdout
    with stream:
        for line in run_lines(stream):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


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

    from pregback.errors import PregbackError
    from pregback.eval import evaluate_cases, load_cases

    try:
        loaded = load_cases(cases.read_text(encoding="utf-8").splitlines())
    except PregbackError as exc:
        _fail(str(exc))
    report = evaluate_cases(loaded)
    if as_json:
        typer.echo(json.dumps({k: asdict(v) for k, v in report.items()}, indent=1))
        return
    from pregback.render import show_eval

    show_eval(report, misses)


@app.command()
def read(
    message: Annotated[str, typer.Argument(help="Her own words, or - to read standard input.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print findings and spans as JSON.")
    ] = False,
) -> None:
    """Read a message into findings, showing each finding and the words it came from."""
    from pregback.errors import PregbackError
    from pregback.reading import read as read_message

    text = sys.stdin.read() if message == "-" else message
    try:
        reading = read_message(text)
    except PregbackError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(reading.to_dict(), indent=2, ensure_ascii=False))
        return
    from pregback.render import show_reading

    show_reading(reading)


@knowledge_app.command("list")
def knowledge_list(
    kind: Annotated[str, typer.Argument(help="One of: " + ", ".join(KINDS))],
    path: Annotated[
        Path | None,
        typer.Option("--path", help="A knowledge folder to review instead of the bundled one."),
    ] = None,
) -> None:
    """List the records of one kind."""
    from pregback.errors import KnowledgeError
    from pregback.knowledge import default_knowledge, load_knowledge
    from pregback.render import show_knowledge_list

    if kind not in KINDS:
        _fail(f"kind: {kind!r} is not allowed (allowed: {', '.join(KINDS)})")
    try:
        kb = load_knowledge(path) if path else default_knowledge()
    except KnowledgeError as exc:
        _fail(str(exc))
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
    from pregback.errors import KnowledgeError
    from pregback.knowledge import default_knowledge, load_knowledge
    from pregback.render import show_knowledge_record

    try:
        kb = load_knowledge(path) if path else default_knowledge()
    except KnowledgeError as exc:
        _fail(str(exc))
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
    from pregback.knowledge import load_knowledge

    try:
        kb = load_knowledge(path)
    except KnowledgeError as exc:
        _fail(str(exc))
    typer.echo(
        f"ok: {len(kb.rules)} rules, {len(kb.causes)} causes, {len(kb.advice)} advice items, "
        f"{len(kb.claims)} claims, {len(kb.sources)} sources, {len(kb.symptoms)} symptoms (version {kb.version})"
    )


def _register_extras() -> None:
    from pregback import cli_serve, cli_store

    cli_store.register(app)
    cli_serve.register(app)


_register_extras()


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
