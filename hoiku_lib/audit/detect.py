"""The detection stage: identifiers and disclosures found in one typed chunk, once.

The most expensive and most privacy-critical step of the audit has a room of its own:
:func:`detect` masks every identifier in the note and the risk field, records which kinds
each row held, and runs the disclosure detector (patterns, sentence rules, word model) on
the MASKED note, so no evidence can carry an identifier. The rules then read the typed
:class:`Detections`, never magic columns of the frame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from hoiku_lib.audit import disclosure, pii

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Detections:
    """What the detection stage found in a chunk, row for row (indexed like the chunk)."""

    masked_note: pd.Series  # note_text with every identifier masked (neutral pii.MASKS)
    masked_risk: pd.Series  # risk_flag with every identifier masked
    note_kinds: pd.Series  # identifier kinds in the note, sorted, space-separated
    risk_kinds: pd.Series  # identifier kinds in the risk field, the same way
    evidence: dict[str, pd.Series]  # disclosure rule id → matched words ("" when none)

    @cached_property
    def _kind_sets(self) -> tuple[list[int], list[tuple[str, ...]]]:
        """(each row's code, the distinct kind tuples by code): a chunk holds a handful of
        distinct combinations, so each is split, sorted and judged once, not per row."""
        import pandas as pd

        codes, uniques = pd.factorize(self.note_kinds + " " + self.risk_kinds)
        return codes.tolist(), [tuple(sorted(set(u.split()))) for u in uniques]

    @cached_property
    def kinds(self) -> pd.Series:
        """The identifier kinds of each row (note and risk field), sorted, as a tuple:
        ``possible_name`` is a name with only weak evidence."""
        return self.per_kinds(lambda ks: ks)

    def per_kinds(self, fn: Callable[[tuple[str, ...]], object]) -> pd.Series:
        """``fn`` of each row's :attr:`kinds`, called once per distinct tuple."""
        import pandas as pd

        codes, sets = self._kind_sets
        values = [fn(ks) for ks in sets]
        return pd.Series([values[c] for c in codes], index=self.note_kinds.index)

    def verdict(self) -> tuple[bool, int]:
        """(any certain identifier or strong name, rows with a possible name): only the
        first says the sample is not anonymised."""
        codes, sets = self._kind_sets
        rows = Counter(codes)  # every distinct tuple is some row's
        certain = any(k != pii.POSSIBLE_NAME for ks in sets for k in ks)
        possible = sum(rows[c] for c, ks in enumerate(sets) if pii.POSSIBLE_NAME in ks)
        return certain, possible


def detect(frame) -> Detections:  # noqa: ANN001
    """Identifiers masked and disclosures found in the typed chunk ``frame``; the masks are
    neutral (no language: outputs localise them where they are shown)."""
    import pandas as pd

    masked, kinds = {}, {}
    for src in ("note_text", "risk_flag"):
        texts = frame[src].fillna("").astype(str).tolist() if src in frame.columns else []
        texts = texts or [""] * len(frame)
        spans = pii.detect_many(texts)
        masked[src] = pd.Series(
            [pii.mask(t, s) if s else t for t, s in zip(texts, spans, strict=True)],
            index=frame.index,
            dtype=object,
        )
        kinds[src] = pd.Series(
            [" ".join(sorted({_kind(x) for x in s})) if s else "" for s in spans],
            index=frame.index,
            dtype=object,
        )
    found = disclosure.find_many(masked["note_text"].tolist())
    evidence = {
        rule_id: pd.Series(
            [" … ".join(dict.fromkeys(e)) if e else "" for e in rows],
            index=frame.index,
            dtype=object,
        )
        for rule_id, rows in found.items()
    }
    return Detections(
        masked["note_text"],
        masked["risk_flag"],
        kinds["note_text"],
        kinds["risk_flag"],
        evidence,
    )


def _kind(span: pii.Span) -> str:
    """A span's kind as a row reports it: a name with only possible evidence is
    ``possible_name`` (masked all the same, but it does not say "send it back")."""
    return pii.POSSIBLE_NAME if span.kind == "name" and span.strength != "strong" else span.kind
