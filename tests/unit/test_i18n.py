"""Is every UI string there in Finnish, Swedish and English, and every used key defined?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hoiku_lib.i18n import LANGS, catalogue, normalise_lang, t

ROOT = Path(__file__).resolve().parents[2]


def all_keys() -> set[str]:
    return set().union(*(catalogue(lang).keys() for lang in LANGS))


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_exists_and_is_nonempty_in_every_language(lang):
    missing = sorted(k for k in all_keys() if not catalogue(lang).get(k, "").strip())
    assert missing == []


def test_placeholders_agree_across_languages():
    for key in all_keys():
        fields = {lang: set(re.findall(r"{(\w+)}", catalogue(lang)[key])) for lang in LANGS}
        assert fields["fi"] == fields["sv"] == fields["en"], key


def test_every_literal_key_used_in_code_is_defined():
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    used = set()
    for path in (ROOT / "hoiku_lib").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert sorted(used - all_keys()) == []


def test_dynamic_keys_are_defined():
    for level in ("none", "low", "elevated", "high"):
        for lang in LANGS:
            assert t(f"level.{level}", lang)


@pytest.mark.parametrize(
    ("given", "expected"), [("sv-FI", "sv"), ("en_GB", "en"), (None, "fi"), ("de", "fi")]
)
def test_language_codes_are_normalised(given, expected):
    assert normalise_lang(given) == expected


def test_a_missing_key_is_an_error_not_a_raw_key():
    with pytest.raises(KeyError):
        t("no.such.key", "fi")
