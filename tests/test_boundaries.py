"""Dependencies point one way: the core loads nothing heavy, and the CLI starts without the servers."""

from __future__ import annotations

import subprocess
import sys

import grimp

HEAVY = (
    "sqlalchemy",
    "fastapi",
    "uvicorn",
    "starlette",
    "fhir",
    "jinja2",
    "typer",
    "rich",
    "alembic",
)


def _loaded(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {name.split(".")[0] for name in out.stdout.split()}


def test_import_pregback_and_assess_load_nothing_heavy() -> None:
    loaded = _loaded("import pregback; pregback.assess({'gestational_weeks': 30})")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_cli_start_does_not_load_servers_or_databases() -> None:
    """The terminal's commands (its diary and profile commands too, which app registers) and the
    diary's history load SQLAlchemy, WeasyPrint and the rest only inside a command that uses them."""
    loaded = _loaded("import pregback.interfaces.cli.app, pregback.core.history")
    assert not loaded & {"sqlalchemy", "fastapi", "uvicorn", "fhir", "alembic", "weasyprint"}


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every cycle of imports, as one closed chain of modules (a, b, ..., a) for each strongly
    connected group of more than one module (Tarjan's algorithm, without recursion). Imports inside
    functions and under TYPE_CHECKING count: they tie the modules together all the same."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, following = work[-1]
            nxt = next(following, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.find_modules_directly_imported_by(nxt)))))
                elif nxt in on_stack:
                    low[module] = min(low[module], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    cycles = []
    for group in groups:
        first = group[0]
        second = min(m for m in graph.find_modules_directly_imported_by(first) if m in group)
        back = graph.find_shortest_chain(importer=second, imported=first) or (second, first)
        cycles.append([first, *back])
    return cycles


def test_no_module_of_pregback_imports_itself_round_a_cycle() -> None:
    graph = grimp.build_graph("pregback", cache_dir=None)
    cycles = import_cycles(graph)
    assert not cycles, "import cycles (move what they share to where it belongs):\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )


def test_the_cycle_finder_names_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=importer, imported=imported)
    graph.add_import(importer="p.d", imported="p.e")
    assert import_cycles(graph) == [["p.a", "p.b", "p.c", "p.a"]]
