"""Free-text reading: a pregnant person's own words into the contract's findings.

Owns: the public `read(message, kb=None) -> Reading`. Never: I/O after the lexicon is loaded once,
or any exception other than PregbackError.
"""

from __future__ import annotations

from pregback.core.reading.model import Evidence, Reading
from pregback.core.reading.reader import MAX_MESSAGE, read

__all__ = ["MAX_MESSAGE", "Evidence", "Reading", "read"]
