"""Does every audit rule flag exactly its fail rows, and does the registry refuse bad rules?"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from hoiku_lib.audit.detect import Detections, detect
from hoiku_lib.audit.rules import (
    RULE_IDS,
    Rule,
    RuleDefinitionError,
    all_rules,
    check_rule_keys,
    detected_by,
    register,
)
from hoiku_lib.audit.validate import validate_and_type

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "audit_rules"


def _cases() -> list:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            params.append(pytest.param(doc["rule"], case, id=f"{doc['rule']}-{case['id']}"))
    return params


def _run(rule_id: str, row: dict) -> tuple[bool, bool, str]:
    base = {"record_id": "r1", "unit": "U", "note_text": ""}
    df, _ = validate_and_type(pd.DataFrame([{**base, **row}]))
    rule = {r.id: r for r in all_rules()}[rule_id]
    applies, finding, evidence = rule.check(df, detect(df))
    return bool(applies.iloc[0]), bool(finding.iloc[0]), str(evidence.iloc[0])


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_rule_case(rule_id: str, case: dict) -> None:
    """Is each fixture row judged as its file says (pass, fail or not applicable)?"""
    applies, finding, evidence = _run(rule_id, case["row"])
    if case["expect"] == "fail":
        assert applies and finding and evidence
    elif case["expect"] == "pass":
        assert applies and not finding
    else:
        assert not applies and not finding


def test_every_rule_has_pass_and_fail_cases() -> None:
    """Does every registered rule have a fixture file with a pass and a fail case?"""
    for rule in all_rules():
        doc = yaml.safe_load((FIXTURES / f"{rule.id}.yaml").read_text(encoding="utf-8"))
        expects = {c["expect"] for c in doc["cases"]}
        assert {"pass", "fail"} <= expects, rule.id
    assert [r.id for r in all_rules()] == list(RULE_IDS)


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "", "summary": "audit.rule.x", "ref": "IV.rec"},
        {"id": "x_rule", "summary": "", "ref": "IV.rec"},
        {"id": "x_rule", "summary": "audit.rule.x", "ref": ""},
    ],
)
def test_registry_refuses_incomplete_rule(bad: dict) -> None:
    """Is a rule without id, summary or guide reference refused?"""
    with pytest.raises(RuleDefinitionError):
        register(Rule(check=lambda df, found: (df, df, df), severity="high", **bad))


def test_evidence_of_personal_data_is_masked() -> None:
    """Does personal_data evidence hold only (neutral) mask tokens?"""
    from hoiku_lib.audit.pii import MASKS

    _, finding, evidence = _run("personal_data", {"note_text": "Puh. 040 123 4567"})
    assert finding and "040" not in evidence and evidence == MASKS["phone"]


def test_registry_names_the_disclosure_rules_in_order() -> None:
    """Is the registry the one list: the disclosure detector's rules, the pattern file's and
    the word model's keys all come from it, in its order?"""
    from hoiku_lib.audit import disclosure
    from hoiku_lib.audit.disclosure import compiled
    from hoiku_lib.audit.word_model import models

    assert detected_by("disclosure") == ("indicator_disclosure", "help_request_disclosure")
    assert detected_by("identifiers") == ("personal_data",)
    assert disclosure.RULES == detected_by("disclosure")
    assert tuple(compiled()) == disclosure.RULES
    assert set(models().rule_ids) == set(disclosure.RULES)
    assert check_rule_keys(["indicator_disclosure"], "rules") == []
    assert check_rule_keys(["unsafe_contact", "typo_rule"], "rules") == [
        (
            "rules.unsafe_contact",
            "not a disclosure rule of the registry (indicator_disclosure, help_request_disclosure)",
        ),
        (
            "rules.typo_rule",
            "not a disclosure rule of the registry (indicator_disclosure, help_request_disclosure)",
        ),
    ]


def test_pattern_and_model_files_with_an_unknown_rule_key_are_refused(tmp_path: Path) -> None:
    """Does a pattern or model file keyed by a rule the registry does not know fail loudly,
    naming the key?"""
    from hoiku_lib.audit.patterns_schema import check_patterns
    from hoiku_lib.audit.word_model import MODEL_FILE, check_model
    from hoiku_lib.content import ContentError

    patterns = {
        "schema_version": 1,
        "near": " ",
        "w": r"\\w",
        "rules": {"indicator_disclosure": {"fi": ["passi"]}, "help_request": {"fi": ["apua"]}},
    }
    path = tmp_path / "patterns.yaml"
    path.write_text(yaml.safe_dump(patterns), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check_patterns(path)
    assert "rules.help_request" in str(caught.value)
    model = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    model["rules"]["unmarked_outgoing"] = model["rules"]["indicator_disclosure"]
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(model), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check_model(path)
    assert "rules.unmarked_outgoing" in str(caught.value)


def test_detections_are_typed_and_masked() -> None:
    """Does the detection stage give, row for row, the masked note, the identifier kinds
    and the disclosure evidence, with no identifier left in any text?"""
    rows = [
        {
            "record_id": "r1",
            "unit": "U",
            "note_text": "Puh. 040 123 4567. Työnantaja pitää passia.",
        },
        {"record_id": "r2", "unit": "U", "note_text": "Ok.", "risk_flag": "hetu 131052-308T"},
    ]
    df, _ = validate_and_type(pd.DataFrame(rows))
    found = detect(df)
    assert isinstance(found, Detections)
    assert list(found.kinds) == [("phone",), ("hetu",)]
    assert "040" not in found.masked_note.iloc[0] and "[ǂphone]" in found.masked_note.iloc[0]
    assert found.masked_risk.iloc[1] == "hetu [ǂhetu]"
    assert set(found.evidence) == set(detected_by("disclosure"))
    assert found.evidence["indicator_disclosure"].iloc[0] != ""
    assert found.evidence["indicator_disclosure"].iloc[1] == ""
    assert found.verdict() == (True, 0)
