"""The rule registry: every rule, core or from a pack, is a RuleSpec here.

A rule is a function of the Design that yields Problems. Its id, default
severity and one-line summary stand beside it (the `rule` decorator); its
docstring is its documentation, with a failing and a passing design. The
engine, not the rule, stamps the severity and applies waivers.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from designlint.findings import Problem, Severity


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    summary: str
    check: Callable[..., Iterable[Problem]] | None
    doc: str = ""
    origin: str = "core"
    enabled: bool = True  # False: a pack disabled it; it stays known (waivers of it are not "unknown") but never runs

    @property
    def examples(self) -> dict[str, str]:
        """The 'Fails::' and 'Passes::' designs of the docstring, by name."""
        return doc_examples(self.doc)


def rule(rule_id: str, severity: Severity, summary: str):
    """Declare a function as a rule: `@rule("missing-owner", Severity.ERROR, "...")`."""

    def wrap(fn):
        fn.spec = RuleSpec(rule_id, severity, summary, fn, inspect.cleandoc(fn.__doc__ or ""))
        return fn

    return wrap


def doc_examples(doc: str) -> dict[str, str]:
    """Literal blocks after 'Fails::' and 'Passes::' lines, dedented."""
    blocks: dict[str, str] = {}
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        head = lines[i].strip()
        if head in ("Fails::", "Passes::"):
            body = []
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
                body.append(lines[i][4:])
                i += 1
            blocks[head[:-2].lower()] = "\n".join(body).strip("\n") + "\n"
        else:
            i += 1
    return blocks


class Registry:
    """Rules by id, in the order they were added."""

    def __init__(self, specs: Iterable[RuleSpec] = ()):
        self._specs: dict[str, RuleSpec] = {}
        for spec in specs:
            self.add(spec)

    def add(self, spec: RuleSpec, *, replace: bool = False) -> None:
        if spec.id in self._specs and not replace:
            raise ValueError(f"rule `{spec.id}` is defined twice")
        self._specs[spec.id] = spec

    def remove(self, rule_id: str) -> None:
        self._specs.pop(rule_id, None)

    def get(self, rule_id: str) -> RuleSpec | None:
        return self._specs.get(rule_id)

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._specs

    def __iter__(self) -> Iterator[RuleSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def ids(self) -> list[str]:
        return list(self._specs)

    def copy(self) -> "Registry":
        return Registry(self._specs.values())


def core_rules() -> list[RuleSpec]:
    """The core rules written in Python (missing-owner is in the built-in pack rules/core.yaml)."""
    from designlint.rules import budgets, feedback, oversight, references, resilience, waivers

    return [
        resilience.missing_fallback.spec,
        budgets.missing_error_budget.spec,
        feedback.missing_feedback_loop.spec,
        oversight.ungated_irreversible_action.spec,
        references.unknown_reference.spec,
        resilience.fallback_cycle.spec,
        waivers.UNUSED_WAIVER,
    ]


def judgment_rules() -> list[RuleSpec]:
    """The judgment rules that need more than the pack language (path arithmetic, data items)."""
    from designlint.rules import deadparts, fate, pathbudgets, privacy

    return [
        fate.fallback_shared_fate.spec,
        deadparts.isolated_component.spec,
        deadparts.dead_end.spec,
        pathbudgets.latency_budget_exceeded.spec,
        pathbudgets.availability_budget_exceeded.spec,
        privacy.personal_data_to_external.spec,
        privacy.personal_data_retention.spec,
    ]


def default_registry() -> Registry:
    """The built-in rules: the Python rules and the built-in packs (rules/*.yaml)."""
    from designlint.packs import load_registry

    return load_registry()
