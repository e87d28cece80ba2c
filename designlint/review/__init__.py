"""The interview self-check: grade a design the way an AI system-design interviewer would.

A Scorecard has one Section per part of a strong answer, in the order such an
answer follows: user goal and success metric, failure modes ranked by harm,
data and drift, model scope, fallback hierarchy, feedback loop, scaling. Each
section is graded on structure the linter can check, never on the mere
presence of a field (designlint.review.checks says what counts), lists what the
design shows, for each gap the question an interviewer would ask, and the
follow-up questions a strong interviewer asks even of a strong answer. A
section with nothing to judge is "not applicable" and leaves the score's
maximum. docs/review.md lists every question and where it comes from. This
module only judges; designlint.review.formats renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from designlint.findings import Finding
from designlint.loading.location import Location
from designlint.model import Design
from designlint.model.kinds import CAN_FAIL
from designlint.review import checks
from designlint.util.text import first_steps

STRONG, PARTIAL, MISSING, NOT_APPLICABLE = "strong", "partial", "missing", "not applicable"
POINTS = {STRONG: 2, PARTIAL: 1, MISSING: 0, NOT_APPLICABLE: 0}
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

# Which section a rule's (unwaived) finding weakens, and what the interviewer asks about it.
RULE_QUESTIONS = {
    "missing-owner": ("failure", "Whose job is it when `{c}` fails at 3 a.m.?"),
    "missing-error-budget": ("failure", "How much can `{c}` fail before someone acts?"),
    "dead-end": ("failure", "Who acts on what `{c}` produces?"),
    "fail-open-guardrail": ("failure", "What gets through while `{c}` is down, and what does it reach?"),
    "guardrail-failure-undeclared": ("failure", "While `{c}` is down, does it block everything or let everything through?"),
    "isolated-component": ("scope", "What is `{c}` for? Nothing flows to or from it."),
    "unmonitored-model": ("data", "Who watches `{c}` for drift, and what triggers retraining?"),
    "personal-data-retention": ("data", "Whose data does `{c}` keep, for how long, and can they opt out?"),
    "personal-data-to-external": ("data", "Why does personal data leave `{c}` for a third party, and under what agreement?"),
    "lethal-trifecta": ("data", "What stops text from outside making `{c}` send private data out?"),
    "ungated-irreversible-action": ("scope", "What must `{c}` never do on its own, and who approves it?"),
    "prompt-only-constraint": ("scope", "What enforces `{c}`'s limits besides its prompt?"),
    "unverified-binding-output": ("scope", "Who checks what `{c}` tells people before the business is bound by it?"),
    "adverse-action-without-appeal": ("scope", "Who hears the appeal of a person `{c}` decides against, and how fast?"),
    "missing-fallback": ("fallback", "What happens when `{c}` is down?"),
    "fallback-cycle": ("fallback", "When everything in `{c}`'s fallback chain fails at once, what is left?"),
    "ai-only-fallback": ("fallback", "If every model behind `{c}` fails together, what deterministic step is left?"),
    "fallback-shared-fate": ("fallback", "Does `{c}`'s fallback still work when `{c}` is down?"),
    "fallback-same-provider": ("fallback", "When `{c}`'s provider has an outage, what is left?"),
    "no-human-handoff": ("fallback", "When `{c}` is down or loops, who does the user get handed to?"),
    "human-without-sla": ("fallback", "How fast does `{c}` act, and what happens to users while they wait?"),
    "missing-feedback-loop": ("feedback", "How does `{c}` learn from its mistakes, and how fast?"),
    "model-without-rollback": ("feedback", "How fast can you revert `{c}`?"),
    "latency-budget-exceeded": ("scale", "Which step comes off `{c}`'s request path to meet its latency budget?"),
    "availability-budget-exceeded": ("scale", "Which single point of failure do you remove to meet `{c}`'s availability target?"),
}


# Rules that fire per component but that a reviewer asks about once for all of them.
MANY_QUESTIONS = {
    "missing-owner": "Who answers for each of these when it fails at 3 a.m.: where is the ownership table?",
    "missing-error-budget": "How much may each of these fail before someone acts: which targets, by kind?",
    "missing-feedback-loop": "How do these learn from their mistakes: which outcomes or corrections flow back, how fast?",
    "unmonitored-model": "Who watches these for drift, and what triggers retraining?",
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
    follow_ups: tuple[str, ...] = ()  # asked even of a strong answer; they cost no points

    @property
    def points(self) -> int:
        return POINTS[self.grade]

    @property
    def applicable(self) -> bool:
        return self.grade != NOT_APPLICABLE

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "grade": self.grade, "points": self.points,
                "shows": list(self.shows), "gaps": [g.to_dict() for g in self.gaps],
                "follow_ups": list(self.follow_ups)}


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
        """Two points per section there is something to judge in (a "not applicable" one leaves the maximum)."""
        return POINTS[STRONG] * sum(s.applicable for s in self.sections)

    @property
    def not_applicable(self) -> int:
        return sum(not s.applicable for s in self.sections)

    def to_dict(self) -> dict:
        return {"system": self.system, "file": self.file, "score": self.score, "max_score": self.max_score,
                "sections": [s.to_dict() for s in self.sections]}


def _grade(nothing_valid: bool, gaps: list[Gap]) -> str:
    if nothing_valid:
        return MISSING
    return PARTIAL if gaps else STRONG


def _ids(ids) -> str:
    return ", ".join(f"`{i}`" for i in ids)


class _Review:
    def __init__(self, design: Design, findings):
        self.design = design
        self.data = design.data
        self.comps = list(design.components.values())
        self.ai = [c for c in self.comps if checks.is_ai(c)]
        self.by_section: dict[str, list[Gap]] = {key: [] for key, _ in SECTIONS}
        self.fired: set[tuple[str, str | None]] = set()
        by_rule: dict[str, list[Finding]] = {}
        for f in findings:
            if f.waived or f.baselined or f.rule not in RULE_QUESTIONS:
                continue
            self.fired.add((f.rule, f.component))
            by_rule.setdefault(f.rule, []).append(f)
        for rule_id, found in by_rule.items():  # in the order of the first finding of each rule
            section, question = RULE_QUESTIONS[rule_id]
            first = found[0]
            if len(found) == 1 or rule_id not in MANY_QUESTIONS:
                self.by_section[section] += [Gap(f.message, question.format(c=f.component or design.system),
                                                 f.location, f.rule, f.component) for f in found]
                continue
            # One question for many components, as a reviewer asks for an ownership table once.
            ids = _ids(f.component for f in found)
            self.by_section[section].append(Gap(f"{len(found)} components: {ids}. {first.message}",
                                                MANY_QUESTIONS[rule_id], first.location, rule_id, first.component))

    def at(self, key: str) -> Location:
        """Where a top-level field stands, or the top of the design."""
        marks = getattr(self.data, "value_marks", {})
        if key in marks:
            return Location(self.design.file, *marks[key])
        return self.design.location

    def _scale_at(self, key: str) -> Location:
        scale = self.data.get("scale")
        marks = getattr(scale, "value_marks", {})
        return Location(self.design.file, *marks[key]) if key in marks else self.at("scale")

    # -- 1. goal ------------------------------------------------------------------------------
    def goal(self):
        goal, metric = self.data.get("goal"), self.data.get("success_metric")
        signal = self.data.get("leading_signal")
        shows, gaps, follow = [], [], []
        goal_ok = checks.meaningful(goal, 3)
        if goal_ok:
            shows.append(f"goal: {checks.text(goal)}")
        else:
            gaps.append(Gap(checks.vague("goal", goal, "whose behaviour should change, and how"),
                            "Who is the user, and what behaviour should change for them?", self.at("goal")))
        metric_ok = checks.meaningful(metric, 2) and checks.has_number(metric)
        if not checks.meaningful(metric, 2):
            gaps.append(Gap(checks.vague("success_metric", metric, "a metric, a number and a direction or target"),
                            "How will you know it works: which metric moves, from what to what?",
                            self.at("success_metric")))
        elif not checks.has_number(metric):
            shows.append(f"success metric: {checks.text(metric)}")
            gaps.append(Gap("the success metric has no number or target",
                            "What number counts as success, and by when?", self.at("success_metric")))
        elif not checks.has_direction(metric):
            shows.append(f"success metric: {checks.text(metric)}")
            gaps.append(Gap("the success metric has a number but no direction or target (from, to, >=, drops, ...)",
                            "Which way must it move, and to what: from what to what?", self.at("success_metric")))
        else:
            shows.append(f"success metric: {checks.text(metric)}")
        if checks.meaningful(signal, 3):
            shows.append(f"leading signal: {checks.text(signal)}")
        else:
            gaps.append(Gap(checks.vague("leading_signal", signal, "the early signal that moves before the "
                                         "success metric does"),
                            "What early warning shows it failing (or working) before the lagging success metric "
                            "moves, and who acts on it?", self.at("leading_signal")))
        return _grade(not goal_ok and not metric_ok, gaps), shows, gaps, follow

    # -- 2. failure modes ---------------------------------------------------------------------
    def failure(self):
        raw = self.data.get("failure_modes") or []
        modes = [(i, m) for i, m in enumerate(raw) if isinstance(m, dict)]
        shows, gaps, follow = [], [], []
        valid = 0
        ranked = sorted(modes, key=lambda im: (HARM_ORDER.index(im[1]["harm"]), im[0]))
        for index, mode in ranked:
            where = Location(self.design.file, *raw.item_marks[index]) if hasattr(raw, "item_marks") else None
            text = checks.text(mode.get("mode"))
            if not checks.meaningful(text, 2):
                gaps.append(Gap(f"failure mode \"{text}\" is too vague to judge: say what goes wrong",
                                "What exactly goes wrong, for whom?", where))
                continue
            valid += 1
            mitigation = mode.get("mitigation") or []
            mitigation = [mitigation] if isinstance(mitigation, str) else list(mitigation)
            known = [m for m in mitigation if m in self.design.components]
            shows.append(f"{mode['harm']}: {text}" + (f" (contained by {', '.join(known)})" if known else ""))
            if not checks.meaningful(mode.get("detection"), 2):
                gaps.append(Gap(f"failure mode \"{text}\" says not how it is noticed",
                                f"How would you notice \"{text}\", and how fast?", where))
            unknown = [m for m in mitigation if m not in self.design.components]
            if not mitigation:
                gaps.append(Gap(f"failure mode \"{text}\" names no component that contains it",
                                f"What contains \"{text}\" when it happens?", where))
            elif unknown:
                gaps.append(Gap(f"failure mode \"{text}\" names {_ids(unknown)} as its mitigation, which is not "
                                "a component", f"What contains \"{text}\" when it happens?", where))
        if not valid:
            gaps.append(Gap("no `failure_modes` that say what goes wrong: where the system fails first is not said",
                            "Where does this system fall over first, and who gets hurt?", self.at("failure_modes")))
        elif len(modes) >= 2 and len({m["harm"] for _, m in modes}) == 1:
            gaps.append(Gap("every failure mode has the same harm: they are listed, not ranked",
                            "Which of these failures hurts users most, and why?", self.at("failure_modes")))
        shows.extend(checks.ownership_lines(self.design))
        return _grade(not valid, gaps), shows, gaps, follow

    # -- 3. data and drift --------------------------------------------------------------------
    def data_and_drift(self):
        holders = [(c, checks.data_names(c)) for c in self.comps if c.fields.get("data")]
        holders = [(c, names) for c, names in holders if names]
        monitors = [c for c in self.comps if c.kind == "monitor"]
        shows, gaps, follow = [], [], []
        if not holders and not self.ai:
            return NOT_APPLICABLE, shows, gaps, follow
        for comp, names in holders:
            shows.append(f"`{comp.id}` holds {', '.join(names)}")
        watched = checks.watched(self.design)
        shows += [f"`{m.id}` monitors: {m.description.strip() if checks.meaningful(m.description, 2) else 'no description'}"
                  for m in monitors]
        seen = [c.id for c in self.ai if c.id in watched]
        if seen:
            shows.append(f"watched by a monitor: {', '.join(seen)}")
        if not holders:
            gaps.append(Gap("no component says what data it holds (`data:` with names a reader understands)",
                            "Where does the data come from, whose data is it, and can they opt out?",
                            self.design.location))
        unwatched = [c for c in self.ai if c.id not in watched and ("unmonitored-model", c.id) not in self.fired]
        if unwatched:
            gaps.append(Gap(f"no `monitor` watches {_ids(c.id for c in unwatched)}: their outputs reach no monitor",
                            "How will you know a model or agent has drifted, and who monitors model decay?",
                            unwatched[0].location, None, unwatched[0].id))
        if self.ai:
            first = self.ai[0].id
            follow.append(f"`{first}`'s accuracy drops 5% next month: which signal shows it first, how fast, "
                          "and what happens to users meanwhile?")
        exposed = checks.untrusted_reach(self.design, [c for c in self.ai if checks.is_generative(c)])
        if exposed and not any(("lethal-trifecta", c) in self.fired for c in exposed):
            follow.append(f"Text written outside the system (users, web pages, e-mails) reaches {_ids(exposed)} with "
                          "no guardrail or human between: what stops it from instructing them (prompt injection), "
                          "and what could it make them do?")
        return _grade(not holders and not seen, gaps), shows, gaps, follow

    # -- 4. model scope -----------------------------------------------------------------------
    def scope(self):
        shows, gaps, follow = [], [], []
        if not self.ai:
            return NOT_APPLICABLE, shows, gaps, follow
        described = 0
        for comp in self.ai:
            if checks.meaningful(comp.description, 3):
                described += 1
                shows.append(f"`{comp.id}` ({comp.kind}): {comp.description.strip()}")
            else:
                gaps.append(Gap(f"{comp.label} has no description of what it decides",
                                f"What exactly does `{comp.id}` decide, and what does it not?",
                                comp.location, None, comp.id))
        deciders = [c for c in self.ai if c.kind in ("model", "agent")]  # a vendor API is chosen by what calls it
        reasons = [(c, checks.rationale(c)) for c in deciders]
        shows += [f"why `{c.id}`: {why}" for c, why in reasons if why]
        llms = [c for c, why in reasons if not why and checks.is_generative(c)]
        scorers = [c for c, why in reasons if not why and not checks.is_generative(c)]
        if llms:
            gaps.append(Gap(f"{_ids(c.id for c in llms)} {'is an LLM or agent' if len(llms) == 1 else 'are LLMs or agents'}"
                            " and the design does not say why (`rationale`)",
                            f"Why an LLM for `{llms[0].id}` and not a classic model (say gradient-boosted trees) or "
                            "a rule: what does it gain, and what does it cost in money, latency and explainability?",
                            llms[0].location, None, llms[0].id))
        if scorers:
            gaps.append(Gap(f"{_ids(c.id for c in scorers)} {'does' if len(scorers) == 1 else 'do'} not say why a "
                            "model and not a rule (`rationale`)",
                            f"Why a model for `{scorers[0].id}` and not a rule, and which simpler baseline did it beat?",
                            scorers[0].location, None, scorers[0].id))
        reasons = sum(1 for _, why in reasons if why)
        rules = [c.id for c in self.comps if c.kind == "rule"]
        if rules:
            shows.append(f"deterministic steps: {', '.join(rules)}")
        else:
            gaps.append(Gap("no `rule` component: every decision is a model's",
                            "Where do you not use a model, and why is a rule not enough there?", self.design.location))
        for text in checks.binding_questions(self.design, self.fired):
            follow.append(text)
        for text, line in checks.appeal_lines(self.design, self.fired):
            (follow if line is None else shows).append(text if line is None else line)
        return _grade(not described and not reasons and not rules, gaps), shows, gaps, follow

    # -- 5. fallback hierarchy ----------------------------------------------------------------
    def fallback(self):
        graph = self.design.graph
        can_fail = [c for c in self.comps if c.kind in CAN_FAIL or checks.is_ai(c)]
        shows, gaps, follow = [], [], []
        if not can_fail:
            return NOT_APPLICABLE, shows, gaps, follow
        looping = {n for cycle in graph.fallback_cycles() for n in cycle}
        for comp in can_fail:
            if comp.fallback and comp.id not in looping:  # a cycle is never a strength
                shows.append(" -> ".join(first_steps(chain((comp.id,), graph.iter_fallback_chain(comp.id)))))
        for comp in can_fail:
            if comp.id in looping and ("fallback-cycle", comp.id) not in self.fired:
                loop = graph.fallback_loop(comp.id) or [comp.id]
                gaps.append(Gap(f"{comp.label}'s fallback chain comes back to it: {' -> '.join(loop)}",
                                f"When everything in `{comp.id}`'s fallback chain fails at once, what is left?",
                                comp.field_location("fallback"), None, comp.id))
        sound = [c for c in can_fail if c.fallback and c.id not in looping]
        return _grade(not sound, gaps), shows, gaps, follow

    # -- 6. feedback loop ---------------------------------------------------------------------
    def feedback(self):
        shows, gaps, follow = [], [], []
        if not self.ai:
            return NOT_APPLICABLE, shows, gaps, follow
        ai_ids = {c.id for c in self.ai}
        loops = [f for f in self.design.flows if f.kind == "feedback" and f.target.id in ai_ids]
        shows += [f"{f}" + (f" ({f.label})" if f.label else "") for f in loops]
        fast = []
        for comp in self.ai:
            rollback = comp.fields.get("rollback")
            speed = checks.rollback_speed(rollback)
            if speed:
                fast.append(comp)
                shows.append(f"`{comp.id}` rolls back: {speed}")
            elif rollback and ("model-without-rollback", comp.id) not in self.fired:
                gaps.append(Gap(f"{comp.label}'s rollback does not say how fast (`within: 15m`, or a duration)",
                                "How fast can you revert a bad model or prompt?", comp.field_location("rollback"),
                                None, comp.id))
        if not any(c.fields.get("rollback") for c in self.ai):
            gaps.append(Gap("no model or agent says how it is rolled back, and how fast (`rollback:`)",
                            "How fast can you revert a bad model or prompt?", self.design.location))
        gated = [(c, checks.evaluation(c)) for c in self.ai if c.kind in ("model", "agent")]
        for comp, gate in gated:
            if gate:
                shows.append(f"`{comp.id}` ships only after: {gate}")
        first = self.ai[0]
        within = checks.rollback_speed(first.fields.get("rollback"))
        follow.append(f"A bad release of `{first.id}` ships on a Friday: how do you notice, and how fast is it "
                      "reverted" + (f" (the design says: {within})?" if within else "?"))
        ungated = [c.id for c, gate in gated if not gate]
        if ungated:
            follow.append(f"What must a new version of {_ids(ungated)} pass before it ships: which evaluation set, "
                          "and which bar (a release gate, `evaluation:`)?")
        return _grade(not loops, gaps), shows, gaps, follow

    # -- 7. scaling ---------------------------------------------------------------------------
    def scale(self):
        scale = self.data.get("scale") or {}
        interfaces = [c for c in self.comps if c.kind == "interface"]
        shows, gaps, follow = [], [], []
        for key in ("users", "peak_rps", "growth", "bottleneck", "plan"):
            if scale.get(key) not in (None, ""):
                shows.append(f"{key.replace('_', ' ')}: {scale[key]}")
        for comp in interfaces:
            tier = comp.fields.get("tier")
            latency = comp.error_budget.get("latency_p99")
            if tier or latency:
                source = comp.inherited("error_budget")
                shows.append(f"`{comp.id}`: " + ", ".join(x for x in (
                    tier and f"tier {tier}",
                    latency and f"latency_p99 {latency}" + (f" (from {source})" if source else "")) if x))
        load_ok = any(checks.figure(scale.get(k)) for k in ("users", "peak_rps"))
        named = checks.components_named(self.design, scale.get("bottleneck"))
        in_plan = checks.components_named(self.design, scale.get("plan"))
        if not scale:
            gaps.append(Gap("no `scale`: load and growth are not said",
                            "What happens at 10x traffic: what breaks first?", self.at("scale")))
        else:
            if not load_ok:
                gaps.append(Gap("`scale` gives no load as a number with its unit (`users: 2M`, `peak_rps: 400`)",
                                "How many users and requests at peak?", self._scale_at("users")))
            if scale.get("growth") not in (None, "") and not checks.has_number(scale.get("growth")):
                gaps.append(Gap("`scale.growth` has no figure (`10x in 12 months`)",
                                "How fast does load grow, and by how much?", self._scale_at("growth")))
            if not named:
                gaps.append(Gap("`scale.bottleneck` names no component of the design",
                                "At 10x, which component breaks first, and at what load?",
                                self._scale_at("bottleneck")))
            if not checks.meaningful(scale.get("plan"), 4) or (named and not set(named) & set(in_plan)):
                gaps.append(Gap("`scale.plan` does not say what changes for the bottleneck component",
                                "What exactly do you change at 10x, and for which component?",
                                self._scale_at("plan")))
        if interfaces and not any(c.fields.get("tier") or c.error_budget.get("latency_p99") for c in interfaces):
            gaps.append(Gap("no interface has a latency tier or latency_p99",
                            "Is this real-time, near-real-time or batch, and how long does the user wait?",
                            interfaces[0].location, None, interfaces[0].id))
        growth = checks.text(scale.get("growth")) if checks.has_number(scale.get("growth")) else "10x traffic"
        target = f"`{named[0]}`" if named else "the first component to break"
        follow.append(f"At {growth}: what does {target} run out of first, what does that cost, "
                      "and what do you change?")
        latency_ok = any(c.fields.get("tier") or c.error_budget.get("latency_p99") for c in interfaces)
        return _grade(not load_ok and not named and not latency_ok, gaps), shows, gaps, follow


def build(design: Design, findings) -> Scorecard:
    """The scorecard of a design, given its findings (from engine.lint)."""
    review = _Review(design, findings)
    steps = {"goal": review.goal, "failure": review.failure, "data": review.data_and_drift, "scope": review.scope,
             "fallback": review.fallback, "feedback": review.feedback, "scale": review.scale}
    sections = []
    for key, title in SECTIONS:
        grade, shows, gaps, follow = steps[key]()
        gaps = gaps + review.by_section[key]  # listed even where the section has nothing to grade
        if grade == STRONG and gaps:
            grade = PARTIAL
        sections.append(Section(key, title, grade, tuple(shows), tuple(gaps), tuple(follow)))
    return Scorecard(design.system, design.file, tuple(sections), tuple(findings))
