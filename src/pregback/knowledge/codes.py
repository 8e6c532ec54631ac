"""Standard codes (SNOMED CT, LOINC) for findings and causes, read from codes.yaml and checked.

Owns: the shape of codes.yaml and its checks (known ids, known systems, the form of each code).
Never: a code in the program; every code is data that a reviewer can check against the terminology.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pregback.errors import KnowledgeError

#: What a code of each system looks like: a SNOMED CT concept id, a LOINC code with its check digit.
FORMS = {"snomed": re.compile(r"[1-9]\d{5,17}"), "loinc": re.compile(r"\d{1,7}-\d")}


class Coding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    system: str  # the code system's URI
    code: str
    display: str


class CodeDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # a symptom, cause or scalar id
    system: Literal["snomed", "loinc"]
    code: str
    display: str


def load_codes(
    path: Path, raw: dict[str, Any], known: Collection[str]
) -> dict[str, tuple[Coding, ...]]:
    """The codings of each id in codes.yaml; KnowledgeError naming the entry at fault otherwise."""
    where = path.name
    systems = raw.get("systems")
    if not isinstance(systems, dict) or set(systems) != set(FORMS):
        raise KnowledgeError(f"{where}: 'systems' must map exactly {', '.join(FORMS)} to URIs")
    extra = set(raw) - {"systems", "codes"}
    if extra:
        raise KnowledgeError(
            f"{where}: unknown top-level key {sorted(extra)[0]!r} (allowed: systems, codes)"
        )
    entries = raw.get("codes")
    if not isinstance(entries, list):
        raise KnowledgeError(f"{where}: 'codes' must be a list of records")
    out: dict[str, tuple[Coding, ...]] = {}
    for i, entry in enumerate(entries):
        rid = entry.get("id", f"#{i}") if isinstance(entry, dict) else f"#{i}"
        try:
            item = CodeDef.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise KnowledgeError(
                f"{where} id {rid}: field {loc!r}: {first['msg']}; value {first.get('input')!r}"
                f" (allowed keys: {', '.join(CodeDef.model_fields)})"
            ) from None
        if item.id not in known:
            raise KnowledgeError(f"{where} id {item.id}: not a symptom, cause or scalar id")
        if not FORMS[item.system].fullmatch(item.code):
            raise KnowledgeError(
                f"{where} id {item.id}: {item.code!r} is not a {item.system} code "
                f"(allowed: {FORMS[item.system].pattern})"
            )
        coding = Coding(system=str(systems[item.system]), code=item.code, display=item.display)
        if any(c.system == coding.system for c in out.get(item.id, ())):
            raise KnowledgeError(f"{where} id {item.id}: two {item.system} codes")
        out[item.id] = (*out.get(item.id, ()), coding)
    return out
