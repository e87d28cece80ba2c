"""Stage 3, rules: what a rule is (the contract), and every built-in rule beside it.

A rule is a function of the Design that yields Problems. Its id, default
severity and one-line summary stand beside it (the `rule` decorator); its
docstring is its documentation, with a failing and a passing design. The
engine (designlint.findings.engine), not the rule, stamps the severity and
applies waivers. Rules of one subject live in one module, and built-in rule
packs (YAML) of the same subject beside it: resilience.py / resilience.yaml.
designlint.rules.registry is the one place a run's rules are assembled.
"""

from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from designlint.loading.location import Location


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True)
class Problem:
    """What a rule yields: no rule id and no severity; the engine stamps those.

    `subject` names what the problem is about inside the component (an action,
    a flow, a fallback target), so that a finding can be told apart from
    another of the same rule on the same component without using its line.
    """

    location: Location
    message: str
    component: str | None = None
    subject: str | None = None




@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    summary: str
    check: Callable[..., Iterable[Problem]] | None
    doc: str = ""
    origin: str = "core"  # "core", "judgment" (the built-in groups), or "pack NAME" for a user's pack
    enabled: bool = True  # False: a pack disabled it; it stays known (waivers of it are not "unknown") but never runs
    source: str = ""  # the file that defines it, e.g. designlint/rules/resilience.py
    # Clauses it is evidence for, `<framework>:<clause>` (designlint.rules.frameworks); () where none supports it.
    references: tuple[str, ...] = ()

    @property
    def examples(self) -> dict[str, str]:
        """The 'Fails::' and 'Passes::' designs of the docstring, by name."""
        return doc_examples(self.doc)


def rule(rule_id: str, severity: Severity, summary: str):
    """Declare a function as a rule: `@rule("missing-owner", Severity.ERROR, "...")`."""

    def wrap(fn):
        source = "designlint/rules/" + fn.__module__.rsplit(".", 1)[-1] + ".py"
        fn.spec = RuleSpec(rule_id, severity, summary, fn, inspect.cleandoc(fn.__doc__ or ""), source=source)
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
