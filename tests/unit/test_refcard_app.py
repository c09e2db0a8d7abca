"""Does the reference card behave as a participant expects, without a browser?"""

from __future__ import annotations

import html

from sample_signs import element, weakest

from hoiku_lib.content import load_content
from hoiku_lib.i18n import t
from hoiku_lib.ui.refcard import RefCardApp, search_indicators


def tick(app: RefCardApp, ids: list[str]) -> None:
    for sign in ids:
        app.sign_boxes[sign].value = True


CONTENT = load_content()
EXP_ELEMENT = element("exploitation")  # the fewest exploitation signs weighing 3
EXP = EXP_ELEMENT[0]
CTL = element("control")[0]
WEAK = weakest("exploitation")


def test_search_finds_a_sign_by_a_word_of_its_label_in_each_language():
    ind = CONTENT.indicators[EXP]
    for lang in ("fi", "sv", "en"):
        word = max(ind.label[lang].split(), key=len)
        assert EXP in search_indicators(CONTENT, word, lang)


def test_search_box_filters_the_list_and_category_narrows_it():
    app = RefCardApp(lang="fi")
    assert len(app.results.options) == len(CONTENT.indicators)
    app.category.value = "control"
    assert {v for _, v in app.results.options} == {
        i for i in CONTENT.indicators if i.startswith("ctl_")
    }
    app.category.value = "all"
    app.search.value = "zzzz-ei-osumaa"
    assert app.results.options == ()
    assert "0" in app.count.value


def test_opening_a_sign_shows_explanation_questions_and_advice():
    app = RefCardApp(lang="sv")
    app.results.value = CTL
    html = app.detail.value
    assert CONTENT.indicators[CTL].explanation["sv"][:30] in html.replace("&#x27;", "'")
    assert t("refcard.help_questions", "sv") in html
    assert t("refcard.advice", "sv") in html


def _plain(markup: str) -> str:
    return html.unescape(markup)


def test_self_check_for_a_child_with_a_strong_sign_shows_the_duties_first_with_basis():
    app = RefCardApp(lang="fi")
    tick(app, EXP_ELEMENT)
    app.age.value = "15"
    html = _plain(app.result.value)
    assert 'data-level="high"' in html
    assert 'data-action="police_report"' in html
    assert 'data-action="child_protection_notice"' in html
    assert t("ui.duty", "fi") in html
    # the duties come before every other action, each with its law and condition
    first_other = html.index('data-action="urgent_care"')
    assert html.index('data-action="police_report"') < first_other
    assert html.index('data-action="child_protection_notice"') < first_other
    assert CONTENT.laws["lsl_25_3"].citation["fi"] in html
    assert t("assess.disclaimer", "fi")[:20] in html
    summary = _plain(app.summary.value)
    assert 'data-level="high"' in summary
    assert CONTENT.actions["police_report"].label["fi"] in summary
    assert CONTENT.laws["lsl_25_1"].citation["fi"] in summary


def test_a_15_year_old_with_one_weak_sign_gets_no_duty():
    """Review F2: school absences alone made a child 'high' with a police duty."""
    app = RefCardApp(lang="sv")
    app.sign_boxes[WEAK].value = True
    app.age.value = "15"
    assert 'data-level="low"' in app.summary.value
    assert "data-action=" not in app.result.value
    assert t("assess.duties_heading", "sv") not in app.summary.value


def test_only_the_notes_that_apply_are_shown():
    app = RefCardApp(lang="fi")
    tick(app, EXP_ELEMENT)
    app.age.value = "15"
    html = _plain(app.result.value)
    pregnant = CONTENT.context_notes["pregnant"].text["fi"][:30]
    alone = CONTENT.context_notes["child_representative"].text["fi"][:30]
    assert pregnant not in html and alone not in html
    app.pregnant.value = True
    app.unaccompanied.value = True
    html = _plain(app.result.value)
    assert pregnant in html and alone in html


def test_inflected_finnish_searches_find_the_sign_by_its_base_form():
    assert "ctl_debt_bondage" in search_indicators(CONTENT, "velan", "fi")
    assert "ctl_debt_bondage" in search_indicators(CONTENT, "velasta", "fi")
    assert "ctl_documents_held" in search_indicators(CONTENT, "passini", "fi")
    assert search_indicators(CONTENT, "lapsi", "fi")


def test_each_sign_shows_its_strength_and_a_sign_outside_the_guide_says_so():
    app = RefCardApp(lang="en")
    app.results.value = "ctl_documents_held"
    detail = _plain(app.detail.value)
    assert t("assess.strength." + CONTENT.indicators["ctl_documents_held"].strength, "en") in detail
    assert CONTENT.sources["ilo_ec_2009"].citation in detail
    strength = t("assess.strength." + CONTENT.indicators[WEAK].strength, "en")
    assert app.sign_boxes[WEAK].description.endswith(f"({strength})")
    assert t("assess.strength_note", "en")[:30] in _plain(app.strength_note.value)


def test_resources_say_whether_their_details_were_checked_and_show_their_region():
    app = RefCardApp(lang="fi")
    tick(app, EXP_ELEMENT + element("control"))
    app.age.value = "30"
    html = _plain(app.result.value)
    assert "2017-06-30" not in html
    for res in CONTENT.resources:
        if f'data-resource="{res.id}"' in html:
            assert res.region["fi"][:20] in html
            if res.last_verified is None:
                assert t("law.not_checked", "fi") in html


def test_adult_without_consent_gets_ngo_not_assistance_system():
    app = RefCardApp(lang="en")
    tick(app, EXP_ELEMENT + element("control"))
    app.age.value = "40"
    app.consent.value = "no"
    html = app.result.value
    assert 'data-action="refer_ngo"' in html
    assert 'data-action="refer_assistance_system"' not in html
    assert 'data-action="police_report"' not in html
    assert "data-resource=" in html


def test_a_bad_age_gives_a_message_not_a_result():
    app = RefCardApp(lang="fi")
    app.age.value = "-3"
    assert 'role="alert"' in app.result.value
    assert "data-level" not in app.result.value


def test_language_switch_relabels_and_keeps_the_ticks():
    app = RefCardApp(lang="fi")
    tick(app, EXP_ELEMENT)
    app.age.value = "15"
    app.lang_switch.value = "sv"
    assert app.lang == "sv"
    assert app.sign_boxes[EXP].value is True
    assert app.sign_boxes[EXP].description.startswith(CONTENT.indicators[EXP].label["sv"])
    assert t("refcard.title", "sv") in app.title.value
    assert 'data-action="police_report"' in app.result.value


def test_clear_button_empties_everything():
    app = RefCardApp(lang="fi")
    app.sign_boxes[EXP].value = True
    app.age.value = "15"
    app.clear.click()
    assert app.ticked() == []
    assert app.age.value == ""
    assert 'data-level="none"' in app.result.value


def test_the_page_says_it_is_a_training_aid_that_stores_nothing():
    app = RefCardApp(lang="en")
    assert t("refcard.banner", "en") in app.banner.value
