"""Two versions -> a Diff: designs matched by `system`, then models, safeguards and findings compared.

A version is the designs read from its files and each design's findings
(Side). Designs pair up by `system`, in order of appearance when a system is
written more than once. A system only in the new version is added (its
components added, its findings introduced); one only in the old version is
removed (its components removed, its findings fixed). Exit code
(FORMAT.md): 2 when either version had an input error, else 1 when an
introduced, unwaived finding is at or above `fail_on`, else 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.errors import InputError
from designlint.findings import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Finding, at_or_above
from designlint.model import Design, Flow
from designlint.rules import Severity
from designlint.diff import changes, matching, safeguards
from designlint.diff.safeguards import Safeguard


@dataclass(frozen=True)
class Side:
    """One version: its designs in file order, each design's findings (sorted), input errors, files read."""

    designs: tuple[Design, ...] = ()
    findings: tuple[tuple[Finding, ...], ...] = ()  # findings[i] are designs[i]'s
    errors: tuple[InputError, ...] = ()
    files: tuple[str, ...] = ()


def lint_side(designs, errors=(), files=(), config=None, registry=None) -> Side:
    """A Side whose findings are each design's own, from designlint.findings.engine.lint."""
    from designlint.findings.engine import lint

    designs = tuple(designs)
    return Side(designs, tuple(tuple(lint(d, config, registry)) for d in designs), tuple(errors), tuple(files))


@dataclass(frozen=True)
class Named:
    """A component id or a flow's text, in its system."""

    system: str
    text: str


@dataclass(frozen=True)
class Changed:
    system: str
    component: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class FlowChange:
    system: str
    text: str  # changes.flow_text
    flow: Flow


@dataclass(frozen=True)
class Pair:
    """One system's two designs; None on the side that does not have it."""

    system: str
    old: Design | None
    new: Design | None
    introduced: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Diff:
    removed_safeguards: tuple[Safeguard, ...]
    components_added: tuple[Named, ...]
    components_removed: tuple[Named, ...]
    components_changed: tuple[Changed, ...]
    flows_added: tuple[FlowChange, ...]
    flows_removed: tuple[FlowChange, ...]
    introduced: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    unchanged: int
    pairs: tuple[Pair, ...] = field(default=(), repr=False)
    errors: tuple[InputError, ...] = ()
    fail_on: Severity = Severity.ERROR

    @property
    def systems(self) -> list[str]:
        return [p.system for p in self.pairs]

    @property
    def systems_added(self) -> list[str]:
        return [p.system for p in self.pairs if p.old is None]

    @property
    def systems_removed(self) -> list[str]:
        return [p.system for p in self.pairs if p.new is None]

    @property
    def qualified(self) -> bool:
        """Whether names carry their system (`system/id`): when more than one system was compared."""
        return len({p.system for p in self.pairs}) > 1

    def name(self, system: str, text: str) -> str:
        return f"{system}/{text}" if self.qualified else text

    @property
    def failing(self) -> list[Finding]:
        """The introduced findings that fail the run: unwaived, at or above fail_on."""
        return at_or_above(self.introduced, self.fail_on)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.failing else EXIT_OK

    @property
    def empty(self) -> bool:
        """Whether nothing changed that the diff reports."""
        return not (self.removed_safeguards or self.components_added or self.components_removed
                    or self.components_changed or self.flows_added or self.flows_removed
                    or self.introduced or self.fixed)


def pairs(old: Side, new: Side) -> list[tuple[str, tuple[Design, tuple[Finding, ...]] | None,
                                           tuple[Design, tuple[Finding, ...]] | None]]:
    """(system, old design and findings or None, new ones or None): the new version's systems in
    order, then those only the old one has."""
    def by_system(side: Side) -> dict[str, list]:
        out: dict[str, list] = {}
        for design, found in zip(side.designs, side.findings):
            out.setdefault(design.system, []).append((design, found))
        return out

    before, after = by_system(old), by_system(new)
    out = []
    for system in list(after) + [s for s in before if s not in after]:
        olds, news = before.get(system, []), after.get(system, [])
        for i in range(max(len(olds), len(news))):
            out.append((system, olds[i] if i < len(olds) else None, news[i] if i < len(news) else None))
    return out


def compare(old: Side, new: Side, fail_on: Severity = Severity.ERROR) -> Diff:
    """The Diff from `old` to `new`; cost linear in the two versions' components, flows and findings."""
    kept: list[Safeguard] = []
    added: list[Named] = []
    removed: list[Named] = []
    changed: list[Changed] = []
    flows_added: list[FlowChange] = []
    flows_removed: list[FlowChange] = []
    introduced: list[Finding] = []
    fixed: list[Finding] = []
    unchanged = 0
    done: list[Pair] = []
    for system, before, after in pairs(old, new):
        old_design, old_findings = before or (None, ())
        new_design, new_findings = after or (None, ())
        if old_design is not None and new_design is not None:
            kept.extend(safeguards.removed(old_design, new_design))
        plus, minus, diffs = changes.components(old_design, new_design)
        added.extend(Named(system, cid) for cid in plus)
        removed.extend(Named(system, cid) for cid in minus)
        changed.extend(Changed(system, cid, tuple(fields)) for cid, fields in diffs)
        more, fewer = changes.flows(old_design, new_design)
        flows_added.extend(FlowChange(system, changes.flow_text(f), f) for f in more)
        flows_removed.extend(FlowChange(system, changes.flow_text(f), f) for f in fewer)
        new_here, fixed_here, same = matching.match(system, old_findings, new_findings)
        introduced.extend(new_here)
        fixed.extend(fixed_here)
        unchanged += same
        done.append(Pair(system, old_design, new_design, tuple(new_here), tuple(fixed_here)))
    return Diff(tuple(kept), tuple(added), tuple(removed), tuple(changed), tuple(flows_added),
                tuple(flows_removed), tuple(introduced), tuple(fixed), unchanged, tuple(done),
                old.errors + new.errors, fail_on)
