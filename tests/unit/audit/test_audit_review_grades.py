"""Manual review grades start blank; agreement only over what both graded; a refused file
leaves nothing of the earlier results (issue 15, items 4 and 5)."""

from __future__ import annotations

import base64
import csv
import io
import re

from hoiku_lib.i18n import t, tn
from hoiku_lib.ui.audit_app import UNGRADED, AuditApp


def _csv_links(html: str) -> dict[str, list[dict[str, str]]]:
    out = {}
    for name, data in re.findall(r'download="([^"]+)" href="data:text/csv;base64,([^"]+)"', html):
        out[name] = list(csv.DictReader(io.StringIO(base64.b64decode(data).decode("utf-8"))))
    return out


def test_an_untouched_review_gives_no_kappa() -> None:
    app = AuditApp(lang="en")
    app.run()
    assert app._grades and all(a.value == b.value == UNGRADED for a, b in app._grades)
    app.agreement_button.click()
    assert t("ws.audit.agreement_none", "en") in app.agreement.value
    assert "kappa" not in app.agreement.value.lower().replace("review_agreement", "")
    summary = _csv_links(app.agreement.value)["review_agreement.csv"][0]
    assert summary["graded_by_both"] == "0" and summary["kappa"] == ""
    assert summary["ungraded"] == str(len(app._grades))


def test_agreement_counts_only_records_both_graded() -> None:
    app = AuditApp(lang="fi")
    app.run()
    for i, (a, b) in enumerate(app._grades[:4]):
        a.value = "yes"
        b.value = "yes" if i else "no"
    app._grades[4][0].value = "no"  # graded by A only: left out
    app.compute_agreement()
    ungraded = len(app._grades) - 4
    assert "yhtäpitävyys 0,75" in app.agreement.value and "(4 kirjausta)" in app.agreement.value
    assert tn("ws.audit.ungraded", ungraded, "fi") in app.agreement.value
    links = _csv_links(app.agreement.value)
    summary = links["review_agreement.csv"][0]
    assert (summary["graded_by_both"], summary["ungraded"]) == ("4", str(ungraded))
    assert summary["observed"] == "0.750" and summary["file"] == "audit_sample.csv"
    grades = links["review_grades.csv"]
    assert [g["graded_by_both"] for g in grades[:5]] == ["1", "1", "1", "1", "0"]
    assert grades[4]["auditor_a"] == "no" and grades[4]["auditor_b"] == ""
    app.lang_switch.value = "en"
    assert "agreement 0.75" in app.agreement.value
    assert tn("ws.audit.ungraded", ungraded, "en") in app.agreement.value


def test_results_name_their_file() -> None:
    app = AuditApp(lang="sv")
    app.run()
    assert t("ws.audit.source", "sv", file="audit_sample.csv") in app.results.value


def test_a_refused_file_clears_the_samples_results_and_downloads() -> None:
    import datetime as dt

    app = AuditApp(lang="en")
    app.run()
    app.download_button.click()
    app.agreement_button.click()
    assert app.results.value and app._grades and not app.download_button.disabled
    data = b"foo;bar\n1;2\n"  # no note text, no unit: refused
    app.upload.value = (
        {
            "name": "export.csv",
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        },
    )
    app.run_button.click()
    assert app.result is None and "export.csv" in app.status.value
    assert app.results.value == app.findings.value == app.download_links.value == ""
    assert app.download_button.disabled and app.agreement_button.disabled
    assert app.review_box.children == () and app.agreement.value == ""
    app.make_downloads()  # a crafted click on the disabled button
    assert app.download_links.value == ""


def test_one_grade_throughout_leaves_kappa_undefined_not_perfect() -> None:
    """Both auditors said "yes" to every record: they agree, but kappa cannot say whether
    beyond chance (0/0), so it is said in words and left blank in the CSV."""
    app = AuditApp(lang="fi")
    app.run()
    for a, b in app._grades[:5]:
        a.value = b.value = "yes"
    app.compute_agreement()
    assert "yhtäpitävyys 1,00" in app.agreement.value
    assert f"kappa {t('ws.audit.kappa_undefined', 'fi')}" in app.agreement.value
    assert "nan" not in app.agreement.value.lower().replace("base64", "")
    summary = _csv_links(app.agreement.value)["review_agreement.csv"][0]
    assert summary["observed"] == "1.000" and summary["kappa"] == ""
