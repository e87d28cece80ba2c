"""Small text helpers shared by the output formats."""

from __future__ import annotations


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """`1 error`, `2 errors` (or `plural_form` when the word does not take an s)."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"
