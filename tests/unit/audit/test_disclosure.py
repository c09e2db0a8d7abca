"""Does the fast two-stage disclosure matcher agree with one plain combined regex?"""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import disclosure
from hoiku_lib.audit.sample import FILLER, HARD_NEGATIVES, HELP, INDICATOR
from hoiku_lib.package_data import TRAINING_DIR

SENTENCES = [s for d in (FILLER, HARD_NEGATIVES, HELP, INDICATOR) for v in d.values() for s in v]
WORDS = sorted({w for s in SENTENCES for w in s.split()})


@cache
def _plain(rule_id: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in disclosure.compiled()[rule_id].patterns))


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_two_stage_matcher_equals_plain_alternation(words: list[str]) -> None:
    """For any mix of note words, do both matchers find something in the same notes?"""
    lower = " ".join(words).lower()
    prefixes, _ = disclosure._scan(lower, [0])  # the audit's own Aho-Corasick scan
    for rule_id in disclosure.RULES:
        fast = disclosure.compiled()[rule_id].run(lower, prefixes.get((rule_id, 0), []))
        assert bool(fast) == bool(_plain(rule_id).search(lower))


def test_hard_negatives_do_not_fire() -> None:
    """Does ordinary health talk (aids, home help, study loan, passport photo …) pass?"""
    doc = yaml.safe_load(disclosure.PATTERN_FILE.read_text(encoding="utf-8"))
    for text in doc["hard_negatives"]:
        for rule_id in disclosure.RULES:
            assert disclosure.find(rule_id, text) == [], (rule_id, text)


def test_literal_prefixes() -> None:
    """Are a pattern's required leading literals found, and a weak start refused?"""
    assert disclosure.literal_prefixes(r"vel(?:ka|a)[\w]*x") == {"velka", "vela"}
    assert disclosure.literal_prefixes(r"\bpassi(?!kuva)\w*") == {"passi"}
    assert disclosure.literal_prefixes(r"\w+ foo") is None


def test_sentence_rules_need_every_concept_in_one_sentence() -> None:
    """Does a controller plus a coercive act fire only within one sentence?"""
    assert disclosure.find("indicator_disclosure", "Pomo uhkaa lähettää hänet kotiin.")
    assert not disclosure.find("indicator_disclosure", "Pomo soitti. Uhka keskenmenosta.")
    assert disclosure.find("help_request_disclosure", "She asked how to leave her employer.")
    assert not disclosure.find("help_request_disclosure", "She asked to leave. Employer called.")


def test_every_pattern_has_a_literal_start() -> None:
    """Is each pattern tried only where its literal start (≥ 3 characters) occurs?"""
    for rule_id, matcher in disclosure.compiled().items():
        assert matcher.always == (), rule_id
        assert all(len(prefix) >= 3 for prefix in matcher.by_prefix), rule_id


@cache
def _doc() -> dict:
    return yaml.safe_load(disclosure.PATTERN_FILE.read_text(encoding="utf-8"))


def test_concepts_are_defined_used_and_excluded_by_name() -> None:
    """Does every combination name defined concepts, and every concept serve a combination?"""
    doc = _doc()
    concepts = set(doc["concepts"])
    used = {c for combos in doc["sentence_rules"].values() for combo in combos for c in combo}
    assert used <= concepts, used - concepts
    assert concepts <= used, concepts - used
    assert set(doc.get("concept_exclusions") or {}) <= concepts


def test_longer_stems_keep_the_concepts_of_the_stems_they_hold() -> None:
    """Does a longer stem list the concepts of every stem it starts with or holds?

    A word counts only for its longest stem, and a multi-word stem consumes the words it
    spans: without this, "kun työnantaja" (presence) would silently stop being a controller.
    Taking a word out of a concept on purpose is done with concept_exclusions."""
    doc = _doc()
    missing = []
    for combos in doc["sentence_rules"].values():
        used = {c for combo in combos for c in combo}
        stems: dict[str, set[str]] = {}
        for name in used:
            for lang_stems in doc["concepts"][name].values():
                for stem in lang_stems:
                    stems.setdefault(stem.lower(), set()).add(name)
        for stem, names in stems.items():
            starts = [0] + [
                i for i in range(1, len(stem)) if not stem[i - 1].isalnum() and stem[i].isalnum()
            ]
            for other, other_names in stems.items():
                if other != stem and any(stem.startswith(other, i) for i in starts):
                    missing += [(stem, other, c) for c in other_names - names]
    assert not missing, missing[:20]


HANDMADE = yaml.safe_load((TRAINING_DIR / "disclosure_handmade.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", HANDMADE["indicator_paraphrases"])
def test_indicator_paraphrases_fire(text: str) -> None:
    """Does a sign said in other words than the patterns' examples still count?"""
    assert disclosure.find("indicator_disclosure", text), text


@pytest.mark.parametrize("text", HANDMADE["help_paraphrases"])
def test_help_paraphrases_fire(text: str) -> None:
    """Does a request to get out said in other words still count?"""
    assert disclosure.find("help_request_disclosure", text), text


@pytest.mark.parametrize("text", HANDMADE["near_misses"])
def test_near_misses_do_not_fire(text: str) -> None:
    """Does ordinary care talk that shares the words stay quiet?"""
    for rule_id in disclosure.RULES:
        assert disclosure.find(rule_id, text) == [], (rule_id, text)
