"""Bad input for every terminal command: each must exit 2 with one message naming the field, and
never a traceback. Read by tests/test_cli_corpus.py.

An entry: the command line (`{dir}` is the test's folder, where `files` are written first), what
standard input holds, extra environment, whether her profile exists first, and the words the
message must hold (the option, argument or field at fault).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

DIGITS_5000 = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000
NOT_UTF8 = b'{"pain_severity": 3, "notes": "caf\xe9"}'


@dataclass(frozen=True)
class Bad:
    id: str
    args: tuple[str, ...]
    names: str  # what the message must name, case-insensitive
    stdin: bytes | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    profile: bool = False  # her profile and one diary entry exist before the command


def _j(value: object) -> bytes:
    return json.dumps(value).encode()


def _lines(*cases: object) -> bytes:
    return b"\n".join(c if isinstance(c, bytes) else _j(c) for c in cases) + b"\n"


GOOD_CASE = {"id": "ok", "findings": {"gestational_weeks": 30}, "expected": {"urgency": "routine"}}

CORPUS: tuple[Bad, ...] = (
    # ------------------------------------------------------------------ assess
    Bad(
        "assess-5000-digits",
        ("assess", "--findings", "{dir}/f.json"),
        "pain_severity",
        files={"f.json": b'{"pain_severity": ' + DIGITS_5000.encode() + b"}"},
    ),
    Bad(
        "assess-deep",
        ("assess", "--findings", "{dir}/f.json"),
        "nested",
        files={"f.json": DEEP.encode()},
    ),
    Bad(
        "assess-deep-in-a-field",
        ("assess", "--findings", "{dir}/f.json"),
        "symptoms",
        files={"f.json": b'{"symptoms": ' + b"[" * 70 + b"]" * 70 + b"}"},
    ),
    Bad(
        "assess-not-utf8",
        ("assess", "--findings", "{dir}/f.json"),
        "UTF-8",
        files={"f.json": NOT_UTF8},
    ),
    Bad("assess-stdin-not-utf8", ("assess", "--findings", "-"), "--findings", stdin=NOT_UTF8),
    Bad("assess-not-json", ("assess", "--findings", "-"), "--findings", stdin=b"{weeks: 30"),
    Bad("assess-empty-stdin", ("assess", "--findings", "-"), "--findings", stdin=b""),
    Bad("assess-missing-file", ("assess", "--findings", "{dir}/nothing.json"), "--findings"),
    Bad("assess-folder", ("assess", "--findings", "{dir}"), "--findings"),
    Bad(
        "assess-out-of-range",
        ("assess", "--findings", "-"),
        "pain_severity",
        stdin=_j({"pain_severity": 12}),
    ),
    Bad("assess-a-list", ("assess", "--findings", "-"), "findings", stdin=b"[]"),
    Bad(
        "assess-symptom-value",
        ("assess", "--findings", "-"),
        "symptoms.fever",
        stdin=_j({"symptoms": {"fever": ["present"]}}),
    ),
    Bad("assess-unknown-key", ("assess", "--findings", "-"), "colour", stdin=_j({"colour": "red"})),
    Bad(
        "assess-nan",
        ("assess", "--findings", "-"),
        "gestational_weeks",
        stdin=b'{"gestational_weeks": NaN}',
    ),
    Bad(
        "assess-infinite",
        ("assess", "--findings", "-"),
        "gestational_weeks",
        stdin=b'{"gestational_weeks": 1e999}',
    ),
    Bad(
        "assess-location-object",
        ("assess", "--findings", "-"),
        "pain_locations",
        stdin=_j({"pain_locations": [{"a": 1}]}),
    ),
    Bad(
        "assess-episodes-not-a-list",
        ("assess", "--findings", "{dir}/f.json", "--episodes", "{dir}/e.json"),
        "episodes",
        files={"f.json": b"{}", "e.json": b'"waves"'},
    ),
    Bad(
        "assess-episode-ends-first",
        ("assess", "--findings", "{dir}/f.json", "--episodes", "{dir}/e.json"),
        "end",
        files={
            "f.json": b"{}",
            "e.json": _j([{"start": "2026-03-01T10:00:00", "end": "2026-03-01T09:00:00"}]),
        },
    ),
    Bad("assess-message-not-utf8", ("assess", "--message", "\udcff 30 weeks"), "--message"),
    Bad("assess-no-input", ("assess",), "--findings", stdin=b""),
    # ------------------------------------------------------------------ batch
    Bad(
        "batch-4301-digits",
        ("batch", "-"),
        "findings.pain_severity",
        stdin=_lines(
            b'{"id": "x", "findings": {"pain_severity": ' + b"9" * 4301 + b"}}", GOOD_CASE
        ),
    ),
    Bad("batch-not-json", ("batch", "-"), "line 1", stdin=_lines(b"{broken", GOOD_CASE)),
    Bad("batch-deep", ("batch", "-"), "nested", stdin=_lines(DEEP.encode(), GOOD_CASE)),
    Bad("batch-unknown-key", ("batch", "-"), "colour", stdin=_lines({"id": "x", "colour": 1})),
    Bad(
        "batch-out-of-range",
        ("batch", "-"),
        "gestational_weeks",
        stdin=_lines({"id": "x", "findings": {"gestational_weeks": 99}}),
    ),
    Bad("batch-a-list", ("batch", "-"), "case", stdin=_lines([1, 2])),
    Bad(
        "batch-message-a-number", ("batch", "-"), "message", stdin=_lines({"id": "x", "message": 7})
    ),
    Bad("batch-nothing-to-assess", ("batch", "-"), "findings", stdin=_lines({"id": "x"})),
    Bad("batch-missing-file", ("batch", "{dir}/nothing.jsonl"), "FILE"),
    Bad("batch-folder", ("batch", "{dir}"), "FILE"),
    # ------------------------------------------------------------------ eval
    Bad("eval-empty", ("eval", "{dir}/c.jsonl"), "no cases", files={"c.jsonl": b""}),
    Bad(
        "eval-unknown-urgency",
        ("eval", "{dir}/c.jsonl"),
        "expected.urgency",
        files={"c.jsonl": _lines({**GOOD_CASE, "expected": {"urgency": "soon"}})},
    ),
    Bad(
        "eval-no-expected",
        ("eval", "{dir}/c.jsonl"),
        "expected.urgency",
        files={"c.jsonl": _lines({"id": "a", "findings": {}})},
    ),
    Bad(
        "eval-not-utf8", ("eval", "{dir}/c.jsonl"), "CASES", files={"c.jsonl": b'{"id": "\xff"}\n'}
    ),
    Bad("eval-deep", ("eval", "{dir}/c.jsonl"), "nested", files={"c.jsonl": DEEP.encode()}),
    Bad(
        "eval-5000-digits",
        ("eval", "{dir}/c.jsonl"),
        "findings.pain_severity",
        files={
            "c.jsonl": b'{"id": "a", "findings": {"pain_severity": '
            + DIGITS_5000.encode()
            + b"}}\n"
        },
    ),
    Bad(
        "eval-no-id",
        ("eval", "{dir}/c.jsonl"),
        "id",
        files={"c.jsonl": _lines({"findings": {}, "expected": {"urgency": "routine"}})},
    ),
    Bad(
        "eval-id-a-list",
        ("eval", "{dir}/c.jsonl"),
        "id",
        files={"c.jsonl": _lines({**GOOD_CASE, "id": [1]})},
    ),
    Bad(
        "eval-same-id-twice",
        ("eval", "{dir}/c.jsonl"),
        "id",
        files={"c.jsonl": _lines(GOOD_CASE, GOOD_CASE)},
    ),
    Bad(
        "eval-causes-not-a-list",
        ("eval", "{dir}/c.jsonl"),
        "expected.causes",
        files={"c.jsonl": _lines({**GOOD_CASE, "expected": {"urgency": "routine", "causes": "x"}})},
    ),
    Bad("eval-not-an-object", ("eval", "{dir}/c.jsonl"), "line 1", files={"c.jsonl": b"[1]\n"}),
    Bad("eval-missing-file", ("eval", "{dir}/nothing.jsonl"), "CASES"),
    Bad("eval-folder", ("eval", "{dir}"), "CASES"),
    # ------------------------------------------------------------------ read
    Bad("read-not-utf8", ("read", "ab\udcff"), "MESSAGE"),
    Bad("read-stdin-not-utf8", ("read", "-"), "MESSAGE", stdin=b"my back \xff hurts"),
    Bad("read-too-long", ("read", "-"), "message", stdin=b"a" * 20_001),
    # ------------------------------------------------------------------ knowledge
    Bad(
        "knowledge-check-a-file",
        ("knowledge", "check", "--path", "{dir}/k.yaml"),
        "--path",
        files={"k.yaml": b"a: 1\n"},
    ),
    Bad("knowledge-check-missing", ("knowledge", "check", "--path", "{dir}/nothing"), "--path"),
    Bad(
        "knowledge-check-empty-folder",
        ("knowledge", "check", "--path", "{dir}/kb"),
        "levels.yaml",
        files={"kb/.keep": b""},
    ),
    Bad(
        "knowledge-check-not-utf8",
        ("knowledge", "check", "--path", "{dir}/kb"),
        "--path",
        files={"kb/levels.yaml": b"levels: \xff\n"},
    ),
    Bad("knowledge-list-kind", ("knowledge", "list", "colours"), "kind"),
    Bad(
        "knowledge-list-a-file",
        ("knowledge", "list", "rules", "--path", "{dir}/k.yaml"),
        "--path",
        files={"k.yaml": b""},
    ),
    Bad("knowledge-show-unknown", ("knowledge", "show", "Z99"), "id"),
    Bad("knowledge-show-not-utf8", ("knowledge", "show", "U\udcff"), "ID"),
    # ------------------------------------------------------------------ profile
    Bad("profile-due-not-a-date", ("profile", "--due", "soon"), "due_date"),
    Bad("profile-due-far-away", ("profile", "--due", "2099-01-01"), "due_date"),
    Bad(
        "profile-person-too-long",
        ("profile", "--first-pregnancy", "--person", "p" * 81),
        "person",
    ),
    Bad("profile-person-not-utf8", ("profile", "--person", "\udcfe"), "--person"),
    Bad("profile-none-yet", ("profile",), "profile"),
    # ------------------------------------------------------------------ timer
    Bad("timer-no-terminal", ("timer",), "terminal"),
    Bad("timer-weeks", ("timer", "--weeks", "99"), "--weeks"),
    # ------------------------------------------------------------------ diary
    Bad("diary-add-pain-11", ("diary", "add", "--pain", "11"), "pain"),
    Bad("diary-add-pain-words", ("diary", "add", "--pain", "bad"), "--pain"),
    Bad("diary-add-where", ("diary", "add", "--pain", "3", "--where", "elbow"), "locations"),
    Bad("diary-add-symptom", ("diary", "add", "--pain", "3", "--symptom", "hiccups"), "symptoms"),
    Bad("diary-add-future", ("diary", "add", "--pain", "3", "--at", "2099-01-01 10:00"), "at"),
    Bad("diary-add-at-words", ("diary", "add", "--pain", "3", "--at", "teatime"), "at"),
    Bad("diary-add-note-not-utf8", ("diary", "add", "--pain", "3", "--note", "\udcff"), "--note"),
    Bad("diary-add-note-too-long", ("diary", "add", "--pain", "3", "--note", "n" * 5001), "notes"),
    Bad(
        "diary-add-helped-many",
        ("diary", "add", "--pain", "3", *(["--helped", "rest"] * 21)),
        "helped",
    ),
    Bad(
        "diary-add-helped-not-utf8", ("diary", "add", "--pain", "3", "--helped=\udcfe"), "--helped"
    ),
    Bad("diary-show-2-70", ("diary", "show", str(2**70)), "id", profile=True),
    Bad("diary-show-2-63", ("diary", "show", str(2**63)), "id", profile=True),
    Bad("diary-show-0", ("diary", "show", "0"), "id", profile=True),
    Bad("diary-show-words", ("diary", "show", "first"), "ID", profile=True),
    Bad("diary-show-5000-digits", ("diary", "show", DIGITS_5000), "ID", profile=True),
    Bad("diary-show-none-yet", ("diary", "show", "1"), "person"),
    Bad("diary-edit-2-70", ("diary", "edit", str(2**70), "--pain", "3"), "id", profile=True),
    Bad("diary-edit-nothing", ("diary", "edit", "1"), "changes", profile=True),
    Bad("diary-edit-pain-11", ("diary", "edit", "1", "--pain", "11"), "pain", profile=True),
    Bad("diary-delete-2-70", ("diary", "delete", str(2**70)), "id", profile=True),
    Bad("diary-delete-id-and-all", ("diary", "delete", "1", "--all"), "--all", profile=True),
    Bad("diary-delete-all-unconfirmed", ("diary", "delete", "--all"), "--yes", profile=True),
    Bad("diary-list-since", ("diary", "list", "--since", "lately"), "since", profile=True),
    Bad("diary-list-limit-0", ("diary", "list", "--limit", "0"), "--limit"),
    Bad("diary-export-format", ("diary", "export", "--format", "xml"), "--format", profile=True),
    Bad("diary-bad-database", ("diary", "list", "--db", "nosuch://x"), "database"),
    Bad(
        "diary-database-not-sqlite",
        ("diary", "list", "--db", "{dir}/notes.txt"),
        "database",
        files={"notes.txt": b"not a database, just words\n" * 50},
    ),
    # ------------------------------------------------------------------ report and export
    Bad("report-none-yet", ("report", "--no-pdf", "--out", "{dir}/out"), "person"),
    Bad("report-out-a-file", ("report", "--out", "{dir}/r.txt"), "--out", files={"r.txt": b""}),
    Bad("export-no-format", ("export",), "--fhir"),
    Bad("export-none-yet", ("export", "--fhir"), "person"),
    Bad("export-out-a-folder", ("export", "--fhir", "--out", "{dir}"), "--out", profile=True),
    # ------------------------------------------------------------------ serve and token
    Bad("serve-open-address", ("serve", "--host", "0.0.0.0"), "--host"),
    Bad("serve-lan-address", ("serve", "--host", "192.168.1.20", "--port", "8123"), "--host"),
    Bad("serve-port-0", ("serve", "--port", "0"), "--port"),
    Bad("serve-workers-0", ("serve", "--workers", "0"), "--workers"),
    Bad("serve-log-level", ("serve", "--log-level", "loud"), "--log-level"),
    Bad(
        "serve-body-limit",
        ("serve",),
        "PREGBACK_MAX_BODY_BYTES",
        env={"PREGBACK_MAX_BODY_BYTES": "lots"},
    ),
    Bad(
        "serve-allowed-hosts",
        ("serve",),
        "PREGBACK_ALLOWED_HOSTS",
        env={"PREGBACK_ALLOWED_HOSTS": "http://a.example"},
    ),
    Bad("serve-rate-limit", ("serve",), "PREGBACK_RATE_LIMIT", env={"PREGBACK_RATE_LIMIT": "-1"}),
    Bad(
        "serve-multi-user-flag",
        ("serve",),
        "PREGBACK_MULTI_USER",
        env={"PREGBACK_MULTI_USER": "maybe"},
    ),
    Bad("token-person-too-long", ("token", "--person", "p" * 81), "person"),
    Bad("token-person-not-utf8", ("token", "--person", "\udcfe"), "--person"),
    Bad("token-bad-database", ("token", "--db", "nosuch://x"), "database"),
    # ------------------------------------------------------------------ any command
    Bad("unknown-command", ("triage",), "triage"),
    Bad("command-not-utf8", ("\udcfe",), "command"),
)
