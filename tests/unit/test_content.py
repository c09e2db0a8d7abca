"""Does the content load, cover the guide, and fail with the file and key of a fault?"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from hoiku_lib.content import DATA_DIR, FILES, ContentError, load_content
from hoiku_lib.i18n import LANGS

CONTENT = load_content()
CONTENT_FILES = sorted(FILES.values())
DOC = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text()


def test_every_documented_indicator_id_is_in_the_taxonomy():
    documented = {
        word.strip("`,")
        for word in DOC.split()
        if word.strip("`,").startswith(("exp_", "ctl_", "vul_"))
    }
    assert documented == set(CONTENT.indicators)


def test_every_category_has_signs_questions_and_advice():
    for cat in CONTENT.categories:
        assert len(CONTENT.indicators_in(cat.id)) >= 5
        assert cat.help_questions and cat.advice


def test_means_of_pressure_are_control_signs():
    pressure = [i for i in CONTENT.indicators.values() if i.kind == "pressure"]
    assert len(pressure) >= 6
    assert {i.category for i in pressure} == {"control"}


def test_all_forms_of_section_two():
    assert set(CONTENT.forms) >= {
        "labour",
        "domestic_work",
        "seasonal_work",
        "sexual",
        "forced_marriage",
        "begging",
        "forced_criminality",
        "forced_recruitment",
        "organ_trade",
    }


def test_a_resource_date_is_a_real_check_and_known_changes_are_noted():
    """Review F8: no invented "last checked" date; a checked resource says what it was
    checked against, an unchecked one has none and is shown as "as in the 2017 guide"."""
    for res in CONTENT.resources:
        if res.last_verified is not None:
            assert res.last_verified.year >= 2026 and res.verified_against
    assert any(n.since.year == 2023 for n in CONTENT.notices)


def test_every_law_a_basis_or_notice_names_exists_and_every_duty_has_one():
    for action in CONTENT.actions.values():
        assert all(b.law in CONTENT.laws for b in action.basis)
        assert not action.duty or action.basis
    for notice in CONTENT.notices:
        assert set(notice.laws) <= set(CONTENT.laws)
    for law in CONTENT.laws.values():
        assert law.finlex.startswith(("https://www.finlex.fi/", "https://finlex.fi/"))
        if law.checked is not None:
            assert law.checked_against


def test_every_reference_names_a_place_in_the_guide():
    refs = {i.ref for i in CONTENT.indicators.values()} | {c.ref for c in CONTENT.categories}
    refs |= {a.ref for a in CONTENT.actions.values()} | {r.ref for r in CONTENT.resources}
    refs |= {n.ref for n in CONTENT.context_notes.values()} | {f.ref for f in CONTENT.facts}
    assert refs <= set(CONTENT.places)


def test_a_sign_outside_the_guide_says_where_it_comes_from():
    held = CONTENT.indicators["ctl_documents_held"]
    assert not held.in_guide and held.source in CONTENT.sources
    for ind in CONTENT.indicators.values():
        assert ind.in_guide or ind.source in CONTENT.sources


def test_labels_are_short_in_every_language():
    for ind in CONTENT.indicators.values():
        for lang in LANGS:
            assert 0 < len(ind.label[lang]) < 90, (ind.id, lang)


def test_a_fault_names_file_and_key(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    raw = yaml.safe_load((tmp_path / "taxonomy.yaml").read_text(encoding="utf-8"))
    del raw["indicators"][2]["label"]["sv"]
    (tmp_path / "taxonomy.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "taxonomy.yaml" in str(err.value)
    assert "indicators[2].label.sv" in str(err.value)


def test_an_unknown_indicator_in_resources_is_named(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    raw = yaml.safe_load((tmp_path / "resources.yaml").read_text(encoding="utf-8"))
    raw["resources"][0]["relevant_when"]["indicators"] = ["exp_no_such_sign"]
    (tmp_path / "resources.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "resources.yaml" in str(err.value) and "exp_no_such_sign" in str(err.value)


def test_broken_yaml_names_the_line(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    (tmp_path / "actions.yaml").write_text("actions: [\n  - id: x\n", "utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "actions.yaml" in str(err.value) and "line" in str(err.value)


def test_a_basis_naming_an_unknown_law_is_refused_with_file_and_key(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    raw = yaml.safe_load((tmp_path / "actions.yaml").read_text(encoding="utf-8"))
    police = next(n for n, a in enumerate(raw["actions"]) if a["id"] == "police_report")
    raw["actions"][police]["basis"][0]["law"] = "no_such_law"
    (tmp_path / "actions.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "actions.yaml" in str(err.value) and f"actions[{police}].basis[0].law" in str(err.value)


def test_a_duty_without_a_basis_is_refused(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    raw = yaml.safe_load((tmp_path / "actions.yaml").read_text(encoding="utf-8"))
    police = next(n for n, a in enumerate(raw["actions"]) if a["id"] == "police_report")
    raw["actions"][police]["basis"] = []
    (tmp_path / "actions.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as err:
        load_content(tmp_path)
    assert "actions.yaml" in str(err.value) and f"actions[{police}]" in str(err.value)
