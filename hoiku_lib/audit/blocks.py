"""Notes scanned a block at a time, as one string: shared by the identifier and the
disclosure detectors.

Each pattern then runs once over a block in C and Python only touches the matches; a block
of 256 notes (~120 kB) stays in the CPU's cache. A match is put back in its note by the
notes' start offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

import ahocorasick_rs

BLOCK = 256
# Notes are joined with a separator no pattern can match across (no pattern takes a NUL).
SEPARATOR = "\n\x00\n"


def blocks(texts: list[str]) -> Iterator[list[str]]:
    """``texts`` in blocks of BLOCK notes."""
    for i in range(0, len(texts), BLOCK):
        yield texts[i : i + BLOCK]


def joined(texts: list[str]) -> tuple[str, list[int]]:
    """The notes joined by SEPARATOR, and where each note starts in the joined string."""
    starts = list(accumulate((len(t) + len(SEPARATOR) for t in texts[:-1]), initial=0))
    return SEPARATOR.join(texts), starts


class Automaton:
    """Every occurrence of many literal keys in one pass over a text (Aho-Corasick).

    The scan is ahocorasick_rs's DFA (Rust): 2–5 times faster on a block than
    pyahocorasick's automaton, whose interface (``iter``) it keeps. A text is scanned as
    Latin-1 bytes, one byte a character, so the byte offsets are the character offsets (the
    str scan encodes the text as UTF-8 and converts each offset back: 0.5–0.8 µs a note
    more for each of the four automata). A character Latin-1 cannot write ("ǂ" of the
    masks, "–") becomes "?", which no key holds, so no key is found across it; keys with
    such a character ("boss’s") are numbered after the others and left to the str scan,
    which a text holding one of their wide characters takes."""

    __slots__ = ("_bytes", "_scan", "_values", "_wide", "keys")

    def __init__(self, keys: dict[str, object]) -> None:
        narrow = [k for k in keys if _latin1(k)]
        order = narrow + [k for k in keys if not _latin1(k)]  # a stable partition
        self.keys = order  # by key number
        self._values = [keys[k] for k in order]
        dfa = ahocorasick_rs.Implementation.DFA
        self._scan = ahocorasick_rs.AhoCorasick(order, implementation=dfa)
        # the wide keys' characters beyond Latin-1: a text with one of them takes the str scan
        self._wide = sorted({c for k in order[len(narrow) :] for c in k if ord(c) > 255})
        self._bytes = (
            ahocorasick_rs.BytesAhoCorasick(
                [k.encode("latin-1") for k in narrow], implementation=dfa
            )
            if narrow and not any("?" in k for k in narrow)
            else None
        )

    def iter(self, text: str) -> list[tuple[int, object]]:
        """(index of the last character, value) of every occurrence of every key in
        ``text``, overlapping ones too, in the order of their ends."""
        values = self._values
        return [(end - 1, values[key]) for key, _, end in self.indexes(text)]

    @property
    def values(self) -> list[object]:
        """The keys' values, by key number (the order of :attr:`keys`)."""
        return self._values

    def indexes(self, text: str) -> list[tuple[int, int, int]]:
        """(key number in :attr:`keys`' order, start, end) of every occurrence, as
        :meth:`iter` finds them: for a caller that keeps its own table by key number and
        would only unpack :meth:`iter`'s tuples again."""
        if self._bytes is None or (self._wide and any(c in text for c in self._wide)):
            return self.str_indexes(text)
        raw = text.encode("latin-1", "replace")
        return self._bytes.find_matches_as_indexes(raw, overlapping=True)

    def str_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """:meth:`indexes` by the str scan, whatever the text (the plain path)."""
        return self._scan.find_matches_as_indexes(text, overlapping=True)


def _latin1(key: str) -> bool:
    return max(map(ord, key), default=0) < 256


def automaton(keys: dict[str, object]) -> Automaton | None:
    """An Aho-Corasick automaton of ``keys`` (each found with its value); None if empty."""
    if not keys:
        return None
    return Automaton(keys)
