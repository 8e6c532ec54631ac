"""The knowledge base: data files loaded once, validated, and compiled for the engine.

Owns: the package's public names (KnowledgeBase, load_knowledge, default_knowledge, DATA,
read_yaml) and the bundled base loaded once per process. The parts: `files` (reading one YAML file
and its records), `loader` (checking and compiling a folder), `base` (the loaded value), `schema`
(the record models), `conditions` (the condition language), `lexicon` and `lexicon_load` (the
reading lexicon), `codes` (SNOMED CT and LOINC). Never: clinical logic of its own; every clinical
fact is in the data files.
"""

from __future__ import annotations

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
    "read_yaml",
]


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return load_knowledge()
