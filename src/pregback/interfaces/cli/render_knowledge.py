"""The knowledge base in a terminal: the kinds of record, a list of one kind, and one record in full
as readable text (conditions in words, sources with their links).

Owns: how knowledge records look in a terminal. Never: clinical logic, or changing a record.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pregback.interfaces.plain import SOURCE_KINDS, finding_label
from pregback.knowledge import KnowledgeBase
from pregback.knowledge.conditions import FACTS

COMPARE = {
    "at_least": "at least",
    "at_most": "at most",
    "more_than": "more than",
    "less_than": "less than",
}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _tables(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    return {
        "rules": kb.rules,
        "causes": kb.causes,
        "advice": kb.advice,
        "claims": kb.claims,
        "sources": kb.sources,
        "symptoms": kb.symptoms,
    }


def show_knowledge_list(kb: KnowledgeBase, kind: str, console: Console | None = None) -> None:
    con = console or _console()
    table = Table(box=None)
    if kind == "rules":
        table.add_column("id")
        table.add_column("urgency")
        table.add_column("title")
        table.add_column("sources")
        for r in kb.rules.values():
            table.add_row(r.id, r.urgency, r.title, ", ".join(r.sources))
    elif kind == "causes":
        for col in ("id", "name", "window", "sources"):
            table.add_column(col)
        for c in kb.causes.values():
            w = c.window
            window = (
                f"{w.min if w.min is not None else ''}-{w.max if w.max is not None else ''} wk"
                if (w.min or w.max)
                else "any"
            )
            table.add_row(c.id, c.name, window, ", ".join(c.sources))
    elif kind == "advice":
        for col in ("id", "title", "weeks", "evidence", "sources"):
            table.add_column(col)
        for a in kb.advice.values():
            weeks = (
                f"{a.weeks.min or ''}-{a.weeks.max or ''}"
                if (a.weeks.min or a.weeks.max)
                else "any"
            )
            if a.never_from_week:
                weeks += f", never from {a.never_from_week}"
            table.add_row(a.id, a.title, weeks, a.evidence.strength, ", ".join(a.sources))
    elif kind == "claims":
        for col in ("id", "verdict", "claim"):
            table.add_column(col)
        for cl in kb.claims.values():
            table.add_row(cl.id, cl.verdict, cl.claim)
    elif kind == "sources":
        for col in ("id", "kind", "by", "title", "year"):
            table.add_column(col)
        for s in kb.sources.values():
            table.add_row(s.id, SOURCE_KINDS.get(s.kind, s.kind), s.by, s.title, str(s.year or ""))
    else:
        for col in ("id", "label", "red flag", "question"):
            table.add_column(col)
        for sym in kb.symptoms.values():
            table.add_row(sym.id, sym.label, "yes" if sym.red_flag else "", sym.question)
    con.print(table)


def show_kinds(kb: KnowledgeBase, kinds: dict[str, str], console: Console | None = None) -> None:
    """Each kind of record, how many there are and what they are."""
    con = console or _console()
    tables = _tables(kb)
    table = Table("kind", "records", "what they are", box=None)
    for kind, meaning in kinds.items():
        table.add_row(kind, str(len(tables[kind])), meaning)
    con.print(table)
    con.print("\nList one kind with: pregback knowledge list KIND (for example: rules)")


def weeks_words(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"weeks {low} to {high}"
    if low is not None:
        return f"from week {low}"
    if high is not None:
        return f"up to week {high}"
    return "any week"


def condition_words(kb: KnowledgeBase, cond: Any) -> str:
    """A rule's or feature's condition as a sentence fragment, with labels instead of ids."""
    ((key, arg),) = cond.items()
    if key in ("all", "any"):
        parts = [condition_words(kb, c) for c in arg]
        if len(parts) == 1:
            return parts[0]
        joined = (" and " if key == "all" else " or ").join(parts)
        return f"({joined})"
    if key == "present":
        return finding_label(kb, arg)
    if key == "any_present":
        return "any of: " + ", ".join(finding_label(kb, a) for a in arg)
    if key == "not_present":
        return f"not: {finding_label(kb, arg)}"
    if key == "location":
        return f"pain in: {finding_label(kb, arg)}"
    if key == "any_location":
        return "pain in any of: " + ", ".join(finding_label(kb, a) for a in arg)
    if key == "is":
        ((fact, value),) = arg.items()
        spec = kb.scalars.get(fact)
        shown = spec.choice_labels.get(value, value) if spec else value
        return f"{finding_label(kb, fact).lower()}: {str(shown).lower()}"
    if key in COMPARE:
        ((fact, value),) = arg.items()
        return f"{FACTS.get(fact, fact)}: {COMPARE[key]} {value:g}"
    if key == "unknown":
        return f"{FACTS.get(arg, finding_label(kb, arg))}: not known"
    if key == "weeks":
        return weeks_words(arg.get("min"), arg.get("max"))
    return str(cond)


def condition_lines(kb: KnowledgeBase, cond: Any) -> Text:
    """A condition as text: all of several parts as a bulleted list, anything else as one line."""
    ((key, arg),) = cond.items()
    if key == "all" and len(arg) > 1:
        parts = [condition_words(kb, c).removeprefix("(").removesuffix(")") for c in arg]
        return Text("all of these:\n" + "\n".join(f"• {p}" for p in parts))
    return Text(condition_words(kb, cond))


def source_line(kb: KnowledgeBase, sid: str) -> Group:
    """A source with what kind it is and, when it is public, its link (never broken across lines,
    so that it can be copied or clicked whole)."""
    s = kb.sources[sid]
    line = Text(f"[{sid}] ", style="bold")
    line.append(kb.source_label(sid))
    line.append(f" — {SOURCE_KINDS.get(s.kind, s.kind)}", style="dim")
    if not s.url:
        return Group(line)
    return Group(line, Text(f"     {s.url}", style="underline", no_wrap=True, overflow="ignore"))


def _field(title: str, body: Any) -> Group:
    return Group(Text(title, style="bold"), Padding(body, (0, 0, 1, 2)))


def _bullets(lines: list[str]) -> Text:
    return Text("\n".join(f"• {line}" for line in lines))


def _parts(kb: KnowledgeBase, kind: str, rec: Any) -> list[Group]:
    parts: list[Group] = []
    if kind == "rules":
        parts.append(_field("Urgency", Text(kb.levels[rec.urgency].label)))
        parts.append(_field("Applies when", condition_lines(kb, rec.when)))
        parts.append(_field("Why", Text(rec.reason)))
        if rec.causes:
            names = [kb.causes[c].name for c in rec.causes]
            parts.append(_field("Points to", Text(", ".join(names))))
        parts.append(_field("Where in the specification", Text(f"TRIAGE.md section {rec.section}")))
    elif kind == "causes":
        parts.append(_field("What it is", Text(rec.explanation)))
        parts.append(_field("What it means for you", Text(rec.meaning)))
        parts.append(_field("When in pregnancy", Text(rec.when_in_pregnancy)))
        parts.append(_field("Typical signs", _bullets(rec.typical)))
        fits = [
            f"{'fits' if f.weight > 0 else 'argues against'} ({f.weight:+g}): "
            f"{condition_words(kb, f.when)}"
            for f in rec.features
        ]
        parts.append(_field("How pregback weighs the findings", _bullets(fits)))
    elif kind == "advice":
        parts.append(_field("What to do", Text(rec.summary)))
        if rec.steps:
            parts.append(_field("Steps", _bullets(rec.steps)))
        if rec.partner:
            parts.append(_field("How a partner can help", _bullets(rec.partner)))
        weeks = weeks_words(rec.weeks.min, rec.weeks.max)
        if rec.never_from_week:
            weeks += f"; never from week {rec.never_from_week}"
            if rec.never_reason:
                weeks += f" ({rec.never_reason})"
        parts.append(_field("When it applies", Text(weeks)))
        if rec.cautions:
            parts.append(_field("Cautions", _bullets(rec.cautions)))
        evidence = f"{rec.evidence.strength.replace('_', ' ')}: {rec.evidence.summary}"
        parts.append(_field("Evidence", Text(evidence)))
    elif kind == "claims":
        parts.append(_field("The claim", Text(rec.claim)))
        parts.append(_field("Verdict", Text(rec.verdict.replace("_", " "))))
        parts.append(_field("What the better evidence says", Text(rec.better_evidence)))
    elif kind == "sources":
        parts.append(_field("By", Text(rec.by)))
        parts.append(_field("Kind", Text(SOURCE_KINDS.get(rec.kind, rec.kind))))
        if rec.year:
            parts.append(_field("Year", Text(str(rec.year))))
        if rec.section:
            parts.append(_field("Section", Text(rec.section)))
        parts.append(_field("Link", Text(rec.url or "none public")))
        if rec.note:
            parts.append(_field("Note", Text(rec.note)))
    else:
        parts.append(_field("Question", Text(rec.question)))
        parts.append(_field("What counts", Text(rec.meaning)))
        flags = [
            w
            for w, on in (
                ("a red flag: asked early", rec.red_flag),
                ("a fact about your history", rec.history),
                ("may keep a rule from applying", rec.protective),
            )
            if on
        ]
        if flags:
            parts.append(_field("Notes", Text("; ".join(flags))))
    return parts


def _title(kind: str, rec: Any) -> str:
    for attr in ("title", "name", "label", "claim"):
        value = getattr(rec, attr, None)
        if value:
            return f"{rec.id}: {value}"
    return str(rec.id)


def show_knowledge_record(kb: KnowledgeBase, rid: str, console: Console | None = None) -> bool:
    """One record as readable text; False when no record has this id."""
    con = console or _console()
    for kind, table in _tables(kb).items():
        rec = table.get(rid)
        if rec is None:
            continue
        con.print(Panel(Group(*_parts(kb, kind, rec)), title=_title(kind, rec), title_align="left"))
        sources = list(dict.fromkeys(getattr(rec, "sources", [])))
        if sources:
            con.print("[bold]Sources[/bold]")
            for sid in sources:
                con.print(source_line(kb, sid), crop=False)
        return True
    return False
