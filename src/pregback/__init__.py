"""pregback: back pain in pregnancy, what is going on and how urgent, with every rule sourced.

The public API: `assess`, `read`, `Findings`, `Assessment`, `load_knowledge`. Importing this
package loads nothing heavy: the knowledge base is read on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Assessment", "Findings", "PregbackError", "assess", "load_knowledge", "read"]

if TYPE_CHECKING:
    from pregback.core.findings import Findings
    from pregback.core.triage import Assessment, assess
    from pregback.errors import PregbackError
    from pregback.knowledge import load_knowledge


def __getattr__(name: str) -> Any:
    if name in ("assess", "Assessment"):
        from pregback.core import triage

        return getattr(triage, name)
    if name == "Findings":
        from pregback.core.findings import Findings

        return Findings
    if name == "PregbackError":
        from pregback.errors import PregbackError

        return PregbackError
    if name == "load_knowledge":
        from pregback.knowledge import load_knowledge

        return load_knowledge
    if name == "read":
        from pregback.core.reading import read

        return read
    raise AttributeError(f"module 'pregback' has no attribute {name!r}")
