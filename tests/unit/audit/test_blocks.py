"""The block scanner's Aho-Corasick automaton finds exactly what a naive search finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.blocks import SEPARATOR, automaton, blocks, joined

# a small alphabet makes overlaps and repeated keys likely; "ä", "ß" and an emoji check that
# positions count characters, not UTF-8 bytes; "ǂ" (the masks'), "’" and "?" (what the
# Latin-1 scan writes for a character beyond Latin-1) that a key is never found across one
ALPHABET = "abä ß😀\n?ǂ’"


def naive(keys: dict[str, object], text: str) -> list[tuple[int, object]]:
    return sorted(
        (i + len(k) - 1, v)
        for k, v in keys.items()
        for i in range(len(text) - len(k) + 1)
        if text.startswith(k, i)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(ALPHABET, min_size=1, max_size=4), st.integers(), max_size=12),
    st.text(ALPHABET, max_size=60),
)
def test_every_occurrence_in_order_of_its_end(keys: dict[str, int], text: str) -> None:
    found = automaton(keys)
    if not keys:
        assert found is None
        return
    hits = found.iter(text)
    assert sorted(hits) == naive(keys, text)  # overlapping and nested keys included
    ends = [end for end, _ in hits]
    assert ends == sorted(ends)  # the scans put hits in their notes with a forward pointer


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(ALPHABET, min_size=1, max_size=4), st.integers(), max_size=12),
    st.text(ALPHABET, max_size=60),
)
def test_latin1_scan_equals_the_str_scan(keys: dict[str, int], text: str) -> None:
    """The fast path (Latin-1 bytes, wider characters as "?") finds the same hits,
    numbered alike and in the same order, as the str scan; keys with a wider character
    ("😀", "’") are numbered after the others."""
    found = automaton(keys)
    if found is None:
        return
    assert found.indexes(text) == found.str_indexes(text)
    assert sorted(found.keys) == sorted(keys)
    assert [found.values[i] for i in range(len(keys))] == [keys[k] for k in found.keys]
    wide = [max(map(ord, k)) > 255 for k in found.keys]
    assert wide == sorted(wide)  # Latin-1 keys first, in their given order
    assert [k for k in found.keys if max(map(ord, k)) < 256] == [
        k for k in keys if max(map(ord, k)) < 256
    ]


def test_known_hits() -> None:
    found = automaton({"sh ": "title", "h ": "h", "äiti": "mother"})
    hits = found.iter("Äiti ja äiti, sh Anna")  # case counts; "h " ends inside "sh "
    assert sorted(hits) == [(11, "mother"), (16, "h"), (16, "title")]


@given(st.lists(st.text(max_size=8), max_size=600))
def test_joined_blocks_start_where_each_note_is(texts: list[str]) -> None:
    for block in blocks(texts):
        big, starts = joined(block)
        assert len(block) <= 256
        for note, start in zip(block, starts, strict=True):
            assert big[start : start + len(note)] == note
        assert big.count(SEPARATOR) >= len(block) - 1
    assert [t for b in blocks(texts) for t in b] == texts
