"""Is a broken disclosure pattern file refused by file and key, before any note is read?"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hoiku_lib.audit.disclosure import PATTERN_FILE
from hoiku_lib.audit.patterns_schema import check_patterns
from hoiku_lib.cli import main
from hoiku_lib.content import ContentError, load_content


def _broken(tmp_path: Path, change) -> Path:  # noqa: ANN001
    doc = yaml.safe_load(PATTERN_FILE.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "disclosure_patterns.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_the_bundled_file_is_valid() -> None:
    """Does the committed pattern file pass every check, cue indicators included?"""
    check_patterns(PATTERN_FILE, set(load_content().indicators))


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        (lambda d: d["rules"]["indicator_disclosure"]["fi"].append("(unclosed"), "fi[", "valid"),
        (lambda d: d["rules"]["help_request_disclosure"]["en"].append(r"\w+ help"), "en[", "3 lit"),
        (lambda d: d["rules"]["indicator_disclosure"]["sv"].append(r"\Whot"), "sv[", "lower-case"),
        (
            lambda d: d["sentence_rules"]["indicator_disclosure"].append(["nosuch"]),
            "sentence",
            "nosuch",
        ),
        (
            lambda d: d["cue_indicators"]["indicator_disclosure"].append("exp_nosuch"),
            "cue",
            "exp_nosuch",
        ),
        (lambda d: d.update(extra_key=1), "extra_key", "xtra"),
        (lambda d: d["rules"].update(other_rule={"fi": ["abcd"]}), "rules.other_rule", ""),
    ],
)
def test_a_fault_names_its_key(tmp_path: Path, change, key: str, reason: str) -> None:  # noqa: ANN001
    """Does each kind of fault raise ContentError naming the file, the key and why?"""
    path = _broken(tmp_path, change)
    with pytest.raises(ContentError) as err:
        check_patterns(path, set(load_content().indicators))
    text = str(err.value)
    assert path.name in text and key in text and reason in text


def test_hoiku_validate_checks_the_patterns(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does `hoiku validate DIR` fail with the pattern file's fault and exit 1?"""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(PATTERN_FILE.parents[1], data)
    target = data / "audit" / "disclosure_patterns.yaml"
    target.write_text(
        _broken(
            tmp_path, lambda d: d["rules"]["indicator_disclosure"]["fi"].append("(x")
        ).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert main(["validate", str(data)]) == 1
    assert "disclosure_patterns.yaml" in capsys.readouterr().err
