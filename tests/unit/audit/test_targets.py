"""Are target levels parsed, defaulted and judged by the rule the report explains?"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.audit.rules import RULE_IDS
from hoiku_lib.audit.stats import wilson
from hoiku_lib.audit.targets import (
    DEFAULT_TARGET,
    TargetError,
    judge,
    parse_pct,
    parse_target_args,
)
from hoiku_lib.cli import main
from hoiku_lib.package_data import DATA_DIR


def test_every_rule_has_the_default() -> None:
    """Without --target every criterion's target is the documented default."""
    assert parse_target_args([], RULE_IDS) == dict.fromkeys(RULE_IDS, DEFAULT_TARGET)


@pytest.mark.parametrize(("text", "value"), [("90", 0.9), ("92,5", 0.925), ("95 %", 0.95)])
def test_percentages_as_people_write_them(text: str, value: float) -> None:
    assert parse_pct(text) == pytest.approx(value)


@pytest.mark.parametrize("item", ["nosuchrule=90", "risk_flag_missing", "risk_flag_missing=101"])
def test_a_bad_target_names_its_rule(item: str) -> None:
    with pytest.raises(TargetError) as exc:
        parse_target_args([item], RULE_IDS)
    assert exc.value.item == item.partition("=")[0]


def test_judgements_at_the_edges() -> None:
    """9/10 meets 90 % in this sample only; 100/100 meets it surely; 8/10 misses it."""
    low, _ = wilson(9, 10)
    assert judge(0.9, low, 0.9) == "met_uncertain"
    assert judge(1.0, wilson(100, 100)[0], 0.9) == "met"
    assert judge(0.8, wilson(8, 10)[0], 0.9) == "not_met"
    assert judge(math.nan, math.nan, 0.9) == "no_data"


@given(
    st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(0, 100),
)
def test_met_is_the_point_estimate_and_sure_is_the_lower_bound(counts, pct: int) -> None:  # noqa: ANN001
    """For every sample and target: met ⇔ compliance ≥ target; sure ⇔ lower bound ≥ it."""
    compliant, applicable = counts
    target = pct / 100
    low, _ = wilson(compliant, applicable)
    status = judge(compliant / applicable, low, target)
    assert (status != "not_met") == (compliant / applicable >= target - 1e-12)
    if status == "met":
        assert low >= target - 1e-12


def test_cli_target_is_in_the_report_and_a_bad_one_exits_2(tmp_path, capsys) -> None:  # noqa: ANN001

    sample = DATA_DIR / "samples" / "audit_sample.csv"
    out = tmp_path / "out"
    args = ["audit", str(sample), "--out", str(out), "--lang", "en"]
    assert main([*args, "--target", "risk_flag_missing=nope"]) == 2
    assert "risk_flag_missing" in capsys.readouterr().err
    assert main([*args, "--target", "risk_flag_missing=60"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "60%" in html and "Target met?" in html  # English: no space before the sign
