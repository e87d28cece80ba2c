"""Did-you-mean hints: one wording, one cutoff, for fields, rule ids and component ids.

`suggest(word, choices)` compares a word with every choice (difflib), which is
right for field names and rule ids but quadratic when a large design has many
misspelt references. A Suggester is built once per set of ids. Up to
EXACT_LIMIT ids it gives exactly `suggest`'s answer; above that it
compares the word only with its neighbours in sorted order and in sorted
order of the reversed ids: a misspelling keeps either the start or the end
of the id it stands for, so that id sorts next to it one way or the other.
"""

from __future__ import annotations

import bisect
import difflib

EXACT_LIMIT = 200
NEIGHBOURS = 8  # on each side, in each of the two orders
CUTOFF = 0.6  # difflib's similarity ratio a choice must reach to be suggested


def closest(word, choices) -> str | None:
    """The choice most like `word` (difflib ratio >= CUTOFF), or None."""
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=CUTOFF)
    return close[0] if close else None


def suggest(word, choices) -> str:
    """'; did you mean `x`?' when a choice is close to `word`, else ''."""
    return _hint(closest(word, choices))


def _hint(choice: str | None) -> str:
    return f"; did you mean `{choice}`?" if choice is not None else ""


class Suggester:
    """Built for a set of ids; the ids are sorted on the first question, not before."""

    def __init__(self, choices):
        self._source = choices
        self._sorted: list[str] | None = None
        self._reversed: list[str] = []

    def shortlist(self, word: str) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(map(str, self._source))
            if len(self._sorted) > EXACT_LIMIT:
                self._reversed = sorted(c[::-1] for c in self._sorted)
        if len(self._sorted) <= EXACT_LIMIT:
            return self._sorted
        near = set(_around(self._sorted, word))
        near.update(c[::-1] for c in _around(self._reversed, word[::-1]))
        return sorted(near)

    def __call__(self, word) -> str:
        """'; did you mean `x`?' when an id is close to `word`, else ''."""
        return _hint(closest(word, self.shortlist(str(word))))


def _around(ordered: list[str], word: str) -> list[str]:
    i = bisect.bisect_left(ordered, word)
    return ordered[max(0, i - NEIGHBOURS): i + NEIGHBOURS]
