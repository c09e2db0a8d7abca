"""The quality officers' audit app: load an export, map columns, run, filter, download.

A thin ipywidgets front end over the same pipeline as ``hoiku audit``: every table it shows
comes from the audit result, whose text is already masked. Each interactive widget carries a
stable ``hoiku-audit-…`` CSS class for browser tests. Manual review lets two auditors grade
a judgement criterion and shows their agreement (observed, Cohen's kappa, Gwet's AC1).

Language: the page opens in the visitor's language (:func:`~hoiku_lib.ui.common.initial_lang`)
and has the same fi/sv/en switch as the other dashboards. It is the only language control:
switching relabels every widget, the message and the shown results, and the report is
written in the language the page is in when it is downloaded (links already made are
rewritten). The result is not recomputed on a switch: its masks are language-neutral
(``pii.MASKS``) and are put in the page's language only where text is shown
(``pii.render_masks``: ``[NIMI]`` in Finnish, ``[NAMN]`` in Swedish).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import math
import re
import tempfile
from pathlib import Path

import ipywidgets as w

from hoiku_lib.audit.cells import csv_text
from hoiku_lib.audit.pii import render_masks
from hoiku_lib.audit.wording import evidence_text, rule_name
from hoiku_lib.content import DATA_DIR
from hoiku_lib.formatting import decimal, interval, percent
from hoiku_lib.i18n import normalise_lang, t, tn
from hoiku_lib.ui.common import STYLE, initial_lang, language_switch

SAMPLE = DATA_DIR / "samples" / "audit_sample.csv"
REVIEW_SIZE = 10
#: A review grade; UNGRADED until a reviewer grades the record.
GRADES = ("yes", "no")
UNGRADED = ""

AUDIT_STYLE = """
<style>
.hoiku-audit-app table.hoiku-audit-table { border-collapse: collapse; margin: 0.4rem 0; }
.hoiku-audit-table th, .hoiku-audit-table td {
  border: 1px solid #c4c4c4; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top;
  line-height: 1.3;
}
.hoiku-audit-table td.id { white-space: nowrap; }
.hoiku-audit-table th { background: #eef0f8; }
.hoiku-audit-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.hoiku-audit-table code { color: #4a4a4a; font-size: 0.85em; }
.hoiku-audit-scroll { max-height: 30rem; overflow: auto; border: 1px solid #c4c4c4; }
.hoiku-audit-scroll table.hoiku-audit-table { margin: 0; }
.hoiku-audit-app .widget-html-content { min-width: 0; max-width: 100%; }
.hoiku-audit-wide { max-width: 100%; overflow-x: auto; }
.hoiku-audit-results svg { max-width: 100%; height: auto; }
.hoiku-audit-help { color: #3d3d3d; margin: 0.2rem 0 0.4rem; }
.hoiku-audit-app a.hoiku-audit-file { color: #0b57a4; text-decoration: underline; }
.hoiku-audit-app .hoiku-audit-unit, .hoiku-audit-app .hoiku-audit-rule { margin-right: 1rem; }
.hoiku-audit-app h3 { border-top: 1px solid #d0d0d0; padding-top: 0.6rem; }
.hoiku-audit-table td.met { color: #1a6b1a; }
.hoiku-audit-table td.met_uncertain { color: #7a4f00; }
.hoiku-audit-table td.not_met { color: #a00; font-weight: bold; }
.hoiku-audit-table tr.marked td { color: #6a6a6a; text-decoration: line-through; }
.hoiku-audit-table tr.marked td.mark { text-decoration: none; }
.hoiku-audit-demo { border: 2px solid #36c; background: #eef4ff; padding: .5rem; }
.hoiku-audit-app .hoiku-audit-target-item { margin: 0 1.2rem 0.3rem 0; }
.hoiku-audit-app .hoiku-audit-target-item input { width: 4.5rem; }
</style>
"""


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
        self.style = w.HTML(STYLE + AUDIT_STYLE)
        self.title = w.HTML()
        self.banner = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.headings = [w.HTML() for _ in range(4)]
        self.input_help = w.HTML()
        self.upload = w.FileUpload(
            accept=".csv,.xlsx", multiple=False, layout=w.Layout(width="auto", min_width="14rem")
        )
        self.use_sample = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"))
        self.chosen = w.HTML()
        self.mapping_label = w.HTML()
        self.mapping = w.Textarea(layout=w.Layout(width="100%", max_width="36rem", height="4rem"))
        self.run_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.status = w.HTML()
        wide = {"description_width": "initial"}
        self.unit_filter = w.Dropdown(
            options=[("", "")],
            value="",
            style=wide,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.rule_filter = w.Dropdown(
            options=[("", "")],
            value="",
            style=wide,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.results = w.HTML()
        self.findings = w.HTML()
        self._build_targets()
        self.mark_help = w.HTML()
        self.mark_choice = w.Dropdown(
            options=[("", None)], value=None, style=wide, layout=w.Layout(width="auto")
        )
        self.mark_button = w.Button(disabled=True, layout=w.Layout(width="auto"))
        self.marks_info = w.HTML()
        self.download_help = w.HTML()
        self.download_button = w.Button(disabled=True, layout=w.Layout(width="auto"))
        self.download_links = w.HTML()
        self.review_heading = self.headings[3]
        self.review_help = w.HTML()
        self.review_box = w.VBox()
        self.agreement_button = w.Button(disabled=True)
        self.agreement = w.HTML()
        self._grades: list[tuple[w.ToggleButtons, w.ToggleButtons]] = []
        self._review_labels: list[tuple[w.HTML, w.HTML]] = []
        self._review_ids: list[str] = []
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
            (self.mark_choice, "mark-choice"),
            (self.mark_button, "mark"),
            (self.marks_info, "marks"),
            (self.download_button, "download"),
            (self.download_links, "download-links"),
            (self.agreement_button, "agreement-run"),
            (self.agreement, "agreement"),
        ):
            widget.add_class(f"hoiku-audit-{css}")
        self.upload.observe(self._on_upload, names="value")
        self.use_sample.observe(lambda _c: self._show_chosen(), names="value")
        self.run_button.on_click(lambda _b: self.run())
        self.download_button.on_click(lambda _b: self.make_downloads())
        self.unit_filter.observe(lambda _c: self._show(), names="value")
        self.rule_filter.observe(lambda _c: self._show(), names="value")
        self.agreement_button.on_click(lambda _b: self.compute_agreement())
        self.mark_choice.observe(lambda _c: self._label_mark_button(), names="value")
        self.mark_button.on_click(lambda _b: self.toggle_mark())

        def row(*children: w.Widget) -> w.Box:  # wraps onto the next line on a narrow screen
            layout = w.Layout(
                display="flex", flex_flow="row wrap", width="100%", align_items="center"
            )
            return w.Box(list(children), layout=layout)

        self.widget = w.VBox(
            [
                self.style,
                row(self.title, self.lang_switch),
                self.banner,
                self.headings[0],
                self.input_help,
                row(self.upload, self.use_sample),
                self.chosen,
                self.mapping_label,
                self.mapping,
                row(self.run_button),
                self.headings[1],
                self.status,
                row(self.unit_filter, self.rule_filter),
                self.results,
                self.targets_label,
                row(*self.targets_items),
                self.findings,
                self.mark_help,
                row(self.mark_choice, self.mark_button),
                self.marks_info,
                self.headings[2],
                self.download_help,
                row(self.download_button),
                self.download_links,
                self.review_heading,
                self.review_help,
                self.review_box,
                row(self.agreement_button),
                self.agreement,
            ],
            layout=w.Layout(width="100%"),
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
        from hoiku_lib.audit.mapping import CANONICAL

        tr, esc = self.tr, html.escape
        self.title.value = f"<h2>{esc(tr('audit.ui.title'))}</h2>"
        self.banner.value = f'<p class="hoiku-banner">{esc(tr("audit.report.aid_notice"))}</p>'
        steps = ("audit.ui.step_input", "audit.ui.step_results", "audit.ui.step_report")
        for number, (heading, key) in enumerate(
            zip(self.headings, (*steps, "audit.ui.review"), strict=True), start=1
        ):
            heading.value = f"<h3>{number}. {esc(tr(key))}</h3>"
        self.input_help.value = (
            f'<p class="hoiku-audit-help">'
            f"{esc(tr('audit.ui.input_help', run=tr('audit.ui.run')))}</p>"
        )
        self.upload.description = tr("audit.ui.upload")
        self.use_sample.description = tr("audit.ui.use_sample")
        self._show_chosen()
        self.mapping_label.value = (
            f"<b>{esc(tr('audit.ui.mapping'))}</b>"
            f'<br><span class="hoiku-audit-help">'
            f"{esc(tr('audit.ui.mapping_help', names=', '.join(CANONICAL)))}</span>"
        )
        self.mapping.placeholder = tr("audit.ui.mapping_placeholder")
        self.run_button.description = tr("audit.ui.run")
        self.unit_filter.description = tr("audit.ui.unit_filter")
        self.rule_filter.description = tr("audit.ui.rule_filter")
        self._fill_filters()
        language = t("ui.language_name", self.lang)
        self.download_help.value = (
            f'<p class="hoiku-audit-help">{esc(tr("audit.ui.report_help", language=language))}</p>'
        )
        self.download_button.description = tr("audit.ui.download")
        self.review_help.value = (
            f'<p class="hoiku-audit-help">{esc(tr("audit.ui.review_help"))}</p>'
        )
        self.agreement_button.description = tr("audit.ui.compute_agreement")
        self.targets_label.value = (
            f"<h4>{esc(tr('audit.ui.targets'))}</h4>"
            f'<p class="hoiku-audit-help">{esc(tr("audit.ui.targets_help"))} '
            f"{esc(tr('audit.target.explain'))}</p>"
        )
        for rule_id, box in self.target_inputs.items():  # a real <label> for each box
            box.description = self.rule_name(rule_id)
        self.mark_help.value = f'<p class="hoiku-audit-help">{esc(tr("audit.ui.mark_help"))}</p>'
        self.mark_choice.description = tr("audit.ui.mark_label")
        grades = self._grade_options()
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
        for dropdown, options in (
            (self.unit_filter, [(render_masks(str(u), self.lang), u) for u in units]),
            (self.rule_filter, [(self.rule_name(r), r) for r in rules]),
        ):
            values = [v for _, v in options]
            current = dropdown.value if dropdown.value in values else ""
            dropdown.options = [all_label, *options]
            dropdown.value = current

    def rule_name(self, rule_id: str) -> str:
        """A criterion's short name, worded as what should hold."""
        return rule_name(rule_id, self.lang)

    def result_in_lang(self):  # noqa: ANN201
        """The result, with the officer's marks and targets, as a run in the page's language
        would have written it."""
        result = self.reviewed()
        if result is None or result.lang == self.lang:
            return result
        return dataclasses.replace(result, lang=self.lang)  # its masks are neutral

    # -- targets and unfounded marks ----------------------------------------------------------

    def _build_targets(self) -> None:
        """A target level (%) per criterion, the default until the officer changes it."""
        from hoiku_lib.audit.rules import RULE_IDS
        from hoiku_lib.audit.targets import defaults

        self.targets = defaults(RULE_IDS)
        self.marks: set[tuple[str, str]] = set()
        self._marks_file: str | None = None
        self._demo = False
        self.targets_label = w.HTML()
        self.target_inputs: dict[str, w.BoundedIntText] = {}
        self.targets_items = []
        for rule_id in RULE_IDS:
            box = w.BoundedIntText(
                value=round(100 * self.targets[rule_id]),
                min=0,
                max=100,
                step=1,
                continuous_update=False,
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            box.add_class(f"hoiku-audit-target-{rule_id}")
            box.observe(lambda c, r=rule_id: self.set_target(r, c["new"]), names="value")
            self.target_inputs[rule_id] = box
            item = w.HBox([box, w.HTML("%")])
            item.add_class("hoiku-audit-target-item")
            self.targets_items.append(item)

    def reviewed(self):  # noqa: ANN201
        """The audit result with the officer's marks and targets (None before a run)."""
        if self.result is None:
            return None
        from hoiku_lib.audit.marks import review

        return review(self.result, self.marks, self.targets, demo=self._demo)

    def set_target(self, rule_id: str, pct: int) -> None:
        """Set one criterion's target (0–100 %) and redraw; the links follow."""
        self.targets[rule_id] = min(max(int(pct), 0), 100) / 100
        if self.target_inputs[rule_id].value != round(100 * self.targets[rule_id]):
            self.target_inputs[rule_id].value = round(100 * self.targets[rule_id])
        self._refresh()

    def toggle_mark(self, key: tuple[str, str] | None = None) -> None:
        """Mark the chosen finding (or ``key``: record id, rule id) unfounded, or unmark it."""
        key = key if key is not None else self.mark_choice.value
        if self.result is None or not key:
            return
        key = (str(key[0]), str(key[1]))
        self.marks.symmetric_difference_update({key})
        self._refresh()

    def _refresh(self) -> None:
        self._show()
        if self.download_links.value:  # links already made carry the marks and targets too
            self.make_downloads()

    def _fill_marks(self, found) -> None:  # noqa: ANN001
        """The mark chooser lists the findings shown (row · record · criterion)."""
        options, seen = [], set()
        for f in found.itertuples():
            key = (str(f.record_id), str(f.rule_id))
            if key in seen:
                continue
            seen.add(key)
            flag = f" · {self.tr('audit.ui.col_marked')}" if key in self.marks else ""
            shown_id = render_masks(str(f.record_id), self.lang)
            label = f"{int(f.row)} · {shown_id} · {self.rule_name(f.rule_id)}{flag}"
            options.append((label, key))
        current = self.mark_choice.value
        self.mark_choice.options = options or [("", None)]
        values = [v for _, v in options]
        self.mark_choice.value = current if current in values else (values[0] if values else None)
        self._label_mark_button()
        n = len(self.marks)
        self.marks_info.value = (
            f"<p><b>{html.escape(tn('audit.ui.marks_count', n, self.lang))}</b></p>" if n else ""
        )

    def _label_mark_button(self) -> None:
        key = self.mark_choice.value
        self.mark_button.disabled = not key
        marked = bool(key) and tuple(key) in self.marks
        self.mark_button.description = self.tr("audit.ui.unmark" if marked else "audit.ui.mark")

    # -- input and run ----------------------------------------------------------------------

    def _on_upload(self, change: dict) -> None:
        value = change["new"]
        if not value:
            return
        item = value[0]
        # the file keeps its own name, so messages and the report name the file one chose
        name = Path(str(item["name"])).name
        stem = re.sub(r"[^\w.-]+", "_", Path(name).stem).strip("._")[:80] or "upload"
        suffix = Path(name).suffix.lower()
        folder = Path(tempfile.mkdtemp(dir=self._tmp.name))
        path = folder / f"{stem}{suffix if suffix in ('.csv', '.xlsx') else '.csv'}"
        path.write_bytes(bytes(item["content"]))
        self._upload_path = path
        self.use_sample.value = False
        self._show_chosen()

    def _show_chosen(self) -> None:
        if self._upload_path is None or self.use_sample.value:
            self.chosen.value = ""
            return
        text = self.tr("audit.ui.chosen_file", name=self._upload_path.name)
        self.chosen.value = f'<p class="hoiku-audit-help">{html.escape(text)}</p>'

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
        from hoiku_lib.morphology import VoikkoMissingError

        path = self.input_path()
        if path is None:
            self._clear_results()
            self._set_status("no_input")
            return
        lines = [ln.strip() for ln in self.mapping.value.splitlines() if ln.strip()]
        try:
            overrides = parse_map_args(lines)
            # workers=1: this runs in a Jupyter kernel, whose zmq threads make a fork unsafe
            # (a lock held at the fork would hang the child); large files are the CLI's job
            result = run_audit(path, overrides, self.lang, progress=False, workers=1)
        except MappingError as exc:
            self._clear_results()
            self._set_status("bad_map", item=exc.item.partition("=")[0])
            return
        except AuditInputError as exc:
            self._clear_results()
            self._set_status("input_error", file=exc.file, problems=exc.problems)
            return
        except VoikkoMissingError as exc:
            self._clear_results()
            part = str(exc) if str(exc) in ("libvoikko", "voikko-fi") else "voikko-fi"
            self._set_status("voikko_missing", part=part)
            return
        self.result = result
        self._demo = path == self.sample
        if self._marks_file != str(path):  # marks belong to the file they were made on
            self.marks, self._marks_file = set(), str(path)
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

    def _clear_results(self) -> None:
        """A refused input: no earlier file's results, downloads or review stay on the page
        (they would read as this file's)."""
        self.result = None
        self._agreement = None
        for widget in (self.results, self.findings, self.download_links, self.agreement):
            widget.value = ""
        self.download_button.disabled = True
        self.review_box.children = ()
        self._grades, self._review_labels, self._review_ids = [], [], []
        self.agreement_button.disabled = True
        self._fill_filters()
        self.mark_choice.options, self.marks_info.value = [("", None)], ""
        self._label_mark_button()

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
        elif kind == "voikko_missing":
            msg = self.tr("audit.cli.voikko_missing", part=data["part"])
            self.status.value = f'<p class="hoiku-audit-voikko-missing"><b>{esc(msg)}</b></p>'
        elif kind == "done" and self.result is not None:
            result = self.result
            status = [f"<p>{esc(tn('audit.ui.done', result.n_records, self.lang))}</p>"]
            if self._demo:  # the alarm below is planted: say so before it
                status.append(
                    f'<p class="hoiku-audit-demo">{esc(self.tr("audit.report.demo_notice"))}</p>'
                )
            if result.pii_found:
                status.append(
                    '<p style="border:3px solid #b00;background:#fee;padding:.5rem">'
                    f"<b>{esc(self.tr('audit.report.pii_banner'))}</b></p>"
                )
            if result.possible_names:
                from hoiku_lib.audit.pii import POSSIBLE_NAME, mask_tokens

                line = self.tr(
                    "audit.report.possible_names",
                    count=result.possible_names,
                    mask=mask_tokens(self.lang)[POSSIBLE_NAME],
                )
                status.append(
                    '<p class="hoiku-audit-possible-names" '
                    'style="border:2px solid #b60;background:#fff4e0;padding:.5rem">'
                    f"<b>{esc(line)}</b></p>"
                )
            status.append(f"<p><i>{esc(self.tr('audit.report.names_best_effort'))}</i></p>")
            mapped = ", ".join(
                f"{esc(h)} → <code>{esc(c)}</code>" for h, c in result.mapping.items()
            )
            status.append(f"<p>{esc(self.tr('audit.ui.mapped'))}: {mapped}</p>")
            if result.problems:
                from hoiku_lib.audit.own_headers import with_own_headers

                problems = with_own_headers(result.problems, result.mapping)
                items = "".join(
                    f"<li>{esc(x[2:])}</li>" for x in render(result.file, problems, self.lang)
                )
                status.append(f"<ul>{items}</ul>")
            self.status.value = "".join(status)

    # -- results ----------------------------------------------------------------------------

    def _show(self) -> None:
        """Render summary, chart and masked findings for the chosen unit and rule."""
        if self.result is None:
            return
        import pandas as pd

        from hoiku_lib.audit.report import FINDINGS_SHOWN, compliance_chart
        from hoiku_lib.audit.rules import RULE_IDS
        from hoiku_lib.audit.stats import summary_row
        from hoiku_lib.audit.targets import judge_summary

        esc, lang = html.escape, self.lang
        unit, rule = self.unit_filter.value, self.rule_filter.value
        reviewed = self.result_in_lang()
        counts = reviewed.counts  # the officer's unfounded marks count as compliant
        if unit:
            counts = counts[counts["unit"] == unit]
        totals = counts.groupby("rule_id")[["applicable", "compliant"]].sum()
        summary = pd.DataFrame(
            [
                summary_row(r, int(totals.loc[r, "applicable"]), int(totals.loc[r, "compliant"]))
                for r in RULE_IDS  # the report's order
                if r in totals.index and (not rule or r == rule)
            ]
        )
        head = "".join(
            f'<th scope="col">{esc(self.tr(k))}</th>'
            for k in (
                "audit.report.criterion",
                "audit.report.applicable",
                "audit.report.compliant",
                "audit.report.compliance",
                "audit.report.ci",
                "audit.target.target",
                "audit.target.status",
            )
        )
        body = ""
        judged = (
            {j["rule_id"]: j for j in judge_summary(summary, self.targets)} if len(summary) else {}
        )
        for _, r in summary.iterrows():
            j = judged[r["rule_id"]]
            status = esc(self.tr(f"audit.target.{j['status']}"))
            applicable = r["applicable"] > 0
            comp = percent(r["compliance"], lang) if applicable else "–"
            ci = interval(r["ci_low"], r["ci_high"], lang) if applicable else "–"
            body += (
                f"<tr><td>{esc(self.rule_name(r['rule_id']))}<br>"
                f"<code>{esc(r['rule_id'])}</code></td>"
                f'<td class="num">{r["applicable"]}</td><td class="num">{r["compliant"]}</td>'
                f'<td class="num">{comp}</td><td class="num">{ci}</td>'
                f'<td class="num">{percent(j["target"], lang)}</td>'
                f'<td class="{j["status"]}">{status}</td></tr>'
            )
        chart = compliance_chart(summary, lang, self.targets) if len(summary) else ""
        label = esc(self.tr("audit.ui.step_results"))
        source = esc(self.tr("ws.audit.source", file=Path(str(self.result.file)).name))
        self.results.value = (
            f'<p class="hoiku-audit-source"><b>{source}</b></p>'
            f'<div class="hoiku-audit-wide" tabindex="0" role="region" aria-label="{label}">'
            f'<table class="hoiku-audit-table"><tr>{head}</tr>{body}</table></div>{chart}'
        )
        found = reviewed.findings
        if unit:
            found = found[found["unit"] == unit]
        if rule:
            found = found[found["rule_id"] == rule]
        shown = found.head(FINDINGS_SHOWN)
        head = "".join(
            f'<th scope="col">{esc(self.tr(k))}</th>'
            for k in (
                "audit.ui.col_row",
                "audit.report.record_id",
                "audit.report.unit",
                "audit.report.rule",
                "audit.ui.col_evidence",
                "audit.ui.col_marked",
            )
        )
        yes = esc(self.tr("audit.report.marked_yes"))
        rows = "".join(
            f"<tr{' class=marked' if f.marked_unfounded else ''}>"
            f'<td class="num">{int(f.row)}</td>'
            f'<td class="id">{esc(render_masks(str(f.record_id), lang))}</td>'
            f"<td>{esc(render_masks(str(f.unit), lang))}</td>"
            f"<td>{esc(self.rule_name(f.rule_id))}</td>"
            f"<td>{esc(evidence_text(str(f.evidence), lang))}</td>"
            f'<td class="mark">{yes if f.marked_unfounded else ""}</td></tr>'
            for f in shown.itertuples()
        )
        self._fill_marks(shown)
        kept = len(self.result.findings)
        truncated = self.result.findings_total > kept  # the rest are only in findings.csv
        total = len(found) if (unit or rule) else self.result.findings_total
        more = ""
        if total > len(shown):
            text = self.tr("audit.report.findings_more", shown=len(shown), total=total)
            more = f'<p class="hoiku-audit-help">{esc(text)}</p>'
        if truncated and (unit or rule):
            text = self.tr("audit.ui.findings_partial", kept=kept)
            more += f'<p class="hoiku-audit-help">{esc(text)}</p>'
        title = self.tr("audit.report.findings")
        table = ""
        if rows:
            table = (
                f'<div class="hoiku-audit-scroll" tabindex="0" role="region" '
                f'aria-label="{esc(title)}"><table class="hoiku-audit-table">'
                f"<tr>{head}</tr>{rows}</table></div>"
            )
        self.findings.value = (
            f"<h4>{esc(title)}</h4>"
            f'<p class="hoiku-audit-help">{esc(self.tr("audit.ui.findings_help"))} '
            f"<b>{esc(self.tr('audit.ui.findings_count', n=total))}</b></p>"
            f"{table}{more}"
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
        source = self.tr("ws.audit.source", file=Path(str(self.result.file)).name)
        self.download_links.value = (
            f'<span class="hoiku-audit-source">{html.escape(source)}:</span> ' + " · ".join(links)
        )

    # -- manual review ----------------------------------------------------------------------

    def _build_review(self) -> None:
        """Two grade sets (auditor A and B) for the first records of the sample."""
        ids = self.result.first_ids[:REVIEW_SIZE]
        options = self._grade_options()
        rows, self._grades, self._review_labels = [], [], []
        self._review_ids = [str(rid) for rid in ids]
        for i, rid in enumerate(ids):
            # Ungraded until a reviewer grades: an untouched review measures nothing.
            a = w.ToggleButtons(options=options, value=UNGRADED, description="")
            b = w.ToggleButtons(options=options, value=UNGRADED, description="")
            a.add_class(f"hoiku-audit-review-a-{i}")
            b.add_class(f"hoiku-audit-review-b-{i}")
            label_a = w.HTML(html.escape(self.tr("audit.ui.auditor_a")))
            label_b = w.HTML(html.escape(self.tr("audit.ui.auditor_b")))
            self._grades.append((a, b))
            self._review_labels.append((label_a, label_b))
            rows.append(
                w.HBox(
                    [
                        w.HTML(f"<code>{html.escape(render_masks(str(rid), self.lang))}</code>"),
                        label_a,
                        a,
                        label_b,
                        b,
                    ]
                )
            )
        self.review_box.children = rows
        self.agreement_button.disabled = not rows

    def _grade_options(self) -> list[tuple[str, str]]:
        return [
            (self.tr("audit.ui.grade_yes"), "yes"),
            (self.tr("audit.ui.grade_no"), "no"),
            (self.tr("ws.audit.grade_none"), UNGRADED),
        ]

    def compute_agreement(self) -> None:
        """Observed agreement, Cohen's kappa and Gwet's AC1 over the records both auditors
        graded (none: no figures), with that count and the count still ungraded."""
        from hoiku_lib.audit.stats import cohen_kappa, gwet_ac1, observed_agreement

        if not self._grades:
            return
        pairs = [(x.value, y.value) for x, y in self._grades]
        both = [(x, y) for x, y in pairs if x in GRADES and y in GRADES]
        self._agreement = {"n": len(both), "ungraded": len(pairs) - len(both), "grades": pairs}
        if both:
            a, b = [x for x, _ in both], [y for _, y in both]
            self._agreement |= {
                "po": observed_agreement(a, b),
                "kappa": cohen_kappa(a, b),
                "ac1": gwet_ac1(a, b, scale=GRADES),
            }
        self._render_agreement()

    def _render_agreement(self) -> None:
        if self._agreement is None:
            self.agreement.value = ""
            return
        ag, esc = self._agreement, html.escape
        n, ungraded = int(ag["n"]), int(ag["ungraded"])
        if n == 0:
            lines = [self.tr("ws.audit.agreement_none")]
        else:
            figures = {k: self._figure(float(ag[k])) for k in ("po", "kappa", "ac1")}
            lines = [tn("audit.ui.agreement", n, self.lang, **figures)]
            if ungraded:
                lines.append(tn("ws.audit.ungraded", ungraded, self.lang))
        self.agreement.value = (
            "".join(f"<p><b>{esc(line)}</b></p>" for line in lines) + self._review_links()
        )

    def _figure(self, value: float) -> str:
        """A coefficient as the language writes it; kappa is undefined when both auditors
        gave one and the same grade throughout (hoiku_lib.audit.stats.cohen_kappa)."""
        if math.isnan(value):
            return self.tr("ws.audit.kappa_undefined")
        return decimal(value, self.lang, 2)

    def _review_links(self) -> str:
        """The review as CSV downloads: each record's two grades (blank = not graded) and
        the agreement over the records both graded, with that count and the ungraded."""
        import csv
        import io

        ag = self._agreement or {}
        grades = io.StringIO()
        writer = csv.writer(grades, lineterminator="\n")
        writer.writerow(["record_id", "auditor_a", "auditor_b", "graded_by_both"])
        for rid, (x, y) in zip(self._review_ids, ag.get("grades", []), strict=False):
            # text that a spreadsheet would compute is neutralised (CWE-1236)
            shown = render_masks(rid, self.lang)
            writer.writerow([csv_text(shown), x, y, int(x in GRADES and y in GRADES)])
        summary = io.StringIO()
        writer = csv.writer(summary, lineterminator="\n")
        writer.writerow(
            ["file", "records", "graded_by_both", "ungraded", "observed", "kappa", "ac1"]
        )
        source = csv_text(self.result.file) if self.result is not None else ""
        figures = [
            f"{float(ag[k]):.3f}" if k in ag and not math.isnan(float(ag[k])) else ""
            for k in ("po", "kappa", "ac1")
        ]
        writer.writerow(
            [
                source,
                ag.get("n", 0) + ag.get("ungraded", 0),
                ag.get("n", 0),
                ag.get("ungraded", 0),
                *figures,
            ]
        )
        links = []
        for name, text in (("review_grades.csv", grades), ("review_agreement.csv", summary)):
            data = base64.b64encode(text.getvalue().encode("utf-8")).decode("ascii")
            links.append(
                f'<a class="hoiku-audit-file hoiku-audit-review-file" download="{name}" '
                f'href="data:text/csv;base64,{data}">{name}</a>'
            )
        return "<p>" + " · ".join(links) + "</p>"
