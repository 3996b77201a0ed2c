"""Content problems: what is wrong, where, and how to fix it — in Swedish, for communicators.

Every rule in the core reports a `Problem` instead of raising; a build collects them all and
stops once, at the end, with every problem listed (`ContentError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    """One thing a writer must fix, pointing at a file (relative to the project) and a line."""

    file: str
    line: int | None
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    column: int | None = None
    # A date in the content has passed (a review, an assessment): a task for the writers that
    # `trygg check` lists as a warning, but never a reason to stop a build (see README, "Datum").
    dated: bool = False

    def sort_key(self) -> tuple:
        """File, then line and column (a problem without a line first), then message."""
        return (self.file, self.line or 0, self.column or 0, self.message, self.hint or "", self.severity.value)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    def as_dict(self) -> dict[str, object]:
        """The problem for tools (`trygg check --format json`): English keys, Swedish texts."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": "error" if self.severity is Severity.ERROR else "warning",
                "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        text = f"{place}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ContentError(Exception):
    """Raised once per build when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    summary = f"Innehållet har {errors} fel och {warnings} varningar. Rätta dem och bygg igen."
    return "\n".join([*map(str, sorted(problems)), summary])


class Reporter:
    """Collects problems for one file, so rules need not repeat the file name."""

    def __init__(self, file: Path | str, sink: list[Problem]) -> None:
        self.file = str(file)
        self._sink = sink

    def error(self, line: int | None, message: str, hint: str | None = None, *, column: int | None = None) -> None:
        self._sink.append(Problem(self.file, line, message, hint, Severity.ERROR, column))

    def warning(self, line: int | None, message: str, hint: str | None = None, *, column: int | None = None) -> None:
        self._sink.append(Problem(self.file, line, message, hint, Severity.WARNING, column))

    def reminder(self, line: int | None, message: str, hint: str | None = None) -> None:
        """A warning because a date has passed: shown to writers, never stops a build."""
        self._sink.append(Problem(self.file, line, message, hint, Severity.WARNING, dated=True))
