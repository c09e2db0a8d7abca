"""Does the fast two-stage disclosure matcher agree with one plain combined regex?"""

from __future__ import annotations

import re
from functools import cache

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import disclosure
from hoiku_lib.audit.sample import FILLER, HARD_NEGATIVES, HELP, INDICATOR

SENTENCES = [s for d in (FILLER, HARD_NEGATIVES, HELP, INDICATOR) for v in d.values() for s in v]
WORDS = sorted({w for s in SENTENCES for w in s.split()})


@cache
def _plain(rule_id: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in disclosure.compiled()[rule_id].patterns))


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_two_stage_matcher_equals_plain_alternation(words: list[str]) -> None:
    """For any mix of note words, do both matchers find something in the same notes?"""
    text = " ".join(words)
    for rule_id in disclosure.RULES:
        lower = text.lower()
        fast = disclosure.compiled()[rule_id].finditer(lower)
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
