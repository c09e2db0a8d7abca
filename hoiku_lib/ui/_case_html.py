"""HTML pieces of the case dashboards (participant and trainer): feedback, key, bars.

Pure functions from library objects to escaped HTML, so both apps and their tests share them.
"""

from __future__ import annotations

from hoiku_lib.cases.grading import FeedbackItem, Grade, basis_lines
from hoiku_lib.cases.schema import Case
from hoiku_lib.content import Content
from hoiku_lib.formatting import percent
from hoiku_lib.i18n import pick, t, tn
from hoiku_lib.ui.common import bullet_list, css_id, esc, ref

BAR_CSS = """
<style>
.hoiku-case .hoiku-critical { color: #8b0000; font-weight: bold; }
.hoiku-case .hoiku-fb-good { color: #1d5e20; }
.hoiku-case .hoiku-basis { color: #4a4a4a; font-size: 0.95em; }
.hoiku-case .hoiku-stage-text { background: #f6f6f6; padding: 0.5rem 0.7rem; border-radius: 4px; }
.hoiku-case .hoiku-joincode-big { font-size: 2.4rem; letter-spacing: 0.3rem; font-weight: bold; }
.hoiku-case .hoiku-bar-row { display: flex; flex-wrap: wrap; align-items: center; margin: 2px 0; }
.hoiku-case .hoiku-bar-label { flex: 1 1 14rem; min-width: 10rem; }
.hoiku-case .hoiku-bar-track { flex: 2 1 12rem; background: #eee; height: 1.1rem; }
.hoiku-case .hoiku-bar-fill { background: #2f5d8a; height: 100%; }
.hoiku-case .hoiku-bar-key .hoiku-bar-fill { background: #1d5e20; }
.hoiku-case .hoiku-bar-n { width: 3rem; text-align: right; }
.hoiku-case .hoiku-qr { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0; }
.hoiku-case .hoiku-qr-code svg { display: block; max-width: 100%; height: auto; }
.hoiku-case .hoiku-qr figcaption { flex: 1 1 18rem; min-width: 0; }
.hoiku-case .hoiku-join-link { font-size: 1.3rem; font-weight: bold; word-break: break-all; }
.hoiku-case .hoiku-join-link a { color: #1b1b1b; }
.hoiku-case .hoiku-qr-note { color: #4a4a4a; font-size: 0.95em; }
.hoiku-case .hoiku-live-stages { margin: 0.2rem 0; }
.hoiku-case .hoiku-fb-summary { font-size: 1.1rem; font-weight: bold; }
.hoiku-case .hoiku-sr-only {
  height: 1px; width: 1px; overflow: hidden; clip-path: inset(50%); margin: -1px 0 0 0;
  white-space: nowrap;
}
</style>
"""


def stage_html(case: Case, index: int, lang: str) -> str:
    """The stage's setting and text, with its position ("Stage 2 of 3")."""
    stage = case.stages[index]
    where = t("case.stage_of", lang, n=index + 1, total=len(case.stages))
    return (
        f"<h3>{esc(pick(case.title, lang))} · {esc(where)}</h3>"
        f'<div class="hoiku-stage-text"><p><b>{esc(pick(stage.setting, lang))}</b></p>'
        f"<p>{esc(pick(stage.text, lang))}</p></div>"
    )


def _item_html(item: FeedbackItem, lang: str) -> str:
    cls = (
        "hoiku-critical"
        if item.critical
        else ("hoiku-fb-good" if item.kind in ("found", "right") else "")
    )
    basis = "".join(f'<br><span class="hoiku-basis">{esc(line)}</span>' for line in item.basis)
    return (
        f'<span class="{cls}" data-kind="{item.kind}" data-{item.target}="{esc(item.id)}">'
        f"{esc(item.headline)}</span><br>{esc(item.detail)} "
        + (ref(item.ref, lang) if item.ref else "")
        + basis
    )


def feedback_html(
    case: Case, result: Grade, items: list[FeedbackItem], lang: str, workshop: bool
) -> str:
    """A one-line summary, the score with the training-aid notice (plain text: the page's
    one banner is above the case), critical errors first, then the rest; help questions."""
    pct = percent(result.score, lang)
    parts = [
        summary_html(result, lang),
        f'<p class="hoiku-score" data-score="{result.score:.3f}"><b>'
        f"{esc(t('grade.score', lang, pct=pct))}</b></p>",
        f'<p class="hoiku-basis">{esc(t("case.disclaimer", lang))}</p>',
    ]
    if workshop:
        parts.append(f"<p>{esc(t('case.workshop_saved', lang))}</p>")
    critical = [i for i in items if i.critical]
    if critical:
        parts.append(f'<h3 class="hoiku-critical">{esc(t("case.fb_critical", lang))}</h3>')
        parts.append(bullet_list(_item_html(i, lang) for i in critical))
    for heading, kinds in (
        ("case.fb_missed", ("missed", "missing")),
        ("case.fb_wrong", ("wrong",)),
        ("case.fb_found", ("found", "right")),
        ("case.fb_considered", ("considered", "optional")),
    ):
        chosen = [i for i in items if i.kind in kinds and not i.critical]
        if chosen:
            parts.append(f"<h3>{esc(t(heading, lang))}</h3>")
            parts.append(bullet_list(_item_html(i, lang) for i in chosen))
    questions = case.stages[result.stage_index].key.help_questions
    if questions:
        parts.append(f"<h3>{esc(t('case.help_questions', lang))}</h3>")
        parts.append(bullet_list(esc(pick(q, lang)) for q in questions))
    return "".join(parts)


def summary_line(result: Grade, lang: str) -> str:
    """One line: critical errors first, then how much of the model answer's signs and
    actions were found, then any choices outside it (each count in its plural form)."""
    critical = len(result.critical_missing) + len(result.critical_wrong)
    signs = len(result.signs_found) + len(result.signs_missed)
    actions = len(result.actions_right) + len(result.actions_missing)
    extra = len(result.signs_wrong) + len(result.actions_wrong) - len(result.critical_wrong)
    parts = []
    if critical:
        parts.append(tn("case.summary_critical", critical, lang))
    if signs:
        parts.append(tn("case.summary_signs", signs, lang, found=len(result.signs_found)))
    if actions:
        parts.append(tn("case.summary_actions", actions, lang, found=len(result.actions_right)))
    if not (signs or actions):
        parts.append(t("case.summary_empty_key", lang))
    if extra:
        parts.append(tn("case.summary_extra", extra, lang))
    return " ".join(parts)


def summary_html(result: Grade, lang: str) -> str:
    critical = bool(result.critical_missing or result.critical_wrong)
    cls = "hoiku-fb-summary hoiku-critical" if critical else "hoiku-fb-summary"
    return f'<p class="{cls}">{esc(summary_line(result, lang))}</p>'


def record_feedback_html(case: Case, index: int, choice: int, lang: str) -> str:
    """Whether the chosen record entry is safe, and why."""
    record = case.stages[index].key.record
    if record is None or not 0 <= choice < len(record.options):
        return ""
    option = record.options[choice]
    head = t("case.record_safe" if option.safe else "case.record_unsafe", lang)
    cls = "hoiku-fb-good" if option.safe else "hoiku-critical"
    return (
        f'<p class="{cls}" data-safe="{str(option.safe).lower()}"><b>{esc(head)}</b> '
        f"{esc(pick(option.why, lang))} {ref('IV.rec', lang)}</p>"
    )


def key_html(case: Case, index: int, content: Content, lang: str) -> str:
    """The stage's answer key, for the trainer's reveal."""
    key = case.stages[index].key
    signs = [
        f"<b>{esc(pick(content.indicators[i].label, lang))}</b> — {esc(pick(w, lang))}"
        for i, w in _cumulative_whys(case, index)
    ]
    considered = [
        f"<b>{esc(pick(content.indicators[c.id].label, lang))}</b> — {esc(pick(c.why, lang))}"
        for st in case.stages[: index + 1]
        for c in st.key.considered
    ]
    acts = [
        f"<b>{esc(pick(content.actions[a.id].label, lang))}</b> — {esc(pick(a.why, lang))}"
        + "".join(
            f'<br><span class="hoiku-basis">{esc(line)}</span>'
            for line in basis_lines(a.id, lang, content)
        )
        for a in key.actions
    ]
    optional = [
        f"<b>{esc(pick(content.actions[a.id].label, lang))}</b> — {esc(pick(a.why, lang))}"
        for a in key.optional_actions
    ]
    wrong = [
        f"<b>{esc(pick(content.actions[a.id].label, lang))}</b> — {esc(pick(a.why_not, lang))}"
        for a in key.wrong_actions
    ]
    parts = [f"<h3>{esc(t('trainer.key_signs', lang))}</h3>", bullet_list(signs)]
    if considered:
        parts += [f"<h3>{esc(t('trainer.key_considered', lang))}</h3>", bullet_list(considered)]
    parts += [f"<h3>{esc(t('trainer.key_actions', lang))}</h3>", bullet_list(acts)]
    if optional:
        parts += [f"<h3>{esc(t('trainer.key_optional', lang))}</h3>", bullet_list(optional)]
    if wrong:
        parts += [f"<h3>{esc(t('trainer.key_wrong', lang))}</h3>", bullet_list(wrong)]
    if key.help_questions:
        parts += [f"<h3>{esc(t('case.help_questions', lang))}</h3>"]
        parts.append(bullet_list(esc(pick(q, lang)) for q in key.help_questions))
    if key.record is not None:
        safe = next((o for o in key.record.options if o.safe), None)
        if safe is not None:
            parts.append(
                f"<h3>{esc(t('trainer.key_record', lang))}</h3>"
                f"<p>{esc(pick(safe.text, lang))} — {esc(pick(safe.why, lang))}</p>"
            )
    return "".join(parts)


def _cumulative_whys(case: Case, index: int) -> list[tuple[str, object]]:
    return [(s.id, s.why) for st in case.stages[: index + 1] for s in st.key.signs]


def bars_html(
    counts: dict[str, int], answers: int, labels: dict[str, str], key_ids: set[str] | None
) -> str:
    """Horizontal bars, most chosen first; key items marked once the key is revealed."""
    rows = []
    for item_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        pct = round(100 * n / answers) if answers else 0
        in_key = key_ids is not None and item_id in key_ids
        mark = " ✓" if in_key else ""
        cls = "hoiku-bar-row hoiku-bar-key" if in_key else "hoiku-bar-row"
        rows.append(
            f'<div class="{cls}" data-item="{esc(item_id)}" data-count="{n}">'
            f'<span class="hoiku-bar-label">{esc(labels.get(item_id, item_id))}{mark}</span>'
            f'<span class="hoiku-bar-track"><div class="hoiku-bar-fill hoiku-bar-{css_id(item_id)}"'
            f' style="width:{pct}%"></div></span><span class="hoiku-bar-n">{n}</span></div>'
        )
    return "".join(rows)


#: Modules per side of the QR code's squares: large enough to scan off a projector.
QR_SCALE = 7


def join_qr_html(link: str, typed_link: str, lang: str) -> str:
    """The join link as a QR code (inline SVG, drawn offline by segno) and as text.

    ``link`` is what the code holds (with the server's passcode when it has one);
    ``typed_link`` the address shown as text, without the passcode, for typing.
    """
    import segno  # the trainer's kernel only

    svg = segno.make(link, error="m").svg_inline(
        scale=QR_SCALE, border=4, svgclass="hoiku-qr-svg", lineclass=None, omitsize=False
    )
    note = (
        f'<p class="hoiku-qr-note">{esc(t("trainer.qr_passcode_note", lang))}</p>'
        if link != typed_link
        else ""
    )
    return (
        f'<figure class="hoiku-qr" role="group" aria-label="{esc(t("trainer.qr_label", lang))}">'
        f'<div class="hoiku-qr-code" role="img" aria-label="{esc(t("trainer.qr_label", lang))}">'
        f"{svg}</div><figcaption><p>{esc(t('trainer.qr_caption', lang))}</p>"
        f'<p class="hoiku-join-link"><a href="{esc(typed_link)}">{esc(typed_link)}</a></p>'
        f"{note}</figcaption></figure>"
    )


def live_counts_html(
    joined: int, answered: dict[int, int], n_stages: int, current: int, lang: str
) -> str:
    """How many have joined, and per stage how many have answered (the shown stage first
    in bold); people, not answers, so shown from the first one."""
    rows = []
    for stage in range(n_stages):
        text = esc(tn("trainer.live_stage", answered.get(stage, 0), lang, stage=stage + 1))
        rows.append(
            f'<li class="hoiku-live-current" data-stage="{stage}" aria-current="step">'
            f"<b>{text}</b></li>"
            if stage == current
            else f'<li data-stage="{stage}">{text}</li>'
        )
    return (
        f'<p class="hoiku-live-joined" data-joined="{joined}"><b>'
        f"{esc(tn('trainer.live_joined', joined, lang))}</b></p>"
        f'<ul class="hoiku-live-stages">{"".join(rows)}</ul>'
    )
