"""Find text that reveals observed trafficking signs or the client's request for help.

The guide (IV.rec) warns that an exploiter may read the client's record: a note should not
reveal the signs a professional noticed nor the client's wish to get out. Patterns are data
(``data/audit/disclosure_patterns.yaml``), extended with the taxonomy's cues where they are
specific; they run on MASKED text so evidence never carries an identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hoiku_lib.content import DATA_DIR

PATTERN_FILE = DATA_DIR / "audit" / "disclosure_patterns.yaml"
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # organisations' addresses
RULES: tuple[str, ...] = ("indicator_disclosure", "help_request_disclosure")


def _expand(pattern: str, near: str, w: str) -> str:
    return pattern.replace("{near}", near).replace("{w}", w)


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
    """Two-stage matcher: a trie scan for the patterns' literal prefixes, then only the
    patterns whose prefix occurs. Python's re has no Aho-Corasick; one big alternation of
    ~100 patterns tries every branch at every position and is several times slower."""

    patterns: tuple[re.Pattern[str], ...]
    prefix_scan: re.Pattern[str] | None
    by_prefix: dict[str, tuple[int, ...]]
    always: tuple[int, ...]
    min_prefix: int

    def finditer(self, lower: str) -> list[re.Match[str]]:
        """Leftmost non-overlapping matches of any pattern, in reading order."""
        todo = set(self.always)
        if self.prefix_scan is not None:
            for m in self.prefix_scan.finditer(lower):
                hit = m.group(1)
                for n in range(self.min_prefix, len(hit) + 1):
                    todo.update(self.by_prefix.get(hit[:n], ()))
        found = [m for i in sorted(todo) for m in self.patterns[i].finditer(lower) if m.group(0)]
        found.sort(key=lambda m: (m.start(), -m.end()))
        out: list[re.Match[str]] = []
        for m in found:
            if not out or m.start() >= out[-1].end():
                out.append(m)
        return out


def literal_prefixes(pattern: str, limit: int = 64) -> set[str] | None:
    """Every literal string a match of ``pattern`` must start with (None: no such set)."""
    from re import _constants as c
    from re import _parser as p

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

    prefixes, _ = walk(p.parse(pattern))
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
    scan = re.compile("(?=(" + trie_regex(sorted(by_prefix)) + "))") if by_prefix else None
    return Matcher(
        patterns,
        scan,
        {k: tuple(v) for k, v in by_prefix.items()},
        tuple(always),
        min((len(k) for k in by_prefix), default=1),
    )


_SENTENCE_END = re.compile(r"[.!?;\n]+")


@dataclass(frozen=True)
class SentenceRules:
    """Fire when one sentence holds a word of every concept of a combination.

    All stems of the rule's concepts sit in one trie regex, scanned once per note; the
    matched stem (and its shorter prefixes) tell which concepts a word belongs to."""

    scan: re.Pattern[str] | None
    stem_concepts: dict[str, frozenset[str]]
    min_stem: int
    combos: tuple[tuple[str, ...], ...]

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
            stem = m.group(1)
            for n in range(self.min_stem, len(stem) + 1):
                for concept in self.stem_concepts.get(stem[:n], ()):
                    hits.setdefault(concept, []).append((m.start(), m.end()))
        out: list[tuple[int, int]] = []
        for combo in self.combos:
            if not all(c in hits for c in combo):
                continue
            bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(lower)] + [len(lower)]
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
        return SentenceRules(None, {}, 1, ())
    scan = re.compile("(" + trie_regex(sorted(stem_concepts)) + r")[\wåäö]*")
    return SentenceRules(
        scan,
        {k: frozenset(v) for k, v in stem_concepts.items()},
        min(len(k) for k in stem_concepts),
        combos,
    )


@cache
def sentence_rules(path: Path = PATTERN_FILE) -> dict[str, SentenceRules]:
    """The concept rules of each disclosure rule."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {rule_id: _sentence_rules(doc, rule_id) for rule_id in RULES}


@cache
def compiled(path: Path = PATTERN_FILE) -> dict[str, Matcher]:
    """One precompiled two-stage matcher per disclosure rule."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    near, w = doc["near"], doc["w"]
    negatives = list(doc.get("hard_negatives") or [])
    result: dict[str, Matcher] = {}
    for rule_id, by_lang in doc["rules"].items():
        parts = [_expand(p, near, w) for pats in by_lang.values() for p in pats]
        for part in parts:
            if re.search(r"\\[WSDBAZ]", part):
                raise ValueError(f"{path.name}: {rule_id}: use lower-case escapes only")
        parts += _cue_patterns(list((doc.get("cue_indicators") or {}).get(rule_id, [])), negatives)
        # Patterns are lower case and run on lower-cased text: without re.I the engine
        # scans several times faster.
        result[rule_id] = _matcher([p.lower() for p in parts])
    return result


def find(rule_id: str, masked_text: str) -> list[str]:
    """The matched words of ``rule_id`` in a masked note (empty when none)."""
    if not masked_text:
        return []
    if "@" in masked_text or "http" in masked_text or "www." in masked_text:
        masked_text = _ADDRESSES.sub(" ", masked_text)
    lower = masked_text.lower()
    if len(lower) != len(masked_text):  # rare characters whose lower case is longer
        masked_text = lower
    found = [masked_text[m.start() : m.end()].strip() for m in compiled()[rule_id].finditer(lower)]
    if not found:
        spans = sentence_rules()[rule_id].finditer(lower)
        if spans:
            found = [" … ".join(masked_text[a:b] for a, b in spans)]
    return found
