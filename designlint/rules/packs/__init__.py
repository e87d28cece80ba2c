"""Rule packs: rules written as YAML data, loaded into the same registry as Python rules.

A pack is read with designlint.loading.yamlsource (so every error has a file, line and
column), validated against schemas/pack.schema.json, checked for what a schema
cannot see (unknown fields, bad patterns and placeholders, rule ids that clash
or name nothing), and only then applied: its rules are added, and the rules it
re-grades or disables are changed. A pack with any error changes nothing.

Built-in packs are designlint/rules/*.yaml, beside the Python rules of the
same subject; users add theirs with `designlint check --pack FILE` or the
config's `packs:`. designlint.rules.registry assembles them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from designlint.errors import InputError, InputErrors
from designlint.loading import resources, schema, yamlsource
from designlint.model import Component, Design
from designlint.rules import Problem, Registry, RuleSpec, Severity, frameworks
from designlint.rules.packs import predicates
from designlint.util.regex import PatternError, compile_linear
from designlint.util.suggest import suggest
from designlint.util.value import Value, setfield

PLACEHOLDERS = ("id", "kind", "label", "layer", "owner", "system", "path")
_TEMPLATE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class PackRule(Value):
    """One rule of a pack, compiled: which components it selects, what it requires of them."""

    __slots__ = ("id", "kinds", "layers", "where", "require", "message", "at")

    def __init__(self, id: str, kinds: frozenset[str] | None, layers: frozenset[str] | None,
                 where: predicates.Predicate | None, require: tuple[predicates.Predicate, ...], message: str,
                 at: str | None):
        setfield(self, "id", id)
        setfield(self, "kinds", kinds)
        setfield(self, "layers", layers)
        setfield(self, "where", where)
        setfield(self, "require", require)
        setfield(self, "message", message)
        setfield(self, "at", at)

    def check(self, design: Design) -> Iterator[Problem]:
        ctx = predicates.Context(design)
        for comp in design.components.values():
            if not self._selects(ctx, comp):
                continue
            for predicate in self.require:
                outcome = predicate(ctx, comp)
                if not outcome.ok:
                    location = comp.field_location(self.at) if self.at else comp.location
                    # The path is found only for a message that shows it (it can be as long as the design).
                    path = outcome.path if "{path}" in self.message else ()
                    yield Problem(location, render(self.message, design, comp, path), comp.id)
                    break

    def _selects(self, ctx, comp: Component) -> bool:
        if self.kinds is not None and comp.kind not in self.kinds:
            return False
        if self.layers is not None and comp.layer not in self.layers:
            return False
        return self.where is None or self.where(ctx, comp).ok


def render(template: str, design: Design, comp: Component, path: tuple[str, ...]) -> str:
    values = {
        "id": comp.id, "kind": comp.kind, "label": comp.label, "layer": comp.layer or "",
        "owner": comp.owner or "", "system": design.system, "path": " -> ".join(path),
    }

    def fill(match: re.Match) -> str:
        text = match.group(0)
        if text in ("{{", "}}"):
            return text[0]
        return values[match.group(1)]

    return _TEMPLATE.sub(fill, template)


def load_pack(path: str, registry: Registry, display: str | None = None) -> None:
    """Read the pack at `path` and apply it to `registry`."""
    name = display or path
    apply(parse(yamlsource.read_text(path, name), name, registry), registry)


class Pack(Value):
    __slots__ = ("name", "rules", "regrade", "disable")

    def __init__(self, name: str, rules: tuple[RuleSpec, ...], regrade: tuple[tuple[str, Severity], ...],
                 disable: tuple[str, ...]):
        setfield(self, "name", name)
        setfield(self, "rules", rules)
        setfield(self, "regrade", regrade)
        setfield(self, "disable", disable)


def parse(text: str, file: str, registry: Registry) -> Pack:
    """A validated Pack from YAML text; `registry` holds the rules it may re-grade or disable."""
    try:
        data = yamlsource.parse(text, file)
    except InputError as exc:  # yamlsource speaks of designs; say what a pack needs
        if exc.message.startswith(("empty file", "the document is")):
            raise InputError(file, exc.line, exc.column,
                             "a rule pack is a mapping that starts with `designlint-pack: 1` and `name`") from None
        raise
    schema.validate(data, file, "pack")
    errors: list[InputError] = []

    def error(path: tuple, message: str, key: bool = False) -> None:
        line, col = yamlsource.locate(data, path, key=key)
        errors.append(InputError(file, line, col, message))

    pack_name = data["name"]
    specs = []
    seen: set[str] = set()
    for i, body in enumerate(data.get("rules") or []):
        at = ("rules", i)
        rule_id = body["id"]
        if rule_id in seen:
            error(at + ("id",), f"rule `{rule_id}` is defined twice in this pack")
        elif rule_id in registry:
            origin = registry.get(rule_id).origin
            error(at + ("id",), f"rule `{rule_id}` is already defined ({origin}): choose another id, "
                  "or change that rule with `regrade` or `disable`")
        seen.add(rule_id)
        _check_rule(body, at, error)
        specs.append(body)
    known = set(registry.ids()) | seen
    for section in ("regrade", "disable"):
        for i, rule_id in enumerate(data.get(section) or []):
            if rule_id not in known:
                path = (section, rule_id) if section == "regrade" else (section, i)
                error(path, f"`{section}` names `{rule_id}`, which is not a rule{suggest(rule_id, known)}",
                      key=section == "regrade")
    if errors:
        raise InputErrors(errors)
    origin = f"pack {pack_name}"
    return Pack(
        name=pack_name,
        rules=tuple(_spec(body, origin, file) for body in specs),
        regrade=tuple((rule_id, Severity(sev)) for rule_id, sev in (data.get("regrade") or {}).items()),
        disable=tuple(data.get("disable") or ()),
    )


def apply(pack: Pack, registry: Registry) -> None:
    for spec in pack.rules:
        registry.add(spec)
    for rule_id, severity in pack.regrade:
        registry.add(replace(registry.get(rule_id), severity=severity), replace=True)
    for rule_id in pack.disable:
        registry.add(replace(registry.get(rule_id), enabled=False), replace=True)


def _spec(body: dict, origin: str, file: str) -> RuleSpec:
    select = body.get("select") or {}
    where = select.get("where")
    compiled = PackRule(
        id=body["id"],
        kinds=frozenset(predicates.as_list(select["kind"])) if "kind" in select else None,
        layers=frozenset(predicates.as_list(select["layer"])) if "layer" in select else None,
        where=predicates.AllOf(tuple(map(predicates.compile_predicate, where))) if where else None,
        require=tuple(map(predicates.compile_predicate, body["require"])),
        message=body["message"],
        at=body.get("at"),
    )
    doc = (body.get("docs") or "").strip()
    return RuleSpec(body["id"], Severity(body["severity"]), body["summary"], compiled.check, doc, origin, source=file,
                    references=tuple(body.get("references") or ()))


def _component_fields() -> set[str]:
    return set(resources.schema("design")["$defs"]["component"]["properties"])


def _check_field(field: str, path: tuple, error) -> None:
    head = field.split(".")[0]
    fields = _component_fields()
    if head not in fields and not head.startswith("x-"):
        error(path, f"`{head}` is not a component field{suggest(head, fields)}")


def _check_rule(body: dict, at: tuple, error) -> None:
    for match in _TEMPLATE.finditer(body["message"]):
        name = match.group(1)
        if match.group(0) in ("{{", "}}"):
            continue
        if name is None:
            error(at + ("message",), "the message has an unmatched brace: write {{ or }} for a literal one")
        elif name not in PLACEHOLDERS:
            error(at + ("message",), f"the message names an unknown placeholder `{{{name}}}` "
                  f"(known: {', '.join(PLACEHOLDERS)}){suggest(name, PLACEHOLDERS)}")
    if "at" in body:
        _check_field(body["at"], at + ("at",), error)
    for i, reference in enumerate(body.get("references") or ()):
        if not frameworks.known(reference):
            error(at + ("references", i), f"`{reference}` is not a clause designlint knows"
                  f"{suggest(reference, frameworks.all_references())} (`designlint rules --framework NAME` lists them)")
    select = body.get("select") or {}
    for i, predicate in enumerate(select.get("where") or []):
        _check_predicate(predicate, at + ("select", "where", i), error)
    for i, predicate in enumerate(body["require"]):
        _check_predicate(predicate, at + ("require", i), error)


def _check_predicate(predicate: dict, path: tuple, error) -> None:
    ((name, opts),) = predicate.items()
    here = path + (name,)
    if name in ("present", "absent"):
        _check_field(opts, here, error)
    elif name in ("matches", "in"):
        _check_field(opts["field"], here + ("field",), error)
        if name == "matches":
            try:
                compile_linear(opts["pattern"])
            except PatternError as exc:
                error(here + ("pattern",), f"`pattern` is not a regular expression RE2 can run: {exc}")
    elif name == "exists" and "has" in opts:
        _check_field(opts["has"], here + ("has",), error)
    elif name in ("any_of", "all_of"):
        for i, part in enumerate(opts):
            _check_predicate(part, here + (i,), error)
    elif name == "not":
        _check_predicate(opts, here, error)
