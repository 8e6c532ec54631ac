"""The optional parts of pregback (the HTTP service, PDF reports, PostgreSQL) and the exact command
that installs a missing one into the environment pregback runs in.

Owns: which extra brings which modules, and the one-line message for a missing part. Never:
installing anything itself, or importing the optional modules (it only looks for them).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse


@dataclass(frozen=True)
class Extra:
    name: str
    what: str  # what it brings, in words
    modules: tuple[str, ...]  # what must import for it to work


EXTRAS = {
    "api": Extra(
        "api",
        "the api extra (FastAPI, uvicorn, fhir.resources)",
        ("fastapi", "uvicorn", "fhir.resources"),
    ),
    "pdf": Extra("pdf", "the pdf extra (WeasyPrint)", ("weasyprint",)),
    "postgres": Extra("postgres", "the postgres extra (the psycopg driver)", ("psycopg",)),
}


def missing_modules(extra: str) -> list[str]:
    """The modules of `extra` that cannot be imported here."""
    out = []
    for module in EXTRAS[extra].modules:
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):  # a parent package missing, or blocked in sys.modules
            found = None
        if found is None:
            out.append(module)
    return out


def _source_folder() -> Path | None:
    """The folder pregback was installed from (a clone), when it was installed from one."""
    try:
        text = metadata.distribution("pregback").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        url = str(json.loads(text).get("url", ""))
    except (ValueError, AttributeError):
        return None
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    folder = Path(unquote(parsed.path))
    return folder if folder.is_dir() else None


def _shown(path: Path, lead: str = "./") -> str:
    """A path as she would type it here: relative to the current folder when inside it."""
    try:
        relative = path.absolute().relative_to(Path.cwd().absolute())
    except (ValueError, OSError):
        return str(path)
    return "." if str(relative) == "." else f"{lead}{relative}"


def _pip() -> str:
    """The pip of the environment pregback runs in, as she would type it here."""
    in_venv = sys.prefix != sys.base_prefix
    active = os.environ.get("VIRTUAL_ENV")
    if not in_venv or (active and Path(active).resolve() == Path(sys.prefix).resolve()):
        return "pip"
    return shlex.quote(_shown(Path(sys.prefix) / "bin" / "pip", lead=""))


def install_command(extra: str) -> str:
    """The exact command that installs `extra` here: `pip install '.[pdf]'` in a clone with its
    environment active, the environment's own pip otherwise, and the package name when pregback
    was not installed from a folder."""
    folder = _source_folder()
    target = _shown(folder) if folder is not None else "pregback"
    return f"{_pip()} install {shlex.quote(f'{target}[{extra}]')}"


def missing_message(extra: str, needed_for: str) -> str:
    """One line: what is missing, what needs it, and the command that installs it."""
    part = EXTRAS[extra]
    return f"{needed_for} needs {part.what}, which is not installed. Install it with: {install_command(extra)}"
