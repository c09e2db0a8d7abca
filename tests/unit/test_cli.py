"""Do `hoiku taxonomy` and `hoiku assess` answer DESIGN.md's contracts, and fail kindly?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sample_signs import element, weakest

from hoiku_lib.cli import main
from hoiku_lib.content import load_content

CONTENT = load_content()
EXP = ",".join(element("exploitation"))  # exploitation signs weighing 3: the element
CTL = ",".join(element("control"))
WEAK = weakest("exploitation")  # on its own never more than "low"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_taxonomy_json_contract(capsys, lang):
    code, out, _ = run(capsys, "taxonomy", "--json", "--lang", lang)
    assert code == 0
    data = json.loads(out)
    assert [c["id"] for c in data["categories"]] == ["exploitation", "control", "vulnerability"]
    assert len(data["indicators"]) == len(CONTENT.indicators)
    for ind in data["indicators"]:
        assert {"id", "category", "label", "strength", "source"} <= ind.keys()
        assert ind["label"] == CONTENT.indicators[ind["id"]].label[lang]
        assert ind["strength"] in ("strong", "medium", "weak")
        assert ind["source"]["in_guide"] is (ind["source"]["id"] == "guide")
        if not ind["source"]["in_guide"]:
            assert ind["source"]["citation"] and ind["source"]["date"]
    held = next(i for i in data["indicators"] if i["id"] == "ctl_documents_held")
    assert held["source"]["in_guide"] is False  # not in the guide, and it says so


def test_assess_json_contract_for_a_child(capsys):
    code, out, _ = run(capsys, "assess", "--indicators", EXP, "--age", "15", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"level", "child", "actions", "duties", "basis", "reasons"} <= data.keys()
    assert data["level"] == "high" and data["child"] is True
    assert {"police_report", "child_protection_notice"} <= set(data["duties"])
    assert set(data["duties"]) <= set(data["actions"])
    for duty in data["duties"]:
        assert data["basis"][duty] and all(b["law"] in CONTENT.laws for b in data["basis"][duty])
        assert all(b["citation"] and b["condition"] for b in data["basis"][duty])
    assert all(r["text"] for r in data["reasons"])


def test_one_weak_sign_for_a_child_gives_no_duty(capsys):
    code, out, _ = run(capsys, "assess", "--indicators", WEAK, "--age", "15", "--json")
    data = json.loads(out)
    assert code == 0 and data["level"] == "low"
    assert data["actions"] == [] and data["duties"] == [] and data["basis"] == {}


def test_assess_consent_no_gives_ngo(capsys):
    code, out, _ = run(
        capsys, "assess", "--indicators", f"{EXP},{CTL}", "--age", "30", "--consent", "no", "--json"
    )
    data = json.loads(out)
    assert code == 0 and "refer_ngo" in data["actions"]
    assert "refer_assistance_system" not in data["actions"]


def test_assess_for_a_person_prints_the_disclaimer_and_actions(capsys):
    code, out, _ = run(capsys, "assess", "--indicators", EXP, "--age-uncertain", "--lang", "en")
    assert code == 0
    assert "training aid" in out
    assert CONTENT.actions["police_report"].label["en"] in out


def test_unknown_indicator_is_named_with_a_suggestion(capsys):
    first = EXP.split(",")[0]
    code, out, err = run(capsys, "assess", "--indicators", f"{first}x", "--json")
    assert code != 0 and out == ""
    assert f"{first}x" in err and first in err
    assert "Traceback" not in err


@pytest.mark.parametrize("age", ["-1", "500", "kymmenen"])
def test_absurd_age_is_refused(capsys, age):
    code, out, err = run(capsys, "assess", "--indicators", EXP, f"--age={age}")
    assert code != 0 and out == ""
    assert "--age" in err and "Traceback" not in err


def test_bad_flag_value_names_the_flag(capsys):
    code, _, err = run(capsys, "assess", "--indicators", EXP, "--consent", "maybe")
    assert code != 0 and "--consent" in err


def test_bad_language_is_refused(capsys):
    code, _, err = run(capsys, "taxonomy", "--lang", "de")
    assert code != 0 and "de" in err


def test_validate_reports_the_content(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0 and str(len(CONTENT.indicators)) in out


def test_console_script_is_installed():
    done = subprocess.run(
        [sys.executable, "-m", "hoiku_lib.cli", "assess", "--indicators", CTL, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["level"] == "elevated"  # control alone, no exploitation
