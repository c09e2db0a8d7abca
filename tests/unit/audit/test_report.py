"""Does the report follow the audit cycle in every language, with charts inline?"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.report import write_outputs
from hoiku_lib.i18n import t

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "samples" / "audit_sample.csv"


@pytest.fixture(scope="module")
def result():  # noqa: ANN201
    return run_audit(SAMPLE)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_sections_in_order_and_self_contained(tmp_path: Path, result, lang: str) -> None:  # noqa: ANN001
    """Are standards → method → results → action plan → re-audit there, charts inline?"""
    write_outputs(result, tmp_path, lang)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    keys = ["standards", "method", "results", "action_plan", "reaudit"]
    positions = [html.index(t(f"audit.report.{k}", lang)) for k in keys]
    assert positions == sorted(positions)
    assert html.count("<svg") >= 2  # compliance bars and at least one run chart
    for external in ('src="http', "<link", "<script", "@import"):
        assert external not in html
    wb = load_workbook(tmp_path / "report.xlsx", read_only=True)
    assert len(wb.sheetnames) == 7  # the anonymisation verdict first, targets third
    wb.close()


def test_two_workers_give_the_same_result(result) -> None:  # noqa: ANN001
    """Does the parallel, chunked run find exactly what the single-process run finds?"""
    parallel = run_audit(SAMPLE, workers=2, chunksize=64)
    cols = ["record_id", "rule_id", "evidence"]
    assert parallel.findings[cols].values.tolist() == result.findings[cols].values.tolist()
    assert parallel.summary.equals(result.summary)
