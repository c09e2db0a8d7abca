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


def _cue_patterns(indicator_ids: list[str], negatives: list[str]) -> list[str]:
    """Cue stems of the named indicators that do not fire on any hard negative."""
    try:
        from hoiku_lib.content import load_content

        indicators = load_content().indicators
    except Exception:  # noqa: BLE001 - content not available: patterns file alone
        return []
    out: list[str] = []
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
                    out.append(pat)
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
        parts += _cue_patterns(list((doc.get("cue_indicators") or {}).get(rule_id, [])), negatives)
        result[rule_id] = re.compile("|".join(f"(?:{p})" for p in parts), re.I)
    return result


def find(rule_id: str, masked_text: str) -> list[str]:
    """The matched words of ``rule_id`` in a masked note (empty when none)."""
    if not masked_text:
        return []
    masked_text = _ADDRESSES.sub(" ", masked_text)
    return [m.group(0).strip() for m in compiled()[rule_id].finditer(masked_text) if m.group(0)]
