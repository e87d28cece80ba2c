"""The real-world corpus (tests/corpus/): designs modelled from public sources, each with the findings a
senior reviewer expects of the rules FORMAT.md defines (`x-expected`), and what no rule sees
(`x-reviewer-would-also-raise`). The real rules run on each design; the (rule, component) counts of
those rules must equal `x-expected` exactly, true and false positives alike (see tests/corpus/README.md)."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from designlint.findings.engine import lint
from designlint.model.build import load

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DESIGNS = sorted(CORPUS.glob("*.yaml"))
# The rules FORMAT.md defines (7 core, 8 AI-risk): the ones x-expected speaks for.
COVERED = frozenset({
    "missing-owner", "missing-fallback", "missing-error-budget", "missing-feedback-loop",
    "ungated-irreversible-action", "unknown-reference", "fallback-cycle",
    "lethal-trifecta", "unverified-binding-output", "adverse-action-without-appeal", "guardrail-failure-undeclared",
    "fail-open-guardrail", "prompt-only-constraint", "fallback-same-provider", "unevaluated-model",
})


def test_the_corpus_has_at_least_eight_designs_each_with_its_sources():
    assert len(DESIGNS) >= 8
    for path in DESIGNS:
        head = path.read_text(encoding="utf-8").split("designlint: 1", 1)[0]
        assert "http" in head, f"{path.name}: the sources (with their addresses) open the file"


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_the_rules_give_the_expected_findings(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = Counter()
    for entry in data["x-expected"]:
        assert entry["rule"] in COVERED and entry["verdict"] in ("true-positive", "false-positive"), entry
        expected[(entry["rule"], entry.get("component"))] += entry.get("count", 1)
    assert data["x-reviewer-would-also-raise"], "say what a reviewer raises that no rule sees"
    findings = lint(load(str(path)))
    found = Counter((f.rule, f.component) for f in findings if f.rule in COVERED and not f.waived)
    assert found == expected, (f"\nfound, not expected: {sorted((found - expected).elements())}"
                               f"\nexpected, not found: {sorted((expected - found).elements())}")
