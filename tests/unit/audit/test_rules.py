"""Does every audit rule flag exactly its fail rows, and does the registry refuse bad rules?"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from hoiku_lib.audit.rules import RULE_IDS, Rule, RuleDefinitionError, all_rules, register
from hoiku_lib.audit.rules._common import prepare
from hoiku_lib.audit.validate import normalise

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
    df = normalise(pd.DataFrame([{**base, **row}]))
    rule = {r.id: r for r in all_rules()}[rule_id]
    applies, finding, evidence = rule.check(prepare(df))
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
        register(Rule(check=lambda df: (df, df, df), severity="high", **bad))


def test_evidence_of_personal_data_is_masked() -> None:
    """Does personal_data evidence hold only mask tokens?"""
    _, finding, evidence = _run("personal_data", {"note_text": "Puh. 040 123 4567"})
    assert finding and "040" not in evidence and evidence == "[PUHELIN]"
