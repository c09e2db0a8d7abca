"""Does a crafted export stay text in every output (CWE-1236: no formula, no live link)?"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from hoiku_lib.audit.cells import FORMULA_STARTS, csv_text
from hoiku_lib.cli import main

LINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
CRAFTED = [
    (LINK, "Päivystys", "Epäily ihmiskaupasta, työnantaja pitää passia.", "omainen"),
    ("r2", DDE, "Pyysi apua päästäkseen pois.", "saattaja"),
    ("-2+3", "@SUM(1+1)", "Työnantaja pitää passia.", "omainen"),
    ("@r4", "=1+1", "<script>alert(1)</script> Epäily ihmiskaupasta.", "ammattitulkki"),
]
PLANTED = "131052-308T"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("crafted")
    src = tmp / "export.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["ID", "Yksikkö", "Teksti", "Epäily", "Tulkki"])
        for rec, unit, note, interp in CRAFTED:
            w.writerow([rec, unit, note, "kyllä", interp])
        w.writerow([f"={PLANTED}", "=Päivystys", f"Hetu {PLANTED}.", "kyllä", "omainen"])
    assert main(["audit", str(src), "--out", str(tmp / "out"), "--lang", "fi"]) == 0
    return tmp / "out"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_text_quotes_only_what_a_spreadsheet_would_compute() -> None:
    """Is a cell starting with = + - @ tab or CR quoted, and anything else left alone?"""
    for start in FORMULA_STARTS:
        assert csv_text(f"{start}x") == f"'{start}x"
    for value in ("r1", "'x", " =x", "[NIMI]", "", "family", 3, None):
        assert csv_text(value) == value
    assert csv_text("'=x") == "''=x"  # so that the one added quote can be taken off again


def test_findings_csv_neutralises_record_ids_units_and_evidence(out: Path) -> None:
    """Does no findings.csv cell start with a formula character, and do the crafted record
    ids and units appear quoted, not lost?"""
    rows = _rows(out / "findings.csv")
    header, body = rows[0], rows[1:]
    assert header[:4] == ["record_id", "rule_id", "severity", "evidence"]
    assert body
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    ids = {r[0] for r in body}
    units = {r[4] for r in body}
    assert "'" + LINK in ids and "'-2+3" in ids and "'@r4" in ids
    assert "'" + DDE in units and "'@SUM(1+1)" in units and "'=1+1" in units


def test_summary_csv_cells_are_not_formulas(out: Path) -> None:
    """Does summary.csv hold no cell a spreadsheet would compute?"""
    rows = _rows(out / "summary.csv")
    assert rows[0][0] == "rule_id" and len(rows) == 8
    for row in rows:
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)
        assert not row[0].startswith("-")


def test_workbook_has_no_formula_cell(out: Path) -> None:
    """Read back with openpyxl: is every cell a value (no formula), are the crafted ids and
    units there as text, and does the XML hold no formula element or planted identifier?"""
    from openpyxl import load_workbook

    wb = load_workbook(out / "report.xlsx")
    texts = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value.startswith(FORMULA_STARTS):
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
    assert {LINK, DDE, "-2+3", "@SUM(1+1)", "=1+1"} <= texts
    with zipfile.ZipFile(out / "report.xlsx") as zf:
        for member in zf.namelist():
            xml = zf.read(member).decode("utf-8", "replace")
            assert "<f>" not in xml and "<f " not in xml, member
            assert PLANTED not in xml, member


def test_report_html_escapes_crafted_text(out: Path) -> None:
    """Is the crafted text escaped in report.html (no tag, no live link) and the planted
    identifier masked?"""
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert 'HYPERLINK("http' not in html  # quotes are escaped as entities
    assert "HYPERLINK(&#34;http://x&#34;" in html or "HYPERLINK(&quot;http://x&quot;" in html
    assert PLANTED not in html


@pytest.mark.parametrize(
    "value", ["=x", "+1", "-2", "@a", "\tb", "\rc", "'=x", "''=x", "'x", "x'", "[NIMI]", ""]
)
def test_a_neutralised_cell_reads_back_as_it_was(value: str) -> None:
    """Does taking the one added quote off give back exactly the value (also one that
    already started with a quote)?"""
    from hoiku_lib.audit.cells import csv_plain

    written = csv_text(value)
    assert not written.startswith(FORMULA_STARTS)
    assert csv_plain(written) == value


def test_a_mark_on_a_formula_like_record_id_reaches_findings_csv(tmp_path: Path) -> None:
    """Is a finding marked unfounded whose record id looked like a formula still marked in
    findings.csv, where its id is neutralised?"""
    from hoiku_lib.audit.marks import MARK_COLUMN, review
    from hoiku_lib.audit.pipeline import run_audit
    from hoiku_lib.audit.report import write_outputs

    src = tmp_path / "export.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["ID", "Yksikkö", "Teksti", "Tulkki"])
        w.writerow([LINK, "U", "Ok.", "omainen"])
        w.writerow(["r2", "U", "Ok.", "omainen"])
    result = run_audit(src)
    reviewed = review(result, [(LINK, "non_professional_interpreter")])
    write_outputs(reviewed, tmp_path / "out", "fi")
    with (tmp_path / "out" / "findings.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["record_id"]: r[MARK_COLUMN] for r in csv.DictReader(fh)}
    assert rows == {"'" + LINK: "yes", "r2": "no"}


def test_the_pages_review_csv_neutralises_record_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does review_grades.csv, downloaded from the page, quote a formula-like record id?"""
    import base64
    import re

    from hoiku_lib.ui.audit_app import AuditApp

    src = tmp_path / "export.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["ID", "Yksikkö", "Teksti"])
        w.writerow([LINK, "U", "Ok."])
        w.writerow(["r2", "U", "Ok."])
    app = AuditApp(lang="en")
    monkeypatch.setattr(app, "input_path", lambda: src)
    app.run()
    app.compute_agreement()
    links = dict(
        re.findall(r'download="([^"]+)" href="data:text/csv;base64,([^"]+)"', app.agreement.value)
    )
    text = base64.b64decode(links["review_grades.csv"]).decode("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["record_id"] for r in rows] == ["'" + LINK, "r2"]
