"""Findings the quality officer marked unfounded, and the figures recomputed without them.

About one finding in ten is a false alarm (docs/audit.md). On the audit page the officer
can mark a finding unfounded; a mark is the finding's (record id, rule id) — the record id
as the audit keeps it, already masked (with the core's language-neutral masks, so a mark
holds through a language switch), so a mark never needs or reveals an identifier. The
marks are shown in findings.csv, the report and the workbook's findings sheet.

A marked finding no longer counts against compliance: its record counts as compliant for
that criterion (it was applicable and, the officer says, did comply). The figures before the
marks stay available, so the report can say what the marks changed. The monthly run chart
keeps its figures as the audit found them (a finding's month is not kept), which the report
says beside it.

:class:`ReviewedResult` is an :class:`~hoiku_lib.audit.pipeline.AuditResult` with the
officer's marks, targets and whether the input was the bundled demo; every output reads the
recomputed counts through the result's own ``summary`` and ``per_unit``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from hoiku_lib.audit.cells import csv_plain
from hoiku_lib.audit.pipeline import AuditResult

MARK_COLUMN = "marked_unfounded"
YES, NO = "yes", "no"

Mark = tuple[str, str]  # (record_id as masked by the core, rule_id)


@dataclass
class ReviewedResult(AuditResult):
    """An audit result with the officer's review on top of it."""

    marks: frozenset = frozenset()  # of Mark
    targets: dict = field(default_factory=dict)  # rule_id → target share (0–1)
    demo: bool = False  # the bundled synthetic sample, identifiers planted on purpose
    base_counts: object = None  # counts as the audit found them, before the marks
    n_marked: int = 0  # findings (rows of findings.csv) that the marks cover

    @property
    def summary_before(self):  # noqa: ANN201
        """summary rows as the audit found them (no marks)."""
        return dataclasses.replace(self, counts=self.base_counts, marks=frozenset()).summary


def key(record_id: object, rule_id: object) -> Mark:
    """A finding's mark key."""
    return (str(record_id), str(rule_id))


def review(
    result: AuditResult,
    marks: Iterable[Mark] = (),
    targets: dict | None = None,
    demo: bool | None = None,
) -> ReviewedResult:
    """``result`` with ``marks`` applied (replacing earlier ones), ``targets`` and ``demo``
    (None keeps what ``result`` had). Marks that match no finding are dropped."""
    import pandas as pd

    base = getattr(result, "base_counts", None)
    base = result.counts if base is None else base
    findings = result.findings
    wanted = {key(r, q) for r, q in marks}
    if len(findings):
        keys = list(
            zip(findings["record_id"].astype(str), findings["rule_id"].astype(str), strict=True)
        )
        hit = pd.Series([k in wanted for k in keys], index=findings.index, dtype=bool)
        wanted = {k for k in keys if k in wanted}
    else:
        hit = pd.Series([], dtype=bool)
    findings = findings.assign(**{MARK_COLUMN: hit})
    counts = base
    if hit.any():
        extra = findings[hit].groupby(["rule_id", "unit"]).size().rename("compliant").reset_index()
        extra["month"] = ""  # added outside every month: the run chart is left as found
        extra["applicable"] = 0
        counts = pd.concat([base, extra[list(base.columns)]], ignore_index=True)
        counts = counts.groupby(["rule_id", "unit", "month"], as_index=False, sort=False)[
            ["applicable", "compliant"]
        ].sum()
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(AuditResult)}
    fields.update(findings=findings, counts=counts)
    return ReviewedResult(
        **fields,
        marks=frozenset(wanted),
        targets=dict(targets if targets is not None else getattr(result, "targets", {}) or {}),
        demo=bool(getattr(result, "demo", False) if demo is None else demo),
        base_counts=base,
        n_marked=int(hit.sum()),
    )


def mark_rows(lines: Iterable[str], marks: frozenset) -> Iterator[str]:
    """findings.csv body lines (no header) with :data:`MARK_COLUMN` appended to each record.

    A quoted cell may hold a line break, so a record ends at a line feed where the count of
    quotation marks so far is even; without marks every record just gets ``no``."""
    record: list[str] = []
    quotes = 0
    for line in lines:
        record.append(line)
        quotes += line.count('"')
        # a bare carriage return inside an unquoted cell is no record's end either
        if quotes % 2 or not line.endswith("\n"):
            continue
        body = "".join(record)[:-1]
        record, quotes = [], 0
        if not body:
            continue
        value = NO
        if marks:
            try:
                fields = next(csv.reader(io.StringIO(body, newline="")), [])
            except csv.Error:  # a lone CR in an unquoted cell: the keys come first anyway
                fields = next(csv.reader([body.replace("\r", " ")]), [])
            # the record id as the finding has it, not as neutralised for a spreadsheet
            if len(fields) >= 2 and key(csv_plain(fields[0]), fields[1]) in marks:
                value = YES
        yield f"{body},{value}\n"
    if record:  # an unterminated last record: keep it as it is
        yield "".join(record)
