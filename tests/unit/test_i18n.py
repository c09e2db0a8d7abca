"""Is every UI string there in Finnish, Swedish and English, and every used key defined?

Counts are gettext plural messages (msgid = key, msgid_plural = key + ".plural"); ``tn``
picks the form the file's Plural-Forms header gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.i18n import LANGS, LOCALE_DIR, catalogue, normalise_lang, plurals, t, tn

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # fi, sv and en alike
HEADER_PLACEHOLDERS = ("FULL NAME", "EMAIL@ADDRESS", "VERSION", "LL@li.org", "YEAR-MO-DA")
# the "{n} + noun" strings of the language review (2026-12, section 4) and those added since
COUNTED = {
    "refcard.result_count",
    "lint.ok",
    "lint.faults",
    "lint.in_files",
    "ws.cli_exported",
    "trainer.export_ready",
    "audit.cli.done",
    "audit.cli.sample_done",
    "audit.cli.input_problems",
    "problem.more_rows",
    "problem.more_lines",
    "audit.ui.done",
    "audit.ui.agreement",
    "audit.report.method_text",
    "audit.report.units",
}
# plain messages with a number before a plural noun that are not counts in need of a form
NOT_COUNTED = {
    "audit.ui.findings_partial",  # {kept} is the number of findings kept, thousands
    "cli.validate_ok",  # the content's own totals (45 signs …), never 1
    "serve.error.token_required",  # {host}, not a count
    "serve.error.port_in_use",  # {port}, not a count
}


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
    pattern = re.compile(r"""\btn?\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
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


# -- plural messages ----------------------------------------------------------------------


def _header(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('msgid ""')
    return text[start : text.index("\n\n", start)]


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(LOCALE_DIR)))
def test_every_catalogue_has_a_plural_forms_header_and_no_placeholders(path: Path) -> None:
    header = _header(path)
    assert f'"Plural-Forms: {PLURAL_FORMS}\\n"' in header
    assert [p for p in HEADER_PLACEHOLDERS if p in header] == []


def test_plural_keys_are_the_same_in_every_language() -> None:
    keys = {lang: set(plurals(lang)) for lang in LANGS}
    assert keys["fi"] == keys["sv"] == keys["en"]
    assert sorted(COUNTED - keys["fi"]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_key_has_both_forms(lang: str) -> None:
    for key, forms in plurals(lang).items():
        assert len(forms) == 2 and all(f.strip() for f in forms), (lang, key)


def test_plural_forms_have_the_same_placeholders_in_every_language() -> None:
    for key in plurals("en"):
        fields = {
            (lang, i): set(re.findall(r"{(\w+)}", form))
            for lang in LANGS
            for i, form in enumerate(plurals(lang)[key])
        }
        assert len({frozenset(f) for f in fields.values()}) == 1, key
        assert "n" in fields["en", 1], key


def test_no_plain_message_counts_a_plural_noun() -> None:
    """A number before a plural noun ("{n} signs") must be a plural message."""
    plain = set(catalogue("en")) - set(plurals("en"))
    counted = {
        key for key in plain if re.search(r"\{\w+\}\s+(?:\w+\s+)?[a-z]+s\b", catalogue("en")[key])
    }
    assert sorted(counted - NOT_COUNTED) == []


def _fill(text: str) -> dict[str, str]:
    return {name: f"<{name}>" for name in re.findall(r"{(\w+)}", text) if name != "n"}


@given(n=st.integers(min_value=0, max_value=10**7))
def test_tn_gives_the_singular_for_one_and_the_plural_otherwise(n: int) -> None:
    for lang in LANGS:
        for key, (singular, plural) in plurals(lang).items():
            fmt = _fill(singular + plural)
            expected = (singular if n == 1 else plural).format(n=n, **fmt)
            assert tn(key, n, lang, **fmt) == expected, (lang, key, n)
            assert t(key, lang, n=n, **fmt) == expected, (lang, key, n)  # t passes n on


def test_the_singular_reads_right_for_one() -> None:
    assert tn("refcard.result_count", 1, "fi") == "Löytyi 1 merkki."
    assert tn("refcard.result_count", 2, "fi") == "Löytyi 2 merkkiä."
    assert tn("audit.ui.done", 1, "sv") == "1 anteckning granskad."
    assert tn("audit.ui.done", 0, "en") == "Audited 0 records."
    files = tn("lint.in_files", 1, "en")
    assert tn("lint.faults", 1, "en", files=files) == "1 fault in 1 file."


def test_tn_refuses_a_key_that_is_not_a_plural_message() -> None:
    with pytest.raises(KeyError):
        tn("refcard.title", 2, "fi")
    with pytest.raises(KeyError):
        tn("no.such.key", 2, "fi")
