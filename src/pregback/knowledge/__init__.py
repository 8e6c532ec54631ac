"""The knowledge base: data files loaded once, validated, and compiled for the engine.

Owns: the package's public names (KnowledgeBase, load_knowledge, default_knowledge, DATA,
read_yaml) and the bundled base loaded once per process. The parts: `files` (reading one YAML file
and its records), `loader` (checking and compiling a folder), `base` (the loaded value), `schema`
(the record models), `conditions` (the condition language), `lexicon` and `lexicon_load` (the
reading lexicon), `codes` (SNOMED CT and LOINC). Never: clinical logic of its own; every clinical
fact is in the data files.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache

from pregback.knowledge.base import CompiledFeature, CompiledRule, KnowledgeBase, Plain
from pregback.knowledge.files import read_yaml
from pregback.knowledge.loader import DATA, FILES, LANGUAGE, load_knowledge

__all__ = [
    "DATA",
    "FILES",
    "LANGUAGE",
    "CompiledFeature",
    "CompiledRule",
    "KnowledgeBase",
    "Plain",
    "default_knowledge",
    "load_knowledge",
    "overdue",
    "read_yaml",
]


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The knowledge base every interface uses, loaded once per process: the folder named by
    PREGBACK_KNOWLEDGE (a reviewer's edited copy), else the bundled one; its locale from
    PREGBACK_LOCALE, else the folder's default."""
    return load_knowledge(os.environ.get("PREGBACK_KNOWLEDGE") or None)


def overdue(kb: KnowledgeBase, today: date, months: int = 12) -> list[str]:
    """Rules and advice items last reviewed more than `months` ago (docs/safety.md H17), each as
    "rules.yaml U9 (reviewed 2026-12-06)"."""
    cutoff = date(today.year - months // 12, today.month, min(today.day, 28))
    out = [
        f"rules.yaml {r.id} (reviewed {r.reviewed})"
        for r in kb.rules.values()
        if r.reviewed < cutoff
    ]
    out += [
        f"advice.yaml {a.id} (reviewed {a.reviewed})"
        for a in kb.advice.values()
        if a.reviewed < cutoff
    ]
    return out
