"""Stage 1, loading: files -> validated data that remembers where every value stood.

Nothing here knows what a design means; designlint.model builds the model from
what these modules return.
"""

MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_markdown(path: str) -> bool:
    """Whether `path` names a Markdown file (its designs are fenced blocks): by suffix, without importing
    the Markdown reader, so that checking one YAML file never loads it."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)
