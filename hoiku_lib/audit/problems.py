"""Input problems: collected, never raised one at a time, rendered without cell values.

Like pandera's lazy validation, every fault of an input is gathered first and shown at once,
each with a stable code, the file, the column and the rows. A problem never carries a cell's
content: patient-record exports hold personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_ROWS_SHOWN = 10


@dataclass
class Problem:
    """One kind of fault in one column, with the spreadsheet rows where it occurs."""

    code: str
    column: str | None = None
    rows: list[int] = field(default_factory=list)
    fatal: bool = False


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
        key = (p.code, p.column)
        if key in out:
            out[key].rows.extend(p.rows)
            out[key].fatal = out[key].fatal or p.fatal
        else:
            out[key] = Problem(p.code, p.column, list(p.rows), p.fatal)
    for p in out.values():
        p.rows = sorted(set(p.rows))
    return list(out.values())


def render(file: str, problems: list[Problem], lang: str) -> list[str]:
    """Plain-language lines: where (file, column, rows) and what to do."""
    from hoiku_lib.i18n import t, tn

    lines = []
    for p in problems:
        where = [t("audit.where.file", lang, file=file)]
        if p.column:
            where.append(t("audit.where.column", lang, column=p.column))
        if p.rows:
            shown = ", ".join(str(r) for r in p.rows[:MAX_ROWS_SHOWN])
            key = "audit.where.row" if len(p.rows) == 1 else "audit.where.rows"
            where.append(t(key, lang, row=shown, rows=shown))
        msg = t(f"audit.problem.{p.code}", lang, column=p.column or "")
        line = f"- {', '.join(where)}: {msg}"
        if len(p.rows) > MAX_ROWS_SHOWN:
            line += " " + tn("audit.problem.more", len(p.rows) - MAX_ROWS_SHOWN, lang)
        lines.append(line)
    return lines
