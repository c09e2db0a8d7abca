"""Are the knowledge test's scores and intervals right, and is nothing shown below 3?

Property tests over any item and any answer: a score is in [0, 1]; a right answer never lowers
a mean; Wilson's interval holds the proportion and stays in [0, 1]; a group of fewer than 3
gets TooFew; the paired gain is the mean of the per-pair differences.
"""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.quiz.load import load_items
from hoiku_lib.quiz.schema import PHASES, Item
from hoiku_lib.quiz.score import (
    K_MIN,
    Estimate,
    Sheet,
    TooFew,
    ambiguous_codes,
    item_summary,
    mean_estimate,
    normalise_code,
    overall,
    paired_gain,
    pairs,
    report,
    score_answer,
    sheet_score,
    t_quantile,
    wilson_estimate,
)

OPTION_IDS = ("a", "b", "c", "d", "e", "f")


def text(word: str) -> dict[str, str]:
    return {"fi": word, "sv": word, "en": word}


@st.composite
def items(draw, kind: str | None = None) -> Item:  # noqa: ANN001
    n = draw(st.integers(min_value=3, max_value=6))
    ids = OPTION_IDS[:n]
    kind = kind or draw(st.sampled_from(("single", "multiple")))
    if kind == "single":
        correct = [draw(st.sampled_from(ids))]
    else:
        correct = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n - 1, unique=True))
    return Item.model_validate(
        {
            "id": "generated",
            "section": "signs",
            "kind": kind,
            "difficulty": "easy",
            "question": text("q"),
            "options": [{"id": i, "text": text(f"option {i}")} for i in ids],
            "correct": correct,
            "explanation": text("why"),
            "guide": ["III.1"],
        }
    )


def choices(item: Item) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from([o.id for o in item.options]))


ITEMS = load_items()
SINGLE = ITEMS["signs_one_weak_sign"]  # right: a
MULTIPLE = ITEMS["signs_problems_list"]  # right: a, b, c, d; wrong: e


# -- one answer ------------------------------------------------------------------------------


@given(st.data())
def test_a_score_is_always_between_0_and_1(data) -> None:  # noqa: ANN001
    item = data.draw(items())
    score = score_answer(item, data.draw(choices(item)))
    assert 0.0 <= score.partial <= 1.0


@given(st.data())
def test_right_means_exactly_the_right_options(data) -> None:  # noqa: ANN001
    item = data.draw(items())
    chosen = data.draw(choices(item))
    score = score_answer(item, chosen)
    assert score.right == (chosen == set(item.correct))
    assert (score.partial == 1.0) == score.right


def test_partial_score_of_a_multiple_choice_item() -> None:
    assert score_answer(MULTIPLE, {"a", "b"}).partial == pytest.approx(0.5)
    assert score_answer(MULTIPLE, {"a", "b", "e"}).partial == pytest.approx(0.25)
    assert score_answer(MULTIPLE, {"a", "b", "c", "d", "e"}).partial == pytest.approx(0.75)
    assert score_answer(MULTIPLE, {"e"}).partial == 0.0  # floored, not negative
    assert score_answer(MULTIPLE, set()).partial == 0.0
    assert not score_answer(MULTIPLE, {"a", "b", "c", "d", "e"}).right


def test_a_single_choice_item_is_right_or_wrong() -> None:
    assert score_answer(SINGLE, {"a"}).right
    assert score_answer(SINGLE, {"a", "b"}).partial == 0.0
    assert score_answer(SINGLE, {"c"}).partial == 0.0


def test_an_unknown_option_or_phase_is_an_error() -> None:
    with pytest.raises(ValueError):
        score_answer(SINGLE, {"z"})
    with pytest.raises(ValueError):
        Sheet("later", {})


# -- intervals --------------------------------------------------------------------------------


@given(st.integers(min_value=K_MIN, max_value=5000), st.data())
def test_wilson_holds_the_proportion_and_stays_in_0_1(n: int, data) -> None:  # noqa: ANN001
    right = data.draw(st.integers(min_value=0, max_value=n))
    est = wilson_estimate(right, n)
    assert isinstance(est, Estimate)
    assert 0.0 <= est.low <= est.mean <= est.high <= 1.0
    assert est.mean == right / n


def test_wilson_known_value() -> None:
    est = wilson_estimate(8, 10)
    assert (round(est.low, 3), round(est.high, 3)) == (0.490, 0.943)


def test_t_interval_known_value() -> None:
    est = mean_estimate([0.6, 0.7, 0.8, 0.9])
    # mean 0.75, sd 0.1291, t(0.975, 3) = 3.1824: half-width 0.2054
    assert est.mean == pytest.approx(0.75)
    assert (round(est.low, 4), round(est.high, 4)) == (0.5446, 0.9554)
    assert est.method == "t"


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=K_MIN, max_size=60))
def test_a_mean_interval_stays_in_its_bounds_and_holds_the_mean(values) -> None:  # noqa: ANN001
    est = mean_estimate(values)
    assert 0.0 <= est.low <= est.mean <= est.high <= 1.0
    assert est.mean == pytest.approx(statistics.fmean(values))


# -- groups -----------------------------------------------------------------------------------


def sheet(phase: str, code: str | None, **answers: set[str]) -> Sheet:
    return Sheet(phase, {k: frozenset(v) for k, v in answers.items()}, code)


@given(st.integers(min_value=0, max_value=2), st.data())
def test_fewer_than_three_are_never_shown(n: int, data) -> None:  # noqa: ANN001
    chosen = data.draw(st.lists(choices(SINGLE), min_size=n, max_size=n))
    sheets = [Sheet("pre", {SINGLE.id: c}, f"p{i}") for i, c in enumerate(chosen)] + [
        Sheet("post", {SINGLE.id: c}, f"p{i}") for i, c in enumerate(chosen)
    ]
    summary = item_summary(SINGLE, sheets, "pre")
    assert summary.right == TooFew(n) and summary.partial == TooFew(n)
    assert overall(ITEMS, sheets, "pre") == TooFew(n)
    assert paired_gain(ITEMS, sheets) == TooFew(n)
    assert paired_gain(ITEMS, sheets, item_id=SINGLE.id) == TooFew(n)
    assert wilson_estimate(n, n) == TooFew(n)


@given(st.lists(st.booleans(), min_size=K_MIN, max_size=40))
def test_adding_a_right_answer_never_lowers_the_share_right(rights) -> None:  # noqa: ANN001
    def share(flags: list[bool]) -> float:
        sheets = [sheet("post", None, **{SINGLE.id: {"a" if ok else "b"}}) for ok in flags]
        return item_summary(SINGLE, sheets, "post").right.mean

    assert share([*rights, True]) >= share(rights)


@given(st.lists(st.frozensets(st.sampled_from("abcde")), min_size=K_MIN, max_size=30))
def test_adding_a_full_score_never_lowers_the_overall_mean(answers) -> None:  # noqa: ANN001
    sheets = [sheet("pre", None, **{MULTIPLE.id: set(a)}) for a in answers]
    before = overall(ITEMS, sheets, "pre").mean
    after = overall(
        ITEMS, [*sheets, sheet("pre", None, **{MULTIPLE.id: {"a", "b", "c", "d"}})], "pre"
    )
    assert after.mean >= before - 1e-12


@given(
    st.lists(
        st.tuples(st.frozensets(st.sampled_from("abcde")), st.frozensets(st.sampled_from("abcde"))),
        min_size=K_MIN,
        max_size=25,
    )
)
def test_the_paired_gain_is_the_mean_of_the_per_pair_differences(answers) -> None:  # noqa: ANN001
    sheets = []
    diffs = []
    for n, (pre, post) in enumerate(answers):
        sheets += [sheet("pre", f"code{n}", **{MULTIPLE.id: set(pre)})]
        sheets += [sheet("post", f"CODE {n}", **{MULTIPLE.id: set(post)})]
        diffs.append(score_answer(MULTIPLE, post).partial - score_answer(MULTIPLE, pre).partial)
    gain = paired_gain(ITEMS, sheets)
    assert gain.n == len(answers)
    assert gain.mean == pytest.approx(statistics.fmean(diffs))
    assert -1.0 <= gain.low <= gain.mean <= gain.high <= 1.0
    item_gain = paired_gain(ITEMS, sheets, item_id=MULTIPLE.id)
    assert item_gain.mean == pytest.approx(gain.mean)


def test_only_codes_in_both_phases_pair_and_a_repeated_code_is_left_out() -> None:
    sheets = [
        sheet("pre", "Kissa 12", **{SINGLE.id: {"b"}}),
        sheet("post", "kissa12", **{SINGLE.id: {"a"}}),
        sheet("pre", "twice", **{SINGLE.id: {"b"}}),
        sheet("pre", "twice", **{SINGLE.id: {"b"}}),
        sheet("post", "twice", **{SINGLE.id: {"a"}}),
        sheet("pre", "only_pre", **{SINGLE.id: {"a"}}),
        sheet("post", None, **{SINGLE.id: {"a"}}),
    ]
    matched = pairs(sheets, "pre", "post")
    assert [normalise_code(a.code) for a, _ in matched] == ["kissa12"]
    assert ambiguous_codes(sheets) == 1


def test_answers_to_items_outside_the_set_are_not_counted() -> None:
    s = sheet("pre", None, **{SINGLE.id: {"a"}, "retired_item": {"x"}})
    assert sheet_score(ITEMS, s) == 1.0
    assert sheet_score(ITEMS, sheet("pre", None)) is None


def test_a_report_of_a_workshop() -> None:
    """Five people pair pre and post; one more answers only after; the follow-up is small."""
    pre = [{"b"}, {"b"}, {"a"}, {"c"}, {"b"}]
    post = [{"a"}, {"a"}, {"a"}, {"a"}, {"b"}]
    sheets = [sheet("pre", f"p{n}", **{SINGLE.id: c}) for n, c in enumerate(pre)]
    sheets += [sheet("post", f"p{n}", **{SINGLE.id: c}) for n, c in enumerate(post)]
    sheets += [sheet("post", None, **{SINGLE.id: {"a"}})]
    sheets += [sheet("follow_up", f"p{n}", **{SINGLE.id: {"a"}}) for n in range(2)]
    result = report({SINGLE.id: SINGLE}, sheets)
    assert result.answered == {"pre": 5, "post": 6, "follow_up": 2}
    assert result.items[SINGLE.id]["pre"].right.mean == pytest.approx(0.2)
    assert result.items[SINGLE.id]["post"].right.mean == pytest.approx(5 / 6)
    assert result.items[SINGLE.id]["follow_up"].right == TooFew(2)
    assert result.overall["post"].n == 6
    gain = result.gains[("pre", "post")]
    assert (gain.n, gain.mean) == (5, pytest.approx(0.6))
    assert result.gains[("pre", "follow_up")] == TooFew(2)
    assert set(result.overall) == set(PHASES)
    assert not any(isinstance(s, Estimate) and math.isnan(s.mean) for s in result.overall.values())


@pytest.mark.parametrize(
    ("df", "expected"),
    [
        (1, 12.7062),
        (2, 4.3027),
        (3, 3.1824),
        (5, 2.5706),
        (10, 2.2281),
        (30, 2.0423),
        (1000, 1.9623),
    ],
)
def test_the_t_quantile_matches_the_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-5)


def test_the_t_quantile_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(ValueError):
        t_quantile(0.4, 3)
    with pytest.raises(ValueError):
        t_quantile(0.975, 0)
