"""The quality officers' audit app: load an export, map columns, run, filter, download.

A thin ipywidgets front end over the same pipeline as ``hoiku audit``: every table it shows
comes from the audit result, whose text is already masked. Each interactive widget carries a
stable ``hoiku-audit-…`` CSS class for browser tests. Manual review lets two auditors grade
a judgement criterion and shows their agreement (observed, Cohen's kappa, Gwet's AC1).
"""

from __future__ import annotations

import base64
import html
import tempfile
from pathlib import Path

import ipywidgets as w

from hoiku_lib.content import DATA_DIR
from hoiku_lib.i18n import LANGS, t

SAMPLE = DATA_DIR / "samples" / "audit_sample.csv"
REVIEW_SIZE = 10


class AuditApp:
    """Audit workflow as widgets; ``.widget`` is what a notebook displays."""

    def __init__(self, lang: str = "fi", sample: Path = SAMPLE):
        self.lang = lang
        self.sample = sample
        self.result = None
        self._upload_path: Path | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="hoiku-audit-")
        tr = self.tr
        self.title = w.HTML(
            f"<h2>{html.escape(tr('audit.ui.title'))}</h2>"
            f"<p><i>{html.escape(tr('audit.report.aid_notice'))}</i></p>"
        )
        self.upload = w.FileUpload(
            accept=".csv,.xlsx", multiple=False, description=tr("audit.ui.upload")
        )
        self.use_sample = w.Checkbox(
            value=True, description=tr("audit.ui.use_sample"), indent=False
        )
        self.mapping = w.Textarea(
            placeholder="unit=Toimipiste",
            description="",
            layout=w.Layout(width="30rem", height="4rem"),
        )
        self.lang_pick = w.Dropdown(
            options=list(LANGS),
            value=lang,
            description=tr("audit.ui.report_lang"),
            style={"description_width": "initial"},
        )
        self.run_button = w.Button(description=tr("audit.ui.run"), button_style="primary")
        self.status = w.HTML()
        self.unit_filter = w.Dropdown(
            options=[(tr("audit.ui.all"), "")], value="", description=tr("audit.ui.unit_filter")
        )
        self.rule_filter = w.Dropdown(
            options=[(tr("audit.ui.all"), "")], value="", description=tr("audit.ui.rule_filter")
        )
        self.results = w.HTML()
        self.findings = w.HTML()
        self.download_button = w.Button(description=tr("audit.ui.download"), disabled=True)
        self.download_links = w.HTML()
        self.review_box = w.VBox()
        self.agreement_button = w.Button(
            description=tr("audit.ui.compute_agreement"), disabled=True
        )
        self.agreement = w.HTML()
        self._grades: list[tuple[w.ToggleButtons, w.ToggleButtons]] = []
        for widget, css in (
            (self.upload, "upload"),
            (self.use_sample, "use-sample"),
            (self.mapping, "mapping"),
            (self.lang_pick, "lang"),
            (self.run_button, "run"),
            (self.status, "status"),
            (self.unit_filter, "unit"),
            (self.rule_filter, "rule"),
            (self.results, "results"),
            (self.findings, "findings"),
            (self.download_button, "download"),
            (self.download_links, "download-links"),
            (self.agreement_button, "agreement-run"),
            (self.agreement, "agreement"),
        ):
            widget.add_class(f"hoiku-audit-{css}")
        self.upload.observe(self._on_upload, names="value")
        self.run_button.on_click(lambda _b: self.run())
        self.download_button.on_click(lambda _b: self.make_downloads())
        self.unit_filter.observe(lambda _c: self._show(), names="value")
        self.rule_filter.observe(lambda _c: self._show(), names="value")
        self.agreement_button.on_click(lambda _b: self.compute_agreement())
        self.widget = w.VBox(
            [
                self.title,
                w.HBox([self.upload, self.use_sample]),
                w.HTML(html.escape(tr("audit.ui.mapping"))),
                self.mapping,
                w.HBox([self.lang_pick, self.run_button]),
                self.status,
                w.HBox([self.unit_filter, self.rule_filter]),
                self.results,
                self.findings,
                w.HBox([self.download_button]),
                self.download_links,
                w.HTML(f"<h3>{html.escape(tr('audit.ui.review'))}</h3>"),
                self.review_box,
                self.agreement_button,
                self.agreement,
            ]
        )
        self.widget.add_class("hoiku-audit-app")

    def tr(self, key: str, **fmt: object) -> str:
        """A catalogue string in the app's language."""
        return t(key, self.lang, **fmt)

    def _on_upload(self, change: dict) -> None:
        value = change["new"]
        if not value:
            return
        item = value[0]
        suffix = Path(str(item["name"])).suffix.lower()
        path = Path(self._tmp.name) / f"upload{suffix if suffix in ('.csv', '.xlsx') else '.csv'}"
        path.write_bytes(bytes(item["content"]))
        self._upload_path = path
        self.use_sample.value = False

    def input_path(self) -> Path | None:
        """The uploaded file, else the bundled sample when chosen."""
        if self._upload_path is not None and not self.use_sample.value:
            return self._upload_path
        return self.sample if self.use_sample.value else None

    def run(self) -> None:
        """Run the audit on the chosen input and show the results."""
        from hoiku_lib.audit.mapping import MappingError, parse_map_args
        from hoiku_lib.audit.pipeline import run_audit
        from hoiku_lib.audit.problems import AuditInputError, render

        self.lang = self.lang_pick.value
        path = self.input_path()
        if path is None:
            self.status.value = f"<p>{html.escape(self.tr('audit.ui.no_input'))}</p>"
            return
        lines = [ln.strip() for ln in self.mapping.value.splitlines() if ln.strip()]
        try:
            overrides = parse_map_args(lines)
            self.result = run_audit(path, overrides, self.lang, progress=False)
        except MappingError as exc:
            from hoiku_lib.audit.mapping import CANONICAL

            msg = self.tr(
                "audit.cli.bad_map", item=exc.item.partition("=")[0], allowed=", ".join(CANONICAL)
            )
            self.status.value = f"<p>{html.escape(msg)}</p>"
            return
        except AuditInputError as exc:
            items = "".join(
                f"<li>{html.escape(x[2:])}</li>" for x in render(exc.file, exc.problems, self.lang)
            )
            self.status.value = f"<ul>{items}</ul>"
            return
        status = [f"<p>{html.escape(self.tr('audit.ui.done', n=self.result.n_records))}</p>"]
        if self.result.pii_found:
            status.append(
                '<p style="border:3px solid #b00;background:#fee;padding:.5rem">'
                f"<b>{html.escape(self.tr('audit.report.pii_banner'))}</b></p>"
            )
        status.append(f"<p><i>{html.escape(self.tr('audit.report.names_best_effort'))}</i></p>")
        mapped = ", ".join(
            f"{html.escape(h)} → <code>{html.escape(c)}</code>"
            for h, c in self.result.mapping.items()
        )
        status.append(f"<p>{html.escape(self.tr('audit.ui.mapped'))}: {mapped}</p>")
        if self.result.problems:
            items = "".join(
                f"<li>{html.escape(x[2:])}</li>"
                for x in render(self.result.file, self.result.problems, self.lang)
            )
            status.append(f"<ul>{items}</ul>")
        self.status.value = "".join(status)
        all_label = (self.tr("audit.ui.all"), "")
        self.unit_filter.options = [all_label] + [(u, u) for u in self.result.units]
        self.unit_filter.value = ""
        rule_ids = list(self.result.summary["rule_id"])
        self.rule_filter.options = [all_label] + [(r, r) for r in rule_ids]
        self.rule_filter.value = ""
        self.download_button.disabled = False
        self.download_links.value = ""
        self._build_review()
        self._show()

    def _show(self) -> None:
        """Render summary, chart and masked findings for the chosen unit and rule."""
        if self.result is None:
            return
        from hoiku_lib.audit.report import compliance_chart
        from hoiku_lib.audit.stats import summary_row

        unit, rule = self.unit_filter.value, self.rule_filter.value
        counts = self.result.counts
        if unit:
            counts = counts[counts["unit"] == unit]
        totals = counts.groupby("rule_id")[["applicable", "compliant"]].sum()
        import pandas as pd

        summary = pd.DataFrame(
            [
                summary_row(r, int(a), int(c))
                for r, (a, c) in totals.iterrows()
                if not rule or r == rule
            ]
        )
        head = "".join(
            f"<th>{html.escape(self.tr(k))}</th>"
            for k in (
                "audit.report.criterion",
                "audit.report.applicable",
                "audit.report.compliant",
                "audit.report.compliance",
                "audit.report.ci",
            )
        )
        body = ""
        for _, r in summary.iterrows():
            ci = f"{r['ci_low']:.0%} – {r['ci_high']:.0%}" if r["applicable"] else "–"
            comp = f"{r['compliance']:.0%}" if r["applicable"] else "–"
            body += (
                f"<tr><td>{html.escape(r['rule_id'])}</td><td>{r['applicable']}</td>"
                f"<td>{r['compliant']}</td><td>{comp}</td><td>{ci}</td></tr>"
            )
        chart = compliance_chart(summary, self.lang) if len(summary) else ""
        self.results.value = f"<table><tr>{head}</tr>{body}</table>{chart}"
        found = self.result.findings
        if unit:
            found = found[found["unit"] == unit]
        if rule:
            found = found[found["rule_id"] == rule]
        rows = "".join(
            f"<tr><td>{html.escape(str(f.record_id))}</td><td>{html.escape(f.rule_id)}</td>"
            f"<td>{html.escape(str(f.evidence))}</td></tr>"
            for f in found.head(100).itertuples()
        )
        self.findings.value = (
            f"<h4>{html.escape(self.tr('audit.report.findings'))} ({len(found)})</h4>"
            f"<table>{rows}</table>"
        )

    def make_downloads(self) -> None:
        """Write the report files and offer them as download links (data URIs)."""
        if self.result is None:
            return
        from hoiku_lib.audit.report import write_outputs

        out = Path(self._tmp.name) / "report"
        links = []
        for path in write_outputs(self.result, out, self.lang):
            mime = {"html": "text/html", "csv": "text/csv"}.get(
                path.suffix[1:],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            links.append(
                f'<a class="hoiku-audit-file" download="{path.name}" '
                f'href="data:{mime};base64,{data}">{path.name}</a>'
            )
        self.download_links.value = " · ".join(links)

    def _build_review(self) -> None:
        """Two grade sets (auditor A and B) for the first records of the sample."""
        ids = self.result.first_ids[:REVIEW_SIZE]
        options = [(self.tr("audit.ui.grade_yes"), "yes"), (self.tr("audit.ui.grade_no"), "no")]
        rows, self._grades = [], []
        for i, rid in enumerate(ids):
            a = w.ToggleButtons(options=options, value="yes", description="")
            b = w.ToggleButtons(options=options, value="yes", description="")
            a.add_class(f"hoiku-audit-review-a-{i}")
            b.add_class(f"hoiku-audit-review-b-{i}")
            self._grades.append((a, b))
            rows.append(
                w.HBox(
                    [
                        w.HTML(f"<code>{html.escape(str(rid))}</code>"),
                        w.HTML(self.tr("audit.ui.auditor_a")),
                        a,
                        w.HTML(self.tr("audit.ui.auditor_b")),
                        b,
                    ]
                )
            )
        self.review_box.children = rows
        self.agreement_button.disabled = not rows

    def compute_agreement(self) -> None:
        """Observed agreement, Cohen's kappa and Gwet's AC1 of the two grade sets."""
        from hoiku_lib.audit.stats import cohen_kappa, gwet_ac1, observed_agreement

        if not self._grades:
            return
        a = [x.value for x, _ in self._grades]
        b = [y.value for _, y in self._grades]
        self.agreement.value = html.escape(
            self.tr(
                "audit.ui.agreement",
                po=f"{observed_agreement(a, b):.2f}",
                kappa=f"{cohen_kappa(a, b):.2f}",
                ac1=f"{gwet_ac1(a, b):.2f}",
                n=len(a),
            )
        )
