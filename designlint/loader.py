"""Load a design file: read -> YAML with marks -> schema -> model."""

from __future__ import annotations

from designlint import model, schema, yamlsource
from designlint.errors import InputError, InputErrors


def load(path: str, display: str | None = None) -> model.Design:
    """The Design in `path`; raises InputError or InputErrors when it cannot be read."""
    name = display or path
    return loads(yamlsource.read_text(path, name), name)


def loads(text: str, name: str = "<string>", line_offset: int = 0, column_offset: int = 0) -> model.Design:
    """The Design in a YAML string, `name` standing for its file in locations.

    The offsets place the text inside a larger file, such as a fenced block in Markdown.
    """
    data = yamlsource.parse(text, name, line_offset, column_offset)
    schema.validate(data, name, "design")
    return model.build(data, name)


__all__ = ["load", "loads", "InputError", "InputErrors"]
