"""Input errors: a design that could not be read. Reported as one line, exit code 2."""

from __future__ import annotations

from designlint.util.escape import one_line
from designlint.util.value import OrderedValue, setfield


class InputError(OrderedValue, Exception):
    """A problem with the input itself: unreadable, not YAML, not a design.

    `line` and `column` are 1-based; both are 0 when the problem has no place
    in the file (a missing file, a directory given as a file). A frozen value,
    ordered by file, line, column and message (designlint.util.value).
    """

    __slots__ = ("file", "line", "column", "message")

    def __init__(self, file: str, line: int, column: int, message: str):
        setfield(self, "file", file)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "message", message)

    def __str__(self) -> str:
        """One line whatever the file name and message hold (designlint.util.escape.one_line)."""
        if self.line:
            return one_line(f"{self.file}:{self.line}:{self.column}: error: {self.message}")
        return one_line(f"{self.file}: error: {self.message}")

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line or None,
                "column": self.column or None, "message": self.message}


class InputErrors(Exception):
    """Several input errors found in one file (schema violations)."""

    def __init__(self, errors: list[InputError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = sorted(errors)
