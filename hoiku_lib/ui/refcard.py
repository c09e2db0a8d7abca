"""The indicator reference card: browse and search the signs, and a self-check panel.

Front end only: the signs come from ``hoiku_lib.content``, the result from
``hoiku_lib.assessment``; this module turns them into widgets and HTML. Nothing entered
here is stored anywhere.
"""

from __future__ import annotations

import ipywidgets as w

from hoiku_lib.assessment import MAX_AGE, Assessment, Context, assess
from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t, tn
from hoiku_lib.ui.common import (
    STYLE,
    bullet_list,
    css_id,
    esc,
    initial_lang,
    language_switch,
    ref,
)

ALL = "all"


def search_indicators(content: Content, query: str, lang: str, category: str = ALL) -> list[str]:
    """Indicator ids whose label, explanation or cues contain every word of ``query``."""
    words = query.casefold().split()
    found = []
    for ind in content.indicators.values():
        if category != ALL and ind.category != category:
            continue
        haystack = " ".join(
            [pick(ind.label, lang), pick(ind.explanation, lang), *ind.cues[lang]]
        ).casefold()
        if all(word in haystack for word in words):
            found.append(ind.id)
    return found


def indicator_detail_html(content: Content, indicator_id: str, lang: str) -> str:
    """One sign with its explanation and its category's help questions and advice."""
    ind = content.indicators[indicator_id]
    cat = content.category(ind.category)
    return (
        f"<h3>{esc(pick(ind.label, lang))}</h3>"
        f"<p>{esc(pick(ind.explanation, lang))} {ref(ind.ref, lang)}</p>"
        f"<p><b>{esc(t('refcard.category', lang))}</b> {esc(pick(cat.label, lang))}</p>"
        f"<h3>{esc(t('refcard.help_questions', lang))}</h3>"
        + bullet_list(esc(pick(q.text, lang)) for q in cat.help_questions)
        + f"<h3>{esc(t('refcard.advice', lang))}</h3>"
        + bullet_list(esc(pick(a.text, lang)) for a in cat.advice)
        + f"<p>{ref(cat.ref, lang)}</p>"
    )


def assessment_html(result: Assessment, content: Content, lang: str) -> str:
    """The self-check result: level, reasons, actions (duties marked), contacts."""
    level = t(f"level.{result.level}", lang)
    parts = [
        f'<p class="hoiku-banner">{esc(t("assess.disclaimer", lang))}</p>',
        f"<p>{esc(t('refcard.level', lang))} "
        f'<span class="hoiku-level hoiku-level-{result.level}" data-level="{result.level}">'
        f"{esc(level)}</span></p>",
    ]
    if result.child:
        parts.append(f"<p><b>{esc(t('assess.child_line', lang))}</b></p>")
        parts.append(
            bullet_list(
                f"{esc(pick(r.text, lang))} {ref(r.ref, lang)}" for r in content.child_rules
            )
        )
    parts.append(f"<h3>{esc(t('assess.reasons_heading', lang))}</h3>")
    parts.append(bullet_list(esc(r.render(lang, content)) for r in result.reasons))
    parts.append(f"<h3>{esc(t('assess.actions_heading', lang))}</h3>")
    if not result.actions:
        parts.append(f"<p>{esc(t('assess.no_actions', lang))}</p>")
    items = []
    for action_id in result.actions:
        action = content.actions[action_id]
        duty = ""
        if action.duty and result.child:
            duty = f' <span class="hoiku-duty">({esc(t("ui.duty", lang))})</span>'
        items.append(
            f'<span data-action="{action_id}"><b>{esc(pick(action.label, lang))}</b></span>{duty}'
            f"<br>{esc(pick(action.explanation, lang))} {ref(action.ref, lang)}"
        )
    parts.append(bullet_list(items))
    notes = [
        f"{esc(pick(note.text, lang))} {ref(note.ref, lang)}"
        for note in (content.context_notes[n] for n in result.notes)
    ]
    if notes:
        parts.append(f"<h3>{esc(t('refcard.context_notes', lang))}</h3>" + bullet_list(notes))
    if result.level == "low":
        vul = content.category("vulnerability")
        parts.append(f"<h3>{esc(t('refcard.help_questions', lang))}</h3>")
        parts.append(bullet_list(esc(pick(q.text, lang)) for q in vul.help_questions))
    if result.resources:
        parts.append(f"<h3>{esc(t('assess.resources_heading', lang))}</h3>")
        parts.append(bullet_list(resource_html(content, r, lang) for r in result.resources))
        parts.append(
            bullet_list(f"{esc(pick(n.text, lang))} {ref(n.ref, lang)}" for n in content.notices)
        )
    return "".join(parts)


def resource_html(content: Content, resource_id: str, lang: str) -> str:
    res = next(r for r in content.resources if r.id == resource_id)
    contact = []
    if res.contact.phone:
        contact.append(esc(res.contact.phone))
    if res.contact.email:
        contact.append(esc(res.contact.email))
    if res.contact.web:
        contact.append(esc(res.contact.web))
    verified = t("refcard.last_verified", lang, date=res.last_verified.isoformat())
    return (
        f'<span data-resource="{res.id}"><b>{esc(pick(res.name, lang))}</b></span>: '
        f"{esc(pick(res.services, lang))}<br>{' · '.join(contact)} "
        f'<span class="hoiku-ref">({esc(verified)})</span>'
    )


class RefCardApp:
    """The reference card dashboard; ``.widget`` is what the notebook displays."""

    def __init__(self, lang: str | None = None, content: Content | None = None) -> None:
        self.content = content or load_content()
        lang = lang or initial_lang()
        self.lang = lang
        self._build()
        self.set_lang(lang)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.style = w.HTML(STYLE)
        self.title = w.HTML()
        self.banner = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)

        self.search = w.Text(
            layout=w.Layout(width="100%"),
            continuous_update=True,
            style={"description_width": "6rem"},
        )
        self.search.add_class("hoiku-search")
        self.category = w.Dropdown(
            layout=w.Layout(width="100%"), style={"description_width": "6rem"}
        )
        self.category.add_class("hoiku-category")
        self.results = w.Select(
            rows=10, layout=w.Layout(width="100%"), style={"description_width": "6rem"}
        )
        self.results.add_class("hoiku-indicator-list")
        self.count = w.HTML()
        self.count.add_class("hoiku-result-count")
        self.detail = w.HTML()
        self.detail.add_class("hoiku-indicator-detail")
        self.search.observe(lambda _: self._refresh_list(), names="value")
        self.category.observe(lambda _: self._refresh_list(), names="value")
        self.results.observe(lambda _: self._refresh_detail(), names="value")
        self.browse = w.VBox([self.search, self.category, self.count, self.results, self.detail])

        self.sign_boxes: dict[str, w.Checkbox] = {}
        self.category_headings: dict[str, w.HTML] = {}
        groups = []
        for cat in self.content.categories:
            heading = w.HTML()
            self.category_headings[cat.id] = heading
            boxes = []
            for ind in self.content.indicators_in(cat.id):
                box = w.Checkbox(value=False, indent=False, layout=w.Layout(width="100%"))
                box.add_class("hoiku-sign")
                box.add_class(f"hoiku-sign-{css_id(ind.id)}")
                box.observe(lambda _: self._refresh_result(), names="value")
                self.sign_boxes[ind.id] = box
                boxes.append(box)
            groups.append(w.VBox([heading, *boxes]))
        full = w.Layout(width="100%")
        wide_label = {"description_width": "initial"}
        self.age = w.Text(layout=full, style=wide_label)
        self.age.add_class("hoiku-age")
        self.age_uncertain = w.Checkbox(indent=False, layout=full)
        self.age_uncertain.add_class("hoiku-age-uncertain")
        self.consent = w.Dropdown(layout=full, style=wide_label)
        self.consent.add_class("hoiku-consent")
        self.home = w.Dropdown(layout=full, style=wide_label)
        self.home.add_class("hoiku-home-municipality")
        self.pregnant = w.Checkbox(indent=False, layout=full)
        self.pregnant.add_class("hoiku-pregnant")
        self.context_heading = w.HTML()
        for control in (self.age, self.age_uncertain, self.consent, self.home, self.pregnant):
            control.observe(lambda _: self._refresh_result(), names="value")
        self.clear = w.Button(icon="")
        self.clear.add_class("hoiku-clear")
        self.clear.on_click(lambda _: self.reset())
        self.result = w.HTML()
        self.result.add_class("hoiku-result")
        flex = w.Layout(
            display="flex", flex_flow="row wrap", width="100%", align_items="flex-start"
        )
        # Two columns on a desktop, one on a phone: the result stays in sight while ticking.
        signs_column = w.VBox(groups, layout=w.Layout(flex="1 1 26rem", min_width="18rem"))
        result_column = w.VBox(
            [
                self.context_heading,
                self.age,
                self.age_uncertain,
                self.consent,
                self.home,
                self.pregnant,
                self.clear,
                self.result,
            ],
            layout=w.Layout(flex="1 1 22rem", min_width="18rem", padding="0 1rem 0 0"),
        )
        self.selfcheck = w.Box([result_column, signs_column], layout=flex)
        self.tabs = w.Tab(children=[self.browse, self.selfcheck])
        self.tabs.add_class("hoiku-tabs")
        header = w.Box([self.title, self.lang_switch], layout=flex)
        self.widget = w.VBox([self.style, header, self.banner, self.tabs])
        self.widget.add_class("hoiku-app")
        self.widget.add_class("hoiku-refcard")

    # -- behaviour --------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        """Relabel every widget in ``lang``; keeps ticks, search and context as they are."""
        self.lang = lang
        if self.lang_switch.value != lang:
            self.lang_switch.value = lang
        self.title.value = f"<h2>{esc(t('refcard.title', lang))}</h2>"
        self.banner.value = f'<p class="hoiku-banner">{esc(t("refcard.banner", lang))}</p>'
        self.tabs.titles = (t("refcard.tab_browse", lang), t("refcard.tab_selfcheck", lang))
        self.search.description = t("refcard.search", lang)
        self.results.description = t("refcard.sign_list", lang)
        self.search.placeholder = t("refcard.search_placeholder", lang)
        self.category.description = t("refcard.category", lang)
        current = self.category.value or ALL
        self.category.options = [(t("refcard.all_categories", lang), ALL)] + [
            (pick(c.label, lang), c.id) for c in self.content.categories
        ]
        self.category.value = current
        for cat in self.content.categories:
            self.category_headings[cat.id].value = (
                f"<h3>{esc(pick(cat.label, lang))} {ref(cat.ref, lang)}</h3>"
                f"<p>{esc(pick(cat.summary, lang))}</p>"
            )
        for ind_id, box in self.sign_boxes.items():
            box.description = pick(self.content.indicators[ind_id].label, lang)
        self.context_heading.value = f"<h3>{esc(t('refcard.context', lang))}</h3>"
        self.age.description = t("refcard.age", lang)
        self.age.placeholder = t("refcard.age_placeholder", lang)
        self.age_uncertain.description = t("refcard.age_uncertain", lang)
        for dropdown, label in ((self.consent, "refcard.consent"), (self.home, "refcard.home")):
            value = dropdown.value or "unknown"
            dropdown.description = t(label, lang)
            dropdown.options = [
                (t("refcard.unknown", lang), "unknown"),
                (t("refcard.yes", lang), "yes"),
                (t("refcard.no", lang), "no"),
            ]
            dropdown.value = value
        self.pregnant.description = t("refcard.pregnant", lang)
        self.clear.description = t("refcard.clear", lang)
        self._refresh_list()
        self._refresh_result()

    def _refresh_list(self) -> None:
        selected = self.results.value
        ids = search_indicators(self.content, self.search.value, self.lang, self.category.value)
        self.results.options = [(pick(self.content.indicators[i].label, self.lang), i) for i in ids]
        self.results.value = selected if selected in ids else None
        self.count.value = esc(tn("refcard.result_count", len(ids), self.lang))
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        if self.results.value is None:
            self.detail.value = f"<p>{esc(t('refcard.pick_sign', self.lang))}</p>"
        else:
            self.detail.value = indicator_detail_html(self.content, self.results.value, self.lang)

    def context(self) -> Context | None:
        """The self-check context, or None when the age field holds no valid age."""
        raw = self.age.value.strip()
        if raw and not (raw.isdigit() and int(raw) <= MAX_AGE):
            return None
        return Context(
            age=int(raw) if raw else None,
            age_uncertain=self.age_uncertain.value,
            consent=None if self.consent.value == "unknown" else self.consent.value,
            home_municipality=None if self.home.value == "unknown" else self.home.value,
            pregnant=self.pregnant.value,
        )

    def ticked(self) -> list[str]:
        return [i for i, box in self.sign_boxes.items() if box.value]

    def _refresh_result(self) -> None:
        if not hasattr(self, "result") or self.consent.value is None:
            return
        context = self.context()
        if context is None:
            message = t("refcard.bad_age", self.lang, max=MAX_AGE)
            self.result.value = f'<p class="hoiku-banner" role="alert">{esc(message)}</p>'
            return
        result = assess(self.ticked(), context, self.content)
        self.result.value = assessment_html(result, self.content, self.lang)

    def reset(self) -> None:
        """Clear every tick and the context, so the next person starts empty."""
        for box in self.sign_boxes.values():
            box.value = False
        self.age.value = ""
        self.age_uncertain.value = False
        self.consent.value = "unknown"
        self.home.value = "unknown"
        self.pregnant.value = False
        self._refresh_result()
