"""Does the reference card behave as a participant expects, without a browser?"""

from __future__ import annotations

from hoiku_lib.content import load_content
from hoiku_lib.i18n import t
from hoiku_lib.ui.refcard import RefCardApp, search_indicators

CONTENT = load_content()
EXP = next(i for i in CONTENT.indicators if i.startswith("exp_"))
CTL = next(i for i in CONTENT.indicators if i.startswith("ctl_"))


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


def test_self_check_for_a_child_shows_both_duties():
    app = RefCardApp(lang="fi")
    app.sign_boxes[EXP].value = True
    app.age.value = "15"
    html = app.result.value
    assert 'data-level="high"' in html
    assert 'data-action="police_report"' in html
    assert 'data-action="child_protection_notice"' in html
    assert t("ui.duty", "fi") in html
    for rule in CONTENT.child_rules:
        assert rule.text["fi"][:25] in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert t("assess.disclaimer", "fi")[:20] in html


def test_adult_without_consent_gets_ngo_not_assistance_system():
    app = RefCardApp(lang="en")
    app.sign_boxes[EXP].value = True
    app.sign_boxes[CTL].value = True
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
    app.sign_boxes[EXP].value = True
    app.age.value = "15"
    app.lang_switch.value = "sv"
    assert app.lang == "sv"
    assert app.sign_boxes[EXP].value is True
    assert app.sign_boxes[EXP].description == CONTENT.indicators[EXP].label["sv"]
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
