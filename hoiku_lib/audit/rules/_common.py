"""Helpers shared by the rules: columns of the typed chunk and marking look-ups."""

from __future__ import annotations

import re

RISK_PHRASE = re.compile(
    r"haavoittuva\w*\s+asema\w*|i\s+utsatt\s+ställning|vulnerable\s+position", re.I
)
CONFIDENTIAL = re.compile(
    r"salassa\s*pidettävä\w*|salassapidettävä\w*|sekretessbelag\w*|konfidentiell\w*|confidential",
    re.I,
)


def column(df, name: str, default=None):  # noqa: ANN001, ANN201
    """A column, or a Series of ``default`` when the export lacks it."""
    import pandas as pd

    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def is_true(series):  # noqa: ANN001, ANN201
    """Nullable boolean → plain bool (NA is not true)."""
    return series.fillna(False).astype(bool)


def disclosure_result(df, detections, rule_id: str):  # noqa: ANN001, ANN201
    """Applies to every note; finding when the disclosure detector found evidence."""
    import pandas as pd

    evidence = detections.evidence[rule_id]
    return pd.Series(True, index=df.index), evidence != "", evidence
