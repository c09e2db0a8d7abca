"""Does the audit app run, filter, offer downloads and compute agreement without a browser?"""

from __future__ import annotations

from hoiku_lib.ui.audit_app import AuditApp


def test_app_runs_on_the_sample_and_filters() -> None:
    """Does a click on run audit the bundled sample, and do the filters narrow findings?"""
    app = AuditApp(lang="en")
    app.run_button.click()
    assert app.result is not None and app.result.n_records > 0
    assert "NOT anonymised" in app.status.value
    assert "Teksti → <code>note_text</code>" in app.status.value
    all_rows = app.findings.value.count("<tr>")
    app.rule_filter.value = "unsafe_contact"
    assert 0 < app.findings.value.count("<tr>") < all_rows
    assert "personal_data" not in app.findings.value
    app.unit_filter.value = app.result.units[0]
    assert app.results.value.startswith("<table>")


def test_download_and_agreement() -> None:
    """Are download links made, and is identical grading full agreement?"""
    app = AuditApp(lang="fi")
    app.run()
    app.download_button.click()
    assert "report.html" in app.download_links.value and "report.xlsx" in app.download_links.value
    app.agreement_button.click()
    assert "1.00" in app.agreement.value
    app._grades[0][1].value = "no"
    app.compute_agreement()
    assert "0.90" in app.agreement.value


def test_no_input_is_explained() -> None:
    """Does running without any input say what to do?"""
    app = AuditApp(lang="sv")
    app.use_sample.value = False
    app.run()
    assert app.result is None and "Välj" in app.status.value
