"""The registry: the one place a run's rules are assembled.

builtin_registry() lists every built-in rule once, in a fixed order (the core
rules of FORMAT.md, the judgment rules, then the AI-risk rules of FORMAT.md
revision 2), each with its framework references (frameworks.yaml), Python rules and built-in packs
alike (yamllint's explicit map, ruff's codes.rs). rules_for(config, packs) adds
the project config's packs and then the command line's `--pack` files: every
command (check, baseline, render, review, rules, explain) gets its rules here,
so a pack's rule is known to each of them alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from designlint.rules import Registry, RuleSpec

# Built-in packs, by file beside the Python rules, and the rules each defines.
_PACKS = ("resilience.yaml", "feedback.yaml")


def _python_rules() -> dict[str, RuleSpec]:
    from designlint.rules import (budget_paths, budgets, feedback, guardrails, injection, oversight, ownership, privacy,
                                  resilience, structure, waivers)

    specs = [
        ownership.missing_owner.spec, resilience.missing_fallback.spec, budgets.missing_error_budget.spec, feedback.missing_feedback_loop.spec,
        oversight.ungated_irreversible_action.spec, structure.unknown_reference.spec, resilience.fallback_cycle.spec,
        waivers.UNUSED_WAIVER,
        resilience.fallback_shared_fate.spec, structure.isolated_component.spec, structure.dead_end.spec,
        budget_paths.latency_budget_exceeded.spec, budget_paths.availability_budget_exceeded.spec,
        privacy.personal_data_to_external.spec, privacy.personal_data_retention.spec,
        injection.lethal_trifecta.spec, oversight.unverified_binding_output.spec,
        oversight.adverse_action_without_appeal.spec, guardrails.guardrail_failure_undeclared.spec,
        guardrails.fail_open_guardrail.spec, oversight.prompt_only_constraint.spec,
        resilience.fallback_same_provider.spec, feedback.unevaluated_model.spec,
    ]
    return {spec.id: spec for spec in specs}


# Every built-in rule id, in the order `designlint rules` lists them: the core rules of FORMAT.md, judgment, AI-risk.
BUILTIN_ORDER = (
    "missing-owner", "missing-fallback", "missing-error-budget", "missing-feedback-loop",
    "ungated-irreversible-action", "unknown-reference", "fallback-cycle", "unused-waiver",
    "no-human-handoff", "ai-only-fallback", "human-without-sla", "unmonitored-model", "model-without-rollback",
    "fallback-shared-fate", "isolated-component", "dead-end", "latency-budget-exceeded",
    "availability-budget-exceeded", "personal-data-to-external", "personal-data-retention",
    "lethal-trifecta", "unverified-binding-output", "adverse-action-without-appeal", "guardrail-failure-undeclared",
    "fail-open-guardrail", "prompt-only-constraint", "fallback-same-provider", "unevaluated-model",
)
# The core rules of FORMAT.md: BUILTIN_ORDER up to `unused-waiver`; the AI-risk rules of FORMAT.md rev. 2
# from `lethal-trifecta` on; every built-in rule between them is a judgment rule.
CORE = BUILTIN_ORDER[:BUILTIN_ORDER.index("unused-waiver") + 1]
AI_RISK = BUILTIN_ORDER[BUILTIN_ORDER.index("lethal-trifecta"):]


def group(rule_id: str) -> str:
    """"core" for a core rule of FORMAT.md, "ai-risk" for one of its rev. 2 AI-risk rules, "judgment" for
    another built-in rule, "" for a pack's rule."""
    if rule_id in CORE:
        return "core"
    if rule_id in AI_RISK:
        return "ai-risk"
    return "judgment" if rule_id in BUILTIN_ORDER else ""


def builtin_registry() -> Registry:
    """Every built-in rule, Python and pack, in BUILTIN_ORDER: a new Registry each call, so callers may change it."""
    return _builtin().copy()


@lru_cache(maxsize=1)
def _builtin() -> Registry:
    from dataclasses import replace

    from designlint.rules import packs
    from designlint.rules.frameworks import builtin_references

    specs = _python_rules()
    from designlint.loading import resources
    for name in _PACKS:
        scratch = Registry(specs.values())
        pack = packs.parse(resources.read_text("designlint.rules", name), f"designlint/rules/{name}", scratch)
        for spec in pack.rules:
            specs[spec.id] = replace(spec, source=f"designlint/rules/{name}")
    missing = set(BUILTIN_ORDER) ^ set(specs)
    if missing:  # pragma: no cover - a rule added without a place in the order
        raise AssertionError(f"BUILTIN_ORDER and the built-in rules differ: {sorted(missing)}")
    references = builtin_references()
    unmapped = set(BUILTIN_ORDER) ^ set(references)
    if unmapped:  # pragma: no cover - a rule added without its line in frameworks.yaml
        raise AssertionError(f"frameworks.yaml and the built-in rules differ: {sorted(unmapped)}")
    # A Python rule's origin is its group (a built-in pack's stays `pack NAME`), as `explain` shows it.
    return Registry(replace(specs[rule_id], references=references[rule_id],
                            origin=group(rule_id) if specs[rule_id].origin == "core" else specs[rule_id].origin)
                    for rule_id in BUILTIN_ORDER)


def rules_for(config=None, packs: Iterable[str] = ()) -> Registry:
    """The rules of a run: the built-in ones, the config's packs, then `packs` (the --pack files), in order.

    `config`: a designlint.config.Config (its `packs` are paths already resolved
    against the config's folder), or None. Raises InputError or InputErrors, at
    the pack's file, line and column, for a bad pack.
    """
    paths = _once([*(config.packs if config is not None else ()), *packs])
    if not paths:
        return builtin_registry()
    from designlint.rules.packs import load_pack

    registry = builtin_registry()
    for path in paths:
        load_pack(path, registry)
    return registry


def _once(paths: list[str]) -> list[str]:
    """`paths` without a second mention of one file (the config and --pack may both name it)."""
    import os

    seen: set[str] = set()
    kept = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept
