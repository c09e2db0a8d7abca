"""No Finnish or Swedish string uses a term the glossary (docs/glossary.md) marks as avoided.

Checked: every msgstr of the fi and sv catalogues, and the fi and sv values of every mapping
with fi/sv/en keys in hoiku_lib/data/*.yaml and hoiku_lib/data/cases/*.yaml. A fault names
the file, the key path and
the term found, nothing more.

Not checked: ``cues`` and ``mentions``. They are recognisers of other people's words (the audit
matches cues in client records, the card's search matches them in what a user types, lint
matches mentions in the vignettes), so an avoided variant there finds what someone else wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from hoiku_lib.package_data import CASES_DIR, DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
LOCALE = ROOT / "hoiku_lib" / "locale"
CHECKED = ("fi", "sv")
CONTENT_LANGS = {"fi", "sv", "en"}
RECOGNISERS = {"cues", "mentions"}  # words matched in others' text, not text the product writes


@dataclass(frozen=True)
class Avoid:
    lang: str
    pattern: re.Pattern[str]
    exceptions: tuple[re.Pattern[str], ...]
    scope: str  # "all" or "po"

    def found(self, text: str) -> list[str]:
        """The avoided terms in text, leaving out those inside an allowed phrase."""
        allowed = [m.span() for e in self.exceptions for m in e.finditer(text)]
        return [
            m.group(0)
            for m in self.pattern.finditer(text)
            if not any(a <= m.start() and m.end() <= b for a, b in allowed)
        ]


def glossary_block() -> dict:
    match = re.search(r"```yaml\n(.*?)```", GLOSSARY.read_text(encoding="utf-8"), re.S)
    assert match, "docs/glossary.md has no ```yaml block"
    return yaml.safe_load(match.group(1))


def avoided() -> list[Avoid]:
    rules = []
    for entry in glossary_block()["avoid"]:
        term = entry["term"]
        if entry.get("word", True):
            term = rf"(?<!\w)(?:{term})(?!\w)"
        rules.append(
            Avoid(
                lang=entry["lang"],
                pattern=re.compile(term, re.I),
                exceptions=tuple(re.compile(e, re.I) for e in entry.get("except", [])),
                scope=entry.get("scope", "all"),
            )
        )
    return rules


RULES = avoided()


def po_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(key path, text) of every msgstr; a plural form is key[i]."""
    with path.open("rb") as fh:
        catalogue = read_po(fh)
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            for i, form in enumerate(message.string):
                yield f"{message.id[0]}[{i}]", str(form)
        else:
            yield str(message.id), str(message.string)


def _step(key: object, value: object) -> str:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return f"[{value['id']}]"
    return f"[{key}]" if isinstance(key, int) else f".{key}"


def content_strings(node: object, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(lang, key path, text) of the fi and sv values of every {fi, sv, en} mapping."""
    if isinstance(node, dict):
        is_text = len(CONTENT_LANGS & set(node)) >= 2
        for key, value in node.items():
            if key in RECOGNISERS:
                continue
            here = f"{path}{_step(key, value)}"
            if is_text and key in CHECKED:
                if isinstance(value, str):
                    yield str(key), here.lstrip("."), value
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, str):
                            yield str(key), f"{here}[{i}]".lstrip("."), item
            else:
                yield from content_strings(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from content_strings(item, f"{path}{_step(i, item)}")


def faults(lang_path_text: Iterator[tuple[str, str, str]], *, po: bool) -> list[str]:
    out = []
    for lang, key_path, text in lang_path_text:
        for rule in RULES:
            if rule.lang != lang or (rule.scope == "po" and not po):
                continue
            out += [f"{key_path}: {term!r}" for term in rule.found(text)]
    return out


PO_FILES = sorted(p for lang in CHECKED for p in (LOCALE / lang / "LC_MESSAGES").glob("*.po"))
YAML_FILES = sorted(DATA_DIR.glob("*.yaml")) + sorted(CASES_DIR.glob("*.yaml"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _report(path: Path, found: list[str]) -> None:
    if found:
        lines = "\n".join(f"  {line}" for line in dict.fromkeys(found))
        pytest.fail(f"{_rel(path)}: avoided terms (docs/glossary.md)\n{lines}", pytrace=False)


@pytest.mark.parametrize("path", PO_FILES, ids=_rel)
def test_no_avoided_term_in_the_catalogues(path: Path) -> None:
    lang = path.parents[1].name
    _report(path, faults(((lang, k, s) for k, s in po_strings(path)), po=True))


@pytest.mark.parametrize("path", YAML_FILES, ids=_rel)
def test_no_avoided_term_in_the_content(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _report(path, faults(content_strings(data), po=False))


# -- the glossary itself ------------------------------------------------------------------


def test_every_entry_is_well_formed() -> None:
    for entry in glossary_block()["avoid"]:
        assert {"lang", "term", "use", "note"} <= set(entry), entry
        assert set(entry) <= {"lang", "term", "use", "note", "except", "word", "scope"}, entry
        assert entry["lang"] in CHECKED, entry
        assert entry.get("scope", "all") in {"all", "po"}, entry
        assert isinstance(entry["use"], str) and entry["use"].strip(), entry


def _hits(lang: str, text: str, *, po: bool = False) -> list[str]:
    return [term.split(": ", 1)[1] for term in faults(iter([(lang, "k", text)]), po=po)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Tecken på exploatering.", ["'exploatering'"]),
        ("sv", "Det gäller arbetsrelaterad exploatering.", []),
        ("sv", "Exploatörerna hotar henne.", ["'Exploatörerna'"]),
        ("sv", "när hon eller han söker hjälp", ["'hon eller han'"]),
        ("sv", "Hen bor på mottagningscentralen.", []),
        ("sv", "Hon bor på förläggningen.", ["'förläggningen'"]),
        ("sv", "Tecknen syns.", []),
        ("sv", "Kännetecknet saknas.", ["'Kännetecknet'"]),
        ("fi", "Auditointimuistio ja muistiot", ["'Auditointimuistio'", "'muistiot'"]),
        ("fi", "Harhaanjohtava ilmoitus, harhaanjohdettu työntekijä.", ["'harhaanjohdettu'"]),
        ("fi", "Riskitiedot - haavoittuvassa asemassa", ["' - '"]),
        ("fi", "Riskitiedot: ”haavoittuvassa asemassa” – ja 0–17 v.", []),
        ("fi", 'Hän sanoi "ei".', ["'\"'", "'\"'"]),
        ("fi", "Cohen's kappa", []),
        ("fi", "50 e/vrk", ["'e/vrk'"]),
        ("fi", "henkilötunnus ja tunnuskoodi", []),
        ("sv", "Ingen fast adress, fast hon bor här.", ["'fast'"]),
        ("sv", "social- och hälsovården; Buk- röntgen", ["'Buk- röntgen'"]),
        ("fi", "sosiaali- ja terveysalalla; patientti- tiedot", ["'patientti- tiedot'"]),
    ],
)
def test_the_rules_catch_what_they_should_and_nothing_else(lang, text, expected) -> None:
    assert _hits(lang, text) == expected


def test_a_po_only_rule_is_checked_in_the_catalogues_only() -> None:
    assert _hits("fi", "tunnuksen pitää olla sama", po=True) == ["'tunnuksen'"]
    assert _hits("fi", "aseellisen ryhmän tunnus", po=False) == []


def test_content_paths_name_ids_and_indices() -> None:
    data = {
        "items": [
            {"id": "a1", "label": {"fi": "x", "sv": "y", "en": "z"}},
            {"t": ["w"], "cues": {"fi": ["harhaanjoh"], "sv": ["förläggning"], "en": []}},
        ]
    }
    assert list(content_strings(data)) == [
        ("fi", "items[a1].label.fi", "x"),
        ("sv", "items[a1].label.sv", "y"),
    ]
