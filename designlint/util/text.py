"""Small text helpers: counted nouns for messages and summaries, text fields read from YAML, long paths."""

from __future__ import annotations

from itertools import islice
from typing import Iterable

# A path is spelled out in a message in full up to MOST_STEPS components; a longer one keeps KEEP_STEPS at the end
# the reader starts from, says how many it leaves out, and ends with its other end. A machine-made design can have
# paths thousands of steps long, and one message per component spelling each whole path is quadratic output.
MOST_STEPS = 24
KEEP_STEPS = 12


def skipped_steps(count: int | None) -> str:
    """What stands for the `count` components a long path leaves out: `… 9,975 more steps …` (`… more steps …`
    when the count is not known without reading them all)."""
    return "… more steps …" if count is None else f"… {count:,} more steps …"


def first_steps(steps: Iterable[str]) -> tuple[str, ...]:
    """The steps as a message spells them when their number is not known beforehand: all of them up to
    MOST_STEPS, else the first KEEP_STEPS and `… more steps …` (reads at most MOST_STEPS + 1 of them)."""
    first = tuple(islice(steps, MOST_STEPS + 1))
    return first if len(first) <= MOST_STEPS else (*first[:KEEP_STEPS], skipped_steps(None))


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """`1 error`, `2 errors` (or `plural_form` when the word does not take an s)."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def text_or_none(value) -> str | None:
    """`value` if it is a string, else None: a YAML field that should be text (a number or a list is not)."""
    return value if isinstance(value, str) else None


def stripped(value) -> str:
    """`value` stripped if it is a string, else "": a text field that may be absent, blank or not text."""
    return (text_or_none(value) or "").strip()
