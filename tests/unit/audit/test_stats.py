"""Do the audit statistics hold their textbook properties?"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.stats import cohen_kappa, gwet_ac1, observed_agreement, wilson

grades = st.lists(st.sampled_from(["yes", "no", "partly"]), min_size=1, max_size=40)


@given(n=st.integers(1, 500), data=st.data())
def test_wilson_interval_contains_the_proportion(n: int, data) -> None:  # noqa: ANN001
    """Is the Wilson interval inside [0, 1] and around the observed share?"""
    k = data.draw(st.integers(0, n))
    low, high = wilson(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_known_value() -> None:
    """Does Wilson match a textbook value (8/10 → 0.490–0.943)?"""
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-3) and high == pytest.approx(0.9433, abs=1e-3)
    assert all(math.isnan(x) for x in wilson(0, 0))


@given(a=grades, data=st.data())
def test_agreement_coefficients_at_most_one(a, data) -> None:  # noqa: ANN001
    """Are kappa and AC1 at most 1 and agreement within [0, 1]?"""
    b = data.draw(st.lists(st.sampled_from(["yes", "no", "partly"]), min_size=len(a),
                           max_size=len(a)))  # fmt: skip
    assert 0.0 <= observed_agreement(a, b) <= 1.0
    kappa = cohen_kappa(a, b)
    assert kappa <= 1.0 + 1e-12 or (math.isnan(kappa) and len(set(a) | set(b)) == 1)
    assert gwet_ac1(a, b) <= 1.0 + 1e-12


@given(a=grades)
def test_identical_grades_agree_fully(a) -> None:  # noqa: ANN001
    """Do identical grade sets give agreement, kappa and AC1 of 1?"""
    assert observed_agreement(a, a) == 1.0
    if len(set(a)) > 1:  # one grade throughout: kappa is 0/0 (next test)
        assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert gwet_ac1(a, a) == pytest.approx(1.0)


@given(grade=st.sampled_from(["yes", "no", "partly"]), n=st.integers(1, 50))
def test_one_grade_throughout_leaves_kappa_undefined(grade: str, n: int) -> None:
    """Is kappa undefined (NaN), not perfect, when chance agreement is already certain?"""
    assert math.isnan(cohen_kappa([grade] * n, [grade] * n))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=80))
def test_median_of_counts_is_the_median(delays: list[int]) -> None:
    """Is the median from a (value, count) histogram the median of the list itself?"""
    import statistics
    from collections import Counter

    from hoiku_lib.audit.stats import median_of_counts

    hist = sorted(Counter(delays).items())
    values, counts = [v for v, _ in hist], [n for _, n in hist]
    assert median_of_counts(values, counts) == statistics.median(delays)


SCALE = ("yes", "no", "partly")


@given(a=grades, data=st.data())
def test_ac1_matches_its_textbook_form(a, data) -> None:  # noqa: ANN001
    """Does AC1 equal (po − pe) / (1 − pe) with pe = (1 − Σ π²) / (q − 1) over the whole
    scale (the algebraic form in Gwet 2008, computed here independently)?"""
    b = data.draw(st.lists(st.sampled_from(SCALE), min_size=len(a), max_size=len(a)))
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pi = [(a.count(k) + b.count(k)) / (2 * n) for k in SCALE]
    pe = (1 - sum(p * p for p in pi)) / (len(SCALE) - 1)
    assert gwet_ac1(a, b, scale=SCALE) == pytest.approx((po - pe) / (1 - pe))


@given(grade=st.sampled_from(["yes", "no"]), n=st.integers(1, 50))
def test_ac1_one_grade_throughout_on_a_yes_no_scale_is_one(grade: str, n: int) -> None:
    """Is AC1 1 when both auditors gave one grade throughout on a yes/no scale (chance
    agreement 0 there), where kappa is undefined?"""
    same = [grade] * n
    assert gwet_ac1(same, same, scale=("yes", "no")) == pytest.approx(1.0)
    assert math.isnan(cohen_kappa(same, same))


def test_ac1_counts_the_unused_grades_of_the_scale() -> None:
    """Does a grade nobody chose still count in chance agreement (q is the scale's size)?"""
    a, b = ["yes", "yes", "no", "no"], ["yes", "no", "no", "no"]
    assert gwet_ac1(a, b, scale=("yes", "no", "partly")) != pytest.approx(gwet_ac1(a, b))
    with pytest.raises(ValueError):
        gwet_ac1(["maybe"], ["yes"], scale=("yes", "no"))
