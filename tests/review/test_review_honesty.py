"""A review that cannot be gamed: structure, not presence; "not applicable", never a free "strong";
follow-ups even at full marks; --fail-under; the init starter; the seed-002 interview's probes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designlint import review
from designlint.findings.engine import lint
from designlint.loading import yamlsource
from designlint.model.build import build, loads

HERE = Path(__file__).parent
SEED = HERE / "seed_002_churn_interview.yaml"


def _card(text: str):
    design = loads(text, "d.yaml")
    return review.build(design, lint(design))


def _sections(card):
    return {s.key: s for s in card.sections}


def _questions(card) -> list[str]:
    return [g.question for s in card.sections for g in s.gaps]


JUNK = """\
designlint: 1
system: junk
goal: x
success_metric: x
failure_modes:
  - {mode: x, harm: high, detection: x, mitigation: x}
scale: {users: x, peak_rps: x, growth: x, bottleneck: x, plan: x}
components:
  app: {kind: interface, owner: x, error_budget: {x: x}}
  a: {kind: model, owner: x, description: x, fallback: b, rollback: x, data: [x], error_budget: {x: x}}
  b: {kind: model, owner: x, description: x, fallback: a, rollback: x, error_budget: {x: x}}
  r: {kind: rule, owner: x, error_budget: {x: x}}
  m: {kind: monitor, owner: x, error_budget: {x: x}}
  h: {kind: human, owner: x, sla: 1h}
flows:
  - app -> a -> m
  - b -> m
  - {from: h, to: a, kind: feedback}
  - {from: h, to: b, kind: feedback}
  - {from: a, to: h, kind: escalation}
"""


def test_a_design_filled_with_junk_scores_at_most_5_of_14_and_nothing_strong():
    card = _card(JUNK)
    grades = {s.key: s.grade for s in card.sections}
    assert card.max_score == 14 and card.score <= 5, grades
    assert grades == {"goal": "missing", "failure": "missing", "data": "partial", "scope": "partial",
                      "fallback": "missing", "feedback": "partial", "scale": "missing"}
    assert card.score == 3


def test_a_fallback_cycle_is_never_listed_as_a_strength():
    fallback = _sections(_card(JUNK))["fallback"]
    assert fallback.shows == () and fallback.grade == "missing"
    assert [(g.rule, g.component) for g in fallback.gaps] == [("fallback-cycle", "a"), ("fallback-cycle", "b")]
    # with the rule switched off (no findings), the section still sees the loop itself
    alone = _sections(review.build(loads(JUNK, "d.yaml"), []))["fallback"]
    assert alone.shows == () and [g.text for g in alone.gaps] == [
        "`a` (model)'s fallback chain comes back to it: a -> b -> a",
        "`b` (model)'s fallback chain comes back to it: b -> a -> b"]


NO_AI = """\
designlint: 1
system: forms
components:
  app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
  api: {kind: service, owner: web, error_budget: {availability: 99.9%}}
flows:
  - app -> api -> app
"""


def test_sections_with_nothing_to_judge_are_not_applicable_and_leave_the_maximum():
    card = _card(NO_AI)
    grades = {s.key: s.grade for s in card.sections}
    assert [k for k, g in grades.items() if g == "not applicable"] == ["data", "scope", "fallback", "feedback"]
    assert (card.score, card.max_score, card.not_applicable) == (0, 6, 4)


def test_not_applicable_is_said_in_every_format(run_cli, write):
    path = write(NO_AI)
    _, out, _ = run_cli("review", path)
    assert "Score 0/6 (4 sections not applicable), sections" in out
    assert "3. Data and drift: not applicable -" in out
    _, out, _ = run_cli("review", "--format", "markdown", path)
    assert "Not applicable: the design has nothing this section grades." in out
    _, out, _ = run_cli("review", "--format", "json", path)
    assert json.loads(out)["sections"][2]["grade"] == "not applicable"


def test_an_llm_written_as_an_external_has_no_free_feedback_loop():
    text = """\
designlint: 1
system: bot
components:
  app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
  llm_api: {kind: external, owner: ai, description: hosted GPT model, fallback: canned, error_budget: {availability: 99%}}
  canned: {kind: rule, owner: ai, error_budget: {availability: 99.99%}}
flows:
  - app -> llm_api
"""
    feedback = _sections(_card(text))["feedback"]
    assert feedback.grade == "missing"


def test_an_all_agent_design_with_no_monitor_is_not_strong_on_data_and_drift():
    text = """\
designlint: 1
system: agents
components:
  app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
  planner: {kind: agent, owner: ai, fallback: staff, error_budget: {task_success: ">= 90%"}, data: [order history]}
  worker: {kind: agent, owner: ai, fallback: staff, error_budget: {task_success: ">= 90%"}}
  staff: {kind: human, owner: ops, sla: 1h}
flows:
  - app -> planner -> worker
  - {from: staff, to: planner, kind: feedback}
  - {from: staff, to: worker, kind: feedback}
"""
    data = _sections(_card(text))["data"]
    assert data.grade == "partial"
    assert data.gaps[0].text == "no `monitor` watches `planner`, `worker`: their outputs reach no monitor"


def test_a_monitor_counts_through_the_orchestrator_that_carries_the_outputs():
    text = """\
designlint: 1
system: judged
components:
  app: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
  orchestrator: {kind: orchestrator, owner: ai, error_budget: {availability: 99.9%}}
  llm: {kind: model, owner: ai, fallback: canned, error_budget: {latency_p99: 2s}, data: [prompts and answers]}
  canned: {kind: rule, owner: ai, error_budget: {availability: 99.99%}}
  judge: {kind: monitor, owner: ai, error_budget: {alert_latency: 1h}}
flows:
  - app -> orchestrator -> llm
  - orchestrator -> judge
"""
    data = _sections(_card(text))["data"]
    assert "watched by a monitor: llm" in data.shows and not data.gaps


def test_the_init_starter_scores_full_marks_and_still_gets_the_follow_ups(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "starter.yaml")[0] == 0
    code, out, _ = run_cli("check", "--format", "json", "starter.yaml")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = run_cli("review", "--format", "json", "starter.yaml")
    card = json.loads(out)
    assert (code, card["score"], card["max_score"]) == (0, 14, 14)
    follow = [q for s in card["sections"] for q in s["follow_ups"]]
    assert any(q.startswith("At 10x in 12 months: what does `llm` run out of first") for q in follow)
    assert any("accuracy drops 5%" in q for q in follow)
    assert any(q.startswith("A bad release of `support_agent` ships") for q in follow)
    text = (tmp_path / "starter.yaml").read_text(encoding="utf-8")
    assert text.count("# REPLACE") >= 5


def test_fail_under_exits_1_below_n_and_0_at_or_above(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("init", "starter.yaml")
    assert run_cli("review", "--fail-under", "14", "starter.yaml")[0] == 0
    assert run_cli("review", "--fail-under", "15", "starter.yaml")[0] == 1
    (tmp_path / "junk.yaml").write_text(JUNK, encoding="utf-8")
    code, out, _ = run_cli("review", "--fail-under", "4", "junk.yaml")
    assert code == 1 and out.startswith("Interview self-check: junk")
    assert run_cli("review", "--fail-under", "3", "junk.yaml")[0] == 0
    assert run_cli("review", "--fail-under", "-1", "junk.yaml")[0] == 2


# --- seed 002: the mock interview's five technical probes ---------------------------------------

PROBES = {
    "early warning": "What early warning shows it failing (or working) before the lagging success metric moves, "
                     "and who acts on it?",
    "latency": "Is this real-time, near-real-time or batch, and how long does the user wait?",
    "choice of model": "Why an LLM for `data_analyst` and not a classic model (say gradient-boosted trees) or a "
                       "rule: what does it gain, and what does it cost in money, latency and explainability?",
    "failure scenarios": "Which of these failures hurts users most, and why?",
    "10x plan": "At 10x, which component breaks first, and at what load?",
}


def test_the_seed_002_answer_raises_the_interviewers_probes():
    card = review.build(design := loads(SEED.read_text(encoding="utf-8"), str(SEED)), lint(design))
    asked = _questions(card)
    raised = [name for name, question in PROBES.items() if question in asked]
    assert raised == list(PROBES)  # all five (the issue asks for at least four)


# Each fix says what the interviewer asked for; the probe must then go away (fair to a design that says it).
FIXES = {
    "early warning": ("success_metric: Retention", "leading_signal: two care contacts in 14 days flag a user "
                      "red; retention ops call them the same day\nsuccess_metric: Retention"),
    "latency": ("    layer: interaction\n", "    layer: interaction\n    tier: near-real-time\n"),
    "choice of model": ("    description: Goes deep into the user's data",
                        "    rationale: an LLM reads call transcripts; the churn score itself comes from XGBoost\n"
                        "    description: Goes deep into the user's data"),
    "failure scenarios": ("  - mode: The model is down or not working\n    harm: high",
                          "  - mode: The model is down or not working\n    harm: critical"),
    "10x plan": ("  bottleneck: data ", "  bottleneck: vector_db "),
}


@pytest.mark.parametrize("probe", sorted(FIXES))
def test_each_probe_is_fair_to_a_design_that_answers_it(probe):
    text = SEED.read_text(encoding="utf-8")
    old, new = FIXES[probe]
    assert old in text
    asked = _questions(_card(text.replace(old, new, 1)))
    assert PROBES[probe] not in asked
    others = [name for name in PROBES if name != probe]
    assert all(PROBES[name] in asked for name in others)


def test_the_seed_design_is_scored_as_a_weak_answer():
    card = _card(SEED.read_text(encoding="utf-8"))
    assert card.score == 6 and card.max_score == 14


# --- rev-2 fields read defensively from what the component wrote -----------------------------------

def _unvalidated(text: str):
    """A design built without the schema: the rev-2 fields exactly as a component writes them."""
    return build(yamlsource.parse(text, "d.yaml"), "d.yaml")


REV2 = """\
designlint: 1
system: claims
components:
  app: {kind: interface, owner: web}
  assistant:
    kind: agent
    owner: ai
    fallback: staff
    evaluation: {set: 500 past claims, gate: no regression in wrong denials}
    actions:
      - {name: deny_claim, adverse: true}
      - {name: block_account, adverse: true, appeal: staff}
  staff: {kind: human, owner: ops, sla: 1d}
flows:
  - app -> assistant
  - {from: assistant, to: app, binding: true}
"""


def test_binding_appeal_and_release_gate_are_asked_where_the_design_has_them():
    design = _unvalidated(REV2)
    card = review.build(design, [])
    sections = _sections(card)
    follow = [q for s in card.sections for q in s.follow_ups]
    assert "`assistant -> app` binds the business: who checks what `assistant` says there before a customer can " \
           "hold you to it?" in follow
    assert "`assistant` can `deny_claim` against a person: who hears their appeal, and how fast?" in follow
    assert "appeals of `block_account` are heard by `staff`" in sections["scope"].shows
    assert "`assistant` ships only after: set: 500 past claims; gate: no regression in wrong denials" \
        in sections["feedback"].shows
    assert not [q for q in follow if q.startswith("What must a new version")]
    assert any(q.startswith("Text written outside the system") and "`assistant`" in q for q in follow)


def test_a_guardrail_between_untrusted_input_and_the_agent_answers_the_injection_question():
    text = REV2.replace("  - app -> assistant\n", "  - app -> filter -> assistant\n").replace(
        "  staff: {kind: human", "  filter: {kind: guardrail, owner: ai, on_failure: closed}\n  staff: {kind: human")
    follow = [q for s in review.build(_unvalidated(text), []).sections for q in s.follow_ups]
    assert not any(q.startswith("Text written outside the system") for q in follow)


def test_the_review_says_where_inherited_owners_and_budgets_come_from():
    text = """\
designlint: 1
system: layered
defaults: {owner: platform}
layers:
  edge: {owner: web-team, error_budget: {availability: 99.9%, latency_p99: 2s}}
components:
  app: {kind: interface, layer: edge}
  api: {kind: service, owner: api-team, error_budget: {availability: 99.9%}}
  cron: {kind: service, error_budget: {availability: 99%}}
flows:
  - app -> api
"""
    sections = _sections(_card(text))
    assert "owners: 1 own, 1 from layer edge (web-team), 1 from defaults (platform)" in sections["failure"].shows
    assert "`app`: latency_p99 2s (from layer edge)" in sections["scale"].shows
