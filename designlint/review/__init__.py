"""The interview self-check: grade a design the way an AI system-design interviewer would.

A Scorecard has one Section per part of a strong answer, in the order such an
answer follows: user goal and success metric, failure modes ranked by harm,
data and drift, model scope, fallback hierarchy, feedback loop, scaling. Each
section is graded from the design's fields and its (unwaived) findings, lists
what the design shows, and for each gap the question an interviewer would ask.
This module only judges; review_report.py renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from designlint.findings import Finding
from designlint.loading.location import Location
from designlint.model import AI_KINDS, Design
from designlint.model.kinds import CAN_FAIL
from designlint.util.text import stripped

STRONG, PARTIAL, MISSING = "strong", "partial", "missing"
POINTS = {STRONG: 2, PARTIAL: 1, MISSING: 0}
HARM_ORDER = ("critical", "high", "medium", "low")

SECTIONS = (
    ("goal", "User goal and success metric"),
    ("failure", "Failure modes ranked by harm"),
    ("data", "Data and drift"),
    ("scope", "Model scope"),
    ("fallback", "Fallback hierarchy"),
    ("feedback", "Feedback loop"),
    ("scale", "Scaling"),
)

# Which section a rule's finding weakens, and what the interviewer asks about it.
RULE_QUESTIONS = {
    "missing-owner": ("failure", "Whose job is it when `{c}` fails at 3 a.m.?"),
    "missing-error-budget": ("failure", "How much can `{c}` fail before someone acts?"),
    "dead-end": ("failure", "Who acts on what `{c}` produces?"),
    "isolated-component": ("scope", "What is `{c}` for? Nothing flows to or from it."),
    "unmonitored-model": ("data", "Who watches `{c}` for drift, and what triggers retraining?"),
    "personal-data-retention": ("data", "Whose data does `{c}` keep, for how long, and can they opt out?"),
    "personal-data-to-external": ("data", "Why does personal data leave `{c}` for a third party, and under what agreement?"),
    "ungated-irreversible-action": ("scope", "What must `{c}` never do on its own, and who approves it?"),
    "missing-fallback": ("fallback", "What happens when `{c}` is down?"),
    "fallback-cycle": ("fallback", "When everything in `{c}`'s fallback chain fails at once, what is left?"),
    "ai-only-fallback": ("fallback", "If every model behind `{c}` fails together, what deterministic step is left?"),
    "fallback-shared-fate": ("fallback", "Does `{c}`'s fallback still work when `{c}` is down?"),
    "no-human-handoff": ("fallback", "When `{c}` is down or loops, who does the user get handed to?"),
    "human-without-sla": ("fallback", "How fast does `{c}` act, and what happens to users while they wait?"),
    "missing-feedback-loop": ("feedback", "How does `{c}` learn from its mistakes, and how fast?"),
    "model-without-rollback": ("feedback", "How fast can you revert `{c}`?"),
    "latency-budget-exceeded": ("scale", "Which step comes off `{c}`'s request path to meet its latency budget?"),
    "availability-budget-exceeded": ("scale", "Which single point of failure do you remove to meet `{c}`'s availability target?"),
}


@dataclass(frozen=True)
class Gap:
    """Something a strong answer has and this design lacks, with the question that exposes it."""

    text: str
    question: str
    location: Location | None = None
    rule: str | None = None
    component: str | None = None

    def to_dict(self) -> dict:
        loc = self.location
        return {"gap": self.text, "question": self.question, "rule": self.rule, "component": self.component,
                "file": loc.file if loc else None, "line": loc.line if loc else None,
                "column": loc.column if loc else None}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    grade: str
    shows: tuple[str, ...] = ()
    gaps: tuple[Gap, ...] = ()

    @property
    def points(self) -> int:
        return POINTS[self.grade]

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "grade": self.grade, "points": self.points,
                "shows": list(self.shows), "gaps": [g.to_dict() for g in self.gaps]}


@dataclass(frozen=True)
class Scorecard:
    system: str
    file: str
    sections: tuple[Section, ...]
    findings: tuple[Finding, ...] = field(default=(), repr=False)

    @property
    def score(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def max_score(self) -> int:
        return POINTS[STRONG] * len(self.sections)

    def to_dict(self) -> dict:
        return {"system": self.system, "file": self.file, "score": self.score, "max_score": self.max_score,
                "sections": [s.to_dict() for s in self.sections]}


def _grade(missing: bool, gaps: list[Gap]) -> str:
    if missing:
        return MISSING
    return PARTIAL if gaps else STRONG


class _Review:
    def __init__(self, design: Design, findings):
        self.design = design
        self.data = design.data
        self.ai = [c for c in design.components.values() if c.kind in AI_KINDS]
        self.by_section: dict[str, list[Gap]] = {key: [] for key, _ in SECTIONS}
        for f in findings:
            if f.waived or f.rule not in RULE_QUESTIONS:
                continue
            section, question = RULE_QUESTIONS[f.rule]
            self.by_section[section].append(
                Gap(f.message, question.format(c=f.component or design.system), f.location, f.rule, f.component))

    def at(self, key: str) -> Location:
        """Where a top-level field stands, or the top of the design."""
        marks = getattr(self.data, "value_marks", {})
        if key in marks:
            return Location(self.design.file, *marks[key])
        return self.design.location

    def goal(self):
        goal, metric = stripped(self.data.get("goal")), stripped(self.data.get("success_metric"))
        shows, gaps = [], []
        if goal:
            shows.append(f"goal: {goal}")
        else:
            gaps.append(Gap("no `goal`: the answer does not start from the user",
                            "Who is the user, and what behaviour should change for them?", self.at("goal")))
        if not metric:
            gaps.append(Gap("no `success_metric`", "How will you know it works: which metric moves, from what to what?",
                            self.at("success_metric")))
        elif not re.search(r"\d", metric):
            shows.append(f"success metric: {metric}")
            gaps.append(Gap("the success metric has no number or target",
                            "What number counts as success, and by when?", self.at("success_metric")))
        else:
            shows.append(f"success metric: {metric}")
        return _grade(not goal and not metric, gaps), shows, gaps

    def failure(self):
        modes = [m for m in (self.data.get("failure_modes") or []) if isinstance(m, dict)]
        shows, gaps = [], []
        if not modes:
            gaps.append(Gap("no `failure_modes`: where the system fails first is not said",
                            "Where does this system fail first, and who gets hurt?", self.at("failure_modes")))
        ranked = sorted(enumerate(modes), key=lambda im: (HARM_ORDER.index(im[1]["harm"]), im[0]))
        items = self.data.get("failure_modes") or []
        for index, mode in ranked:
            where = Location(self.design.file, *items.item_marks[index]) if hasattr(items, "item_marks") else None
            mitigation = mode.get("mitigation") or []
            mitigation = [mitigation] if isinstance(mitigation, str) else list(mitigation)
            shows.append(f"{mode['harm']}: {mode['mode']}" + (f" (contained by {', '.join(mitigation)})" if mitigation else ""))
            if not stripped(mode.get("detection")):
                gaps.append(Gap(f"failure mode \"{mode['mode']}\" says not how it is noticed",
                                f"How would you notice \"{mode['mode']}\", and how fast?", where))
            unknown = [m for m in mitigation if m not in self.design.components]
            if not mitigation:
                gaps.append(Gap(f"failure mode \"{mode['mode']}\" names no component that contains it",
                                f"What contains \"{mode['mode']}\" when it happens?", where))
            elif unknown:
                gaps.append(Gap(f"failure mode \"{mode['mode']}\" names {', '.join(f'`{u}`' for u in unknown)} "
                                "as its mitigation, which is not a component",
                                f"What contains \"{mode['mode']}\" when it happens?", where))
        if len(modes) >= 2 and len({m["harm"] for m in modes}) == 1:
            gaps.append(Gap("every failure mode has the same harm: they are listed, not ranked",
                            "Which of these failures hurts users most, and why?", self.at("failure_modes")))
        return _grade(not modes, gaps), shows, gaps

    def data_and_drift(self):
        comps = self.design.components.values()
        holders = [c for c in comps if c.fields.get("data")]
        monitors = [c for c in comps if c.kind == "monitor"]
        models = [c for c in comps if c.kind == "model"]
        shows, gaps = [], []
        for comp in holders:
            names = [d if isinstance(d, str) else d["name"] + (" (personal)" if d.get("personal") else "")
                     for d in comp.fields["data"]]
            shows.append(f"`{comp.id}` holds {', '.join(names)}")
        shows += [f"`{m.id}` monitors: {m.description or 'no description'}" for m in monitors]
        if not holders:
            gaps.append(Gap("no component says what data it holds (`data:`)",
                            "Where does the data come from, whose data is it, and can they opt out?", self.design.location))
        if models and not monitors:
            gaps.append(Gap("no `monitor` component: nobody watches the models for drift",
                            "How will you know the model has drifted, and who monitors model decay?", self.design.location))
        return _grade(not holders and not monitors, gaps), shows, gaps

    def scope(self):
        shows, gaps = [], []
        for comp in self.ai:
            if comp.description:
                shows.append(f"`{comp.id}` ({comp.kind}): {comp.description}")
            else:
                gaps.append(Gap(f"{comp.label} has no description of what it decides",
                                f"What exactly does `{comp.id}` decide, and what does it not?", comp.location, None, comp.id))
        rules = [c.id for c in self.design.components.values() if c.kind == "rule"]
        if rules:
            shows.append(f"deterministic steps: {', '.join(rules)}")
        elif self.ai:
            gaps.append(Gap("no `rule` component: every decision is a model's",
                            "Where do you not use a model, and why is a rule not enough there?", self.design.location))
        missing = bool(self.ai) and not rules and not any(c.description for c in self.ai)
        return _grade(missing, gaps), shows, gaps

    def fallback(self):
        graph = self.design.graph
        shows = [f"{c.id} -> {' -> '.join(graph.fallback_chain(c.id))}" for c in self.design.components.values()
                 if c.fallback and c.kind in CAN_FAIL]
        missing = any(c.kind in AI_KINDS for c in self.design.components.values()) and not any(c.fallback for c in self.ai)
        return _grade(missing, []), shows, []

    def feedback(self):
        loops = [f for f in self.design.flows if f.kind == "feedback"]
        shows = [f"{f}" + (f" ({f.label})" if f.label else "") for f in loops]
        rollbacks = [c for c in self.ai if c.fields.get("rollback")]
        gaps = []
        for comp in rollbacks:
            rb = comp.fields["rollback"]
            how = rb if isinstance(rb, str) else ", ".join(f"{k}: {v}" for k, v in rb.items() if v)
            shows.append(f"`{comp.id}` rolls back: {how}")
        if self.ai and not loops:
            gaps.append(Gap("no `feedback` flow: nothing learns from outcomes or corrections",
                            "How does the system learn from its mistakes: which corrections, labels or outcomes "
                            "flow back, and how fast?", self.design.location))
        if self.ai and not rollbacks:
            gaps.append(Gap("no model or agent says how it is rolled back (`rollback:`)",
                            "How fast can you revert a bad model or prompt?", self.design.location))
        return _grade(bool(self.ai) and not loops, gaps), shows, gaps

    def scale(self):
        scale = self.data.get("scale") or {}
        interfaces = [c for c in self.design.components.values() if c.kind == "interface"]
        shows, gaps = [], []
        for key in ("users", "peak_rps", "growth", "bottleneck", "plan"):
            if scale.get(key) not in (None, ""):
                shows.append(f"{key.replace('_', ' ')}: {scale[key]}")
        for comp in interfaces:
            tier = comp.fields.get("tier")
            latency = comp.error_budget.get("latency_p99")
            if tier or latency:
                shows.append(f"`{comp.id}`: " + ", ".join(x for x in (tier and f"tier {tier}",
                                                                          latency and f"latency_p99 {latency}") if x))
        if not scale:
            gaps.append(Gap("no `scale`: load and growth are not said",
                            "What happens at 10x traffic: what breaks first?", self.at("scale")))
        else:
            if not (scale.get("users") or scale.get("peak_rps")):
                gaps.append(Gap("`scale` gives no load (users or peak_rps)", "How many users and requests at peak?",
                                self.at("scale")))
            if not scale.get("bottleneck"):
                gaps.append(Gap("`scale` names no bottleneck", "At 10x, what is the first thing that breaks?",
                                self.at("scale")))
        if interfaces and not any(c.fields.get("tier") or c.error_budget.get("latency_p99") for c in interfaces):
            gaps.append(Gap("no interface has a latency tier or latency_p99",
                            "Is this real-time, near-real-time or batch, and what does the user wait for?",
                            interfaces[0].location, None, interfaces[0].id))
        return _grade(not scale and not any(c.fields.get("tier") for c in interfaces), gaps), shows, gaps


def build(design: Design, findings) -> Scorecard:
    """The scorecard of a design, given its findings (from engine.lint)."""
    review = _Review(design, findings)
    steps = {"goal": review.goal, "failure": review.failure, "data": review.data_and_drift, "scope": review.scope,
             "fallback": review.fallback, "feedback": review.feedback, "scale": review.scale}
    sections = []
    for key, title in SECTIONS:
        grade, shows, gaps = steps[key]()
        gaps = gaps + review.by_section[key]
        if grade == STRONG and gaps:
            grade = PARTIAL
        sections.append(Section(key, title, grade, tuple(shows), tuple(gaps)))
    return Scorecard(design.system, design.file, tuple(sections), tuple(findings))
