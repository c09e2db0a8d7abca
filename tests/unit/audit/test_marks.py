"""Do unfounded marks recompute the figures, survive the export, and never lower compliance?"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.marks import MARK_COLUMN, mark_rows, review
from hoiku_lib.audit.pipeline import FINDINGS_FILE_COLUMNS, run_audit
from hoiku_lib.audit.report import render_html, write_outputs
from hoiku_lib.package_data import DATA_DIR

SAMPLE = DATA_DIR / "samples" / "audit_sample.csv"


@pytest.fixture(scope="module")
def result():  # noqa: ANN201
    return run_audit(SAMPLE)


def keys(result, n: int, rule: str | None = None) -> list[tuple[str, str]]:  # noqa: ANN001
    f = result.findings
    if rule:
        f = f[f["rule_id"] == rule]
    return [(str(a), str(b)) for a, b in f[["record_id", "rule_id"]].head(n).values]


def test_no_marks_gives_todays_figures(result) -> None:  # noqa: ANN001
    reviewed = review(result)
    assert reviewed.summary.equals(result.summary)
    assert reviewed.per_unit.equals(result.per_unit)
    assert reviewed.n_marked == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_mark_never_lowers_compliance(result, data) -> None:  # noqa: ANN001
    """Any set of marks: no criterion's compliance or interval goes down, the applicable
    counts stay, and compliant grows by exactly the marked findings of that criterion."""
    pairs = sorted(set(keys(result, 10_000)))
    marks = data.draw(st.sets(st.sampled_from(pairs), max_size=30))
    after = review(result, marks).summary.set_index("rule_id")
    before = result.summary.set_index("rule_id")
    assert (after["applicable"] == before["applicable"]).all()
    ok = before["applicable"] > 0
    assert (after.loc[ok, "compliance"] >= before.loc[ok, "compliance"]).all()
    assert (after.loc[ok, "ci_low"] >= before.loc[ok, "ci_low"] - 1e-12).all()
    f = result.findings
    hit = [(str(a), str(b)) in marks for a, b in f[["record_id", "rule_id"]].values]
    gained = f[hit].groupby("rule_id").size()
    for rule_id, row in after.iterrows():
        assert row["compliant"] - before.loc[rule_id, "compliant"] == gained.get(rule_id, 0)
        assert row["compliant"] <= row["applicable"]


def test_marks_replace_and_unknown_marks_are_dropped(result) -> None:  # noqa: ANN001
    one = keys(result, 1, "indicator_disclosure")
    reviewed = review(result, [*one, ("no-such-record", "personal_data")])
    assert reviewed.marks == frozenset(one)
    again = review(reviewed, [])  # re-review from a reviewed result starts from the audit's counts
    assert again.summary.equals(result.summary)


def test_marks_are_in_findings_csv_and_the_report(tmp_path: Path, result) -> None:  # noqa: ANN001
    marks = keys(result, 3, "indicator_disclosure")
    reviewed = review(result, marks, demo=True)
    write_outputs(reviewed, tmp_path, "fi")
    rows = list(csv.DictReader((tmp_path / "findings.csv").open(encoding="utf-8")))
    header = (tmp_path / "findings.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:4] == ["record_id", "rule_id", "severity", "evidence"]
    assert header[-1] == MARK_COLUMN
    assert len(rows) == result.findings_total
    yes = {(r["record_id"], r["rule_id"]) for r in rows if r[MARK_COLUMN] == "yes"}
    assert yes == set(marks)
    assert {r[MARK_COLUMN] for r in rows} == {"yes", "no"}
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="marks"' in html and "3 löydöstä merkittiin" not in html
    assert "merkitsi 3 löydöstä aiheettomiksi" in html
    assert 'id="demo-notice"' in html
    before = result.summary.set_index("rule_id").loc["indicator_disclosure"]
    after = reviewed.summary.set_index("rule_id").loc["indicator_disclosure"]
    assert after["compliant"] == before["compliant"] + 3
    summary = pd.read_csv(tmp_path / "summary.csv").set_index("rule_id")
    assert summary.loc["indicator_disclosure", "compliant"] == after["compliant"]


def test_without_marks_the_report_says_nothing_of_them(result) -> None:  # noqa: ANN001
    html = render_html(result, "en")
    assert 'id="marks"' not in html and 'id="demo-notice"' not in html


def test_mark_rows_keeps_quoted_line_breaks_together() -> None:
    """A masked evidence with a line break and quotes is one record, marked by its keys."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["R1", "personal_data", "high", 'a "quoted"\nline [NIMI]', "U", 2])
    writer.writerow(["R2", "unsafe_contact", "high", "plain", "U", 3])
    out = "".join(mark_rows(io.StringIO(buf.getvalue()), frozenset({("R1", "personal_data")})))
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[-1] for r in rows] == ["yes", "no"]
    assert rows[0][3] == 'a "quoted"\nline [NIMI]'
    assert all(len(r) == len(FINDINGS_FILE_COLUMNS) + 1 for r in rows)


NO_CR = st.text(max_size=20).filter(lambda e: "\r" not in e)  # csv leaves a lone CR unquoted


@given(st.lists(st.tuples(NO_CR, st.sampled_from(["a", "b"]), NO_CR), max_size=20), st.data())
def test_mark_rows_adds_one_cell_to_every_record(items, data) -> None:  # noqa: ANN001
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for rid, rule, ev in items:
        writer.writerow([rid, rule, "high", ev, "U", 1])
    marks = (
        frozenset(data.draw(st.sets(st.sampled_from([(i, r) for i, r, _ in items]))))
        if items
        else frozenset()
    )
    out = "".join(mark_rows(io.StringIO(buf.getvalue(), newline=""), marks))
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert [r[:-1] for r in rows] == list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert [r[-1] == "yes" for r in rows] == [(i, r) in marks for i, r, _ in items]


def test_a_bare_carriage_return_does_not_split_a_record() -> None:
    """pandas writes a lone CR inside a cell unquoted; the record still ends at its LF."""
    spool = io.StringIO("R1,personal_data,high,x\ry,U,2\nR2,a,high,z,U,3\n", newline="")
    out = list(mark_rows(spool, frozenset({("R1", "personal_data")})))
    assert "".join(out) == "R1,personal_data,high,x\ry,U,2,yes\nR2,a,high,z,U,3,no\n"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_marks_are_in_the_workbook(tmp_path: Path, result, lang: str) -> None:  # noqa: ANN001
    """Does the workbook's findings sheet carry the officer's unfounded marks in a column of
    its own, under a header in the report's language, on exactly the marked findings?"""
    from openpyxl import load_workbook

    from hoiku_lib.i18n import t

    marks = keys(result, 2, "indicator_disclosure") + keys(result, 1, "risk_flag_missing")
    write_outputs(review(result, marks), tmp_path, lang)
    wb = load_workbook(tmp_path / "report.xlsx", read_only=True)
    rows = list(wb[t("audit.report.sheet_findings", lang)[:31]].iter_rows(values_only=True))
    wb.close()
    header, body = rows[0], [r for r in rows[1:] if r and r[1]]
    column = header.index(t("audit.report.marked_col", lang))
    assert column == len(header) - 1
    yes = t("audit.report.marked_yes", lang)
    marked = {(str(r[0]), str(r[1])) for r in body if r[column] == yes}
    assert marked == set(marks)
    assert {r[column] for r in body} == {yes, None}  # an unmarked finding's cell is empty


def test_an_unreviewed_workbook_marks_nothing(tmp_path: Path, result) -> None:  # noqa: ANN001
    """Without a review the column is there, and empty."""
    from openpyxl import load_workbook

    from hoiku_lib.i18n import t

    write_outputs(result, tmp_path, "en")
    wb = load_workbook(tmp_path / "report.xlsx", read_only=True)
    rows = list(wb[t("audit.report.sheet_findings", "en")[:31]].iter_rows(values_only=True))
    wb.close()
    assert rows[0][-1] == t("audit.report.marked_col", "en")
    assert all(r[-1] is None for r in rows[1:])


def test_a_mark_on_a_masked_record_id_holds_in_every_language(tmp_path: Path, result) -> None:  # noqa: ANN001
    """A record id that held an identifier is kept with the core's neutral mask, so a mark
    made on it is found again whatever language the outputs are written in, and each output
    shows the id with the mask in its own language, never the identifier."""
    from openpyxl import load_workbook

    from hoiku_lib.audit.pii import MASKS, mask_tokens
    from hoiku_lib.i18n import t

    frame = pd.read_csv(SAMPLE, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    first = str(result.findings["record_id"].iloc[0])  # a record with a finding
    frame.loc[frame["Kirjaus ID"] == first, "Kirjaus ID"] = f"{first} 131052-308T"
    src = tmp_path / "otos.csv"
    frame.to_csv(src, sep=";", index=False, encoding="utf-8")
    audited = run_audit(src)
    masked = audited.findings[audited.findings["record_id"].astype(str).str.contains(MASKS["hetu"])]
    assert len(masked)
    mark = (str(masked["record_id"].iloc[0]), str(masked["rule_id"].iloc[0]))
    reviewed = review(audited, [mark])
    for lang in ("fi", "sv"):
        out = tmp_path / lang
        write_outputs(reviewed, out, lang)
        shown = mark[0].replace(MASKS["hetu"], mask_tokens(lang)["hetu"])
        rows = list(csv.DictReader((out / "findings.csv").open(encoding="utf-8")))
        yes = {(r["record_id"], r["rule_id"]) for r in rows if r[MARK_COLUMN] == "yes"}
        assert yes == {(shown, mark[1])}
        wb = load_workbook(out / "report.xlsx", read_only=True)
        sheet = wb[t("audit.report.sheet_findings", lang)[:31]]
        cells = [r for r in sheet.iter_rows(values_only=True)][1:]
        wb.close()
        assert (shown, mark[1], t("audit.report.marked_yes", lang)) in {
            (r[0], r[1], r[-1]) for r in cells
        }
        assert "131052-308T" not in (out / "findings.csv").read_text(encoding="utf-8")
