"""Does the audit app run, filter, offer downloads and compute agreement without a browser,
and does it speak the visitor's language, switching everything with one control?"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re

import pytest

from hoiku_lib.audit.pii import mask_tokens
from hoiku_lib.i18n import LANGS, t
from hoiku_lib.ui.audit_app import AuditApp


@pytest.fixture(scope="module")
def ran_fi() -> AuditApp:
    app = AuditApp(lang="fi")
    app.run_button.click()
    return app


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
    assert app.rule_name("personal_data") not in app.findings.value
    assert app.rule_name("unsafe_contact") in app.findings.value
    app.unit_filter.value = app.result.units[0]
    assert '<table class="hoiku-audit-table">' in app.results.value


def test_the_page_never_forks_even_for_a_large_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page runs in a Jupyter kernel (zmq threads): a fork there could hang, so the audit
    runs in the kernel's own process however large the file (here every file counts as
    large), and the outputs are written there too."""
    import multiprocessing

    from hoiku_lib.audit import pipeline, report

    asked: list[str | None] = []
    real = multiprocessing.get_context

    def spy(method: str | None = None):  # noqa: ANN202
        asked.append(method)
        return real(method)

    monkeypatch.setattr(pipeline, "LARGE_INPUT_BYTES", 1)
    monkeypatch.setattr(report, "PARALLEL_OUTPUTS", 1)
    monkeypatch.setattr(multiprocessing, "get_context", spy)
    app = AuditApp(lang="en")
    app.run_button.click()
    assert app.result is not None and app.result.n_records > 0
    app.download_button.click()
    assert "report.xlsx" in app.download_links.value
    assert "fork" not in asked


def test_download_and_agreement() -> None:
    """Are download links made, and is identical grading full agreement?"""
    app = AuditApp(lang="fi")
    app.run()
    app.download_button.click()
    assert "report.html" in app.download_links.value and "report.xlsx" in app.download_links.value
    for a, b in app._grades:  # grades start blank: both auditors grade every record
        a.value = b.value = "yes"
    app.agreement_button.click()
    assert "yhtäpitävyys 1,00" in app.agreement.value
    app._grades[0][1].value = "no"
    app.compute_agreement()
    assert "yhtäpitävyys 0,90" in app.agreement.value
    app.lang_switch.value = "en"
    assert "agreement 0.90" in app.agreement.value


def test_no_input_is_explained() -> None:
    """Does running without any input say what to do?"""
    app = AuditApp(lang="sv")
    app.use_sample.value = False
    app.run()
    assert app.result is None and "Välj" in app.status.value


# --- language ------------------------------------------------------------------------------


def _labels(app: AuditApp) -> dict[str, str]:
    return {
        "title": app.title.value,
        "upload": app.upload.description,
        "sample": app.use_sample.description,
        "mapping": app.mapping_label.value,
        "placeholder": app.mapping.placeholder,
        "run": app.run_button.description,
        "unit": app.unit_filter.description,
        "rule": app.rule_filter.description,
        "all": app.unit_filter.options[0][0],
        "download": app.download_button.description,
        "review": app.review_heading.value,
        "agreement": app.agreement_button.description,
    }


def _expected(lang: str) -> dict[str, str]:
    return {
        "title": t("audit.ui.title", lang),
        "upload": t("audit.ui.upload", lang),
        "sample": t("audit.ui.use_sample", lang),
        "mapping": t("audit.ui.mapping", lang),
        "placeholder": t("audit.ui.mapping_placeholder", lang),
        "run": t("audit.ui.run", lang),
        "unit": t("audit.ui.unit_filter", lang),
        "rule": t("audit.ui.rule_filter", lang),
        "all": t("audit.ui.all", lang),
        "download": t("audit.ui.download", lang),
        "review": t("audit.ui.review", lang),
        "agreement": t("audit.ui.compute_agreement", lang),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_in_the_asked_language(monkeypatch, lang: str) -> None:  # noqa: ANN001
    """Without an explicit language the app takes the page's (?lang=, via initial_lang)."""
    monkeypatch.setattr("hoiku_lib.ui.audit_app.initial_lang", lambda: lang)
    app = AuditApp()
    assert app.lang == lang and app.lang_switch.value == lang
    labels, expected = _labels(app), _expected(lang)
    for key, text in expected.items():
        assert text in labels[key] or labels[key] == text, key


def test_switching_relabels_every_widget() -> None:
    """fi → sv → en: each label is the catalogue's, none left in the previous language."""
    app = AuditApp(lang="fi")
    for lang in ("sv", "en", "fi"):
        app.lang_switch.value = lang
        assert app.lang == lang
        labels, expected = _labels(app), _expected(lang)
        for key, text in expected.items():
            assert text in labels[key], (lang, key)


def test_switching_retells_results_messages_and_review(ran_fi: AuditApp) -> None:
    """After a run: message, tables, findings, review and agreement follow the switch."""
    app = ran_fi
    for a, b in app._grades:  # grades start blank: both auditors grade every record
        a.value = b.value = "yes"
    app.compute_agreement()
    app.rule_filter.value = "personal_data"
    fi_status = app.status.value
    assert t("audit.ui.done", "fi", n=app.result.n_records) in fi_status
    assert "[NIMI]" in app.findings.value or "[PUHELIN]" in app.findings.value
    try:
        app.lang_switch.value = "sv"
        assert t("audit.ui.done", "sv", n=app.result.n_records) in app.status.value
        assert t("audit.report.pii_banner", "sv") in app.status.value
        assert t("audit.ui.done", "fi", n=app.result.n_records) not in app.status.value
        assert t("audit.report.criterion", "sv") in app.results.value
        assert t("audit.report.findings", "sv") in app.findings.value
        assert app.rule_filter.value == "personal_data"  # the choice survives the switch
        sv = mask_tokens("sv")
        assert any(sv[k] in app.findings.value for k in ("name", "phone", "hetu"))
        # every column, ids and units too: the result's masks are neutral, shown in Swedish
        cells = " ".join(" ".join(row) for row in _table(app.findings.value))
        assert not re.search(r"\[(NIMI|PUHELIN|HETU|SÄHKÖPOSTI|OSOITE)\]|\[ǂ", cells)
        grade = app._grades[0][0]
        assert [label for label, _ in grade.options] == [
            t("audit.ui.grade_yes", "sv"),
            t("audit.ui.grade_no", "sv"),
            t("ws.audit.grade_none", "sv"),
        ]
        assert grade.value == "yes"
        assert "Observerad överensstämmelse 1,00" in app.agreement.value
        label_a, _ = app._review_labels[0]
        assert label_a.value == t("audit.ui.auditor_a", "sv")
    finally:
        app.lang_switch.value = "fi"
        app.rule_filter.value = ""


def test_messages_without_a_result_follow_the_switch() -> None:
    """The 'choose a file first' message is retold in the new language."""
    app = AuditApp(lang="fi")
    app.use_sample.value = False
    app.run()
    assert t("audit.ui.no_input", "fi") in app.status.value
    app.lang_switch.value = "en"
    assert app.status.value == f"<p>{t('audit.ui.no_input', 'en')}</p>"


def test_the_report_is_written_in_the_page_language(ran_fi: AuditApp) -> None:
    """One language control: the report follows the page; links already made are rewritten."""
    app = ran_fi
    try:
        app.make_downloads()
        assert _report_html(app).count(t("audit.report.title", "fi")) >= 1
        app.lang_switch.value = "sv"
        report = _report_html(app)
        assert t("audit.report.title", "sv") in report
        assert t("audit.report.title", "fi") not in report
        assert "[NAMN]" in report and "[NIMI]" not in _findings_evidence(app)
        assert "[NAMN]" in _findings_evidence(app)
    finally:
        app.lang_switch.value = "fi"
        app.download_links.value = ""


def _link(app: AuditApp, name: str) -> bytes:
    match = re.search(
        rf'download="{re.escape(name)}" href="data:[^;]+;base64,([^"]+)"', app.download_links.value
    )
    assert match, name
    return base64.b64decode(match.group(1))


def _report_html(app: AuditApp) -> str:
    return _link(app, "report.html").decode("utf-8")


def _findings_evidence(app: AuditApp) -> str:
    rows = csv.DictReader(io.StringIO(_link(app, "findings.csv").decode("utf-8")))
    return " ".join(r["evidence"] for r in rows)


def _table(value: str) -> list[list[str]]:
    """The cells of each data row of the first HTML table in ``value``."""
    rows = re.findall(r"<tr>(.*?)</tr>", value)
    return [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in rows if "<td" in r]


def test_a_switch_shows_what_a_run_in_the_other_language_shows() -> None:
    """The result's masks are language-neutral: after a switch the page shows exactly what a
    fresh run in that language shows, and the result itself holds no localised mask."""
    fi, sv = AuditApp(lang="fi"), AuditApp(lang="sv")
    fi.run()
    sv.run()
    evidence = " ".join(fi.result.findings["evidence"].astype(str))
    assert "[ǂ" in evidence
    assert not re.search(r"\[(NIMI|NAMN|NAME|PUHELIN|TELEFON|PHONE|HETU)\]", evidence)
    fi.lang_switch.value = "sv"
    assert fi.findings.value == sv.findings.value
    assert "[ǂ" not in fi.findings.value


def test_findings_show_the_row_unit_and_evidence_in_words(ran_fi: AuditApp) -> None:
    """Each finding: spreadsheet row, record, unit, criterion name, evidence a person reads."""
    app = ran_fi
    app.rule_filter.value = "non_professional_interpreter"
    try:
        found = app.result.findings
        first = found[found["rule_id"] == "non_professional_interpreter"].iloc[0]
        values = _table(app.findings.value)[0]
        assert values[:3] == [str(first["row"]), first["record_id"], first["unit"]]
        assert values[3] == t("audit.ui.rule_name.non_professional_interpreter", "fi")
        assert values[4] in (
            t("audit.ui.evidence.family", "fi"),
            t("audit.ui.evidence.companion", "fi"),
        )
        assert ">family<" not in app.findings.value and ">companion<" not in app.findings.value
        assert "\u00a0%" in app.results.value  # Finnish writes 74 % (a no-break space)
    finally:
        app.rule_filter.value = ""


def test_an_upload_keeps_its_name(tmp_path) -> None:  # noqa: ANN001
    """Messages and the report name the file the officer chose, not a temporary name."""
    app = AuditApp(lang="en")
    data = b"id;unit;note\n1;A;ok\n2;B;ok;EXTRA\n"
    app.upload.value = (
        {
            "name": "vienti 2025/../x.csv",
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        },
    )
    assert app.use_sample.value is False
    assert "x.csv" in app.chosen.value
    app.run_button.click()
    assert app.result.file == "x.csv"
    assert "file x.csv, row 3" in app.status.value


def test_more_findings_than_memory_keeps(monkeypatch) -> None:  # noqa: ANN001
    """With room for 10 findings in memory, does the page count all of them, and say that a
    filter covers only the kept ones (the rest are in findings.csv)?"""
    from hoiku_lib.audit import pipeline

    monkeypatch.setattr(pipeline, "KEEP_FINDINGS", 10)
    app = AuditApp(lang="fi")
    app.run_button.click()
    total = app.result.findings_total
    assert len(app.result.findings) == 10 < total
    assert t("audit.ui.findings_count", "fi", n=total) in app.findings.value
    app.rule_filter.value = "personal_data"
    assert t("audit.ui.findings_partial", "fi", kept=10) in app.findings.value


def _download(app: AuditApp, name: str) -> bytes:
    match = re.search(
        rf'download="{re.escape(name)}" href="data:[^;]+;base64,([^"]+)"', app.download_links.value
    )
    assert match, name
    return base64.b64decode(match.group(1))


def _compliant(app: AuditApp, rule_id: str) -> int:
    row = re.search(
        rf"<code>{rule_id}</code></td><td class=\"num\">\d+</td><td class=\"num\">(\d+)<",
        app.results.value,
    )
    assert row, rule_id
    return int(row.group(1))


def test_marking_a_finding_unfounded_recomputes_and_is_kept_in_the_export() -> None:
    """The officer marks a finding: compliance rises by one record, the findings table and
    findings.csv say so, and the mark outlives a language switch, a re-export and a re-run."""
    app = AuditApp(lang="fi")
    app.run()
    app.rule_filter.value = "indicator_disclosure"
    before = _compliant(app, "indicator_disclosure")
    key = app.mark_choice.value
    assert key[1] == "indicator_disclosure"
    assert app.mark_button.description == t("audit.ui.mark", "fi")
    app.mark_button.click()
    assert _compliant(app, "indicator_disclosure") == before + 1
    assert app.mark_button.description == t("audit.ui.unmark", "fi")
    assert "1 löydös merkitty aiheettomaksi." in app.marks_info.value
    assert "<tr class=marked>" in app.findings.value
    app.download_button.click()
    app.lang_switch.value = "en"  # links are rewritten in English: the mark stays
    rows = list(csv.DictReader(io.StringIO(_download(app, "findings.csv").decode("utf-8"))))
    assert [(r["record_id"], r["rule_id"]) for r in rows if r["marked_unfounded"] == "yes"] == [key]
    report = _download(app, "report.html").decode("utf-8")
    assert 'id="marks"' in report and "marked 1 finding unfounded" in report
    app.run()  # the same file again: the marks are kept
    assert app.marks == {key}
    app.toggle_mark(key)
    assert app.marks == set() and _compliant(app, "indicator_disclosure") == before


def test_targets_are_set_on_the_page_and_judged() -> None:
    """A target per criterion (default 90 %): the results say met / met in this sample / not
    met, and the report carries the officer's target."""
    app = AuditApp(lang="en")
    app.run()
    assert app.results.value.count(t("audit.target.not_met", "en")) >= 1
    app.rule_filter.value = "risk_flag_missing"  # 65 of 100, interval 55–74 %
    assert t("audit.target.not_met", "en") in app.results.value
    app.target_inputs["risk_flag_missing"].value = 60
    assert t("audit.target.met_uncertain", "en") in app.results.value
    app.target_inputs["risk_flag_missing"].value = 50
    assert '<td class="met">Met</td>' in app.results.value
    app.download_button.click()
    report = _download(app, "report.html").decode("utf-8")
    assert "50%" in report  # English: no space before the sign


def test_the_demo_says_it_is_a_demo_and_an_upload_does_not(tmp_path) -> None:  # noqa: ANN001
    app = AuditApp(lang="fi")
    app.run()
    status = app.status.value
    assert status.index("hoiku-audit-demo") < status.index("EI ole anonymisoitu")
    data = app.sample.read_bytes()
    app.upload.value = (
        {
            "name": "oma.csv",
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        },
    )
    app.run()
    assert "hoiku-audit-demo" not in app.status.value


def test_remarks_name_the_users_own_header() -> None:
    """The sample's bad date is in the column the export calls Kirjauspäivä, not entry_date."""
    app = AuditApp(lang="fi")
    app.run()
    remarks = app.status.value[app.status.value.index("<ul>") :]
    assert "sarake Kirjauspäivä" in remarks and "entry_date" not in remarks
