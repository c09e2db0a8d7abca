"""Does every UI string the case and workshop code asks for exist in fi, sv and en?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hoiku_lib.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2] / "hoiku_lib"
SOURCES = [
    *sorted((ROOT / "cases").glob("*.py")),
    *sorted((ROOT / "workshop").glob("*.py")),
    ROOT / "ui" / "case_app.py",
    ROOT / "ui" / "trainer_app.py",
    ROOT / "ui" / "_case_html.py",
]
KEY = re.compile(r'"((?:lint|grade|ws|case|trainer)\.[a-z_]+)"')
DYNAMIC = [  # built with f-strings in grading.feedback
    f"grade.{target}_{kind}"
    for target, kinds in (
        ("sign", ("found", "missed", "wrong")),
        ("action", ("right", "missing", "wrong")),
    )
    for kind in kinds
] + ["grade.action_missing_critical", "grade.action_wrong_critical"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_used_key_exists(lang: str) -> None:
    used = {k for path in SOURCES for k in KEY.findall(path.read_text(encoding="utf-8"))}
    used |= set(DYNAMIC)
    assert sorted(k for k in used if not catalogue(lang).get(k, "").strip()) == []


def test_cases_catalogues_have_the_same_keys() -> None:
    keys = {}
    for lang in ("fi", "sv", "en"):
        po = ROOT / "locale" / lang / "LC_MESSAGES" / "cases.po"
        keys[lang] = set(re.findall(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), re.M))
    assert keys["fi"] == keys["sv"] == keys["en"] and len(keys["fi"]) > 50
