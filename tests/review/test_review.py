"""`designlint review`: the interview scorecard, its golden files, and its grading."""

from __future__ import annotations

import json
import os

import pytest

from conftest import EXAMPLES, ROOT
from designlint import review
from designlint.findings.engine import lint
from designlint.model.build import loads

GOLDEN = ROOT / "tests" / "golden" / "review"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md"}


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_review_of_each_example_matches_its_golden_file(example, fmt, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli("review", "--format", fmt, f"examples/{example.name}")
    assert (code, err) == (0, "")
    golden = GOLDEN / f"{example.stem}.{SUFFIX[fmt]}"
    if os.environ.get("DESIGNLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_goldens_cover_every_example_and_format():
    expected = sorted(f"{p.stem}.{s}" for p in EXAMPLES for s in SUFFIX.values())
    assert sorted(p.name for p in GOLDEN.iterdir()) == expected


def test_sections_follow_the_order_of_a_strong_answer(run_cli):
    code, out, _ = run_cli("review", "--format", "json", ROOT / "examples" / "rag-support-bot.yaml")
    titles = [s["title"] for s in json.loads(out)["sections"]]
    assert titles == ["User goal and success metric", "Failure modes ranked by harm", "Data and drift",
                      "Model scope", "Fallback hierarchy", "Feedback loop", "Scaling"]


def test_the_clean_example_scores_full_marks_and_the_weak_one_gets_the_seed_questions(run_cli):
    _, out, _ = run_cli("review", "--format", "json", ROOT / "examples" / "churn-voice-agent.yaml")
    card = json.loads(out)
    assert card["score"] == card["max_score"] == 14
    _, out, _ = run_cli("review", ROOT / "examples" / "travel-booking-agent.yaml")
    for question in ("Who is the user, and what behaviour should change for them?",
                     "When `planner_llm` is down or loops, who does the user get handed to?",
                     "How fast can you revert a bad model or prompt?",
                     "What happens at 10x traffic: what breaks first?",
                     "What must `travel_agent` never do on its own, and who approves it?"):
        assert question in out


MINIMAL = """\
designlint: 1
system: tiny
components:
  app: {kind: interface, owner: web, error_budget: {availability: 99%}}
  scorer: {kind: model, owner: ds, fallback: rules, error_budget: {recall: ">= 0.8"}}
  rules: {kind: rule, owner: ds, error_budget: {availability: 99.99%}}
  care: {kind: human, owner: care, sla: 1d}
flows:
  - app -> scorer -> app
  - {from: scorer, to: care, kind: escalation}
  - {from: care, to: scorer, kind: feedback}
"""


def _card(text: str):
    design = loads(text, "d.yaml")
    return {s.key: s for s in review.build(design, lint(design)).sections}


def test_grades_follow_what_the_design_says():
    card = _card(MINIMAL)
    assert card["goal"].grade == "missing"
    assert card["failure"].grade == "missing"
    assert card["fallback"].grade == "strong"
    assert card["feedback"].grade == "partial"  # a feedback loop, but no rollback anywhere
    assert card["scope"].grade == "partial"  # the model has no description
    better = MINIMAL.replace("system: tiny\n", "system: tiny\ngoal: Fewer churned users.\n"
                             "success_metric: churn down 1 point in a quarter\n"
                             "leading_signal: a second support ticket within a week\n")
    assert _card(better)["goal"].grade == "strong"
    vague = MINIMAL.replace("system: tiny\n", "system: tiny\ngoal: Fewer churned users.\nsuccess_metric: less churn\n")
    goal = _card(vague)["goal"]
    assert goal.grade == "partial" and goal.gaps[0].question == "What number counts as success, and by when?"


def test_failure_modes_are_ranked_by_harm_and_checked():
    text = MINIMAL.replace("system: tiny\n", """\
system: tiny
failure_modes:
  - {mode: slow answers, harm: low, detection: latency alert, mitigation: rules}
  - {mode: wrong refunds, harm: critical, mitigation: ghost}
""")
    section = _card(text)["failure"]
    assert section.shows[0].startswith("critical: wrong refunds")
    assert section.shows[1].startswith("low: slow answers")
    gaps = [g.text for g in section.gaps]
    assert 'failure mode "wrong refunds" says not how it is noticed' in gaps
    assert any("`ghost`" in g for g in gaps)
    assert section.grade == "partial"
    [where] = [g.location for g in section.gaps if "`ghost`" in g.text]
    assert (where.line, where.column) == (5, 5)


def test_same_harm_everywhere_is_listed_not_ranked():
    text = MINIMAL.replace("system: tiny\n", """\
system: tiny
failure_modes:
  - {mode: scores drift, harm: high, detection: weekly recall check, mitigation: rules}
  - {mode: care queue overflows, harm: high, detection: queue age alert, mitigation: care}
""")
    assert [g.question for g in _card(text)["failure"].gaps] == ["Which of these failures hurts users most, and why?"]


def test_waived_findings_are_not_gaps():
    text = MINIMAL.replace("  care: {kind: human, owner: care, sla: 1d}\n",
                           "  care: {kind: human, owner: care, sla: 1d}\n  lone: {kind: service, owner: x, "
                           "error_budget: {availability: 99.9%}, waive: {isolated-component: kept for audits}}\n")
    assert not [g for g in _card(text)["scope"].gaps if g.rule == "isolated-component"]


def test_an_unreadable_design_is_one_line_and_exit_2(run_cli, write, tmp_path):
    code, out, err = run_cli("review", write("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: modle}\n"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and ":4:" in err and "did you mean `model`?" in err
    code, _, err = run_cli("review", tmp_path / "absent.yaml")
    assert code == 2 and "no such file" in err


def test_review_runs_as_a_real_subprocess(run_process):
    code, out, err = run_process("review", "--format", "markdown", ROOT / "examples" / "payout-fraud-reviewer.yaml")
    assert code == 0 and out.startswith("# Interview self-check: payout-fraud-reviewer") and err == ""


def test_a_markdown_answer_gets_one_scorecard_per_design(run_cli, write):
    doc = write("# My answer\n\nSome prose.\n\n```designlint\n" + MINIMAL + "```\n\nMore.\n\n```designlint\n"
                + MINIMAL.replace("system: tiny", "system: second") + "```\n", "answer.md")
    code, out, err = run_cli("review", "--format", "json", doc)
    assert code == 0 and [c["system"] for c in json.loads(out)] == ["tiny", "second"]
    goal_gap = json.loads(out)[0]["sections"][0]["gaps"][0]
    assert goal_gap["line"] == 5 + 1  # the design's first line, in the Markdown file
    code, _, err = run_cli("review", write("# No design here\n", "empty.md"))
    assert code == 2 and "no design in this Markdown file" in err


def test_every_missing_section_asks_a_question():
    design = loads("designlint: 1\nsystem: s\ncomponents:\n  m: {kind: model, owner: t, fallback: r}\n"
                   "  r: {kind: rule, owner: t}\n", "d.yaml")
    for section in review.build(design, lint(design)).sections:
        if section.grade == "missing":
            assert section.gaps, section.title
