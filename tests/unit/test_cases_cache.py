"""load_cases reads a folder's vignettes once per state of its files (hoiku_lib/cases/schema.py).

So the kernels ``hoiku serve`` forks share the cases their fork server read. What must hold:
the same files give the same (frozen) cases, a changed, added or removed file is seen at the
next call, and the dict returned is the caller's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hoiku_lib.cases.schema import CaseLoadError, load_cases

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "cases"
    shutil.copytree(GOOD, target)
    return target


def test_the_same_files_give_the_same_cases_in_a_dict_of_ones_own(folder: Path) -> None:
    first = load_cases(folder)
    second = load_cases(folder)
    assert first == second and first is not second
    assert all(first[key] is second[key] for key in first)  # read once, shared
    first.clear()
    assert load_cases(folder) == second


def test_a_changed_added_or_removed_file_is_read_again(folder: Path) -> None:
    before = load_cases(folder)
    path = sorted(folder.glob("*.yaml"))[0]
    case_id = path.stem
    text = path.read_text(encoding="utf-8")
    old_title = before[case_id].title.en
    path.write_text(text.replace(old_title, old_title + " (revised)", 1), encoding="utf-8")
    assert load_cases(folder)[case_id].title.en == old_title + " (revised)"

    copy = folder / "zz_copy.yaml"
    copy.write_text(text.replace(case_id, "zz_copy", 1), encoding="utf-8")
    assert "zz_copy" in load_cases(folder)
    copy.unlink()
    assert "zz_copy" not in load_cases(folder)


def test_a_broken_file_is_reported_every_time(folder: Path) -> None:
    load_cases(folder)
    broken = folder / "zz_broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):  # an error is not cached away
        with pytest.raises(CaseLoadError, match="zz_broken"):
            load_cases(folder)
