"""The quality officers' audit notebook, served with --with-audit on loopback."""

from __future__ import annotations

import re

import pytest
from e2e_support import (
    DESKTOP,
    PHONE,
    WIDGET_TIMEOUT_MS,
    assert_accessible,
    has_notebook,
    screenshot,
)

from hoiku_lib.i18n import t

pytestmark = pytest.mark.skipif(not has_notebook("audit.ipynb"), reason="audit notebook not landed")

#: Shapes of direct identifiers that must never appear unmasked on the page.
HETU = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")


def _open(page, server, lang: str = "fi") -> None:  # noqa: ANN001
    page.goto(server.dashboard("audit", lang))
    page.wait_for_selector(".hoiku-audit-results table tr td", timeout=WIDGET_TIMEOUT_MS)


def test_audit_runs_on_the_sample_and_masks_identifiers(server, new_page) -> None:
    """The sample is audited on load: rule rows, findings, and no identifier in clear."""
    page = new_page()
    _open(page, server)
    results = page.inner_text(".hoiku-audit-results")
    assert "personal_data" in results
    findings = page.inner_text(".hoiku-audit-findings")
    assert t("audit.ui.rule_name.personal_data", "fi") in findings
    assert t("audit.ui.col_row", "fi") in findings  # the spreadsheet row of each finding
    assert not HETU.search(findings) and not EMAIL.search(findings)
    page.click(".hoiku-audit-download")
    link = page.wait_for_selector(".hoiku-audit-download-links a.hoiku-audit-file")
    assert link.get_attribute("href").startswith("data:")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_audit_is_accessible(server, new_page, size: str) -> None:
    """No serious or critical WCAG 2.1 AA violation (desktop and phone)."""
    page = new_page(viewport=DESKTOP if size == "desktop" else PHONE)
    _open(page, server)
    screenshot(page, f"audit-{size}")
    assert_accessible(page, "audit")


def test_opened_without_lang_it_speaks_the_browsers_language(server, new_page) -> None:
    """/audit opened directly in a Swedish browser (no ?lang=): Swedish, as the start page."""
    page = new_page(locale="sv-FI")
    page.goto(server.url + "audit")
    page.wait_for_selector(".hoiku-audit-results table tr td", timeout=WIDGET_TIMEOUT_MS)
    assert t("audit.ui.title", "sv") in page.inner_text(".hoiku-audit-app h2")


def test_lang_sv_opens_in_swedish_and_the_switch_relabels(server, new_page) -> None:
    """?lang=sv: Swedish labels, results and message; the switch turns all of it English."""
    page = new_page()
    _open(page, server, "sv")
    assert t("audit.ui.title", "sv") in page.inner_text(".hoiku-audit-app h2")
    assert page.inner_text(".hoiku-audit-run").strip() == t("audit.ui.run", "sv")
    assert page.inner_text(".hoiku-audit-download").strip() == t("audit.ui.download", "sv")
    assert t("audit.ui.use_sample", "sv") in page.inner_text(".hoiku-audit-use-sample")
    assert t("audit.report.criterion", "sv") in page.inner_text(".hoiku-audit-results")
    assert "granskade" in page.inner_text(".hoiku-audit-status")
    selected = page.inner_text(".hoiku-audit-lang button.mod-active").strip()
    assert selected == t("ui.language_name", "sv")
    page.locator(".hoiku-audit-lang button", has_text=t("ui.language_name", "en")).click()
    for selector, text in (
        (".hoiku-audit-run", t("audit.ui.run", "en")),
        (".hoiku-audit-results", t("audit.report.criterion", "en")),
        (".hoiku-audit-status", "Audited"),
    ):
        page.wait_for_function(
            "([sel, text]) => document.querySelector(sel).innerText.includes(text)",
            arg=[selector, text],
        )


def test_a_review_with_no_grades_shows_no_kappa(server, new_page) -> None:
    """Grades start blank: computing at once says nothing was graded by both, no κ."""
    page = new_page()
    _open(page, server, "en")
    page.click(".hoiku-audit-agreement-run")
    page.wait_for_function(
        "text => document.querySelector('.hoiku-audit-agreement').innerText.includes(text)",
        arg=t("ws.audit.agreement_none", "en"),
    )
    shown = page.inner_text(".hoiku-audit-agreement").replace("review_agreement.csv", "")
    assert "kappa" not in shown.lower() and "AC1" not in shown


def test_a_refused_upload_after_the_sample_shows_no_results_and_no_download(
    server, new_page, tmp_path
) -> None:  # noqa: ANN001
    """After the sample's results, a refused file leaves no results and no download."""
    page = new_page()
    _open(page, server, "en")
    page.click(".hoiku-audit-download")
    page.wait_for_selector(".hoiku-audit-download-links a.hoiku-audit-file")
    bad = tmp_path / "export.csv"
    bad.write_bytes(b"foo;bar\n1;2\n")
    with page.expect_file_chooser() as chooser:  # the upload button opens the file dialog
        page.click(".hoiku-audit-upload")
    chooser.value.set_files(str(bad))
    page.wait_for_function(
        "() => document.querySelector('.hoiku-audit-app').innerText.includes('export.csv')"
    )
    page.click(".hoiku-audit-run")
    page.wait_for_function(
        "() => !document.querySelector('.hoiku-audit-results table')"
        " && document.querySelector('.hoiku-audit-status').innerText.includes('export.csv')"
    )
    assert page.query_selector("a.hoiku-audit-file") is None
    assert page.is_disabled(".hoiku-audit-download")
    screenshot(page, "audit-refused-after-sample")
