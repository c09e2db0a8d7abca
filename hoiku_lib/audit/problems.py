"""Input problems of an audit: collected, never raised one at a time.

Like pandera's lazy validation, every fault of an input is gathered first and shown at once,
each with a stable code, the column and the rows. They are ``hoiku_lib.problems.Problem``s
(one shape and one renderer for every file HOIKU reads) whose message is
``audit.problem.<code>``. A problem never carries a cell's content: patient-record exports
hold personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoiku_lib import problems as shared
from hoiku_lib.problems import MAX_ROWS_SHOWN

__all__ = ["MAX_ROWS_SHOWN", "AuditInputError", "Problem", "merge", "render"]


@dataclass
class Problem(shared.Problem):
    """One kind of fault in one column (``where``) of an audit input, with its rows."""

    family: str = "audit.problem"


class AuditInputError(Exception):
    """The input cannot be audited; ``problems`` says why (no cell values)."""

    def __init__(self, file: str, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.file = file
        self.problems = problems

    def __reduce__(self):  # noqa: ANN204 - picklable across worker processes
        return (type(self), (self.file, self.problems))


def merge(problems: list[Problem]) -> list[Problem]:
    """One problem per (code, column), rows combined in order."""
    out: dict[tuple[str, str | None], Problem] = {}
    for p in problems:
        key = (p.code, p.where)
        if key in out:
            out[key].rows.extend(p.rows)
            out[key].fatal = out[key].fatal or p.fatal
        else:
            out[key] = Problem(p.code, where=p.where, rows=list(p.rows), fatal=p.fatal)
    for p in out.values():
        p.rows = sorted(set(p.rows))
    return list(out.values())


def render(file: str, problems: list[Problem], lang: str) -> list[str]:
    """Plain-language lines naming ``file``, the column and the rows, and what to do."""
    return shared.render(shared.with_file(problems, file), lang)
