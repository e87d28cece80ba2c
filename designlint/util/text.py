"""Small text helpers: counted nouns for messages and summaries, text fields read from YAML."""

from __future__ import annotations


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """`1 error`, `2 errors` (or `plural_form` when the word does not take an s)."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def text_or_none(value) -> str | None:
    """`value` if it is a string, else None: a YAML field that should be text (a number or a list is not)."""
    return value if isinstance(value, str) else None


def stripped(value) -> str:
    """`value` stripped if it is a string, else "": a text field that may be absent, blank or not text."""
    return (text_or_none(value) or "").strip()
