"""Every user-controlled string x every output: each output stays well-formed and one record per line.

Strings go into: the system, a component id, an owner, a description, a layer, a data name, an action
name, a flow label, a waiver reason, the file name, and a rule pack's message. Outputs: check as text,
json, sarif, github and junit; render as dot (read by Graphviz), mermaid and svg; review as text, json
and markdown; baseline (and check against it); the HTML report (no script or event handler added). tests/fuzzkit.check_all holds the per-output checks.
"""

import json
import xml.etree.ElementTree as ET

import pytest

from fuzzkit import check_all

STRINGS = {
    "newline-command": "a\nb::error file=x,line=1::injected",
    "every-break": "a\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029b",
    "controls-markup": "\x00\x01\x1b[31m\x7f\ufeff\ufffe\uffff<&>\"'`\\N\\G%0A,:;#|{}[]()-->",
    "html": "</script><script>alert(1)</script><img src=x onerror=alert(1)>]]>",
}
FIELDS = ["system", "id", "owner", "description", "layer", "data", "action", "label", "waiver", "file", "pack"]


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _design(field: str, s: str) -> str:
    hostile = _q(s)
    cid = hostile if field == "id" else "agent"
    parts = {
        "owner": f"owner: {hostile}, " if field == "owner" else "",
        "description": f"description: {hostile}, " if field == "description" else "",
        "layer": f"layer: {hostile}, " if field == "layer" else "",
        "data": f"data: [{{name: {hostile}, personal: true}}], " if field == "data" else "",
        "waiver": f"waive: {{missing-owner: {hostile}}}, " if field == "waiver" else "",
    }
    action = hostile if field == "action" else "refund"
    label = f", label: {hostile}" if field == "label" else ""
    system = hostile if field == "system" else "s"
    return (f"designlint: 1\nsystem: {system}\ncomponents:\n"
            f"  {cid}: {{kind: agent, {''.join(parts.values())}actions: [{{name: {action}, reversible: false}}]}}\n"
            f"  human: {{kind: human, owner: ops}}\n"
            f"flows:\n  - {{from: {cid}, to: human, kind: escalation{label}}}\n")


PACK = """designlint-pack: 1
name: hostile
rules:
  - id: always
    severity: warning
    summary: Fires on every component.
    require:
      - present: sla
    message: {message}
"""


@pytest.mark.parametrize("name", sorted(STRINGS))
@pytest.mark.parametrize("field", FIELDS)
def test_every_output_survives_the_string(field, name, run_cli, tmp_path, monkeypatch):
    s = STRINGS[name]
    monkeypatch.chdir(tmp_path)
    filename = "design.yaml"
    if field == "file":
        filename = s.replace("/", "_").replace("\x00", "_") + ".yaml"
    if field == "pack":
        (tmp_path / "pack.yaml").write_text(PACK.format(message=_q("{id} " + s.replace("{", "{{").replace("}", "}}"))),
                                            encoding="utf-8")
        (tmp_path / ".designlint.yaml").write_text("packs: [pack.yaml]\n")
    path = tmp_path / filename
    path.write_text(_design(field, s), encoding="utf-8")
    valid, problems = check_all(run_cli, path if field != "file" else filename, tmp_path, svg=True)
    assert valid and problems == []
    document = json.loads(run_cli("check", "--format", "json", path if field != "file" else filename)[1])
    if field == "id":
        assert s in {f["component"] for f in document["findings"]}  # JSON keeps the string exactly
    if field == "pack":
        assert any(f["message"] == f"agent {s}" for f in document["findings"] if f["rule"] == "always")
    junit = ET.fromstring(run_cli("check", "--format", "junit", path if field != "file" else filename)[1])
    assert junit.get("tests") is not None
