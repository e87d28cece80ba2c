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
from designlint.util.value import Value, setfield


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


class Problem(Value):
    """What a rule yields: no rule id and no severity; the engine stamps those.

    `subject` names what the problem is about inside the component (an action,
    a flow, a fallback target), so that a finding can be told apart from
    another of the same rule on the same component without using its line.
    """

    __slots__ = ("location", "message", "component", "subject")

    def __init__(self, location: Location, message: str, component: str | None = None, subject: str | None = None):
        setfield(self, "location", location)
        setfield(self, "message", message)
        setfield(self, "component", component)
        setfield(self, "subject", subject)


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

    @property
    def sections(self) -> dict[str, str]:
        """The docs by section (DOC_SECTIONS), in the order they are written."""
        return doc_sections(self.doc)


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


# The sections of every rule's docs, in order (ruff's "What it does / Why is this bad? / Example",
# checked as its scripts/check_docs_formatted.py does). A labelled section is a paragraph that opens
# with "LABEL:"; the designs are literal blocks after "Fails::" and "Passes::".
LABELLED_SECTIONS = ("What it checks", "Why it matters", "Known limits", "References")
DOC_SECTIONS = ("What it checks", "Why it matters", "Fails", "Passes", "Known limits", "References")


def doc_sections(doc: str) -> dict[str, str]:
    """A rule's docs by section, in the order written: {"What it checks": text, ..., "Fails": design, ...}.

    A labelled section runs from its "LABEL:" line to the next label or
    example, its lines joined; "Fails" and "Passes" are the designs of
    doc_examples(). An absent section is not in the result, so
    `set(DOC_SECTIONS) - set(doc_sections(doc))` is what the docs lack.
    """
    examples = doc_examples(doc)
    sections: dict[str, str] = {}
    label = None
    for line in doc.splitlines():
        head = line.strip()
        if head in ("Fails::", "Passes::"):
            label = None
            sections[head[:-2]] = examples[head[:-2].lower()]
        elif not line.startswith(" ") and (opened := next(
                (name for name in LABELLED_SECTIONS if head.startswith(name + ":")), None)):
            label = opened
            sections[label] = head[len(label) + 1:].strip()
        elif label is not None and head:
            sections[label] = f"{sections[label]} {head}".strip()
    return sections


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
