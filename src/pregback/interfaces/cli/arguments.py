"""What the terminal hands pregback: arguments, JSON files and standard input, checked before any
command runs, so that every fault is one line naming the option or file, and exit status 2.

Owns: the command group that refuses arguments that are not UTF-8 text (a shell passes undecodable
bytes through as lone surrogates), and reading JSON and text from a file or standard input. Never:
a traceback for bad input, or guessing what undecodable bytes meant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _undecodable(text: str) -> int | None:
    """The byte a lone surrogate stands for (undecodable input, PEP 383), or None."""
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            return ord(ch) - 0xDC00
        if "\ud800" <= ch <= "\udfff":
            return ord(ch)
    return None


class CheckedGroup(TyperGroup):
    """The main command group: every argument must be text (UTF-8) before a command sees it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        for i, arg in enumerate(args):
            byte = _undecodable(arg)
            if byte is not None:
                fail(
                    f"{_name_of(self, ctx, args, i)}: has a byte that is not UTF-8 text "
                    f"(0x{byte:02x}); type it again (allowed: UTF-8 text)"
                )
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed


def _name_of(group: Any, ctx: Any, args: list[str], index: int) -> str:
    """The option (--note) or argument (MESSAGE) whose value is args[index]."""
    arg = args[index]
    if arg.startswith("--") and "=" in arg:
        return arg.split("=", 1)[0]
    if arg.startswith("-"):
        return "an option name"
    command, i, path = group, 0, ["pregback"]
    while isinstance(command, TyperGroup) and i < len(args):
        if args[i].startswith("-"):
            i += 1
            continue
        sub = command.get_command(ctx, args[i])
        if sub is None:
            break
        path.append(args[i])
        command, i = sub, i + 1
    if index < i or isinstance(command, TyperGroup):
        return "the command name"
    params = getattr(command, "params", [])
    takes_value = {
        name
        for p in params
        if getattr(p, "param_type_name", "") == "option" and not getattr(p, "is_flag", False)
        for name in (*p.opts, *p.secondary_opts)
    }
    arguments = [p for p in params if getattr(p, "param_type_name", "") == "argument"]
    position = 0
    while i < index:
        if args[i] in takes_value:
            if i + 1 == index:
                return args[i]
            i += 2
            continue
        if not args[i].startswith("-"):
            position += 1
        i += 1
    if position < len(arguments):
        found = arguments[position]
        return str(found.metavar or found.name.upper())
    return f"argument {position + 1} of `{' '.join(path)}`"


def read_bytes(path: str, what: str) -> bytes:
    """The bytes of a file, or of standard input for "-"; exit 2 naming `what` when unreadable."""
    if path == "-":
        stream: Any = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return sys.stdin.read().encode("utf-8", "surrogateescape")
        data: bytes = stream.read()
        return data
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        fail(f"{what}: cannot read {path}: {exc.strerror or type(exc).__name__}")


def read_text(path: str, what: str) -> str:
    """UTF-8 text of a file or standard input; exit 2 naming `what` and the byte when it is not."""
    raw = read_bytes(path, what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = "standard input" if path == "-" else path
        fail(
            f"{what}: {where} is not UTF-8 text: byte 0x{raw[exc.start]:02x} at position "
            f"{exc.start} (allowed: UTF-8 text)"
        )


def read_json(path: str, what: str) -> Any:
    """The JSON value of a file or standard input, within the limits of `pregback.core.jsonlimits`."""
    from pregback.core.jsonlimits import JSONLimitError, loads

    where = "standard input" if path == "-" else path
    try:
        return loads(read_bytes(path, what), what=where)
    except JSONLimitError as exc:
        fail(f"{what}: {exc}")
