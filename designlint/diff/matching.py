"""Findings of two versions matched by what they are about, never by line.

A finding's key is (system, rule, component, subject): the same key in both
versions is the same finding, wherever an edit moved it and whatever its
message says now. Keys are counted, as the baseline counts fingerprints: a
second finding with a key the old version had once is introduced.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from designlint.findings import Finding


def key(system: str, finding: Finding) -> tuple[str, str, str, str]:
    return (system, finding.rule, finding.component or "", finding.subject or "")


def match(system: str, old: Sequence[Finding], new: Sequence[Finding]) -> tuple[list[Finding], list[Finding], int]:
    """(introduced: new findings with no old match, fixed: old findings with no new match, unchanged count).

    Each list keeps its version's order; when a key has more findings in one
    version, the later ones in that order are the unmatched ones.
    """
    left = Counter(key(system, f) for f in old)
    introduced = []
    unchanged = 0
    for f in new:
        k = key(system, f)
        if left[k]:
            left[k] -= 1
            unchanged += 1
        else:
            introduced.append(f)
    kept = Counter(key(system, f) for f in new)
    fixed = []
    for f in old:
        k = key(system, f)
        if kept[k]:
            kept[k] -= 1
        else:
            fixed.append(f)
    return introduced, fixed, unchanged
