"""Does the one-pass disclosure scan give what the plain two steps give?

The audit tries each pattern as the block's Aho-Corasick scan finds its prefix and gathers a
note's concepts as bits (``disclosure._rule_matches``); the plain path first lists every
prefix hit and concept per note (``disclosure._scan``), then runs ``Matcher.run`` and
``SentenceRules.may_fire`` on them. Both must give the same matched words for any notes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import disclosure
from hoiku_lib.audit.blocks import joined
from hoiku_lib.audit.sample import FILLER, HARD_NEGATIVES, HELP, INDICATOR

SENTENCES = [s for d in (FILLER, HARD_NEGATIVES, HELP, INDICATOR) for v in d.values() for s in v]
WORDS = sorted({w for s in SENTENCES for w in s.split()})
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(SENTENCES), st.sampled_from(". \n"))
NOTES = st.lists(st.lists(PIECES, max_size=30).map(" ".join), min_size=1, max_size=12)


def _plain(texts: list[str], lower: str, starts: list[int]) -> dict[str, list[list[str]]]:
    """The pattern and concept-rule evidence as the audit found it before the one-pass scan."""
    result: dict[str, list[list[str]]] = {r: [[] for _ in texts] for r in disclosure.RULES}
    prefixes, concepts = disclosure._scan(lower, starts)
    for rule_id in disclosure.RULES:
        matcher, out = disclosure.compiled()[rule_id], result[rule_id]
        for n in {n for r, n in prefixes if r == rule_id}:
            start, end = starts[n], starts[n] + len(texts[n])
            found = matcher.run(lower, prefixes.get((rule_id, n), []), start, end)
            out[n] = [texts[n][m.start() - start : m.end() - start].strip() for m in found]
    for (rule_id, n), names in concepts.items():
        rules, out = disclosure.sentence_rules()[rule_id], result[rule_id]
        if out[n] or not rules.may_fire(names):
            continue
        spans = rules.finditer(lower[starts[n] : starts[n] + len(texts[n])])
        if spans:
            out[n] = [disclosure._quote(texts[n], spans)]
    return result


@settings(max_examples=150, deadline=None)
@given(notes=NOTES)
def test_one_pass_scan_equals_plain_path(notes: list[str]) -> None:
    texts, lower, starts = disclosure._lowered(notes)
    fast: dict[str, list[list[str]]] = {r: [[] for _ in texts] for r in disclosure.RULES}
    disclosure._rule_matches(fast, texts, lower, starts)
    assert fast == _plain(texts, lower, starts)


def test_one_pass_scan_finds_something() -> None:
    """The property above is not vacuous: the generated notes do hold disclosures."""
    notes = [" ".join(INDICATOR["fi"][:3]), "Verenpaine hyvä.", " ".join(HELP["sv"][:2])]
    texts, lower, starts = disclosure._lowered(notes)
    fast: dict[str, list[list[str]]] = {r: [[] for _ in texts] for r in disclosure.RULES}
    disclosure._rule_matches(fast, texts, lower, starts)
    assert fast == _plain(texts, lower, starts)
    assert fast["indicator_disclosure"][0] and not fast["indicator_disclosure"][1]
    assert fast["help_request_disclosure"][2]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_concept_bits_fire_as_concept_sets(data: st.DataObject) -> None:
    """may_fire_mask of a set's bits is may_fire of the set, for any set of concepts."""
    for rules in disclosure.sentence_rules().values():
        names = sorted(rules.concept_bits)
        chosen = set(data.draw(st.lists(st.sampled_from(names), max_size=8)))
        combo = data.draw(st.sampled_from(rules.combo_sets))
        for concepts in (chosen, chosen | combo):
            assert rules.may_fire_mask(rules.mask(concepts)) == rules.may_fire(concepts)


def test_later_literals() -> None:
    """Is what must follow each near window found, and no window no set?"""
    near = r"[^\w.!?;]+(?:[\w\[\]]+[^\w.!?;]+){0,5}?"
    assert disclosure.later_literals(rf"pelkää\w*{near}(?:poliisi|pomo)\w*") == [
        {"poliisi", "pomo"}
    ]
    assert disclosure.later_literals(rf"(?:pyys|pyyt)\w*{near}apua{near}(?:pois|irti)") == [
        {"apua"},
        {"pois", "irti"},
    ]
    assert disclosure.later_literals(r"passi(?!kuva)\w*") == []  # no window
    assert disclosure.later_literals(rf"pyysi{near}(?:on|\w+)") == []  # too short, not literal


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=12), cut=st.integers(0, 12))
def test_a_pattern_that_matches_holds_its_later_literals(words: list[str], cut: int) -> None:
    """Wherever a pattern with near windows matches, it holds a literal of each window's
    set (what lets the scan skip a note without them)."""
    lower = " ".join(words[:cut] + ["pelkää", "että"] + words[cut:]).lower()
    for rule_id, matcher in disclosure.compiled().items():
        for i, pattern in enumerate(matcher.patterns):
            windows = disclosure.later_literals(pattern.pattern)
            for m in pattern.finditer(lower) if windows else ():
                for literals in windows:
                    assert any(lit in m.group(0) for lit in literals), (rule_id, i)


def _lowered_plain(texts: list[str]) -> tuple[list[str], str, list[int]]:
    """``disclosure._lowered`` as it was: each note tested for an address and a NUL."""
    texts = [
        disclosure._ADDRESSES.sub(" ", t) if ("@" in t or "http" in t or "www." in t) else t
        for t in texts
    ]
    texts = [t.replace("\x00", " ") if "\x00" in t else t for t in texts]
    big, starts = joined(texts)
    lower = big.lower()
    if len(lower) != len(big):
        texts = [t.lower() for t in texts]
        lower, starts = joined(texts)
    return texts, lower, starts


# addresses, NULs, separators and a character whose lower case is longer ("İ")
RAW = st.sampled_from([*"aB @.:/\n\x00İ", "http", "www.", "x@y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(RAW, max_size=8).map("".join), max_size=8))
def test_lowered_asks_the_block_once_the_same(notes: list[str]) -> None:
    assert disclosure._lowered(notes) == _lowered_plain(notes)
