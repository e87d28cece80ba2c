"""[11] Baseline fingerprints and SARIF partialFingerprints tell apart two designs in one file."""

import json

DOC = """# Two options

```designlint
designlint: 1
system: option-a
components:
  chat: {{kind: interface, {a}error_budget: {{availability: 99.9%}}}}
```

```designlint
designlint: 1
system: option-b
components:
  chat: {{kind: interface, {b}error_budget: {{availability: 99.9%}}}}
```
"""


def test_a_new_finding_in_the_second_design_is_not_hidden_by_the_firsts_entry(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(DOC.format(a="", b="owner: web, "))
    assert run_cli("baseline", "doc.md", "-o", "b.json")[0] == 0
    entries = json.loads((tmp_path / "b.json").read_text())
    assert entries["designlint-baseline"] == 2 and [e["system"] for e in entries["findings"]] == ["option-a"]
    (tmp_path / "doc.md").write_text(DOC.format(a="", b=""))
    code, out, _ = run_cli("check", "--baseline", "b.json", "doc.md")
    assert code == 1
    assert out.splitlines() == [
        "doc.md:14:3: error missing-owner `chat` (interface) has no owner: add `owner: <team>` naming who answers for "
        "it when it fails",
        "Found 1 error in 1 file (1 in the baseline: `--show-waived` lists them).",
    ]


def test_a_format_1_baseline_is_read_and_matched_only_where_it_is_unambiguous(run_cli, tmp_path, monkeypatch):
    from designlint.findings.baseline import fingerprint

    monkeypatch.chdir(tmp_path)
    old = {"designlint-baseline": 1, "findings": [
        {"fingerprint": fingerprint("missing-owner", "doc.md", "chat", None), "rule": "missing-owner",
         "file": "doc.md", "component": "chat", "subject": None, "count": 1},
        {"fingerprint": fingerprint("missing-owner", "one.yaml", "chat", None), "rule": "missing-owner",
         "file": "one.yaml", "component": "chat", "subject": None, "count": 1}]}
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "doc.md").write_text(DOC.format(a="owner: web, ", b=""))
    (tmp_path / "one.yaml").write_text("designlint: 1\nsystem: s\ncomponents:\n  chat: {kind: interface, "
                                       "error_budget: {availability: 99.9%}}\n")
    code, out, _ = run_cli("check", "--baseline", "old.json", "doc.md", "one.yaml")
    assert code == 1
    # two designs in doc.md: the old entry is ambiguous, so the finding is new; one.yaml's entry still holds
    assert out.splitlines() == [
        "doc.md:14:3: error missing-owner `chat` (interface) has no owner: add `owner: <team>` naming who answers for "
        "it when it fails",
        "Found 1 error in 2 files (1 in the baseline: `--show-waived` lists them). 1 finding in the baseline is "
        "fixed: run `designlint baseline -o old.json` to drop it.",
    ]


def test_sarif_partial_fingerprints_differ_between_the_two_designs(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(DOC.format(a="", b=""))
    sarif = json.loads(run_cli("check", "--format", "sarif", "doc.md")[1])
    prints = [r["partialFingerprints"]["designlintFingerprint/v2"] for r in sarif["runs"][0]["results"]
              if r["ruleId"] == "missing-owner"]
    assert len(prints) == 2 and prints[0] != prints[1]
