"""Does the report follow the audit cycle in every language, with charts inline?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.report import write_outputs
from hoiku_lib.i18n import t
from hoiku_lib.package_data import DATA_DIR

SAMPLE = DATA_DIR / "samples" / "audit_sample.csv"


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


def test_action_plan_names_what_should_hold_and_reaudit_is_said_once(result) -> None:  # noqa: ANN001
    """The plan pairs a criterion worded as what should hold with its compliance and target
    (not the violation's text beside a compliance figure); the re-audit line is said once."""
    from hoiku_lib.audit.report import render_html
    from hoiku_lib.audit.wording import rule_name

    html = render_html(result, "fi")
    plan = html[html.index(t("audit.report.action_plan", "fi")) :]
    assert rule_name("personal_data", "fi") in plan
    assert t("audit.rule.personal_data", "fi") not in plan
    assert t("audit.target.not_met", "fi") in plan
    reaudit = plan[plan.index("<h2>5.") :]
    assert reaudit.count("uusinta-auditointi") == 1  # one sentence, not "label: sentence"


def test_monthly_points_carry_their_n_and_interval(result) -> None:  # noqa: ANN001
    from html import escape

    from hoiku_lib.audit.report import render_html

    html = render_html(result, "en")
    charts = html[html.index(t("audit.report.run_chart", "en")) :]
    assert escape(t("audit.report.run_chart_note", "en")).replace("&#x27;", "&#39;") in charts
    assert "n=" in charts and t("audit.report.ci", "en") in charts


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_masks_are_shown_in_the_report_language(tmp_path: Path, result, lang: str) -> None:  # noqa: ANN001
    """The core's masks are neutral; every output shows them in its reader's language and
    never the neutral token (findings.csv, report.html, every cell of the workbook)."""
    from hoiku_lib.audit.pii import mask_tokens

    assert any("[ǂ" in str(e) for e in result.findings["evidence"])
    write_outputs(result, tmp_path, lang)
    csv_text = (tmp_path / "findings.csv").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    wb = load_workbook(tmp_path / "report.xlsx", read_only=True)
    cells = " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )
    wb.close()
    tokens = mask_tokens(lang)
    others = {
        v for other in ("fi", "sv", "en") if other != lang for v in mask_tokens(other).values()
    }
    others -= set(tokens.values())  # "[IBAN]" is the same in every language
    for text in (csv_text, html, cells):
        assert "ǂ" not in text
        assert tokens["name"] in text or tokens["phone"] in text
        assert not any(o in text for o in others)


def _cells(path: Path) -> list:
    wb = load_workbook(path, read_only=True)
    cells = [[row for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    wb.close()
    return cells


def _undated(path: Path) -> bytes:
    text = re.sub(rb"<dc:date>[^<]*</dc:date>", b"", path.read_bytes())
    return re.sub(rb"\b([pm])[0-9a-f]{10}\b", rb"\1", text)  # clip paths, markers


def test_outputs_written_in_parallel_are_the_same(tmp_path: Path, result, monkeypatch) -> None:  # noqa: ANN001
    """Are the report and workbook written by forked processes the files written in one?"""
    from hoiku_lib.audit import report

    monkeypatch.setattr(report, "PARALLEL_OUTPUTS", 0)  # the small sample forks too
    one = write_outputs(result, tmp_path / "one", "sv", parallel=False)
    two = write_outputs(result, tmp_path / "two", "sv", parallel=True)
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one, two, strict=True):
        if a.suffix == ".xlsx":  # the zip holds the time it was written: compare its cells
            assert _cells(a) == _cells(b)
        else:  # the charts' SVG holds the time they were drawn and random clip-path ids
            assert _undated(a) == _undated(b), a.name
    assert not [p for p in (tmp_path / "two").iterdir() if p.name.startswith(".")]


def test_a_failing_parallel_output_raises_here(tmp_path: Path, result, monkeypatch) -> None:  # noqa: ANN001
    """Does a report that cannot be written fail the call (not only its forked process),
    leaving no half-written file behind?"""
    from hoiku_lib.audit import report

    def broken(*_args) -> str:  # noqa: ANN002
        raise RuntimeError("template broken")

    monkeypatch.setattr(report, "render_html", broken)
    monkeypatch.setattr(report, "PARALLEL_OUTPUTS", 0)
    with pytest.raises(RuntimeError, match="template broken"):
        write_outputs(result, tmp_path, "fi", parallel=True)
    assert not (tmp_path / "report.html").exists()
    assert (tmp_path / "report.xlsx").exists()  # the other forked output was still written
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_outputs_fork_only_when_asked(tmp_path: Path, result, monkeypatch) -> None:  # noqa: ANN001
    """Does a large result's report stay in this process unless the caller asks for
    parallel outputs (the audit page's Jupyter kernel has threads and must not fork), and
    does the CLI ask for them?"""
    from dataclasses import replace

    from hoiku_lib.audit import report
    from hoiku_lib.cli import main

    forked: list[str] = []
    fork = report._write_in_child

    def child(path: Path, writer):  # noqa: ANN001, ANN202
        forked.append(path.name)
        return fork(path, writer)

    monkeypatch.setattr(report, "_write_in_child", child)
    large = replace(result, n_records=report.PARALLEL_OUTPUTS)
    write_outputs(large, tmp_path / "page", "fi")
    assert forked == []
    assert sorted(p.name for p in (tmp_path / "page").iterdir()) == [
        "findings.csv",
        "report.html",
        "report.xlsx",
        "summary.csv",
    ]
    write_outputs(
        replace(result, n_records=report.PARALLEL_OUTPUTS - 1), tmp_path / "s", "fi", True
    )
    assert forked == []  # a small result is written here even when asked
    write_outputs(large, tmp_path / "cli", "fi", parallel=True)
    assert sorted(forked) == ["report.html", "report.xlsx"]
    asked: list[bool] = []
    real = report.write_outputs

    def spy(res, out, lang, parallel=False):  # noqa: ANN001, ANN202
        asked.append(parallel)
        return real(res, out, lang, parallel=parallel)

    monkeypatch.setattr(report, "write_outputs", spy)
    assert main(["audit", str(SAMPLE), "--out", str(tmp_path / "run")]) == 0
    assert asked == [True]
