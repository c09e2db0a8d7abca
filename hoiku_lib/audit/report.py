"""Write the audit's outputs atomically: findings.csv, summary.csv, report.html, report.xlsx.

Each file is written to a temporary name in the output folder and moved into place with
``os.replace``, so a reader never sees half a report. The HTML is self-contained (charts
inline as SVG, drawn with matplotlib's Agg backend) and follows the audit cycle: standards →
method and sample → results per criterion → action plan to fill → re-audit date.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from hoiku_lib.audit.cells import csv_series, xlsx_row
from hoiku_lib.audit.marks import MARK_COLUMN, mark_rows
from hoiku_lib.audit.pii import render_masks
from hoiku_lib.audit.pipeline import FINDINGS_FILE_COLUMNS, AuditResult
from hoiku_lib.audit.problems import render
from hoiku_lib.audit.wording import evidence_text, rule_name
from hoiku_lib.formatting import decimal, interval, percent

TEMPLATE_DIR = Path(__file__).parent / "templates"
FINDINGS_SHOWN = 200
XLSX_FINDINGS = 10_000  # a workbook is for reading; a million rows belong in findings.csv
SUMMARY_COLUMNS = ["rule_id", "applicable", "compliant", "compliance", "ci_low", "ci_high"]


def atomic_write(path: Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp)`` on a temp file beside ``path``, then move it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _svg(fig) -> str:  # noqa: ANN001
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.find("<svg") :]


def compliance_chart(summary, lang: str, targets: dict | None = None) -> str:  # noqa: ANN001
    """Horizontal bars of compliance with Wilson intervals, inline SVG; with ``targets``
    (rule id → share) each bar's target is a black tick across it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hoiku_lib.i18n import t

    data = summary[summary["applicable"] > 0]
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(data), 1) + 0.8))
    y = range(len(data))
    comp = data["compliance"].to_numpy() * 100
    low = comp - data["ci_low"].to_numpy() * 100
    high = data["ci_high"].to_numpy() * 100 - comp
    ax.barh(list(y), comp, xerr=[low, high], color="#4c78a8", capsize=3)
    if targets:
        from hoiku_lib.audit.targets import DEFAULT_TARGET

        goal = [100 * float(targets.get(r, DEFAULT_TARGET)) for r in data["rule_id"]]
        ax.scatter(
            goal,
            list(y),
            marker="|",
            s=400,
            color="#222",
            zorder=3,
            label=t("audit.target.target", lang),
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_yticks(list(y), [rule_name(r, lang) for r in data["rule_id"]])
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("audit.report.compliance", lang) + " (%)")
    ax.invert_yaxis()
    return _svg(fig)


def run_chart(data, rule_id: str, lang: str) -> str:  # noqa: ANN001
    """Monthly compliance of one rule with its median line, inline SVG: each point with its
    95 % Wilson interval and, beneath it, how many records it rests on (n)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hoiku_lib.audit.stats import wilson
    from hoiku_lib.i18n import t

    d = data[data["rule_id"] == rule_id].sort_values("month")
    fig, ax = plt.subplots(figsize=(7, 2.6))
    values = d["compliance"].to_numpy() * 100
    bounds = [wilson(int(c), int(a)) for c, a in zip(d["compliant"], d["applicable"], strict=True)]
    low = [v - 100 * lo for v, (lo, _) in zip(values, bounds, strict=True)]
    high = [100 * hi - v for v, (_, hi) in zip(values, bounds, strict=True)]
    months = list(d["month"])
    ax.errorbar(
        months,
        values,
        yerr=[low, high],
        marker="o",
        color="#4c78a8",
        ecolor="#9db5d6",
        capsize=3,
        label=f"{t('audit.report.compliance', lang)} ({t('audit.report.ci', lang)})",
    )
    median = float(d["compliance"].median() * 100)
    ax.axhline(median, color="#e45756", linestyle="--", label=t("audit.report.median", lang))
    for month, n in zip(months, d["applicable"], strict=True):
        ax.annotate(
            f"n={int(n)}",
            (month, 0),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=7,
            color="#555",
        )
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title(rule_name(rule_id, lang), fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)  # clear of the n labels
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _svg(fig)


def context(result: AuditResult, lang: str, today: dt.date | None = None) -> dict[str, object]:
    """Everything the template needs; all text is already masked or from catalogues."""
    from hoiku_lib import guide
    from hoiku_lib.audit.own_headers import with_own_headers
    from hoiku_lib.audit.pii import POSSIBLE_NAME, mask_tokens
    from hoiku_lib.audit.rules import all_rules
    from hoiku_lib.audit.stats import run_chart_data
    from hoiku_lib.audit.targets import defaults, judge_summary
    from hoiku_lib.i18n import t, tn

    today = today or dt.date.today()
    summary = result.summary
    rules = {r.id: r for r in all_rules()}
    judged = {j["rule_id"]: j for j in judge_summary(summary, getattr(result, "targets", {}))}
    rows = []
    for _, row in summary.iterrows():
        rule = rules[row["rule_id"]]
        judgement = judged[rule.id]
        rows.append(
            {
                "id": rule.id,
                "name": rule_name(rule.id, lang),
                "summary": t(rule.summary, lang),
                "ref": guide.heading(rule.ref, lang),
                "severity": t(f"audit.severity.{rule.severity}", lang),
                "applicable": int(row["applicable"]),
                "compliant": int(row["compliant"]),
                "compliance": percent(row["compliance"], lang),
                "ci": interval(row["ci_low"], row["ci_high"], lang) if row["applicable"] else "–",
                "target": percent(judgement["target"], lang),
                "status": judgement["status"],
                "status_text": t(f"audit.target.{judgement['status']}", lang),
            }
        )
    per_unit = result.per_unit
    unit_rows = []
    if len(per_unit):
        for _, r in per_unit[per_unit["applicable"] > 0].iterrows():
            unit_rows.append(
                {
                    "unit": render_masks(str(r["unit"]), lang),
                    "rule": r["rule_id"],
                    "name": rule_name(r["rule_id"], lang),
                    "applicable": int(r["applicable"]),
                    "compliance": percent(r["compliance"], lang),
                    "ci": interval(r["ci_low"], r["ci_high"], lang),
                }
            )
    charts = []
    monthly = run_chart_data(result.counts[result.counts["month"] != ""])
    if monthly["month"].nunique() >= 2:
        for rule_id in monthly["rule_id"].unique():
            if monthly[monthly["rule_id"] == rule_id]["month"].nunique() >= 2:
                charts.append(run_chart(monthly, rule_id, lang))
    period = " – ".join(result.period) if result.period else t("audit.report.no_period", lang)
    findings = [
        {
            **f,
            "record_id": render_masks(str(f["record_id"]), lang),
            "unit": render_masks(str(f["unit"]), lang),
            "name": rule_name(f["rule_id"], lang),
            "evidence": evidence_text(str(f["evidence"]), lang),
            "severity": t(f"audit.severity.{f['severity']}", lang),
        }
        for f in result.findings.head(FINDINGS_SHOWN).to_dict("records")
    ]
    reaudit = today + dt.timedelta(days=182)
    return {
        "lang": lang,
        "t": lambda key, **fmt: t(key, lang, **fmt),
        "result": result,
        "rows": rows,
        "unit_rows": unit_rows,
        "compliance_svg": compliance_chart(
            summary, lang, getattr(result, "targets", None) or defaults(summary["rule_id"])
        )
        if len(summary)
        else "",
        "run_charts": charts,
        "method": tn(
            "audit.report.method_text",
            result.n_records,
            lang,
            file=result.file,
            units=tn("audit.report.units", len(result.units), lang),
            period=period,
        ),
        "findings": findings,
        "findings_total": result.findings_total,
        "delays": [
            {
                **d,
                "unit": render_masks(str(d["unit"]), lang),
                "median_days": decimal(d["median_days"], lang, 1, trim=True),
            }
            for d in result.delays.to_dict("records")
        ],
        "remarks": render(result.file, with_own_headers(result.problems, result.mapping), lang),
        "reaudit": t("audit.report.reaudit_text", lang, date=reaudit.isoformat()),
        "generated": today.isoformat(),
        # what should hold, how far it holds, against the target: not the violation's text
        "plan_rows": [r for r in rows if r["applicable"] and r["compliant"] < r["applicable"]],
        "demo": t("audit.report.demo_notice", lang) if getattr(result, "demo", False) else "",
        "marks": marks_context(result, lang),
        "possible_names": t(
            "audit.report.possible_names",
            lang,
            count=result.possible_names,
            mask=mask_tokens(lang)[POSSIBLE_NAME],
        )
        if result.possible_names
        else "",
    }


def marks_context(result: AuditResult, lang: str) -> dict[str, object] | None:
    """What the officer's unfounded marks changed: how many, and each changed criterion's
    compliance and interval before and after; None without marks."""
    from hoiku_lib.i18n import tn

    n = int(getattr(result, "n_marked", 0) or 0)
    if not n:
        return None
    after = result.summary.set_index("rule_id")

    def share(row) -> str:  # noqa: ANN001 - a summary row (pandas)
        return (
            f"{percent(row['compliance'], lang)} ({interval(row['ci_low'], row['ci_high'], lang)})"
        )

    changes = []
    for _, b in result.summary_before.iterrows():
        a = after.loc[b["rule_id"]]
        if int(a["compliant"]) == int(b["compliant"]):
            continue
        changes.append(
            {
                "name": rule_name(b["rule_id"], lang),
                "marked": int(a["compliant"]) - int(b["compliant"]),
                "before": share(b),
                "after": share(a),
            }
        )
    return {
        "text": tn("audit.report.marks_text", n, lang, total=result.findings_total),
        "changes": changes,
    }


def target_sheet_rows(result: AuditResult, lang: str) -> list[list[object]]:
    """The workbook's targets sheet: each criterion's compliance against its target, met or
    not, what "met" means, and what the officer's unfounded marks changed."""
    from hoiku_lib.audit.targets import judge_summary
    from hoiku_lib.i18n import t

    summary = result.summary
    judged = judge_summary(summary, getattr(result, "targets", {}))
    rows: list[list[object]] = [
        [
            t("audit.report.criterion", lang),
            "rule_id",
            t("audit.report.compliance", lang),
            t("audit.report.ci", lang),
            t("audit.target.target", lang),
            t("audit.target.status", lang),
        ]
    ]
    for (_, row), j in zip(summary.iterrows(), judged, strict=True):
        nan = row["applicable"] == 0
        rows.append(
            [
                rule_name(row["rule_id"], lang),
                row["rule_id"],
                None if nan else percent(row["compliance"], lang),
                None if nan else interval(row["ci_low"], row["ci_high"], lang),
                percent(j["target"], lang),
                t(f"audit.target.{j['status']}", lang),
            ]
        )
    rows += [[], [t("audit.target.explain", lang)]]
    marks = marks_context(result, lang)
    if marks:
        rows += [[], [marks["text"]]]
        rows.append(
            [
                t("audit.report.criterion", lang),
                t("audit.report.marks_n", lang),
                t("audit.report.marks_before", lang),
                t("audit.report.marks_after", lang),
            ]
        )
        rows += [[c["name"], c["marked"], c["before"], c["after"]] for c in marks["changes"]]
    return rows


def verdict_lines(result: AuditResult, lang: str) -> list[str]:
    """What the sample's anonymisation comes to, in words: "not anonymised, send it back"
    for a certain identifier or a strong name, "possible names: check these" with their
    count for weaker name evidence (masked either way), else that none was found."""
    from hoiku_lib.audit.pii import POSSIBLE_NAME, mask_tokens
    from hoiku_lib.i18n import t

    lines = [t("audit.report.pii_banner", lang)] if result.pii_found else []
    if result.possible_names:
        mask = mask_tokens(lang)[POSSIBLE_NAME]
        lines.append(t("audit.report.possible_names", lang, count=result.possible_names, mask=mask))
    return lines or [t("audit.report.no_personal_data", lang)]


def render_html(result: AuditResult, lang: str) -> str:
    """The self-contained HTML report."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "j2"])
    )
    return env.get_template("report.html.j2").render(**context(result, lang))


def write_xlsx(result: AuditResult, lang: str, path: Path) -> None:
    """The report's tables as a workbook (the anonymisation verdict, summary, per unit,
    findings with the officer's unfounded marks, delays, action plan); masks in ``lang``."""
    from openpyxl import Workbook

    from hoiku_lib.i18n import t

    wb = Workbook(write_only=True)  # streams rows: a million findings fit in little memory
    ws = wb.create_sheet(t("audit.report.sheet_verdict", lang)[:31])
    for line in verdict_lines(result, lang):
        ws.append(xlsx_row(ws, [line]))
    ws = wb.create_sheet(t("audit.report.sheet_summary", lang)[:31])
    summary = result.summary
    ws.append(xlsx_row(ws, SUMMARY_COLUMNS))
    for row in summary[SUMMARY_COLUMNS].itertuples(index=False):
        ws.append(
            xlsx_row(ws, [None if isinstance(v, float) and math.isnan(v) else v for v in row])
        )
    ws = wb.create_sheet(t("audit.report.sheet_targets", lang)[:31])
    for cells in target_sheet_rows(result, lang):  # catalogue text and numbers only
        ws.append(xlsx_row(ws, cells))
    ws = wb.create_sheet(t("audit.report.sheet_units", lang)[:31])
    per_unit = result.per_unit
    cols = ["unit", *SUMMARY_COLUMNS]
    ws.append(xlsx_row(ws, cols))
    if len(per_unit):
        for unit, *rest in per_unit[cols].itertuples(index=False):
            cells = [render_masks(str(unit), lang), *rest]
            ws.append(
                xlsx_row(ws, [None if isinstance(v, float) and math.isnan(v) else v for v in cells])
            )
    ws = wb.create_sheet(t("audit.report.sheet_findings", lang)[:31])
    header = [*FINDINGS_FILE_COLUMNS, t("audit.report.criterion", lang)]
    ws.append(xlsx_row(ws, [*header, t("audit.report.marked_col", lang)]))
    shown = result.findings.head(XLSX_FINDINGS)
    marked = (
        shown[MARK_COLUMN].astype(bool).tolist()
        if MARK_COLUMN in shown.columns
        else [False] * len(shown)
    )
    yes = t("audit.report.marked_yes", lang)
    for row, is_marked in zip(
        shown[FINDINGS_FILE_COLUMNS].itertuples(index=False), marked, strict=True
    ):
        record_id, rule_id, severity, evidence, unit, row_no = row
        ws.append(
            xlsx_row(
                ws,
                [
                    render_masks(str(record_id), lang),
                    str(rule_id),
                    str(severity),
                    evidence_text(str(evidence), lang),
                    render_masks(str(unit), lang),
                    int(row_no),
                    rule_name(str(rule_id), lang),
                    yes if is_marked else "",  # the officer's unfounded mark
                ],
            )
        )
    if result.findings_total > len(shown):  # the full list is findings.csv
        ws.append(
            xlsx_row(
                ws,
                [
                    t(
                        "audit.report.findings_more",
                        lang,
                        shown=len(shown),
                        total=result.findings_total,
                    )
                ],
            )
        )
    ws = wb.create_sheet(t("audit.report.sheet_delay", lang)[:31])
    ws.append(xlsx_row(ws, ["unit", "entries", "median_days", "max_days"]))
    for row in result.delays.itertuples(index=False):
        unit = render_masks(str(row[0]), lang)
        ws.append(xlsx_row(ws, [unit, int(row[1]), float(row[2]), int(row[3])]))
    ws = wb.create_sheet(t("audit.report.sheet_plan", lang)[:31])
    ws.append(
        xlsx_row(
            ws,
            [
                t("audit.report.criterion", lang),
                t("audit.report.action", lang),
                t("audit.report.owner", lang),
                t("audit.report.deadline", lang),
            ],
        )
    )
    for rule_id in summary["rule_id"]:
        ws.append(xlsx_row(ws, [rule_id, "", "", ""]))
    wb.save(path)


def write_findings(result: AuditResult, lang: str, path: Path) -> None:
    """findings.csv: every finding, streamed from the audit's spool, its neutral masks put in
    ``lang`` (after the marks are matched: a mark keys on the neutral record id)."""
    spool = result.findings_spool
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join([*FINDINGS_FILE_COLUMNS, MARK_COLUMN]) + "\n")
        spool.seek(0)
        for line in mark_rows(spool, getattr(result, "marks", frozenset())):
            out.write(render_masks(line, lang))


# With ``write_outputs(parallel=True)`` (the CLI's run), from this many records the report
# and the workbook (seconds each, and independent of the input's size) are written in two
# forked processes while this one writes findings.csv.
PARALLEL_OUTPUTS = 50_000


def _write_in_child(path: Path, writer: Callable[[Path], None]):  # noqa: ANN202
    """A forked process that writes ``path`` atomically (exit code 0 when it did); its
    error, if any, is not printed there: the parent writes the file again and raises it."""
    import multiprocessing as mp

    def run() -> None:
        try:
            atomic_write(path, writer)
        except BaseException:  # noqa: BLE001 - reported by the exit code
            os._exit(1)

    child = mp.get_context("fork").Process(target=run, daemon=True)
    child.start()
    return child


def write_outputs(
    result: AuditResult, out_dir: Path, lang: str, parallel: bool = False
) -> list[Path]:
    """Write every output atomically into ``out_dir``; return the paths; the files are the
    same either way. ``parallel`` (only the CLI's run asks for it) writes the report and the
    workbook in forked processes from PARALLEL_OUTPUTS records on, where fork exists. By
    default all is written here: a process with threads (the audit page's Jupyter kernel
    and its zmq threads) must not fork, a lock another thread holds at the fork would stay
    held in the child and could hang it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = result.summary[SUMMARY_COLUMNS]
    summary = summary.assign(rule_id=csv_series(summary["rule_id"]))  # text cells stay text
    paths = {
        "findings.csv": lambda p: write_findings(result, lang, p),
        "summary.csv": lambda p: summary.to_csv(
            p, index=False, encoding="utf-8", float_format="%.4f"
        ),
        "report.html": lambda p: p.write_text(render_html(result, lang), encoding="utf-8"),
        "report.xlsx": lambda p: write_xlsx(result, lang, p),
    }
    parallel = parallel and result.n_records >= PARALLEL_OUTPUTS and hasattr(os, "fork")
    children = (
        {
            name: _write_in_child(out_dir / name, paths[name])
            for name in ("report.html", "report.xlsx")
        }
        if parallel
        else {}
    )
    try:
        for name, writer in paths.items():
            if name not in children:
                atomic_write(out_dir / name, writer)
    finally:
        for child in children.values():
            child.join()
    for name, child in children.items():
        if child.exitcode != 0:  # write it here instead: its error surfaces in this process
            atomic_write(out_dir / name, paths[name])
    return [out_dir / name for name in paths]
