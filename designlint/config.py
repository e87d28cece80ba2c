"""Project configuration: find it, validate it, and turn it into a Config.

The configuration is `.designlint.yaml` (or `.yml`), or the `[tool.designlint]`
table of pyproject.toml, in the working directory or the nearest folder above
it. It is validated against schemas/config.schema.json; every wrong key or
value is an input error at its file, line and column. Command-line options
override it key by key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from designlint.errors import InputError, InputErrors
from designlint.loading import schema, yamlsource
from designlint.loading.yamlsource import MarkedMap, locate
from designlint.rules import Severity
from designlint.rules.registry import rules_for
from designlint.util.suggest import suggest

YAML_NAMES = (".designlint.yaml", ".designlint.yml")
PYPROJECT = "pyproject.toml"
TOML_TABLE = ("tool", "designlint")


@dataclass(frozen=True)
class Config:
    """What to run and what fails: rules selected or ignored, severities re-graded."""

    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    # Which files a directory walk takes (globs relative to `root`, the config's folder).
    include: tuple[str, ...] | None = None  # None: *.yaml, *.yml, *.md
    exclude: tuple[str, ...] = ()
    root: str = "."
    force_exclude: bool = False  # filter files named on the command line too (pre-commit)
    baseline: str | None = None  # the baseline file that `check` compares with
    packs: tuple[str, ...] = ()  # rule packs to load after the built-in rules (paths)
    # Deprecations found in the config file, as "file:line:col: warning: ..." lines for the CLI to print.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def enabled(self, rule_id: str) -> bool:
        return (self.select is None or rule_id in self.select) and rule_id not in self.ignore


def find(start: str = ".") -> str | None:
    """The config file that applies in `start`: the nearest one in it or a folder above."""
    folder = os.path.abspath(start)
    while True:
        for name in YAML_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.lexists(candidate):  # a directory, FIFO or broken link too: read() says what is wrong
                return os.path.relpath(candidate)
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_table(candidate):
            return os.path.relpath(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(path: str) -> bool:
    """Whether a pyproject.toml is designlint's config: it has [tool.designlint], or it is not valid
    TOML yet names designlint (an unclosed `[tool.designlint` header, say), so that read() reports
    the TOML error at its line and column instead of the defaults being used without a word."""
    try:
        text = yamlsource.read_bytes(path).decode("utf-8", errors="replace")
    except InputError:
        return True  # not a regular file, too big: read() says so
    if _TABLE.search(text):
        return True
    if "designlint" not in text:
        return False
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    tool = document.get("tool")
    return isinstance(tool, dict) and "designlint" in tool


_TABLE = re.compile(r"^\s*\[\s*tool\.designlint\s*[.\]]", re.MULTILINE)


def read(path: str, packs: Iterable[str] = ()) -> MarkedMap:
    """The validated settings in a config file (YAML, or a TOML file's [tool.designlint]).

    Rule ids in it are checked against the built-in rules, the file's own packs
    and `packs` (the command line's --pack files). Raises InputError or
    InputErrors at file:line:col.
    """
    text = yamlsource.read_text(path)
    if path.endswith(".toml"):
        from designlint.loading.toml import toml_settings  # and tomllib: only when a TOML file is read

        data = toml_settings(text, path, TOML_TABLE)
    else:
        data = _yaml_settings(text, path)
    schema.validate(data, path, "config")
    _check_packs_exist(data, path)
    _check_rule_ids(data, path, rules_for(None, [*_pack_paths(data, _folder(path)), *packs]))
    return data


def _check_packs_exist(data, path: str) -> None:
    """A pack the config names that is not there is an error at its entry, saying where it was looked for."""
    errors = []
    for key in ("packs", "rules"):
        for i, name in enumerate(data.get(key) or ()):
            where = os.path.normpath(os.path.join(_folder(path), name))
            line, col = locate(data, (key, i))
            if not os.path.lexists(where):
                errors.append(InputError(path, line, col, f"the rule pack `{name}` is not there (looked for {where}): "
                                                          "fix the path, which is relative to this config file"))
            elif not os.path.isfile(where):  # /dev/zero, a FIFO: reading it might never end
                errors.append(InputError(path, line, col, f"the rule pack `{name}` is not a regular file (a device, "
                                                          "pipe or socket): name a file"))
    if errors:
        raise InputErrors(errors)


def _folder(path: str) -> str:
    return os.path.relpath(os.path.dirname(os.path.abspath(path)))


def _pack_paths(data, root: str) -> tuple[str, ...]:
    """`packs:` then the deprecated `rules:`, relative to the config's folder."""
    named = [*(data.get("packs") or ()), *(data.get("rules") or ())]
    return tuple(os.path.normpath(os.path.join(root, p)) for p in named)


def _deprecations(data, path: str) -> tuple[str, ...]:
    if "rules" not in data:
        return ()
    line, col = locate(data, ("rules",), key=True)
    return (f"{path}:{line}:{col}: warning: `rules:` is deprecated: write `packs:` (the same list of rule packs)",)


def _yaml_settings(text: str, path: str) -> MarkedMap:
    try:
        return yamlsource.parse(text, path)
    except InputError as exc:
        # yamlsource speaks of designs; a config may be empty, and is settings, not a design.
        if exc.message.startswith("empty file"):
            from designlint.loading.toml import marked

            return marked({}, (), (1, 1), {})
        if exc.message.startswith("the document is"):
            raise InputError(path, exc.line, exc.column,
                             "the configuration must be a mapping of settings, such as `fail-on: warning`") from None
        raise


def _check_rule_ids(data: MarkedMap, path: str, registry) -> None:
    # Rule ids cannot be in the schema: rule packs add rules. Check them against the registry.
    known = registry.ids()
    errors = []

    def unknown(where, rule_id, place, key=False):
        line, col = locate(data, place, key=key)
        errors.append(InputError(path, line, col, f"{where}: `{rule_id}` is not a rule{suggest(rule_id, known)}"))

    for name in ("select", "ignore"):
        for i, rule_id in enumerate(data.get(name, ())):
            if rule_id not in registry:
                unknown(f"`{name}`", rule_id, (name, i))
    for rule_id in data.get("severity", {}):
        if rule_id not in registry:
            unknown("`severity`", rule_id, ("severity", rule_id), key=True)
    if errors:
        raise InputErrors(errors)


def to_config(data, root: str) -> Config:
    """An engine Config from validated settings; paths in them are relative to `root`."""
    baseline = data.get("baseline")
    return Config(
        select=frozenset(data["select"]) if "select" in data else None,
        ignore=frozenset(data.get("ignore", ())),
        severity={rule_id: Severity(level) for rule_id, level in data.get("severity", {}).items()},
        fail_on=Severity(data.get("fail-on", "error")),
        include=tuple(data["include"]) if "include" in data else None,
        exclude=tuple(data.get("exclude", ())),
        root=root,
        baseline=os.path.normpath(os.path.join(root, baseline)) if baseline else None,
        packs=_pack_paths(data, root),
    )


def _with_warnings(config: Config, data, path: str) -> Config:
    return replace(config, warnings=_deprecations(data, path))


def resolve(config_path: str | None = None, isolated: bool = False, start: str = ".", packs: Iterable[str] = (),
            **overrides) -> tuple[Config, str | None]:
    """The Config for a run and the file it came from: `config_path`, else the one found
    from `start`, else none (`isolated`). Overrides that are not None replace the file's keys.
    `packs`: the command line's --pack files, which rule ids in the file may name."""
    path = None if isolated else (config_path or find(start))
    if path is not None and not os.path.lexists(path):
        raise InputError(path, 0, 0, "no such config file")
    if path is None:
        config = Config(root=os.path.relpath(start) if start != "." else ".")
    else:
        root = os.path.relpath(os.path.dirname(os.path.abspath(path)))
        data = read(path, packs)
        config = _with_warnings(to_config(data, root), data, path)
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(config, **given), path
