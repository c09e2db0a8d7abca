"""Does the assessment follow DESIGN.md's training heuristic for every input?"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=300)
@given(chosen=signs, context=contexts)
def test_the_level_follows_the_rule(chosen, context):
    result = assess(chosen, context, CONTENT)
    has_exp = bool(chosen & set(EXP))
    has_ctl = bool(chosen & set(CTL))
    child = context.age_uncertain or (context.age is not None and context.age < 18)
    assert result.child is child
    if has_exp and (has_ctl or child):
        assert result.level == "high"
    elif has_exp or has_ctl:
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
        assert acts == set()
        return
    assert {
        "urgent_care",
        "professional_interpreter",
        "consult_assistance_system",
        "careful_documentation",
    } <= acts
    assert ({"child_protection_notice", "police_report"} <= acts) is r.child
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


@given(chosen=signs, context=contexts)
def test_reasons_name_every_ticked_sign(chosen, context):
    result = assess(chosen, context, CONTENT)
    named = {i for reason in result.reasons for i in reason.indicators}
    assert named == set(chosen)


def test_adult_with_exploitation_and_control_is_high_and_consent_decides():
    r = assess([EXP[0], CTL[0]], Context(age=30), CONTENT)
    assert r.level == "high"
    assert "rule_high_adult" in [x.code for x in r.reasons]
    assert "actions_consent_decides" in [x.code for x in r.reasons]
    assert "consent_unknown" in r.notes


def test_child_needs_no_control_sign():
    r = assess([EXP[0]], Context(age=15), CONTENT)
    assert r.level == "high"
    assert r.child
    assert "police_report" in r.actions and "child_protection_notice" in r.actions
    assert "report_crime_with_consent" not in r.actions


def test_uncertain_age_is_a_child():
    r = assess([EXP[0]], Context(age=None, age_uncertain=True), CONTENT)
    assert r.child and r.level == "high"
    assert "child_uncertain_age" in r.notes


def test_report_crime_is_never_a_duty():
    assert CONTENT.actions["report_crime_with_consent"].duty is False
    assert CONTENT.actions["police_report"].duty is True
    assert CONTENT.actions["child_protection_notice"].duty is True


def test_vulnerability_only_is_low_without_actions():
    r = assess(VUL[:3], Context(age=40), CONTENT)
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


def test_pregnant_client_at_elevated_gets_the_anticipatory_notice():
    r = assess([CTL[0]], Context(age=25, pregnant=True), CONTENT)
    assert r.level == "elevated"
    assert "anticipatory_child_protection_notice" in r.actions
    assert "pregnant" in r.notes


def test_matching_resources_are_real_resources():
    r = assess([EXP[0], CTL[0]], Context(age=30), CONTENT)
    ids = {res.id for res in CONTENT.resources}
    assert r.resources and set(r.resources) <= ids
