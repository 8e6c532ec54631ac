"""How the terminal commands present themselves: an example under every command's help, option
placeholders that say what to type (FILE, TEXT, DATE) instead of Python types, and `--version`.

Owns: the examples (one table, checked by the tests), the placeholder names, the command classes
that apply them. Never: imports beyond Typer (`pregback --help` stays fast), or clinical wording.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperArgument, TyperGroup, TyperOption

#: Examples shown under each command's help, by command path. Every command has at least one (a
#: test walks the whole tree); the ones that read only the bundled files are also run by a test.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "pregback assess",
        "pregback assess --findings examples/findings.json",
        "pregback knowledge list",
    ),
    "assess": (
        "pregback assess",
        "pregback assess --findings examples/findings.json",
        'pregback assess --message "33 weeks, back aches in waves every 8 min"',
        "echo '20 weeks, low back ache since today' | pregback assess --message -",
    ),
    "batch": ("pregback batch examples/cases.jsonl",),
    "eval": ("pregback eval examples/cases.jsonl",),
    "read": (
        'pregback read "im 33 wks, back aching every 8-10 mins, no bleeding"',
        "pregback read --json - < message.txt",
    ),
    "profile": (
        "pregback profile",
        "pregback profile --weeks 30 --first-pregnancy",
        "pregback profile --due 2026-09-30",
    ),
    "timer": ("pregback timer", "pregback timer --weeks 38"),
    "report": ("pregback report --out ~/Documents", "pregback report --no-pdf"),
    "export": ("pregback export --fhir --out pregback-fhir.json",),
    "serve": (
        "pregback serve",
        "pregback serve --host 127.0.0.1 --port 8000 --workers 2",
    ),
    "token": ("pregback token --person me --label phone",),
    "knowledge": ("pregback knowledge list", "pregback knowledge show U9"),
    "knowledge list": (
        "pregback knowledge list",
        "pregback knowledge list rules",
        "pregback knowledge list symptoms",
    ),
    "knowledge show": (
        "pregback knowledge show U9",
        "pregback knowledge show preterm_labour",
        "pregback knowledge show NICE-NG235",
    ),
    "knowledge check": (
        "pregback knowledge check",
        "pregback knowledge check --path my-reviewed-copy/",
    ),
    "diary": ("pregback diary add --pain 6 --where lower_back", "pregback diary list"),
    "diary add": (
        "pregback diary add --pain 6 --where lower_back --helped 'warm bath'",
        "pregback diary add --pain 3 --at yesterday --note 'after a long walk'",
    ),
    "diary list": ("pregback diary list", "pregback diary list --since 2026-03-01 --limit 20"),
    "diary show": ("pregback diary show 12",),
    "diary edit": ("pregback diary edit 12 --pain 5",),
    "diary delete": ("pregback diary delete 12", "pregback diary delete --all --yes"),
    "diary export": (
        "pregback diary export --format csv --out diary.csv",
        "pregback diary export --format json",
    ),
}

#: What to type, by the Python type of the option's value.
PLACEHOLDERS = {"str": "TEXT", "int": "N", "float": "NUMBER", "Path": "PATH", "bool": ""}


def epilog(path: str) -> str:
    lines = EXAMPLES[path]
    title = "Example" if len(lines) == 1 else "Examples"
    return f"[bold]{title}[/bold]\n\n" + "\n\n".join(f"  {escape(line)}" for line in lines)


def placeholder(param: Any) -> str:
    """The placeholder shown after an option in --help: nothing for a flag, else what to type."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    name = str(param.bare_type())
    if name.startswith("list[") and name.endswith("]"):
        name = name[5:-1]
    return PLACEHOLDERS.get(name, name.upper())


def _no_type(ctx: Any) -> None:
    return None


def tidy(command: Any, path: str = "") -> None:
    """Give `command` and everything under it its examples and plain placeholders (in place)."""
    if path in EXAMPLES and not command.epilog:
        command.epilog = epilog(path)
    params = list(command.params)
    helper = command.get_help_option(typer.Context(command))
    if helper is not None:
        params.append(helper)
    for param in params:
        if isinstance(param, TyperOption) and param.metavar is None:
            param.metavar = placeholder(param)
        elif isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = str(param.name).upper()
            # An argument's name already says what to type; Typer would add its Python type.
            param.display_type_rich = _no_type  # type: ignore[method-assign]
    for name, sub in getattr(command, "commands", {}).items():
        tidy(sub, f"{path} {name}".strip())


class Group(TyperGroup):
    """The top-level command group: tidies the whole command tree once, when it is built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy(self)

    def get_params(self, ctx: Any) -> list[Any]:  # Typer's own click Context
        params: list[Any] = super().get_params(ctx)  # with Typer's completion options, added late
        for param in params:
            if isinstance(param, TyperOption) and param.metavar is None:
                param.metavar = placeholder(param)
        return params


def show_version(value: bool) -> None:
    if value:
        from pregback import __version__

        typer.echo(f"pregback {__version__}")
        raise typer.Exit()
