"""Find text that reveals observed trafficking signs or the client's request for help.

The guide (IV.rec) warns that an exploiter may read the client's record: a note should not
reveal the signs a professional noticed nor the client's wish to get out. Patterns are data
(``data/audit/disclosure_patterns.yaml``), extended with the taxonomy's cues where they are
specific; they run on MASKED text so evidence never carries an identifier. Notes no
pattern catches are scored by a learned word model (:mod:`hoiku_lib.audit.word_model`),
which finds phrasings nobody wrote a pattern for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import ahocorasick

from hoiku_lib.audit.blocks import automaton, blocks, joined
from hoiku_lib.audit.patterns_schema import check_patterns, expand
from hoiku_lib.audit.rules import detected_by
from hoiku_lib.audit.word_model import models as word_models
from hoiku_lib.content import DATA_DIR

PATTERN_FILE = DATA_DIR / "audit" / "disclosure_patterns.yaml"
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # organisations' addresses
# the rules this detector finds evidence for, from the one registry (in its order)
RULES: tuple[str, ...] = detected_by("disclosure")


def trie_regex(words: list[str]) -> str:
    """One regex for many literal strings, factored as a trie (sre has no Aho-Corasick)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def _cue_patterns(indicator_ids: list[str], negatives: list[str]) -> list[str]:
    """Cue stems of the named indicators that do not fire on any hard negative (one regex)."""
    try:
        from hoiku_lib.content import load_content

        indicators = load_content().indicators
    except Exception:  # noqa: BLE001 - content not available: patterns file alone
        return []
    kept: list[str] = []
    for ind_id in indicator_ids:
        ind = indicators.get(ind_id)
        cues = getattr(ind, "cues", None) or {}
        for lang_cues in dict(cues).values():
            for cue in lang_cues or []:
                cue = str(cue).strip()
                if len(cue) < 5:
                    continue
                pat = r"\b" + re.escape(cue) + r"[\wåäö]*"
                if not any(re.search(pat, neg, re.I) for neg in negatives):
                    kept.append(cue.lower())
    return [r"\b" + re.escape(cue) + r"[\wåäö]*" for cue in sorted(set(kept))]


@dataclass(frozen=True)
class Matcher:
    """Two-stage matcher: the block's Aho-Corasick scan (:func:`_scan`) finds where the
    patterns' literal prefixes occur, then each such pattern is tried only there (every
    match starts with one of its prefixes). Python's re has no multi-pattern search; one big
    alternation of ~100 patterns tries every branch at every position and is many times
    slower."""

    patterns: tuple[re.Pattern[str], ...]
    by_prefix: dict[str, tuple[int, ...]]  # literal prefix → indices of its patterns
    always: tuple[int, ...]  # patterns without a usable literal prefix: tried everywhere

    def run(
        self, lower: str, hits: list[tuple[int, tuple[int, ...]]], start: int = 0, end: int = -1
    ) -> list[re.Match[str]]:
        """Leftmost non-overlapping matches in ``lower[start:end]``, in reading order.

        ``hits`` holds (position, pattern indices) of the prefixes found there."""
        end = len(lower) if end < 0 else end
        found = [
            m
            for pos, ids in hits
            for i in ids
            if (m := self.patterns[i].match(lower, pos, end)) is not None and m.group(0)
        ]
        for i in self.always:
            found.extend(m for m in self.patterns[i].finditer(lower, start, end) if m.group(0))
        return leftmost(found)


def leftmost(found: list[re.Match[str]]) -> list[re.Match[str]]:
    """The leftmost non-overlapping of ``found``, the longest first where two start
    together (a stable sort: of equal spans the first found)."""
    found.sort(key=lambda m: (m.start(), -m.end()))
    out: list[re.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def literal_prefixes(pattern: str, limit: int = 64) -> set[str] | None:
    """Every literal string a match of ``pattern`` must start with (None: no such set)."""
    from re import _parser as p

    return _prefixes_of(list(p.parse(pattern)), limit)


def later_literals(pattern: str, limit: int = 64) -> list[set[str]]:
    """For each lazy repeat at the pattern's top level (the ``near`` window of "pelkää …
    poliisi"), the literal strings one of which must start what follows it: a match holds
    one of each set. Empty when there is no such window (one inside a group is not looked
    for) or nothing literal follows one."""
    from re import _constants as c
    from re import _parser as p

    seq = list(p.parse(pattern))
    # a match is what comes before a window, the window and the rest: the rest must start
    # with one of its literal prefixes, whatever came before
    found = [
        _prefixes_of(seq[k + 1 :], limit) for k, (op, _) in enumerate(seq) if op is c.MIN_REPEAT
    ]
    return [x for x in found if x]


def _prefixes_of(seq: list, limit: int) -> set[str] | None:
    """:func:`literal_prefixes` of a parsed pattern."""
    from re import _constants as c

    def walk(seq) -> tuple[set[str], bool]:  # noqa: ANN001
        acc = {""}
        for op, av in seq:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                acc = {a + chr(av) for a in acc}
                continue
            if op is c.SUBPATTERN:
                subs, complete = walk(av[3])
            elif op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
                subs, complete = {chr(v) for _, v in av}, True  # e.g. [ -]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
                subs, complete = walk(av[2])  # an optional part: with it or without
                subs = subs | {""}
            elif op is c.BRANCH:
                subs, complete = set(), True
                for branch in av[1]:
                    s, done = walk(branch)
                    subs |= s
                    complete = complete and done
            else:
                return acc, False
            acc = {a + s for a in acc for s in subs}
            if len(acc) > limit or not complete:
                return acc, False
        return acc, True

    prefixes, _ = walk(seq)
    if not prefixes or len(prefixes) > limit or min(len(x) for x in prefixes) < 3:
        return None
    return prefixes


def _matcher(parts: list[str]) -> Matcher:
    patterns = tuple(re.compile(x) for x in parts)
    by_prefix: dict[str, list[int]] = {}
    always: list[int] = []
    for i, part in enumerate(parts):
        prefixes = literal_prefixes(part)
        if prefixes is None:
            always.append(i)
            continue
        for prefix in prefixes:
            by_prefix.setdefault(prefix, []).append(i)
    return Matcher(patterns, {k: tuple(v) for k, v in by_prefix.items()}, tuple(always))


# Where a sentence ends: ! ? ; a line break, or a full stop that ends neither a number
# ("37.5", "klo 14.30") nor a common abbreviation of care notes ("Pot.", "As.", "ks.", "n.").
_ABBREVIATIONS = (
    "pot as pat asiak klo kl ks esim mm ym jne tms ns vrt pv vk kk rv tk sh th lääk psyk sos"
    " dr mr mrs ms approx ca bl tel puh os vs"
).split()
_SENTENCE_END = re.compile(
    r"[!?;\n]+|\.+(?!\d)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS) + r"(?<!\b[a-zåäö]\.)"
)


@dataclass(frozen=True)
class SentenceRules:
    """Fire when one sentence holds a word of every concept of a combination.

    All stems of the rule's concepts sit in one trie regex, scanned once per note; the
    longest stem a word starts with tells which concepts it belongs to."""

    scan: re.Pattern[str] | None
    stem_concepts: dict[str, frozenset[str]]
    combos: tuple[tuple[str, ...], ...]
    # phrases that take a word out of a concept ("pois sängystä" is no escape)
    exclusions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def combo_sets(self) -> tuple[frozenset[str], ...]:
        return tuple(frozenset(c) for c in self.combos)

    @cached_property
    def combos_by_concept(self) -> dict[str, tuple[frozenset[str], ...]]:
        """Each combination under one of its concepts (the one with the fewest stems, a
        guess at the rarest): a note need only try the combinations keyed by its own
        concepts, not all of them."""
        stems: dict[str, int] = {}
        for concepts in self.stem_concepts.values():
            for concept in concepts:
                stems[concept] = stems.get(concept, 0) + 1
        keyed: dict[str, list[frozenset[str]]] = {}
        for combo in self.combo_sets:
            key = min(sorted(combo), key=lambda c: stems.get(c, 0))
            keyed.setdefault(key, []).append(combo)
        return {k: tuple(v) for k, v in keyed.items()}

    def may_fire(self, concepts: set[str]) -> bool:
        """True when the concepts seen (anywhere, prefilter) complete a combination."""
        keyed = self.combos_by_concept
        return any(combo <= concepts for concept in concepts for combo in keyed.get(concept, ()))

    @cached_property
    def concept_bits(self) -> dict[str, int]:
        """One bit per concept: a note's concepts as one int (:meth:`may_fire_mask`)."""
        names = sorted({c for combo in self.combos for c in combo})
        return {name: 1 << i for i, name in enumerate(names)}

    def mask(self, concepts: frozenset[str] | set[str]) -> int:
        """The concepts as bits of :attr:`concept_bits`."""
        bits = self.concept_bits
        return sum(bits[c] for c in set(concepts))

    @cached_property
    def _combo_masks(self) -> tuple[int, ...]:
        return tuple(self.mask(combo) for combo in self.combo_sets)

    @cached_property
    def _fires(self) -> dict[int, bool]:
        return {}  # concept mask → may fire (a handful of distinct masks in any export)

    def may_fire_mask(self, mask: int) -> bool:
        """:meth:`may_fire` of the concepts whose bits are set in ``mask``, remembered per
        mask."""
        fires = self._fires.get(mask)
        if fires is None:
            fires = any(combo & mask == combo for combo in self._combo_masks)
            self._fires[mask] = fires
        return fires

    def finditer(self, lower: str) -> list[tuple[int, int]]:
        """Spans (start, end) of the concept words in each firing sentence."""
        if self.scan is None:
            return []
        hits: dict[str, list[tuple[int, int]]] = {}
        for m in self.scan.finditer(lower):
            # the trie comes first so sre can skip ahead on its first letters; the word
            # boundary is checked here instead of with a leading \b
            if m.start() and lower[m.start() - 1].isalnum():
                continue
            # a word belongs to the concepts of its longest stem only ("hjälpsystemet" is
            # an organisation, not a request for help)
            for concept in self.stem_concepts.get(m.group(1), ()):
                excluded = self.exclusions.get(concept)
                if excluded and lower.startswith(excluded, m.start()):
                    continue
                hits.setdefault(concept, []).append((m.start(), m.end()))
        out: list[tuple[int, int]] = []
        bounds: list[int] = []  # sentence bounds, found once when a combination may fire
        for combo in self.combos:
            if not all(c in hits for c in combo):
                continue
            if not bounds:
                bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(lower)), len(lower)]
            for a, b in zip(bounds, bounds[1:], strict=False):
                inside = [[h for h in hits[c] if a <= h[0] < b] for c in combo]
                if all(inside):
                    out.extend(group[0] for group in inside)
        return sorted(set(out))


def _sentence_rules(doc: dict, rule_id: str) -> SentenceRules:
    combos = tuple(tuple(c) for c in (doc.get("sentence_rules") or {}).get(rule_id, []))
    concepts = doc.get("concepts") or {}
    stem_concepts: dict[str, set[str]] = {}
    for name in {c for combo in combos for c in combo}:
        for stems in concepts[name].values():
            for stem in stems:
                stem_concepts.setdefault(stem.lower(), set()).add(name)
    if not stem_concepts:
        return SentenceRules(None, {}, ())
    scan = re.compile("(" + trie_regex(sorted(stem_concepts)) + r")[\wåäö]*")
    exclusions = {
        name: tuple(x.lower() for x in phrases)
        for name, phrases in (doc.get("concept_exclusions") or {}).items()
        if phrases
    }
    return SentenceRules(
        scan,
        {k: frozenset(v) for k, v in stem_concepts.items()},
        combos,
        exclusions,
    )


@cache
def sentence_rules(path: Path = PATTERN_FILE) -> dict[str, SentenceRules]:
    """The concept rules of each disclosure rule."""
    doc = _document(path)
    return {rule_id: _sentence_rules(doc, rule_id) for rule_id in RULES}


@cache
def _document(path: Path) -> dict:
    """The pattern file, checked against its schema (a fault names the file and key)."""
    return check_patterns(path).model_dump()


@cache
def compiled(path: Path = PATTERN_FILE) -> dict[str, Matcher]:
    """One precompiled two-stage matcher per disclosure rule."""
    doc = _document(path)
    near, w = doc["near"], doc["w"]
    negatives = list(doc.get("hard_negatives") or [])
    result: dict[str, Matcher] = {}
    for rule_id, by_lang in doc["rules"].items():
        parts = [expand(p, near, w) for pats in by_lang.values() for p in pats]
        parts += _cue_patterns(list((doc.get("cue_indicators") or {}).get(rule_id, [])), negatives)
        # Patterns are lower case and run on lower-cased text: without re.I the engine
        # scans several times faster.
        result[rule_id] = _matcher([p.lower() for p in parts])
    return result


_NEEDLES = ("@", "http", "www.")  # what every match of _ADDRESSES holds


def _finds(text: str, needle: str) -> Iterator[int]:
    """Every position of ``needle`` in ``text`` (str.find: no regex, no match objects)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _lowered(texts: list[str]) -> tuple[list[str], str, list[int]]:
    """Texts to quote evidence from, the joined lower-case text and where each note starts.

    A NUL inside a note becomes a space: NUL separates the notes of a block, and the word
    model counts notes by it."""
    # Which notes hold an address or a NUL is asked of the joined block: the separator holds
    # none of "@", "http", "www." and exactly one NUL, so a hit there is a note's, found by
    # the notes' start offsets (an address match needs one of the three: other notes keep
    # their text, as if each were tested).
    big, starts = joined(texts)
    changed = False
    holding = {bisect_right(starts, p) - 1 for needle in _NEEDLES for p in _finds(big, needle)}
    if holding:
        texts = [_ADDRESSES.sub(" ", t) if n in holding else t for n, t in enumerate(texts)]
        changed = True
    if big.count("\x00") >= len(texts):  # more NULs than the len(texts) - 1 separators
        texts = [t.replace("\x00", " ") if "\x00" in t else t for t in texts]
        changed = True
    if changed:
        big, starts = joined(texts)
    lower = big.lower()
    if len(lower) != len(big):  # rare characters whose lower case is longer: quote lower case
        texts = [t.lower() for t in texts]
        lower, starts = joined(texts)
    return texts, lower, starts


@cache
def _scanner() -> ahocorasick.Automaton:
    """One automaton for every rule's pattern prefixes and concept stems: one scan a chunk.

    Each key's value lists (rule id, key length, pattern indices, concepts)."""
    patterns: dict[str, list[tuple]] = {}
    concepts: dict[str, list[tuple]] = {}
    for rule_id, matcher in compiled().items():
        for prefix, ids in matcher.by_prefix.items():
            patterns.setdefault(prefix, []).append((rule_id, len(prefix) - 1, ids))
    for rule_id, rules in sentence_rules().items():
        for stem, names in rules.stem_concepts.items():
            concepts.setdefault(stem, []).append((rule_id, tuple(names)))
    # the later literals of the patterns (:func:`_later`): their hits, alone, carry nothing
    keys = patterns.keys() | concepts.keys() | _later()[1].keys()
    return automaton(
        {k: (tuple(patterns.get(k, ())), tuple(concepts.get(k, ()))) for k in sorted(keys)}
    )


def find_many(masked_texts: list[str]) -> dict[str, list[list[str]]]:
    """The matched words of each disclosure rule in each masked note (empty when none).

    One Aho-Corasick scan covers a block of notes (:mod:`hoiku_lib.audit.blocks`); each
    pattern is then tried only where its literal prefix occurs, and the sentence rules only in
    notes holding every concept."""
    texts = ["" if t is None else str(t) for t in masked_texts]
    result: dict[str, list[list[str]]] = {rule_id: [] for rule_id in RULES}
    for block in blocks(texts):
        for rule_id, found in _find_block(block).items():
            result[rule_id].extend(found)
    return result


def _scan(lower: str, starts: list[int]) -> tuple[dict, dict]:
    """One scan of a block: per (rule, note), where pattern prefixes occur (position,
    pattern ids) and which concepts the note's words belong to."""
    # defaultdicts: one dict look-up a hit (the callers only read them with get and items)
    prefixes: dict[tuple[str, int], list] = defaultdict(list)
    concepts: dict[tuple[str, int], set[str]] = defaultdict(set)
    # hits come in text order: the note they fall in only moves forward (no bisect a hit)
    ends = [*starts[1:], len(lower) + 1]
    n, end = 0, ends[0]
    for last, (patterns, names) in _scanner().iter(lower):
        while last >= end:
            n += 1
            end = ends[n]
        for rule_id, back, ids in patterns:
            prefixes[(rule_id, n)].append((last - back, ids))
        for rule_id, found in names:
            concepts[(rule_id, n)].update(found)
    return prefixes, concepts


@cache
def _later() -> tuple[dict[tuple[str, int], tuple[int, ...]], dict[str, int]]:
    """Each pattern's :func:`later_literals` as bits: (rule id, pattern index) → one int of
    bits per window (absent: none known), and literal → its bit. A note that lacks every
    literal of one of a pattern's windows cannot match it, wherever its prefix occurs."""
    needs: dict[tuple[str, int], tuple[int, ...]] = {}
    bits: dict[str, int] = {}
    for rule_id, matcher in compiled().items():
        for i, pattern in enumerate(matcher.patterns):
            windows = later_literals(pattern.pattern)
            for literals in windows:
                for lit in sorted(literals):
                    bits.setdefault(lit, 1 << len(bits))
            if windows:
                needs[(rule_id, i)] = tuple(sum(bits[x] for x in lits) for lits in windows)
    return needs, bits


@cache
def _table() -> list[tuple[tuple, tuple, tuple, int]]:
    """The scanner's keys by number, ready for :func:`_scan_matches`: (tries, windowed,
    bits, later) with tries = ((rule number, compiled pattern), …) of the patterns to try
    wherever the key is found, windowed = ((rule number, compiled pattern, its windows'
    later literal bits), …) of those to try only in a note that holds a literal of each
    window, bits = ((rule number, concept bits), …) and later = the key's own bit as a
    later literal (0: none)."""
    matchers, concept_rules = compiled(), sentence_rules()
    number = {rule_id: r for r, rule_id in enumerate(RULES)}
    needs, later = _later()
    table = []
    for key, (patterns, names_) in zip(_scanner().keys, _scanner().values, strict=True):
        tries, windowed = [], []
        for rule_id, _back, ids in patterns:
            for i in ids:
                pattern, need = matchers[rule_id].patterns[i], needs.get((rule_id, i))
                if need:
                    windowed.append((number[rule_id], pattern, need))
                else:
                    tries.append((number[rule_id], pattern))
        bits = tuple(
            (number[rule_id], concept_rules[rule_id].mask(names)) for rule_id, names in names_
        )
        table.append((tuple(tries), tuple(windowed), bits, later.get(key, 0)))
    return table


@cache
def _only_later() -> list[int]:
    """By key number: the key's later-literal bit when that is all its hit does (no
    pattern to try, no concept), else 0 (:func:`_scan_matches` then reads :func:`_table`)."""
    return [
        own if not (tries or windowed or bits) else 0 for tries, windowed, bits, own in _table()
    ]


def _scan_matches(
    lower: str, starts: list[int], stops: list[int]
) -> tuple[dict[tuple[int, int], list[re.Match[str]]], list[list[int]]]:
    """:func:`_scan` and every :meth:`Matcher.run` try in one pass over the hits: each
    pattern is tried as its prefix is found (no per-note lists of hits), and a note's
    concepts are gathered as bits. A pattern with near windows is tried after the pass,
    once the note's later literals are known, and only if it holds one of each window's
    (it could not match otherwise). Returns (matches by (rule number, note), as
    Matcher.run finds them but perhaps in another order, which :func:`leftmost` does not
    see: of equal spans it keeps one, and equal spans quote the same words; concept bits by
    rule number and note). ``stops`` are where the notes end."""
    table, only_later = _table(), _only_later()
    found: dict[tuple[int, int], list[re.Match[str]]] = {}
    masks = [[0] * len(starts) for _ in RULES]
    bounds = [*starts[1:], len(lower) + 1]
    held = [0] * len(starts)  # the later literals each note holds, as bits
    later: list[tuple[int, int, int, tuple]] = []  # (note, start, stop, windowed tries)
    n, bound, stop = 0, bounds[0], stops[0]
    for key, start, end in _scanner().indexes(lower):
        while end > bound:  # hits come in the order of their ends: the note only moves on
            n += 1
            bound, stop = bounds[n], stops[n]
        own = only_later[key]
        if own:  # a key that is only a later literal (about half the hits): its bit alone
            held[n] |= own
            continue
        tries, windowed, bits, own = table[key]
        if own:
            held[n] |= own
        for r, pattern in tries:
            m = pattern.match(lower, start, stop)
            if m is not None and m.end() > start:
                got = found.get((r, n))
                if got is None:
                    found[(r, n)] = [m]
                else:
                    got.append(m)
        if windowed:
            later.append((n, start, stop, windowed))
        for r, b in bits:
            masks[r][n] |= b
    for n, start, stop, windowed in later:
        here = held[n]
        if not here:  # every window needs one of its literals (each window's bits are set)
            continue
        for r, pattern, need in windowed:
            for window in need:  # all(...) without a generator a try
                if not window & here:
                    break
            else:
                m = pattern.match(lower, start, stop)
                if m is not None and m.end() > start:
                    found.setdefault((r, n), []).append(m)
    for r, rule_id in enumerate(RULES):
        always = compiled()[rule_id].always
        for n in range(len(starts)) if always else ():
            extra = [
                m
                for i in always
                for m in compiled()[rule_id].patterns[i].finditer(lower, starts[n], stops[n])
                if m.group(0)
            ]
            found.setdefault((r, n), []).extend(extra)
    return found, masks


def _quote(text: str, spans: list[tuple[int, int]]) -> str:
    """The words at ``spans`` of a note, as evidence."""
    return " … ".join(text[a:b] for a, b in spans)


def _find_block(texts: list[str]) -> dict[str, list[list[str]]]:
    result: dict[str, list[list[str]]] = {rule_id: [[] for _ in texts] for rule_id in RULES}
    if not any(texts):
        return result
    texts, lower, starts = _lowered(texts)
    _rule_matches(result, texts, lower, starts)
    # The word model, for notes no pattern or concept rule caught: the whole block is scored
    # at once, and only the notes it fires on are read again for their evidence words.
    models = word_models()
    for rule_id, fired in models.fire(lower, len(texts)).items():
        out = result[rule_id]
        for n in fired.nonzero()[0]:
            if out[n]:
                continue
            spans = models.firing_words(rule_id, lower[starts[n] : starts[n] + len(texts[n])])
            if spans:
                out[n] = [_quote(texts[n], spans)]
    return result


def _rule_matches(
    result: dict[str, list[list[str]]], texts: list[str], lower: str, starts: list[int]
) -> None:
    """Fill ``result`` with each note's pattern matches, and where a rule's patterns found
    nothing, its concept rules' words (the same as :meth:`Matcher.run` on :func:`_scan`'s
    hits and :meth:`SentenceRules.may_fire` on its concepts, tests/unit/audit/
    test_disclosure_fast.py)."""
    stops = [start + len(text) for start, text in zip(starts, texts, strict=True)]
    found, masks = _scan_matches(lower, starts, stops)
    outs = [result[rule_id] for rule_id in RULES]
    for (r, n), matches in found.items():
        start, text = starts[n], texts[n]
        outs[r][n] = [text[m.start() - start : m.end() - start].strip() for m in leftmost(matches)]
    concept_rules = sentence_rules()
    for r, rule_id in enumerate(RULES):
        rules, out = concept_rules[rule_id], outs[r]
        for n, mask in enumerate(masks[r]):
            if not mask or out[n] or not rules.may_fire_mask(mask):
                continue
            spans = rules.finditer(lower[starts[n] : stops[n]])
            if spans:
                out[n] = [_quote(texts[n], spans)]


def find(rule_id: str, masked_text: str) -> list[str]:
    """The matched words of ``rule_id`` in a masked note (empty when none)."""
    return find_many([masked_text])[rule_id][0]
