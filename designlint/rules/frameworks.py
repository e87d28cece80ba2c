"""Framework references: which clauses of which framework each rule is evidence for.

The catalogue is designlint/rules/frameworks.yaml (package data): each framework's
title, URL and clauses, and the references of every built-in rule, each pair
justified from the primary text in docs/framework-references.md. A reference is
written `<framework>:<clause>`, e.g. `owasp-llm-2025:LLM01`, `eu-ai-act:art-14`,
`nist-ai-rmf:MANAGE-2.4`. Sources: OWASP Top 10 for LLM Applications 2025;
Regulation (EU) 2024/1689; NIST AI 100-1 (AI RMF 1.0); OWASP Agentic AI -
Threats and Mitigations (v1.1).

A finding is evidence for a reviewer, not a legal finding: a reference names a
clause the finding is relevant to; it does not say the system breaks that
clause, or that the clause applies to the system at all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

from designlint.loading import resources
from designlint.util.value import Value, setfield

# The frameworks, in the order they are listed (a test checks this against frameworks.yaml);
# a constant so that the command line can offer them without reading the catalogue.
NAMES = ("owasp-llm-2025", "eu-ai-act", "nist-ai-rmf", "owasp-agentic")
DISCLAIMER = ("A finding is evidence for a reviewer, not a legal finding: a reference names a clause the finding "
              "is relevant to, not a breach of it, nor that the clause applies to the system.")


class Framework(Value):
    __slots__ = ("name", "title", "url", "clauses")

    def __init__(self, name: str, title: str, url: str, clauses: Mapping[str, str]):
        setfield(self, "name", name)
        setfield(self, "title", title)
        setfield(self, "url", url)
        setfield(self, "clauses", clauses)  # clause id -> its title, in the catalogue's order


@lru_cache(maxsize=1)
def _catalogue() -> dict:
    import yaml

    text = resources.read_text("designlint.rules", "frameworks.yaml")
    # libyaml's loader when PyYAML has it: the pure-Python one costs ~20 ms of every run's start-up
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def frameworks() -> dict[str, Framework]:
    """Every framework by name, in NAMES order."""
    data = _catalogue()["frameworks"]
    return {name: Framework(name, data[name]["title"], data[name]["url"], dict(data[name]["clauses"]))
            for name in NAMES}


def builtin_references() -> dict[str, tuple[str, ...]]:
    """Built-in rule id -> its references, as frameworks.yaml lists them."""
    return {rule_id: tuple(refs or ()) for rule_id, refs in _catalogue()["rules"].items()}


def known(reference: str) -> bool:
    """Whether `reference` (`<framework>:<clause>`) names a clause of the catalogue."""
    name, _, clause = reference.partition(":")
    found = frameworks().get(name)
    return found is not None and clause in found.clauses


def all_references() -> list[str]:
    """Every `<framework>:<clause>` of the catalogue, in its order (for did-you-mean hints)."""
    return [f"{fw.name}:{clause}" for fw in frameworks().values() for clause in fw.clauses]


def in_framework(references: Iterable[str], name: str) -> bool:
    """Whether any of `references` cites a clause of framework `name`."""
    return any(ref.partition(":")[0] == name for ref in references)


def coverage(specs: Iterable, name: str) -> list[tuple[str, str, list[str]]]:
    """(clause, title, rule ids citing it) for every clause of framework `name`, in catalogue order;
    a clause no rule cites has an empty list. `specs`: RuleSpecs (disabled ones count too)."""
    framework = frameworks()[name]
    cited: dict[str, list[str]] = {clause: [] for clause in framework.clauses}
    for spec in specs:
        for ref in spec.references:
            fw, _, clause = ref.partition(":")
            if fw == name and clause in cited and spec.id not in cited[clause]:
                cited[clause].append(spec.id)
    return [(clause, title, cited[clause]) for clause, title in framework.clauses.items()]
