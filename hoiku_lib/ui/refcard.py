"""The indicator reference card: browse and search the signs, and a self-check panel.

Front end only: the signs come from ``hoiku_lib.content``, the result from
``hoiku_lib.assessment``; this module turns them into widgets and HTML. Nothing entered
here is stored anywhere.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
from babel import dates as babel_dates

from hoiku_lib.assessment import MAX_AGE, Assessment, Context, assess, basis_lines
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
OWN_GRADING = "hoiku_grading"  # the product's own grade where neither the guide nor ILO/EC has one
BABEL_LOCALE = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
CARD_CSS = """
<style>
.hoiku-refcard .hoiku-summary { position: sticky; top: 0; z-index: 5; background: #ffffff;
  border-bottom: 2px solid #d0d0d0; padding: 0.3rem 0 0.4rem; line-height: 1.3;
  box-shadow: 0 -3rem 0 #ffffff; max-height: 45vh; overflow-y: auto; }
.hoiku-refcard .hoiku-summary p { margin: 0.15rem 0; }
.hoiku-refcard .hoiku-summary ul { margin: 0.1rem 0 0.1rem 1.1rem; padding: 0; }
.hoiku-refcard .hoiku-basis { color: #3a3a3a; font-size: 0.92em; }
.hoiku-refcard .hoiku-strength { color: #4a4a4a; font-size: 0.9em; }
.hoiku-refcard .widget-checkbox input { flex: 0 0 auto; }
/* sticky needs every box up to the page's scroller to let it overflow */
.jp-OutputArea:has(.hoiku-refcard), .jp-OutputArea-child:has(.hoiku-refcard),
.jp-OutputArea-output:has(.hoiku-refcard), .hoiku-refcard, .hoiku-refcard .widget-box,
.hoiku-refcard .widget-tab, .hoiku-refcard .jupyter-widget-TabPanel-tabContents {
  overflow: visible !important; }
</style>
"""


def _words(text: str) -> list[str]:
    """Lower-case words of a text, punctuation stripped ("velka-" → "velka")."""
    return [w for w in (part.strip(".,;:!?()”“\"'–-/") for part in text.casefold().split()) if w]


def _bases(word: str, lang: str) -> frozenset[str]:
    """Base forms of a word: Voikko's for Finnish (velan → velka), the word itself otherwise."""
    if lang != "fi":
        return frozenset({word})
    from hoiku_lib import morphology

    return morphology.base_forms(word) | {word}


_INDEXES: dict[tuple[int, str], dict[str, tuple[str, frozenset[str]]]] = {}


def _search_index(content: Content, lang: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Per sign: its searchable text and the base forms of its words (built once per content)."""
    key = (id(content), lang)
    if key in _INDEXES:
        return _INDEXES[key]
    index = {}
    for ind in content.indicators.values():
        parts = [pick(ind.label, lang), pick(ind.explanation, lang), *ind.cues[lang]]
        if ind.elaboration:
            parts.append(pick(ind.elaboration, lang))
        if lang == "fi":
            parts.extend(ind.mentions)
        haystack = " ".join(parts).casefold()
        bases = frozenset().union(*(_bases(w, lang) for w in _words(haystack)))
        index[ind.id] = (haystack, bases)
    _INDEXES[key] = index
    return index


def search_indicators(content: Content, query: str, lang: str, category: str = ALL) -> list[str]:
    """Indicator ids that match every word of ``query``: as written (a part of a word), or in
    Finnish by its base form, so "velan", "velasta" and "passini" find debt and passport."""
    words = _words(query)
    index = _search_index(content, lang)
    wanted = [(w, _bases(w, lang)) for w in words]
    found = []
    for ind in content.indicators.values():
        if category != ALL and ind.category != category:
            continue
        haystack, bases = index[ind.id]
        if all(w in haystack or forms & bases for w, forms in wanted):
            found.append(ind.id)
    return found


def strength_html(content: Content, indicator_id: str, lang: str) -> str:
    """The sign's strength in words, where the sign and its grade come from."""
    ind = content.indicators[indicator_id]
    strength = t(f"assess.strength.{ind.strength}", lang)
    lines = [t("assess.strength_line", lang, strength=strength)]
    if not ind.in_guide:
        lines.append(t("assess.not_in_guide", lang, citation=content.sources[ind.source].citation))
    if ind.strength_basis == "guide":
        lines.append(t("assess.strength_from_guide", lang))
    elif ind.strength_basis == OWN_GRADING:
        lines.append(t("assess.strength_from_own", lang))
    else:
        source = content.sources[ind.strength_basis]
        lines.append(t("assess.strength_from", lang, citation=source.citation))
    return '<p class="hoiku-strength">' + "<br>".join(esc(x) for x in lines) + "</p>"


def indicator_detail_html(content: Content, indicator_id: str, lang: str) -> str:
    """One sign with its strength, explanation, the product's own addition (marked as such)
    and its category's help questions and advice."""
    ind = content.indicators[indicator_id]
    cat = content.category(ind.category)
    elaboration = (
        f"<p><i>{esc(t('assess.elaboration', lang, text=pick(ind.elaboration, lang)))}</i></p>"
        if ind.elaboration
        else ""
    )
    return (
        f"<h3>{esc(pick(ind.label, lang))}</h3>"
        f"<p>{esc(pick(ind.explanation, lang))} {ref(ind.ref, lang)}</p>"
        + elaboration
        + strength_html(content, indicator_id, lang)
        + f"<p><b>{esc(t('refcard.category', lang))}</b> {esc(pick(cat.label, lang))}</p>"
        f"<h3>{esc(t('refcard.help_questions', lang))}</h3>"
        + bullet_list(esc(pick(q.text, lang)) for q in cat.help_questions)
        + f"<h3>{esc(t('refcard.advice', lang))}</h3>"
        + bullet_list(esc(pick(a.text, lang)) for a in cat.advice)
        + f"<p>{ref(cat.ref, lang)}</p>"
    )


def facts_html(content: Content, lang: str) -> str:
    """What trafficking is (guide I and II), shown until a sign is picked."""
    if not content.facts:
        return ""
    return f"<h3>{esc(t('refcard.facts_heading', lang))}</h3>" + bullet_list(
        f"{esc(pick(f.text, lang))} {ref(f.ref, lang)}" for f in content.facts
    )


def _basis_html(content: Content, action_id: str, lang: str) -> str:
    lines = basis_lines(action_id, lang, content)
    return "".join(f'<br><span class="hoiku-basis">{esc(line)}</span>' for line in lines)


def _level_html(result: Assessment, lang: str) -> str:
    level = t(f"level.{result.level}", lang)
    return (
        f"{esc(t('refcard.level', lang))} "
        f'<span class="hoiku-level hoiku-level-{result.level}" data-level="{result.level}">'
        f"{esc(level)}</span>"
    )


def summary_html(result: Assessment, content: Content, lang: str) -> str:
    """The few lines a nurse needs during a visit: the level, each duty with the law it rests
    on, then the other actions by name. Stays in view above the ticks; the conditions of the
    duties are in the full result below."""
    parts = [f"<p><b>{_level_html(result, lang)}</b></p>"]
    if result.duties:
        parts.append(f'<p class="hoiku-duty">{esc(t("assess.duties_heading", lang))}</p>')
        basis = result.basis(lang, content)
        parts.append(
            bullet_list(
                f"<b>{esc(pick(content.actions[a].label, lang))}</b>"
                f' <span class="hoiku-basis">({esc("; ".join(b["citation"] for b in basis[a]))})'
                "</span>"
                for a in result.duties
            )
        )
    others = [a for a in result.actions if a not in result.duties]
    if others:
        names = ", ".join(pick(content.actions[a].label, lang) for a in others)
        heading = "assess.other_actions_heading" if result.duties else "assess.actions_heading"
        parts.append(f"<p><b>{esc(t(heading, lang))}:</b> {esc(names)}</p>")
    elif not result.duties:
        parts.append(f"<p>{esc(t('assess.no_actions', lang))}</p>")
    return "".join(parts)


def _action_item(result: Assessment, content: Content, action_id: str, lang: str) -> str:
    action = content.actions[action_id]
    duty = ""
    if action_id in result.duties:
        duty = f' <span class="hoiku-duty">({esc(t("ui.duty", lang))})</span>'
    return (
        f'<span data-action="{action_id}"><b>{esc(pick(action.label, lang))}</b></span>{duty}'
        f"<br>{esc(pick(action.explanation, lang))} {ref(action.ref, lang)}"
        + (_basis_html(content, action_id, lang) if action_id in result.duties else "")
    )


def assessment_html(result: Assessment, content: Content, lang: str) -> str:
    """The self-check result in full: duties first with their basis, the other actions, the
    reasons (signs, strengths, rule), the notes that apply, and the contacts."""
    parts = [
        f'<p class="hoiku-banner">{esc(t("assess.disclaimer", lang))}</p>',
        f"<p>{_level_html(result, lang)}</p>",
    ]
    if result.child:
        parts.append(f"<p><b>{esc(t('assess.child_line', lang))}</b></p>")
    if result.duties:
        parts.append(f'<h3 class="hoiku-duty">{esc(t("assess.duties_heading", lang))}</h3>')
        parts.append(bullet_list(_action_item(result, content, a, lang) for a in result.duties))
    others = [a for a in result.actions if a not in result.duties]
    heading = "assess.other_actions_heading" if result.duties else "assess.actions_heading"
    parts.append(f"<h3>{esc(t(heading, lang))}</h3>")
    if not others:
        parts.append(f"<p>{esc(t('assess.no_actions', lang))}</p>")
    parts.append(bullet_list(_action_item(result, content, a, lang) for a in others))
    notes = [
        f"{esc(pick(note.text, lang))} {ref(note.ref, lang)}"
        for note in (content.context_notes[n] for n in result.notes)
    ]
    if notes:
        parts.append(f"<h3>{esc(t('refcard.context_notes', lang))}</h3>" + bullet_list(notes))
    parts.append(f"<h3>{esc(t('assess.reasons_heading', lang))}</h3>")
    parts.append(bullet_list(esc(r.render(lang, content)) for r in result.reasons))
    if result.level == "low":
        vul = content.category("vulnerability")
        parts.append(f"<h3>{esc(t('refcard.help_questions', lang))}</h3>")
        parts.append(bullet_list(esc(pick(q.text, lang)) for q in vul.help_questions))
    if result.resources:
        parts.append(f"<h3>{esc(t('assess.resources_heading', lang))}</h3>")
        parts.append(bullet_list(resource_html(content, r, lang) for r in result.resources))
    if result.level in ("elevated", "high") and content.notices:
        parts.append(f"<h3>{esc(t('refcard.notices_heading', lang))}</h3>")
        parts.append(
            bullet_list(
                f"{esc(pick(n.text, lang))} "
                f'<span class="hoiku-ref">({esc(format_date(n.since, lang))})</span>'
                for n in content.notices
            )
        )
    return "".join(parts)


def format_date(day: dt.date, lang: str) -> str:
    """A date as the language writes it (3.12.2026, 3 dec. 2026, 3 Dec 2026)."""
    return babel_dates.format_date(day, format="medium", locale=BABEL_LOCALE.get(lang, "fi_FI"))


def resource_html(content: Content, resource_id: str, lang: str) -> str:
    """An organisation: services, region, contacts, whether its details were checked, and
    what is known to have changed since the guide."""
    res = next(r for r in content.resources if r.id == resource_id)
    contact = [esc(v) for v in (res.contact.phone, res.contact.email, res.contact.web) if v]
    if res.last_verified is None:
        verified = t("law.not_checked", lang)
    else:
        verified = t("law.checked", lang, date=format_date(res.last_verified, lang))
    changes = (
        f"<br><i>{esc(t('refcard.changes', lang, text=pick(res.changes, lang)))}</i>"
        if res.changes
        else ""
    )
    return (
        f'<span data-resource="{res.id}"><b>{esc(pick(res.name, lang))}</b></span>: '
        f"{esc(pick(res.services, lang))}"
        f"<br>{esc(t('refcard.region', lang, region=pick(res.region, lang)))}"
        f"<br>{' · '.join(contact)} "
        f'<span class="hoiku-ref">({esc(verified)})</span>' + changes
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
        self.style = w.HTML(STYLE + CARD_CSS)
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
        self.strength_note = w.HTML()
        groups = [self.strength_note]
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
        self.unaccompanied = w.Checkbox(indent=False, layout=full)
        self.unaccompanied.add_class("hoiku-unaccompanied")
        self.context_heading = w.HTML()
        context_controls = (
            self.age,
            self.age_uncertain,
            self.unaccompanied,
            self.consent,
            self.home,
            self.pregnant,
        )
        for control in context_controls:
            control.observe(lambda _: self._refresh_result(), names="value")
        self.clear = w.Button(icon="")
        self.clear.add_class("hoiku-clear")
        self.clear.on_click(lambda _: self.reset())
        self.result = w.HTML()
        self.result.add_class("hoiku-result")
        # the level and the duties stay in view above the ticks, on a phone too
        self.summary = w.HTML(layout=w.Layout(width="100%"))
        self.summary.add_class("hoiku-summary")
        flex = w.Layout(
            display="flex", flex_flow="row wrap", width="100%", align_items="flex-start"
        )
        # Two columns on a desktop, one on a phone: the result stays in sight while ticking.
        signs_column = w.VBox(groups, layout=w.Layout(flex="1 1 26rem", min_width="16rem"))
        context_column = w.VBox(
            [self.context_heading, *context_controls, self.clear],
            layout=w.Layout(flex="1 1 18rem", min_width="16rem", padding="0 1rem 0 0"),
        )
        self.selfcheck = w.VBox(
            [
                self.summary,
                w.Box([context_column, signs_column], layout=flex),
                self.result,
            ]
        )
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
            ind = self.content.indicators[ind_id]
            box.description = t(
                "assess.sign_with_strength",
                lang,
                label=pick(ind.label, lang),
                strength=t(f"assess.strength.{ind.strength}", lang),
            )
        self.strength_note.value = (
            f'<p class="hoiku-strength">{esc(t("assess.strength_note", lang))}</p>'
        )
        self.unaccompanied.description = t("refcard.unaccompanied", lang)
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
            self.detail.value = f"<p>{esc(t('refcard.pick_sign', self.lang))}</p>" + facts_html(
                self.content, self.lang
            )
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
            unaccompanied=self.unaccompanied.value,
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
            self.summary.value = self.result.value
            return
        result = assess(self.ticked(), context, self.content)
        self.summary.value = summary_html(result, self.content, self.lang)
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
        self.unaccompanied.value = False
        self._refresh_result()
