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
    """Add masked note/risk text, the identifier kinds each holds and the disclosure
    evidence of the masked note: computed once per chunk, for every rule to read."""
    if "_masked_note" in df.columns:
        return df
    df = df.copy()
    df.attrs["lang"] = lang
    for src, dst, kinds in (
        ("note_text", "_masked_note", "_pii_note"),
        ("risk_flag", "_masked_risk", "_pii_risk"),
    ):
        texts = df[src].fillna("").astype(str).tolist() if src in df.columns else [""] * len(df)
        spans = pii.detect_many(texts)
        df[dst] = [pii.mask(t, lang, s) if s else t for t, s in zip(texts, spans, strict=True)]
        df[kinds] = [" ".join(sorted({_kind(x) for x in s})) if s else "" for s in spans]
    found = disclosure.find_many(df["_masked_note"].tolist())
    for rule_id, evidence in found.items():
        df[f"_evidence_{rule_id}"] = [" … ".join(dict.fromkeys(e)) if e else "" for e in evidence]
    return df


def _kind(span: pii.Span) -> str:
    """A span's kind as a row reports it: a name with only possible evidence is
    ``possible_name`` (masked all the same, but it does not say "send it back")."""
    return pii.POSSIBLE_NAME if span.kind == "name" and span.strength != "strong" else span.kind


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

    evidence = df[f"_evidence_{rule_id}"]
    return pd.Series(True, index=df.index), evidence != "", evidence
