"""The one place where the language server reaches into the rest of designlint.

Everything the server needs from the library (read a design from text, lint
it, find and read the project's config, the rule registry, the design schema)
goes through the functions here, so that a move of the library's modules
changes this file only. Nothing here knows about LSP.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from designlint import config as project_config
from designlint.errors import InputError, InputErrors
from designlint.findings import Finding, Location, Report, Severity
from designlint.findings.engine import lint as lint_design
from designlint.findings.run import collector_paused  # noqa: F401 - re-exported for the server
from designlint.loading import markdown, schema, yamlsource
from designlint.loading.resources import schema as load_schema
from designlint.loading.yamlsource import MarkedMap, MarkedSeq
from designlint.model import Design
from designlint.model import kinds as model_kinds
from designlint.model.build import build
from designlint.rules.registry import builtin_registry, rules_for
from designlint.util.suggest import suggest as did_you_mean

__all__ = ["Block", "DesignRead", "Finding", "InputError", "Location", "MarkedMap", "MarkedSeq", "Project",
           "Severity", "design_blocks", "field_schema", "is_design_text", "is_markdown", "kinds", "lint",
           "project", "read_block", "rule_doc", "rule_ids"]

Block = markdown.Block
is_markdown = markdown.is_markdown

# The marker `check` uses to tell a design from other YAML (discover.py), on text.
_DESIGN_MARKER = re.compile(r"^(?:---\s*\n)?[\"']?designlint[\"']?\s*:", re.MULTILINE)


def is_design_text(text: str) -> bool:
    """Whether a YAML text is a design, as `check` decides for a folder walk (a top-level `designlint` key)."""
    return _DESIGN_MARKER.search(text) is not None


def design_blocks(text: str, path: str) -> list[Block]:
    """The design blocks of a document: the whole text of a YAML file, or each design fence of Markdown."""
    if is_markdown(path):
        return markdown.design_blocks(text)
    return [Block(text, 0, 0)] if is_design_text(text) else []


@dataclass
class DesignRead:
    """One block read as far as it goes: its YAML data (None on a syntax error),
    its Design (None when the data breaks the schema) and its input errors."""

    data: MarkedMap | None
    design: Design | None
    errors: list[InputError]


def read_block(block: Block, name: str) -> DesignRead:
    """Read one design block as `model.build.loads` does, keeping the YAML data even when the schema refuses it."""
    try:
        data = yamlsource.parse(block.text, name, block.line_offset, block.column_offset)
    except InputError as exc:
        return DesignRead(None, None, [exc])
    try:
        schema.validate(data, name, "design")
        return DesignRead(data, build(data, name), [])
    except InputError as exc:
        return DesignRead(data, None, [exc])
    except InputErrors as exc:
        return DesignRead(data, None, list(exc.errors))


@dataclass(frozen=True)
class Project:
    """What `check` would use for a file: its engine Config, the rules, the config file (or None)
    and the config's own input errors (the defaults are used then)."""

    config: project_config.Config
    registry: object
    path: str | None
    errors: tuple[InputError, ...] = ()


def project(folder: str) -> Project:
    """The project settings that apply to files in `folder`: the nearest .designlint.yaml or
    pyproject.toml [tool.designlint] at or above it, read again only when it changes on disk."""
    found = project_config.find(folder)
    if found is None:
        return _project(None, 0.0, folder)
    path = os.path.abspath(found)
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = 0
    return _project(path, stamp, os.path.dirname(path))


@lru_cache(maxsize=32)
def _project(path: str | None, stamp: float, root: str) -> Project:
    try:
        config, _ = project_config.resolve(path, isolated=path is None, start=root)
        return Project(config, rules_for(config), path)
    except InputError as exc:
        return Project(project_config.Config(root=root), _default_registry(), path, (exc,))
    except InputErrors as exc:
        return Project(project_config.Config(root=root), _default_registry(), path, tuple(exc.errors))


@lru_cache(maxsize=1)
def _default_registry():
    return builtin_registry()


def lint(design: Design, settings: Project) -> tuple[list[Finding], list[InputError]]:
    """The findings of one design as `check` reports them (waivers applied; baselined ones marked
    when the config names a baseline), and the baseline's input errors if it cannot be read."""
    findings = lint_design(design, settings.config, settings.registry)
    if not settings.config.baseline:
        return findings, []
    from designlint.findings import baseline

    report = Report(tuple(findings), files=(design.file,))
    try:
        return list(baseline.load_and_compare(report, settings.config.baseline).findings), []
    except InputError as exc:
        return findings, [exc]
    except InputErrors as exc:
        return findings, list(exc.errors)


def rule_ids(registry=None) -> list[str]:
    """Every rule id the registry knows, in its order."""
    return (registry or _default_registry()).ids()


def rule_doc(rule_id: str, registry=None):
    """(summary, default severity, docstring) of a rule, or None for an id that is no rule."""
    spec = (registry or _default_registry()).get(rule_id)
    if spec is None:
        return None
    return spec.summary, spec.severity.value, spec.doc


def suggest(word: str, choices) -> str:
    """'; did you mean `x`?' when a choice is close to `word`, else ''."""
    return did_you_mean(word, list(choices))


@lru_cache(maxsize=1)
def _design_schema() -> dict:
    return load_schema("design")


def kinds() -> list[str]:
    """The component kinds the design schema allows, in its order."""
    return list(_design_schema()["$defs"]["component"]["properties"]["kind"]["enum"])


def flow_kinds() -> list[str]:
    """The flow kinds the design schema allows, in its order."""
    root = _design_schema()
    kind = _resolve(root, _child(root, root["$defs"]["flow"], "kind") or {})
    return list(kind.get("enum", model_kinds.FLOW_KINDS))


def field_schema(path: tuple) -> dict | None:
    """The design schema's node for the key at `path` (keys and list indexes from the top), or None."""
    root = _design_schema()
    node = root
    for step in path:
        node = _child(root, node, step)
        if node is None:
            return None
    return _resolve(root, node)


def _resolve(root: dict, node: dict) -> dict:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 16:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        seen += 1
    return node


def _child(root: dict, node: dict, step) -> dict | None:
    node = _resolve(root, node)
    if not isinstance(node, dict):
        return None
    if isinstance(step, int):
        items = node.get("items")
        if items is not None:
            return items
    else:
        if step in node.get("properties", {}):
            return node["properties"][step]
        for pattern, sub in node.get("patternProperties", {}).items():
            if re.search(pattern, step):
                return sub
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return extra
    options = [*node.get("oneOf", ()), *node.get("anyOf", ()), *node.get("allOf", ()),
               *(node[key] for key in ("then", "else") if isinstance(node.get(key), dict))]
    for option in options:
        found = _child(root, option, step)
        if found is not None:
            return found
    return None
