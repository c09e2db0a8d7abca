"""Does the vignette schema read the format of docs/data-format.md, and refuse the rest?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hoiku_lib.cases.schema import Case, CaseLoadError, load_case, load_cases

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = FIXTURES / "cases_good"


def test_good_fixtures_load_by_id() -> None:
    cases = load_cases(GOOD)
    assert list(cases) == ["fx_adult_labour", "fx_child_begging"]
    assert all(isinstance(c, Case) for c in cases.values())


def test_bare_yes_no_mean_the_words() -> None:
    """YAML 1.1 reads `home_municipality: no` as False; the schema means 'no'."""
    adult = load_case(GOOD / "fx_adult_labour.yaml")
    child = load_case(GOOD / "fx_child_begging.yaml")
    assert adult.client.home_municipality == "no"
    assert child.client.home_municipality == "yes"
    assert child.client.is_child and not adult.client.is_child


def test_signs_accumulate_over_stages() -> None:
    adult = load_case(GOOD / "fx_adult_labour.yaml")
    assert adult.signs_until(0) == ["exp_work_accidents", "exp_excessive_hours"]
    assert adult.signs_until(1) == [
        "exp_work_accidents",
        "exp_excessive_hours",
        "ctl_documents_held",
        "vul_economic_hardship",
    ]


@pytest.mark.parametrize("name", ["bad_schema.yaml", "bad_syntax.yaml"])
def test_bad_shape_is_refused(name: str) -> None:
    with pytest.raises(CaseLoadError):
        load_case(FIXTURES / "cases_bad" / name)


def test_empty_folder_has_no_cases(tmp_path: Path) -> None:
    assert load_cases(tmp_path) == {}
    assert load_cases(tmp_path / "missing") == {}
