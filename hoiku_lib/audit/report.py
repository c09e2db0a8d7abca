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

from babel.numbers import format_decimal

from hoiku_lib.audit.pii import translate_masks
from hoiku_lib.audit.pipeline import FINDINGS_FILE_COLUMNS, AuditResult
from hoiku_lib.audit.problems import render
from hoiku_lib.audit.wording import evidence_text, rule_name

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


def _pct(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f} %"


def _svg(fig) -> str:  # noqa: ANN001
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.find("<svg") :]


def compliance_chart(summary, lang: str) -> str:  # noqa: ANN001
    """Horizontal bars of compliance with Wilson intervals, inline SVG."""
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
    ax.set_yticks(list(y), [rule_name(r, lang) for r in data["rule_id"]])
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("audit.report.compliance", lang) + " (%)")
    ax.invert_yaxis()
    return _svg(fig)


def run_chart(data, rule_id: str, lang: str) -> str:  # noqa: ANN001
    """Monthly compliance of one rule with its median line, inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hoiku_lib.i18n import t

    d = data[data["rule_id"] == rule_id].sort_values("month")
    fig, ax = plt.subplots(figsize=(7, 2.4))
    values = d["compliance"].to_numpy() * 100
    ax.plot(list(d["month"]), values, marker="o", color="#4c78a8")
    median = float(d["compliance"].median() * 100)
    ax.axhline(median, color="#e45756", linestyle="--", label=t("audit.report.median", lang))
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title(rule_name(rule_id, lang), fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _svg(fig)


def context(result: AuditResult, lang: str, today: dt.date | None = None) -> dict[str, object]:
    """Everything the template needs; all text is already masked or from catalogues."""
    from hoiku_lib import guide
    from hoiku_lib.audit.pii import POSSIBLE_NAME, mask_tokens
    from hoiku_lib.audit.rules import all_rules
    from hoiku_lib.audit.stats import run_chart_data
    from hoiku_lib.i18n import t, tn

    today = today or dt.date.today()
    summary = result.summary
    rules = {r.id: r for r in all_rules()}
    rows = []
    for _, row in summary.iterrows():
        rule = rules[row["rule_id"]]
        rows.append(
            {
                "id": rule.id,
                "name": rule_name(rule.id, lang),
                "summary": t(rule.summary, lang),
                "ref": guide.heading(rule.ref, lang),
                "severity": t(f"audit.severity.{rule.severity}", lang),
                "applicable": int(row["applicable"]),
                "compliant": int(row["compliant"]),
                "compliance": _pct(row["compliance"]),
                "ci": f"{_pct(row['ci_low'])} – {_pct(row['ci_high'])}"
                if row["applicable"]
                else "–",
            }
        )
    per_unit = result.per_unit
    unit_rows = []
    if len(per_unit):
        for _, r in per_unit[per_unit["applicable"] > 0].iterrows():
            unit_rows.append(
                {
                    "unit": r["unit"],
                    "rule": r["rule_id"],
                    "name": rule_name(r["rule_id"], lang),
                    "applicable": int(r["applicable"]),
                    "compliance": _pct(r["compliance"]),
                    "ci": f"{_pct(r['ci_low'])} – {_pct(r['ci_high'])}",
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
        "compliance_svg": compliance_chart(summary, lang) if len(summary) else "",
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
            {**d, "median_days": format_decimal(d["median_days"], "#,##0.#", locale=lang)}
            for d in result.delays.to_dict("records")
        ],
        "remarks": render(result.file, result.problems, lang),
        "reaudit": t("audit.report.reaudit_text", lang, date=reaudit.isoformat()),
        "generated": today.isoformat(),
        "plan_rows": [r for r in rows if r["applicable"] and r["compliant"] < r["applicable"]],
        "possible_names": t(
            "audit.report.possible_names",
            lang,
            count=result.possible_names,
            mask=mask_tokens(lang)[POSSIBLE_NAME],
        )
        if result.possible_names
        else "",
    }


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
    findings, delays, action plan)."""
    from openpyxl import Workbook

    from hoiku_lib.i18n import t

    wb = Workbook(write_only=True)  # streams rows: a million findings fit in little memory
    ws = wb.create_sheet(t("audit.report.sheet_verdict", lang)[:31])
    for line in verdict_lines(result, lang):
        ws.append([line])
    ws = wb.create_sheet(t("audit.report.sheet_summary", lang)[:31])
    summary = result.summary
    ws.append(SUMMARY_COLUMNS)
    for row in summary[SUMMARY_COLUMNS].itertuples(index=False):
        ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    ws = wb.create_sheet(t("audit.report.sheet_units", lang)[:31])
    per_unit = result.per_unit
    cols = ["unit", *SUMMARY_COLUMNS]
    ws.append(cols)
    if len(per_unit):
        for row in per_unit[cols].itertuples(index=False):
            ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    ws = wb.create_sheet(t("audit.report.sheet_findings", lang)[:31])
    ws.append([*FINDINGS_FILE_COLUMNS, t("audit.report.criterion", lang)])
    shown = result.findings.head(XLSX_FINDINGS)
    for row in shown[FINDINGS_FILE_COLUMNS].itertuples(index=False):
        record_id, rule_id, severity, evidence, unit, row_no = row
        ws.append(
            [
                str(record_id),
                str(rule_id),
                str(severity),
                evidence_text(str(evidence), lang),
                str(unit),
                int(row_no),
                rule_name(str(rule_id), lang),
            ]
        )
    if result.findings_total > len(shown):  # the full list is findings.csv
        ws.append(
            [t("audit.report.findings_more", lang, shown=len(shown), total=result.findings_total)]
        )
    ws = wb.create_sheet(t("audit.report.sheet_delay", lang)[:31])
    ws.append(["unit", "entries", "median_days", "max_days"])
    for row in result.delays.itertuples(index=False):
        ws.append([str(row[0]), int(row[1]), float(row[2]), int(row[3])])
    ws = wb.create_sheet(t("audit.report.sheet_plan", lang)[:31])
    ws.append(
        [
            t("audit.report.criterion", lang),
            t("audit.report.action", lang),
            t("audit.report.owner", lang),
            t("audit.report.deadline", lang),
        ]
    )
    for rule_id in summary["rule_id"]:
        ws.append([rule_id, "", "", ""])
    wb.save(path)


def write_findings(result: AuditResult, lang: str, path: Path) -> None:
    """findings.csv: every finding, streamed from the audit's spool (masks in ``lang``)."""
    spool = result.findings_spool
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(FINDINGS_FILE_COLUMNS) + "\n")
        spool.seek(0)
        for line in spool:
            out.write(translate_masks(line, result.spool_lang, lang))


def write_outputs(result: AuditResult, out_dir: Path, lang: str) -> list[Path]:
    """Write every output atomically into ``out_dir``; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = result.summary[SUMMARY_COLUMNS]
    paths = {
        "findings.csv": lambda p: write_findings(result, lang, p),
        "summary.csv": lambda p: summary.to_csv(
            p, index=False, encoding="utf-8", float_format="%.4f"
        ),
        "report.html": lambda p: p.write_text(render_html(result, lang), encoding="utf-8"),
        "report.xlsx": lambda p: write_xlsx(result, lang, p),
    }
    written = []
    for name, writer in paths.items():
        atomic_write(out_dir / name, writer)
        written.append(out_dir / name)
    return written
