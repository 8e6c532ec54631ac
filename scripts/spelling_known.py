#!/usr/bin/env python3
"""Write the `known` list of a lexicon's spelling.yaml from a dictionary of the language.

    scripts/spelling_known.py [LEXICON_FOLDER] [DICTIONARY ...]

`known` holds the dictionary's words that lie within the spelling edits of one of `words` (a
shorter word too: one of `words` with a letter dropped; or one with letters swapped for others
that sound the same), or that split into two of them: real words the reader must never
"correct" ("breeding" is not "bleeding", "backside" is not "back side"). Defaults: the bundled
English lexicon and /usr/share/dict's british-english and american-english (Debian packages
wbritish, wamerican).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pregback.core.reading.spelling import Speller
from pregback.knowledge import DATA, LANGUAGE
from pregback.knowledge.lexicon_load import load_lexicon

BLOCK = re.compile(r"(?ms)^known: \[.*?^\]\n?")  # the whole list, its closing bracket too


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DATA / "lexicon" / LANGUAGE
    dictionaries = [Path(p) for p in argv[1:]] or [
        Path("/usr/share/dict/british-english"),
        Path("/usr/share/dict/american-english"),
    ]
    lex = load_lexicon(folder)
    speller = Speller(lex.spelling, known=frozenset())
    words: set[str] = set()
    for d in dictionaries:
        words |= {w.strip().lower() for w in d.read_text(encoding="utf-8", errors="ignore").split()}
    words = {w for w in words if w.isalpha() and w.isascii()}
    known = sorted(w for w in words if w not in speller.words and speller.guess(w) is not None)
    path = folder / "spelling.yaml"
    text = path.read_text(encoding="utf-8")
    block = "known: [\n" + "".join(f'  "{w}",\n' for w in known) + "]\n"
    text = BLOCK.sub(block, text) if BLOCK.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(known)} known words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
