"""Regular expressions from untrusted text (rule packs, config globs), run in linear time.

A pack or a config comes in a pull request: a pattern such as `^(a+)+$` would
make Python's backtracking `re` take exponential time on a short string
(ReDoS). Such patterns are compiled by RE2 instead (Google's automaton-based
engine, through the maintained `google-re2` binding; module `re2`), which
matches in time linear in the text and refuses what it cannot run in linear
time (backreferences, look-around). Syntax: https://github.com/google/re2/wiki/Syntax.
"""

from __future__ import annotations

from functools import lru_cache


class PatternError(ValueError):
    """A pattern RE2 cannot compile; str() says why, in RE2's words, without the pattern."""


@lru_cache(maxsize=1)
def _options():
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own diagnostics on stderr
    return options


@lru_cache(maxsize=1024)
def compile_linear(pattern: str):
    """The RE2 pattern object for `pattern` (with .search/.match/.fullmatch like `re`'s).

    Raises PatternError for a pattern RE2 refuses: look-around, backreferences,
    possessive or atomic groups, or a pattern whose program would pass RE2's
    memory budget (8 MiB).
    """
    import re2

    try:
        return re2.compile(pattern, options=_options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", errors="replace")
        raise PatternError(f"{reason} (patterns run on RE2, which has no backtracking: no look-around "
                           "or backreferences)") from None
