"""designlint: lint the design of AI systems.

The data flows one way, one folder per stage: load -> model -> rules ->
config -> findings -> report / render / review -> cli (checked by the
import contract in pyproject.toml).

The library's face (imported on first use, so `import designlint` stays cheap):

- ``load(path) -> Design``: one YAML design file. Raises ``InputError`` /
  ``InputErrors`` (designlint.errors) at file:line:col for a file that cannot be read.
- ``loads(text, name="<string>") -> Design``: the same from a string.
- ``lint(design, config=None, registry=None) -> list[Finding]``: the findings on one
  design, sorted by file, line and column, severities stamped, waivers applied.
- ``lint_paths(paths, config=None, registry=None, *, jobs=1) -> Report``: every design
  under files or folders (YAML and Markdown); unreadable files become ``Report.errors``,
  and ``Report.exit_code`` is FORMAT.md's exit code (0, 1 or 2).
"""

__version__ = "0.1.0"

_API = {
    "load": ("designlint.model.build", "load"),
    "loads": ("designlint.model.build", "loads"),
    "lint": ("designlint.findings.engine", "lint"),
    "lint_paths": ("designlint.findings.run", "lint_paths"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        module, attr = _API[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'designlint' has no attribute {name!r}")
