"""Does grading reward the key, punish wrong and critical choices, and stay in [0, 1]?"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.cases.grading import expected_actions, expected_signs, feedback, grade
from hoiku_lib.cases.schema import REPO_CASES_DIR, load_cases
from hoiku_lib.content import load_content

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CASES = load_cases(GOOD)
ALL_CASES = [*CASES.values(), *load_cases(REPO_CASES_DIR).values()]  # the shipped vignettes too
CONTENT = load_content()
SIGN_IDS = sorted(CONTENT.indicators)
ACTION_IDS = sorted(CONTENT.actions)

case_stage = st.sampled_from([(case, n) for case in ALL_CASES for n in range(len(case.stages))])
sign_sets = st.frozensets(st.sampled_from(SIGN_IDS), max_size=12)
action_sets = st.frozensets(st.sampled_from(ACTION_IDS), max_size=10)


def perfect(case, n):  # noqa: ANN001, ANN201 - small test helper
    return set(expected_signs(case, n)), set(expected_actions(case, n))


@given(case_stage)
def test_perfect_answer_scores_full_marks(cs) -> None:  # noqa: ANN001
    case, n = cs
    signs, actions = perfect(case, n)
    result = grade(case, n, signs, actions)
    assert result.score == 1.0 and result.perfect
    assert not (result.critical_missing or result.critical_wrong)


@settings(max_examples=150)
@given(case_stage, sign_sets, action_sets, st.data())
def test_removing_a_right_choice_never_raises(cs, signs, actions, data) -> None:  # noqa: ANN001
    case, n = cs
    want_signs, want_actions = perfect(case, n)
    signs, actions = set(signs) | want_signs, set(actions) | want_actions
    before = grade(case, n, signs, actions).score
    rights = sorted([("s", s) for s in want_signs] + [("a", a) for a in want_actions])
    if not rights:
        return
    kind, item = data.draw(st.sampled_from(rights))
    (signs if kind == "s" else actions).discard(item)
    assert grade(case, n, signs, actions).score <= before


@settings(max_examples=150)
@given(case_stage, sign_sets, action_sets, st.data())
def test_adding_a_wrong_choice_never_raises(cs, signs, actions, data) -> None:  # noqa: ANN001
    case, n = cs
    want_signs, want_actions = perfect(case, n)
    wrongs = sorted(
        [("s", s) for s in SIGN_IDS if s not in want_signs]
        + [("a", a) for a in ACTION_IDS if a not in want_actions]
    )
    before = grade(case, n, signs, actions).score
    kind, item = data.draw(st.sampled_from(wrongs))
    signs, actions = set(signs), set(actions)
    (signs if kind == "s" else actions).add(item)
    assert grade(case, n, signs, actions).score <= before


@given(case_stage, sign_sets, action_sets)
def test_score_always_between_zero_and_one(cs, signs, actions) -> None:  # noqa: ANN001
    case, n = cs
    assert 0.0 <= grade(case, n, signs, actions).score <= 1.0


def test_signs_are_cumulative_across_stages() -> None:
    case = CASES["fx_adult_labour"]
    result = grade(case, 1, {"ctl_documents_held"}, set())
    assert "exp_work_accidents" in result.signs_missed  # shown at stage 1, still counts


def test_missing_child_duty_is_critical_and_weighs_most() -> None:
    case = CASES["fx_child_begging"]
    signs, actions = perfect(case, 1)
    no_police = grade(case, 1, signs, actions - {"police_report"})
    no_docs = grade(case, 1, signs, actions - {"careful_documentation"})
    assert no_police.critical_missing == ("police_report",)
    assert no_docs.critical_missing == ()
    assert no_police.score < no_docs.score


def test_a_police_report_is_critical_for_an_adult_even_with_consent_to_the_nas() -> None:
    """Review F9: consent to the assistance system is not consent to a police report."""
    case = CASES["fx_adult_labour"]
    consented = case.model_copy(
        update={"client": case.client.model_copy(update={"consent": "yes"})}
    )
    signs, actions = perfect(consented, 1)
    police = grade(consented, 1, signs, actions | {"police_report"})
    nas = grade(consented, 1, signs, actions | {"refer_assistance_system"})
    assert police.critical_wrong == ("police_report",)
    assert nas.critical_wrong == ()


def test_a_considered_sign_and_an_optional_action_cost_nothing() -> None:
    case = CASES["fx_adult_labour"]
    signs, actions = perfect(case, 1)
    base = grade(case, 1, signs, actions)
    more = grade(
        case, 1, signs | {"exp_poor_general_condition"}, actions | {"report_crime_with_consent"}
    )
    assert more.score == base.score == 1.0
    assert more.signs_considered == ("exp_poor_general_condition",)
    assert more.actions_optional == ("report_crime_with_consent",)
    assert not more.signs_wrong and not more.actions_wrong
    kinds = {(i.kind, i.id) for i in feedback(case, more, "fi", CONTENT)}
    assert {
        ("considered", "exp_poor_general_condition"),
        ("optional", "report_crime_with_consent"),
    } <= kinds


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_missing_duty_shows_its_legal_basis(lang: str) -> None:
    case = CASES["fx_child_begging"]
    signs, actions = perfect(case, 1)
    items = feedback(case, grade(case, 1, signs, actions - {"police_report"}), lang, CONTENT)
    police = next(i for i in items if i.id == "police_report")
    assert police.critical and len(police.basis) == len(CONTENT.actions["police_report"].basis)
    citation = CONTENT.laws["lsl_25_3"].citation[lang]
    assert any(line.startswith(citation) for line in police.basis)
    assert all(not i.basis for i in items if i.target == "sign")


def test_acting_without_adult_consent_is_critical() -> None:
    case = CASES["fx_adult_labour"]  # consent unknown
    signs, actions = perfect(case, 1)
    police = grade(case, 1, signs, actions | {"police_report"})
    cpn = grade(case, 1, signs, actions | {"child_protection_notice"})
    assert police.critical_wrong == ("police_report",)
    assert cpn.critical_wrong == ()
    assert police.score < cpn.score


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_feedback_names_items_with_labels_and_refs(lang: str) -> None:
    case = CASES["fx_child_begging"]
    result = grade(case, 1, {"exp_school_difficulties", "ctl_threats"}, {"urgent_care"})
    items = feedback(case, result, lang, CONTENT)
    assert items[0].critical  # critical first
    by_id = {(i.target, i.id): i for i in items}
    missed = by_id[("sign", "vul_economic_hardship")]
    assert missed.kind == "missed"
    assert missed.label == CONTENT.indicators["vul_economic_hardship"].label[lang]
    assert missed.label in missed.headline and missed.ref
    assert by_id[("sign", "ctl_threats")].kind == "wrong"
    assert by_id[("action", "police_report")].critical
    assert by_id[("action", "urgent_care")].kind == "wrong"
    assert all(i.detail for i in items)


def test_stage_out_of_range_is_refused() -> None:
    with pytest.raises(IndexError):
        grade(CASES["fx_adult_labour"], 5, set(), set())
