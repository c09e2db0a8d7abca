"""The name detector's fast paths give exactly what the slow ones give.

Speed work on :mod:`hoiku_lib.audit.pii` must not change a single result: each fast path is
checked against the plain per-word or per-position way over generated notes."""

from __future__ import annotations

from itertools import compress, count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import pii

# words that make the rules fire: names, relatives after a genitive ("Clarke's wife",
# "Holms dotter", "Annas mamma"), near misses ("mannen", "wifely", "Hans"), cues, ages
TOKENS = [
    "Anna",
    "Annas",
    "Clarke's",
    "Clarke’s",
    "Tor",
    "Holms",
    "Hans",
    "Pekka",
    "Virtanen",
    "Onni",
    "Kallio",
    "Helsingistä",
    "Wilma",
    "Olga",
    "Stedy",
    "Sara",
    "Mattila",
    "Asiakas",
    "Potilas",
    "lääkäri",
    "äiti",
    "nimeltä",
    "wife",
    "wifely",
    "dotter",
    "mamma",
    "man",
    "mannen",
    "sambo",
    "barn",
    "friend",
    "son",
    "mor",
    "tuli",
    "kertoi",
    "oli",
    "ja",
    "(4 v)",
    "(",
    ")",
    ",",
    ".",
    ":",
    "\n",
    "/sh",
    "220976-489U",
    "Vellamontie 35",
    "x",
]
notes = st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join)
texts = st.text(alphabet=" wifedotrmanbsAHCl'’.\n", max_size=80)


def _slow_possessor_positions(big: str) -> list[int]:
    return [pos for pos in range(len(big)) if pii._POSSESSOR_RELATIVE.match(big, pos)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, notes))
def test_possessor_positions_are_where_the_pattern_matches(text: str) -> None:
    assert pii._possessor_positions(text) == _slow_possessor_positions(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(notes, min_size=1, max_size=4))
def test_name_spans_same_as_trying_every_word(block: list[str]) -> None:
    big, starts = pii.joined(block)
    fast = pii._name_strengths(big, starts)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(pii, "_possessor_positions", _slow_possessor_positions)
        slow = pii._name_strengths(big, starts)
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(st.one_of(texts, notes))
def test_word_tables_same_as_per_word_loops(text: str) -> None:
    words = list(pii._WORD_RE.finditer(text))
    reads = list(map(pii.reading, map(pii._WORD_TEXT, words)))
    assert reads == [pii.reading(m.group(0)) for m in words]
    assert dict(zip(map(pii._WORD_START, words), count())) == {
        m.start(): i for i, m in enumerate(words)
    }
    cand = list(compress(count(), map(pii._NAMELIKE.__contains__, map(pii._KIND, reads))))
    assert cand == [i for i, r in enumerate(reads) if r.kind in pii._NAMELIKE]


def test_a_possessor_before_a_relative_is_still_found() -> None:
    text = "Kotona Tor Holms dotter hälsade på."
    assert [text[s.start : s.end] for s in pii.detect(text)] == ["Tor", "Holms"]


# letters of the words in both cases, the tails' characters, and letters whose case rules
# differ between str.lower and the regex's IGNORECASE (the Kelvin sign, long s, dotted I)
TAIL_TEXT = st.text(alphabet="kotiasemKOTIASEMhbrpåÅ :\n\u212a\u017f\u0130x", max_size=30)
BACKWARDS = [
    (pii._INSTITUTION_BEFORE, pii._INSTITUTION_BACK),
    (pii._PLACE_BEFORE, pii._PLACE_BACK),
    (pii._ADDRESS_CUE, pii._ADDRESS_CUE_BACK),
]
SAMPLES = [
    "Palvelukoti ",
    "seniorboendet ",
    "Kotikunta: ",
    "osoite  ",
    "Bor på \n",
    "adress:\n",
    "koti",
    "koti x",
    "Hemkommun ",
    "lives at ",
    "KESKUS ",
]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(range(len(BACKWARDS))),
    st.one_of(TAIL_TEXT, st.lists(st.sampled_from(SAMPLES), max_size=4).map("".join)),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_a_pattern_read_backwards_finds_what_its_search_finds(
    which: int, text: str, lo: int, hi: int
) -> None:
    forward, backward = BACKWARDS[which]
    lo, hi = min(lo, len(text)), min(hi, len(text))
    assert pii._ends_in(backward, text, lo, hi) == (forward.search(text, lo, hi) is not None)
    assert pii._ends_in(backward, text) == (forward.search(text) is not None)


def test_backwards_refuses_a_pattern_it_cannot_read_backwards() -> None:
    import re

    with pytest.raises(ValueError):
        pii._backwards(re.compile(r"(?i:ko.ti)[ ]$"), "[ ]", "[ ]")
