"""Helpers shared by the rules: prepared columns and marking look-ups."""

from __future__ import annotations

import re

from hoiku_lib.audit import disclosure, pii

RISK_PHRASE = re.compile(
    r"haavoittuva\w*\s+asema\w*|i\s+utsatt\s+ställning|vulnerable\s+position", re.I
)
CONFIDENTIAL = re.compile(
    r"salassa\s*pidettävä\w*|salassapidettävä\w*|sekretessbelag\w*|konfidentiell\w*|confidential",
    re.I,
)


def prepare(df, lang: str = "fi"):  # noqa: ANN001, ANN201
    """Add masked note/risk text and the identifier kinds each holds (computed once)."""
    if "_masked_note" in df.columns:
        return df
    df = df.copy()
    df.attrs["lang"] = lang
    for src, dst, kinds in (
        ("note_text", "_masked_note", "_pii_note"),
        ("risk_flag", "_masked_risk", "_pii_risk"),
    ):
        texts = df[src].fillna("").astype(str) if src in df.columns else None
        masked: list[str] = []
        found: list[str] = []
        for text in texts if texts is not None else [""] * len(df):
            spans = pii.detect(text)
            masked.append(pii.mask(text, lang, spans) if spans else text)
            found.append(" ".join(sorted({s.kind for s in spans})))
        df[dst] = masked
        df[kinds] = found
    return df


def column(df, name: str, default=None):  # noqa: ANN001, ANN201
    """A column, or a Series of ``default`` when the export lacks it."""
    import pandas as pd

    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def is_true(series):  # noqa: ANN001, ANN201
    """Nullable boolean → plain bool (NA is not true)."""
    return series.fillna(False).astype(bool)


def disclosure_result(df, rule_id: str):  # noqa: ANN001, ANN201
    """Applies to every note; finding when the masked note matches the rule's patterns."""
    import pandas as pd

    evidence = [" … ".join(dict.fromkeys(disclosure.find(rule_id, t))) for t in df["_masked_note"]]
    ev = pd.Series(evidence, index=df.index, dtype=object)
    applies = pd.Series(True, index=df.index)
    return applies, ev != "", ev
