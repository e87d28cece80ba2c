"""The command line: rules, explain, output options, selection and colour."""

import json

from conftest import ROOT

WEAK = ROOT / "examples" / "travel-booking-agent.yaml"
CLEAN = ROOT / "examples" / "churn-voice-agent.yaml"


def test_rules_lists_every_rule_of_the_registry_with_severity(run_cli):
    from designlint.rules.registry import builtin_registry

    specs = list(builtin_registry())
    code, out, err = run_cli("rules")
    assert (code, err) == (0, "")
    rows = [line.split(None, 2) for line in out.splitlines()[1:]]
    assert rows == [[s.id, s.severity.value, s.summary] for s in specs]
    code, out, _ = run_cli("rules", "--format", "json")
    assert json.loads(out) == [{"id": s.id, "severity": s.severity.value, "summary": s.summary, "origin": s.origin,
                                "source": s.source, "enabled": True, "references": list(s.references)} for s in specs]
    assert all(s.source.startswith("designlint/rules/") for s in specs)


def test_explain_shows_the_docs_and_suggests_on_a_typo(run_cli):
    code, out, _ = run_cli("explain", "ungated-irreversible-action")
    assert code == 0 and "Fails::" in out and "Passes::" in out and "human" in out
    code, _, err = run_cli("explain", "missing-ownr")
    assert code == 2 and "did you mean `missing-owner`" in err


def test_text_output_has_one_line_per_finding_and_a_summary(run_cli):
    code, out, _ = run_cli("check", WEAK)
    lines = out.strip().splitlines()
    assert code == 1
    assert lines[-1].startswith("Found ") and "1 file" in lines[-1]
    findings = json.loads(run_cli("check", "--format", "json", WEAK)[1])["findings"]
    assert len(lines) - 1 == len(findings)
    first = findings[0]
    assert lines[0].startswith(f"{first['file']}:{first['line']}:{first['column']}: {first['severity']} {first['rule']} ")


def test_select_and_ignore_choose_rules(run_cli):
    out = run_cli("check", "--format", "json", "--select", "fallback-cycle,unknown-reference", WEAK)[1]
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"fallback-cycle", "unknown-reference"}
    out = run_cli("check", "--format", "json", "--ignore", "missing-error-budget", "--ignore", "fallback-cycle", WEAK)[1]
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "missing-error-budget" not in rules and "fallback-cycle" not in rules and "unknown-reference" in rules
    code, _, err = run_cli("check", "--select", "fallback-cycel", WEAK)
    assert code == 2 and "did you mean `fallback-cycle`" in err


def test_colour_only_when_asked_or_on_a_terminal(run_cli):
    plain = run_cli("check", WEAK)[1]
    assert "\033[" not in plain  # CliRunner's stdout is not a terminal
    coloured = run_cli("check", "--color", "always", WEAK)[1]
    assert "\033[1;31merror" in coloured
    assert "\033[" not in run_cli("check", "--color", "never", WEAK)[1]


def test_no_color_environment_wins_over_a_terminal(monkeypatch):
    from designlint.cli import options as cli

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.use_color("auto", Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.use_color("auto", Tty()) is False
    assert cli.use_color("always", Tty()) is True


def test_a_folder_without_designs_says_so(run_cli, tmp_path):
    (tmp_path / "other.yaml").write_text("name: not a design\n")
    code, out, err = run_cli("check", tmp_path)
    assert code == 0 and "no designs found" in err


def test_version(run_cli):
    code, out, _ = run_cli("--version")
    assert code == 0 and "designlint" in out


def test_real_subprocess_on_examples_folder(run_process):
    code, out, err = run_process("check", "--isolated", ROOT / "examples")  # the project config excludes them
    assert code == 1 and "Traceback" not in err
    assert "travel-booking-agent.yaml" in out and "churn-voice-agent.yaml" not in out


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path):
    """`designlint check big.yaml | head -1`: the closed pipe is not an internal error."""
    import subprocess
    import sys

    body = "".join(f"  c{i}: {{kind: service}}\n" for i in range(3000))  # about 6,000 findings, > a pipe buffer
    design = tmp_path / "big.yaml"
    design.write_text("designlint: 1\nsystem: big\ncomponents:\n" + body)
    proc = subprocess.Popen([sys.executable, "-m", "designlint", "check", str(design)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.startswith(str(design).encode())
    assert "internal error" not in err and "Traceback" not in err
    assert proc.returncode == 1
