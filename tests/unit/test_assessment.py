"""Does the assessment follow DESIGN.md's training heuristic for every input?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_signs import element, weakest

from hoiku_lib.assessment import (
    LEVELS,
    Context,
    InvalidContextError,
    UnknownIndicatorError,
    assess,
)
from hoiku_lib.content import load_content
from hoiku_lib.i18n import LANGS, pick

CONTENT = load_content()
ALL_IDS = sorted(CONTENT.indicators)
EXP = [i for i in ALL_IDS if i.startswith("exp_")]
CTL = [i for i in ALL_IDS if i.startswith("ctl_")]
VUL = [i for i in ALL_IDS if i.startswith("vul_")]
EXP_ELEMENT = element("exploitation")  # the fewest exploitation signs that weigh 3
CTL_ELEMENT = element("control")

signs = st.sets(st.sampled_from(ALL_IDS), max_size=12)
yes_no = st.sampled_from([None, "yes", "no"])
contexts = st.builds(
    Context,
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
    age_uncertain=st.booleans(),
    consent=yes_no,
    home_municipality=yes_no,
    pregnant=st.booleans(),
)


def rank(level: str) -> int:
    return LEVELS.index(level)


@settings(max_examples=300)
@given(base=signs, extra=signs, context=contexts)
def test_adding_a_sign_never_lowers_the_level(base, extra, context):
    before = assess(base, context, CONTENT)
    after = assess(base | extra, context, CONTENT)
    assert rank(after.level) >= rank(before.level)


@settings(max_examples=300)
@given(chosen=signs, age=st.integers(min_value=18, max_value=120), context=contexts)
def test_a_child_is_never_below_an_adult_with_the_same_signs(chosen, age, context):
    adult = Context(age=age, consent=context.consent, pregnant=context.pregnant)
    child = Context(age=age - 18 if age < 36 else 15, consent=context.consent)
    uncertain = Context(age=None, age_uncertain=True)
    a = assess(chosen, adult, CONTENT)
    assert rank(assess(chosen, child, CONTENT).level) >= rank(a.level)
    assert rank(assess(chosen, uncertain, CONTENT).level) >= rank(a.level)


@settings(max_examples=300)
@given(chosen=signs, context=contexts)
def test_every_recommended_action_exists_in_all_three_languages(chosen, context):
    result = assess(chosen, context, CONTENT)
    for action_id in result.actions:
        action = CONTENT.actions[action_id]
        for lang in LANGS:
            assert pick(action.label, lang).strip()
            assert pick(action.explanation, lang).strip()
    for lang in LANGS:
        assert all(r.render(lang, CONTENT) for r in result.reasons)


WEIGHT = {"strong": 3, "medium": 2, "weak": 1}


def weight(chosen: set[str], category: str) -> int:
    """The oracle: what DESIGN.md says the signs of one category weigh."""
    return sum(
        WEIGHT[CONTENT.indicators[i].strength]
        for i in chosen
        if CONTENT.indicators[i].category == category
    )


@settings(max_examples=300)
@given(chosen=signs, context=contexts)
def test_the_level_follows_the_rule(chosen, context):
    result = assess(chosen, context, CONTENT)
    exp, ctl = weight(chosen, "exploitation"), weight(chosen, "control")
    child = context.age_uncertain or (context.age is not None and context.age < 18)
    assert result.child is child
    if exp >= 3 and (ctl >= 3 or child):
        assert result.level == "high"
    elif exp + ctl >= 2:
        assert result.level == "elevated"
    elif chosen:
        assert result.level == "low"
    else:
        assert result.level == "none"


@settings(max_examples=300)
@given(chosen=signs, context=contexts)
def test_actions_follow_level_and_context(chosen, context):
    r = assess(chosen, context, CONTENT)
    acts = set(r.actions)
    if r.level in ("none", "low"):
        assert acts == set() and r.duties == []
        return
    assert {
        "urgent_care",
        "professional_interpreter",
        "consult_assistance_system",
        "careful_documentation",
    } <= acts
    assert ("child_protection_notice" in acts) is r.child
    assert ("police_report" in acts) is (r.child and r.level == "high")
    assert ("anticipatory_child_protection_notice" in acts) is context.pregnant
    adult_high = r.level == "high" and not r.child
    assert ("report_crime_with_consent" in acts) is adult_high
    if adult_high:
        expected = {
            "yes": {"refer_assistance_system"},
            "no": {"refer_ngo"},
            None: {"refer_assistance_system", "refer_ngo"},
        }[context.consent]
        assert acts & {"refer_assistance_system", "refer_ngo"} == expected
    else:
        assert not acts & {"refer_assistance_system", "refer_ngo"}


@given(
    sign=st.sampled_from([i for i in ALL_IDS if CONTENT.indicators[i].strength == "weak"]),
    context=contexts,
)
def test_a_single_weak_sign_never_gives_a_duty(sign, context):
    r = assess([sign], context, CONTENT)
    assert r.level in ("low",) and r.duties == [] and r.actions == []


@settings(max_examples=300)
@given(chosen=signs, context=contexts)
def test_every_duty_has_a_basis_that_exists_in_the_laws(chosen, context):
    r = assess(chosen, context, CONTENT)
    assert set(r.duties) <= set(r.actions)
    basis = r.basis("fi", CONTENT)
    for duty in r.duties:
        assert CONTENT.actions[duty].duty
        assert basis[duty], duty
        for entry in basis[duty]:
            assert entry["law"] in CONTENT.laws
            assert entry["citation"] and entry["condition"]
    assert not set(r.actions) - set(r.duties) & {
        a for a, act in CONTENT.actions.items() if act.duty
    }


def test_report_crime_with_consent_is_offered_never_a_duty():
    r = assess(EXP_ELEMENT + CTL_ELEMENT, Context(age=30), CONTENT)
    assert r.level == "high" and "report_crime_with_consent" in r.actions
    assert "report_crime_with_consent" not in r.duties and r.duties == []


@given(chosen=signs, context=contexts)
def test_reasons_name_every_ticked_sign_with_its_strength(chosen, context):
    result = assess(chosen, context, CONTENT)
    named = {i for reason in result.reasons for i in reason.indicators}
    assert named == set(chosen)
    for reason in result.reasons:
        as_dict = reason.as_dict("en", CONTENT)
        for i in reason.indicators:
            assert as_dict["strengths"][i] == CONTENT.indicators[i].strength


def test_a_15_year_old_with_school_absences_alone_is_low_without_duties():
    """Review F2: one non-specific sign made a child 'high' with a police duty."""
    r = assess(["exp_school_difficulties"], Context(age=15), CONTENT)
    assert r.level == "low" and r.actions == [] and r.duties == []
    assert "rule_low_weak" in [x.code for x in r.reasons]


def test_a_child_with_the_exploitation_element_is_high_with_both_duties():
    r = assess(EXP_ELEMENT, Context(age=15), CONTENT)
    assert r.level == "high" and r.child
    assert {"child_protection_notice", "police_report"} <= set(r.duties)
    assert "report_crime_with_consent" not in r.actions
    basis = r.basis("fi", CONTENT)
    assert {b["law"] for b in basis["police_report"]} == {"lsl_25_3", "rl_15_10"}


def test_adult_with_both_elements_is_high_and_consent_decides():
    r = assess(EXP_ELEMENT + CTL_ELEMENT, Context(age=30), CONTENT)
    assert r.level == "high"
    assert "rule_high_adult" in [x.code for x in r.reasons]
    assert "consent_decides" in [x.code for x in r.reasons]
    assert "consent_unknown" in r.notes


def test_an_adult_with_exploitation_but_no_control_element_is_elevated():
    r = assess(EXP_ELEMENT + [weakest("control")], Context(age=30), CONTENT)
    assert r.level == "elevated"


def test_uncertain_age_is_a_child():
    r = assess(EXP_ELEMENT, Context(age=None, age_uncertain=True), CONTENT)
    assert r.child and r.level == "high"
    assert "child_uncertain_age" in r.notes


def test_vulnerability_only_is_low_without_actions():
    r = assess(VUL, Context(age=40), CONTENT)
    assert r.level == "low" and r.actions == []


def test_unknown_id_is_named_with_suggestions():
    with pytest.raises(UnknownIndicatorError) as err:
        assess([EXP[0], EXP[0] + "x", "nonsense"], Context(), CONTENT)
    assert err.value.unknown == sorted([EXP[0] + "x", "nonsense"])
    assert EXP[0] in err.value.suggestions[EXP[0] + "x"]


@pytest.mark.parametrize("bad", [{"age": -1}, {"age": 121}, {"consent": "maybe"}])
def test_absurd_context_is_refused(bad):
    with pytest.raises(InvalidContextError):
        Context(**bad)


def test_pregnant_client_at_elevated_gets_the_anticipatory_notice_with_its_basis():
    r = assess(CTL_ELEMENT, Context(age=25, pregnant=True), CONTENT)
    assert r.level == "elevated"
    assert "anticipatory_child_protection_notice" in r.actions
    assert "pregnant" in r.notes
    if CONTENT.actions["anticipatory_child_protection_notice"].duty:
        assert "anticipatory_child_protection_notice" in r.duties


def test_matching_resources_are_real_resources():
    r = assess(EXP_ELEMENT + CTL_ELEMENT, Context(age=30), CONTENT)
    ids = {res.id for res in CONTENT.resources}
    assert r.resources and set(r.resources) <= ids
