"""Load a design file: read -> YAML with marks -> schema -> model."""

from __future__ import annotations

from designlint import model, schema, yamlsource
from designlint.errors import InputError, InputErrors


def load(path: str, display: str | None = None) -> model.Design:
    """The Design in `path`; raises InputError or InputErrors when it cannot be read."""
    name = display or path
    return loads(yamlsource.read_text(path, name), name)


def loads(text: str, name: str = "<string>") -> model.Design:
    """The Design in a YAML string, `name` standing for its file in locations."""
    data = yamlsource.parse(text, name)
    schema.validate(data, name, "design")
    return model.build(data, name)


__all__ = ["load", "loads", "InputError", "InputErrors"]
