"""The quality officers' audit app: load an export, map columns, run, filter, download.

A thin ipywidgets front end over the same pipeline as ``hoiku audit``: every table it shows
comes from the audit result, whose text is already masked. Each interactive widget carries a
stable ``hoiku-audit-…`` CSS class for browser tests. Manual review lets two auditors grade
a judgement criterion and shows their agreement (observed, Cohen's kappa, Gwet's AC1).

Language: the page opens in the visitor's language (:func:`~hoiku_lib.ui.common.initial_lang`)
and has the same fi/sv/en switch as the other dashboards. It is the only language control:
switching relabels every widget, the message and the shown results, and the report is
written in the language the page is in when it is downloaded (links already made are
rewritten). The result is not recomputed on a switch; only the masks in its evidence
(``[NIMI]`` → ``[NAMN]``) are swapped, exactly what a run in the other language writes.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import re
import tempfile
from pathlib import Path

import ipywidgets as w

from hoiku_lib.content import DATA_DIR
from hoiku_lib.i18n import normalise_lang, t
from hoiku_lib.ui.common import STYLE, initial_lang, language_switch

SAMPLE = DATA_DIR / "samples" / "audit_sample.csv"
REVIEW_SIZE = 10


def swap_masks(series, src: str, dst: str):  # noqa: ANN001, ANN201 - pandas imported lazily
    """Text with the identifier masks of ``src`` (``[NIMI]``) replaced by ``dst``'s."""
    from hoiku_lib.audit.pii import mask_tokens

    if normalise_lang(src) == normalise_lang(dst):
        return series
    old, new = mask_tokens(src), mask_tokens(dst)
    table = {old[k]: new[k] for k in old}
    pattern = "|".join(re.escape(token) for token in sorted(table, key=len, reverse=True))
    return series.astype(str).str.replace(pattern, lambda m: table[m.group(0)], regex=True)


class AuditApp:
    """Audit workflow as widgets; ``.widget`` is what a notebook displays."""

    def __init__(self, lang: str | None = None, sample: Path = SAMPLE):
        self.lang = normalise_lang(lang or initial_lang())
        self.sample = sample
        self.result = None
        self._upload_path: Path | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="hoiku-audit-")
        # what the message area says, kept as data so that a language switch can retell it
        self._status: tuple = ()
        self._agreement: dict[str, object] | None = None
        self._build()
        self.set_lang(self.lang)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.style = w.HTML(STYLE)
        self.title = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False)
        self.use_sample = w.Checkbox(value=True, indent=False)
        self.mapping_label = w.HTML()
        self.mapping = w.Textarea(layout=w.Layout(width="30rem", height="4rem"))
        self.run_button = w.Button(button_style="primary")
        self.status = w.HTML()
        self.unit_filter = w.Dropdown(options=[("", "")], value="")
        self.rule_filter = w.Dropdown(options=[("", "")], value="")
        self.results = w.HTML()
        self.findings = w.HTML()
        self.download_button = w.Button(disabled=True)
        self.download_links = w.HTML()
        self.review_heading = w.HTML()
        self.review_box = w.VBox()
        self.agreement_button = w.Button(disabled=True)
        self.agreement = w.HTML()
        self._grades: list[tuple[w.ToggleButtons, w.ToggleButtons]] = []
        self._review_labels: list[tuple[w.HTML, w.HTML]] = []
        for widget, css in (
            (self.upload, "upload"),
            (self.use_sample, "use-sample"),
            (self.mapping, "mapping"),
            (self.lang_switch, "lang"),
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
        wrap = w.Layout(display="flex", flex_flow="row wrap", width="100%", align_items="center")
        self.widget = w.VBox(
            [
                self.style,
                w.Box([self.title, self.lang_switch], layout=wrap),
                w.HBox([self.upload, self.use_sample]),
                self.mapping_label,
                self.mapping,
                w.HBox([self.run_button]),
                self.status,
                w.HBox([self.unit_filter, self.rule_filter]),
                self.results,
                self.findings,
                w.HBox([self.download_button]),
                self.download_links,
                self.review_heading,
                self.review_box,
                self.agreement_button,
                self.agreement,
            ]
        )
        self.widget.add_class("hoiku-app")
        self.widget.add_class("hoiku-audit-app")

    def tr(self, key: str, **fmt: object) -> str:
        """A catalogue string in the app's language."""
        return t(key, self.lang, **fmt)

    # -- language ---------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        """Relabel every widget, retell the message, redraw results and rewrite the links."""
        self.lang = normalise_lang(lang)
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang  # its observer calls back here
            return
        tr = self.tr
        self.title.value = (
            f"<h2>{html.escape(tr('audit.ui.title'))}</h2>"
            f"<p><i>{html.escape(tr('audit.report.aid_notice'))}</i></p>"
        )
        self.upload.description = tr("audit.ui.upload")
        self.use_sample.description = tr("audit.ui.use_sample")
        self.mapping_label.value = html.escape(tr("audit.ui.mapping"))
        self.mapping.placeholder = tr("audit.ui.mapping_placeholder")
        self.run_button.description = tr("audit.ui.run")
        self.unit_filter.description = tr("audit.ui.unit_filter")
        self.rule_filter.description = tr("audit.ui.rule_filter")
        self._fill_filters()
        self.download_button.description = tr("audit.ui.download")
        self.review_heading.value = f"<h3>{html.escape(tr('audit.ui.review'))}</h3>"
        self.agreement_button.description = tr("audit.ui.compute_agreement")
        grades = [(tr("audit.ui.grade_yes"), "yes"), (tr("audit.ui.grade_no"), "no")]
        for (a, b), (label_a, label_b) in zip(self._grades, self._review_labels, strict=True):
            for toggle in (a, b):
                value = toggle.value
                toggle.options = grades
                toggle.value = value
            label_a.value = html.escape(tr("audit.ui.auditor_a"))
            label_b.value = html.escape(tr("audit.ui.auditor_b"))
        self._render_status()
        self._show()
        self._render_agreement()
        if self.download_links.value:
            self.make_downloads()

    def _fill_filters(self) -> None:
        """Filter options in the current language, keeping what was chosen."""
        all_label = (self.tr("audit.ui.all"), "")
        units = self.result.units if self.result is not None else []
        rules = list(self.result.summary["rule_id"]) if self.result is not None else []
        for dropdown, values in ((self.unit_filter, units), (self.rule_filter, rules)):
            current = dropdown.value if dropdown.value in values else ""
            dropdown.options = [all_label] + [(v, v) for v in values]
            dropdown.value = current

    def result_in_lang(self):  # noqa: ANN201
        """The result as a run in the page's language would have written it."""
        if self.result is None or self.result.lang == self.lang:
            return self.result
        findings = self.result.findings.copy()
        findings["evidence"] = swap_masks(findings["evidence"], self.result.lang, self.lang)
        return dataclasses.replace(self.result, lang=self.lang, findings=findings)

    # -- input and run ----------------------------------------------------------------------

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
        from hoiku_lib.audit.problems import AuditInputError

        path = self.input_path()
        if path is None:
            self._set_status("no_input")
            return
        lines = [ln.strip() for ln in self.mapping.value.splitlines() if ln.strip()]
        try:
            overrides = parse_map_args(lines)
            result = run_audit(path, overrides, self.lang, progress=False)
        except MappingError as exc:
            self._set_status("bad_map", item=exc.item.partition("=")[0])
            return
        except AuditInputError as exc:
            self._set_status("input_error", file=exc.file, problems=exc.problems)
            return
        self.result = result
        self._agreement = None
        self.download_button.disabled = False
        self.download_links.value = ""
        self.unit_filter.value = ""
        self.rule_filter.value = ""
        self._fill_filters()
        self._build_review()
        self._set_status("done")
        self._show()
        self._render_agreement()

    def _set_status(self, kind: str, **data: object) -> None:
        self._status = (kind, data)
        self._render_status()

    def _render_status(self) -> None:
        """The message area in the current language (from the kept status, not from HTML)."""
        from hoiku_lib.audit.problems import render

        if not self._status:
            self.status.value = ""
            return
        kind, data = self._status
        esc = html.escape
        if kind == "no_input":
            self.status.value = f"<p>{esc(self.tr('audit.ui.no_input'))}</p>"
        elif kind == "bad_map":
            from hoiku_lib.audit.mapping import CANONICAL

            msg = self.tr("audit.cli.bad_map", item=data["item"], allowed=", ".join(CANONICAL))
            self.status.value = f"<p>{esc(msg)}</p>"
        elif kind == "input_error":
            items = "".join(
                f"<li>{esc(x[2:])}</li>" for x in render(data["file"], data["problems"], self.lang)
            )
            self.status.value = f"<ul>{items}</ul>"
        elif kind == "done" and self.result is not None:
            result = self.result
            status = [f"<p>{esc(self.tr('audit.ui.done', n=result.n_records))}</p>"]
            if result.pii_found:
                status.append(
                    '<p style="border:3px solid #b00;background:#fee;padding:.5rem">'
                    f"<b>{esc(self.tr('audit.report.pii_banner'))}</b></p>"
                )
            status.append(f"<p><i>{esc(self.tr('audit.report.names_best_effort'))}</i></p>")
            mapped = ", ".join(
                f"{esc(h)} → <code>{esc(c)}</code>" for h, c in result.mapping.items()
            )
            status.append(f"<p>{esc(self.tr('audit.ui.mapped'))}: {mapped}</p>")
            if result.problems:
                items = "".join(
                    f"<li>{esc(x[2:])}</li>"
                    for x in render(result.file, result.problems, self.lang)
                )
                status.append(f"<ul>{items}</ul>")
            self.status.value = "".join(status)

    # -- results ----------------------------------------------------------------------------

    def _show(self) -> None:
        """Render summary, chart and masked findings for the chosen unit and rule."""
        if self.result is None:
            return
        import pandas as pd

        from hoiku_lib.audit.report import compliance_chart
        from hoiku_lib.audit.stats import summary_row

        unit, rule = self.unit_filter.value, self.rule_filter.value
        counts = self.result.counts
        if unit:
            counts = counts[counts["unit"] == unit]
        totals = counts.groupby("rule_id")[["applicable", "compliant"]].sum()
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
        found = self.result_in_lang().findings
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
        """Write the report files in the page's language and offer them as download links."""
        if self.result is None:
            return
        from hoiku_lib.audit.report import write_outputs

        out = Path(self._tmp.name) / "report"
        links = []
        for path in write_outputs(self.result_in_lang(), out, self.lang):
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

    # -- manual review ----------------------------------------------------------------------

    def _build_review(self) -> None:
        """Two grade sets (auditor A and B) for the first records of the sample."""
        ids = self.result.first_ids[:REVIEW_SIZE]
        options = [(self.tr("audit.ui.grade_yes"), "yes"), (self.tr("audit.ui.grade_no"), "no")]
        rows, self._grades, self._review_labels = [], [], []
        for i, rid in enumerate(ids):
            a = w.ToggleButtons(options=options, value="yes", description="")
            b = w.ToggleButtons(options=options, value="yes", description="")
            a.add_class(f"hoiku-audit-review-a-{i}")
            b.add_class(f"hoiku-audit-review-b-{i}")
            label_a = w.HTML(html.escape(self.tr("audit.ui.auditor_a")))
            label_b = w.HTML(html.escape(self.tr("audit.ui.auditor_b")))
            self._grades.append((a, b))
            self._review_labels.append((label_a, label_b))
            rows.append(
                w.HBox([w.HTML(f"<code>{html.escape(str(rid))}</code>"), label_a, a, label_b, b])
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
        self._agreement = {
            "po": f"{observed_agreement(a, b):.2f}",
            "kappa": f"{cohen_kappa(a, b):.2f}",
            "ac1": f"{gwet_ac1(a, b):.2f}",
            "n": len(a),
        }
        self._render_agreement()

    def _render_agreement(self) -> None:
        if self._agreement is None:
            self.agreement.value = ""
            return
        self.agreement.value = html.escape(self.tr("audit.ui.agreement", **self._agreement))
