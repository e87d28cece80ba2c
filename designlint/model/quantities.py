"""Numbers written in designs: durations ("300ms", "1.5s", "24 hours") and ratios ("99.9%", 0.999).

Error-budget targets are free text; rules that do arithmetic read them here and
skip a value they cannot read, rather than guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {
    "ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
}
_DURATION = re.compile(r"^\s*(?:<=?|≤)?\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)\s*$")
_RATIO = re.compile(r"^\s*(?:>=?|≥)?\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$")


def seconds(value) -> float | None:
    """A duration in seconds, or None when `value` is not one ("300ms" -> 0.3)."""
    if not isinstance(value, str):
        return None
    return _seconds(value)


@lru_cache(maxsize=4096)  # a design repeats a few figures across thousands of components
def _seconds(value: str) -> float | None:
    match = _DURATION.match(value.lower())
    if not match or match.group(2) not in _UNITS:
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def ratio(value) -> float | None:
    """A fraction in [0, 1], or None ("99.9%" -> 0.999, 0.995 -> 0.995, ">= 99%" -> 0.99)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number, percent = float(value), value > 1
    elif isinstance(value, str):
        return _ratio(value)
    else:
        return None
    return _fraction(number, percent)


@lru_cache(maxsize=4096)
def _ratio(value: str) -> float | None:
    match = _RATIO.match(value)
    return _fraction(float(match.group(1)), bool(match.group(2))) if match else None


def _fraction(number: float, percent: bool) -> float | None:
    fraction = number / 100 if percent else number
    return fraction if 0 <= fraction <= 1 else None


def show_seconds(value: float) -> str:
    """A duration as people write it: 950ms, 2.4s, 3h."""
    if value < 1:
        return f"{value * 1000:.0f}ms"
    if value < 120:
        return f"{value:.3g}s"
    if value < 7200:
        return f"{value / 60:.3g}m"
    return f"{value / 3600:.3g}h"


def show_ratio(value: float) -> str:
    """A fraction as a percentage with the precision availability targets use: 99.95%."""
    text = f"{value * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"
