"""personal_data: the note or risk field holds a direct identifier (guide IV.rec).

Anti-pattern: "Soitettu asiakkaalle numeroon 040 …, hetu …". Best practice: the record
system already holds the client's identity; the note says only what the care relationship
needs. Organisations' public numbers and e-mails are not personal data.
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register


def check(df, detections):  # noqa: ANN001, ANN201
    """Finding when the masked text had anything to mask; evidence lists the (neutral) masks."""
    import pandas as pd

    from hoiku_lib.audit.pii import MASKS

    evidence = detections.per_kinds(lambda ks: " ".join(MASKS[k] for k in ks))
    applies = pd.Series(True, index=df.index)
    return applies, evidence != "", evidence


RULE = register(
    Rule(
        "personal_data", "audit.rule.personal_data", "IV.rec", "high", check, detector="identifiers"
    )
)
