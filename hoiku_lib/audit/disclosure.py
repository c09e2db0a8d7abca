"""Find text that reveals observed trafficking signs or the client's request for help.

The guide (IV.rec) warns that an exploiter may read the client's record: a note should not
reveal the signs a professional noticed nor the client's wish to get out. Patterns are data
(``data/audit/disclosure_patterns.yaml``), extended with the taxonomy's cues where they are
specific; they run on MASKED text so evidence never carries an identifier.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

PATTERN_FILE = Path(__file__).resolve().parents[2] / "data" / "audit" / "disclosure_patterns.yaml"
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
    out: list[str] = []
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
    if kept:
        out.append(r"\b" + trie_regex(sorted(set(kept))) + r"[\wåäö]*")
    return out


@cache
def compiled(path: Path = PATTERN_FILE) -> dict[str, re.Pattern[str]]:
    """One combined, precompiled pattern per disclosure rule."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    near, w = doc["near"], doc["w"]
    negatives = list(doc.get("hard_negatives") or [])
    result: dict[str, re.Pattern[str]] = {}
    for rule_id, by_lang in doc["rules"].items():
        parts = [_expand(p, near, w) for pats in by_lang.values() for p in pats]
        for part in parts:
            if re.search(r"\\[WSDBAZ]", part):
                raise ValueError(f"{path.name}: {rule_id}: use lower-case escapes only")
        parts += _cue_patterns(list((doc.get("cue_indicators") or {}).get(rule_id, [])), negatives)
        # Patterns are lower case and run on lower-cased text: without re.I the engine
        # scans several times faster.
        result[rule_id] = re.compile("|".join(f"(?:{p.lower()})" for p in parts))
    return result


def find(rule_id: str, masked_text: str) -> list[str]:
    """The matched words of ``rule_id`` in a masked note (empty when none)."""
    if not masked_text:
        return []
    masked_text = _ADDRESSES.sub(" ", masked_text)
    lower = masked_text.lower()
    if len(lower) != len(masked_text):  # rare characters whose lower case is longer
        masked_text = lower
    return [
        masked_text[m.start() : m.end()].strip()
        for m in compiled()[rule_id].finditer(lower)
        if m.group(0)
    ]
