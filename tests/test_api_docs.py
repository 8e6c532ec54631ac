"""docs/api.md is checked like code: every curl example runs against the service and gets what the
page says, every endpoint and setting is documented, and every command it names exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from pregback.interfaces.api.app import create_app
from pregback.interfaces.cli.app import app as cli_app
from tests.api_helpers import TestClient, quiet_settings

DOC = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text()
OWN = re.compile(r"^/(v1|cds-services|fhir|health|problems)(/|$)")


def curl_examples() -> list[tuple[int | None, list[str]]]:
    """(expected status or None for 2xx, argv) of every curl command in the bash blocks, in order."""
    out: list[tuple[int | None, list[str]]] = []
    for block in re.findall(r"```bash\n(.*?)```", DOC, flags=re.S):
        expected: int | None = None
        pending = ""
        for line in block.splitlines():
            if not pending:
                note = re.match(r"#\s*(\d{3})\b", line.strip())
                if note:
                    expected = int(note.group(1))
                    continue
                if not line.startswith("curl "):
                    continue
            pending += line.rstrip("\\") + ("\n" if not line.endswith("\\") else " ")
            try:
                argv = shlex.split(pending, comments=True)
            except ValueError:  # a quoted body goes on
                continue
            if line.endswith("\\"):
                continue
            out.append((expected, argv))
            expected, pending = None, ""
    return out


def _request(argv: list[str], token: str) -> dict[str, Any]:
    method, url, headers, data = None, "", {}, None
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg == "-X":
            method, i = argv[i + 1], i + 2
        elif arg == "-H":
            key, value = argv[i + 1].split(":", 1)
            headers[key.strip()] = value.strip().replace("$TOKEN", token)
            i += 2
        elif arg == "-d":
            data, i = argv[i + 1], i + 2
        elif arg.startswith("http"):
            url, i = arg, i + 1
        else:
            i += 1
    return {
        "method": method or ("POST" if data is not None else "GET"),
        "url": url.split("8000", 1)[1],
        "headers": headers,
        "content": data.encode() if data is not None else None,
    }


def test_every_curl_example_works_as_documented(tmp_path: Path) -> None:
    """On an app of its own, over a new database: the documented examples name the ids a new
    database gives (entry 1), which the session's shared app has long given to others."""
    examples = curl_examples()
    assert len(examples) >= 30
    token = ""
    with TestClient(
        create_app(quiet_settings(database_url=f"sqlite:///{tmp_path / 'docs.db'}"))
    ) as client:
        for expected, argv in examples:
            req = _request(argv, token)
            r = client.request(
                req["method"], req["url"], headers=req["headers"], content=req["content"]
            )
            if expected is None:
                assert 200 <= r.status_code < 300, (
                    " ".join(argv)[:200],
                    r.status_code,
                    r.text[:300],
                )
            else:
                assert r.status_code == expected, (" ".join(argv)[:200], r.text[:300])
            if req["url"] == "/v1/signup":
                token = r.json()["token"]
            if req["url"] == "/cds-services/pregback-back-pain":
                assert r.json()["cards"][0]["indicator"] == "critical"  # the card shown on the page


def test_every_endpoint_is_documented(client: TestClient) -> None:
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        if not OWN.match(path):
            continue
        pattern = re.escape(path).replace(r"\$", r"\$")
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/\\s'\"]+", pattern)
        for method in operations:
            if method.upper() == "GET" and not re.search(
                pattern + r"(?=[\s'\"?]|$)", DOC, flags=re.M
            ):
                raise AssertionError(f"docs/api.md has no example of GET {path}")
            if method.upper() != "GET":
                assert re.search(
                    pattern, DOC
                ), f"docs/api.md has no example of {method.upper()} {path}"


def test_every_setting_and_command_is_documented() -> None:
    source = (
        Path(__file__).resolve().parents[1]
        / "src"
        / "pregback"
        / "interfaces"
        / "api"
        / "settings.py"
    ).read_text()
    names = {f"PREGBACK_{n}" for n in re.findall(r'"([A-Z_]+)"', source) if n != "PREGBACK_"}
    documented = set(re.findall(r"`(PREGBACK_[A-Z_]+)`", DOC))
    assert names <= documented, names - documented
    help_text = CliRunner().invoke(cli_app, ["--help"]).output
    for command in set(re.findall(r"^pregback (\w+)", DOC, flags=re.M)):
        assert command in help_text, command


def test_the_docs_page_works_offline_and_names_no_other_host(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "swagger" in html.lower()
    assert not re.search(r"(https?:)?//", html), "the docs page names another host"
    assert "<script>" not in html  # no inline script: the page's CSP allows only this server's
    csp = page.headers["content-security-policy"]
    assert "http" not in csp and "script-src 'self'" in csp and "unsafe-inline' https" not in csp
    refs = re.findall(r'(?:src|href|data-openapi)="([^"]+)"', html)
    assert {r.rsplit("/", 1)[-1] for r in refs} >= {
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "swagger-init.js",
        "openapi.json",
    }
    for ref in refs:  # everything it loads comes from this server
        got = client.get(ref)
        assert got.status_code == 200 and got.content, ref
    init = client.get("/static/swagger-init.js").text
    assert "validatorUrl: null" in init and "http" not in init
