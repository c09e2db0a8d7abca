"""non_professional_interpreter: the companion or a family member interpreted (IV.2).

Best practice: use a professional interpreter (on site or by phone); a companion may be the
exploiter, and a relative cannot be neutral.
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import column


def check(df, detections):  # noqa: ANN001, ANN201
    """Applies when someone interpreted; finding when it was a companion or relative."""
    value = column(df, "interpreter", None)
    applies = value.isin(["professional", "phone", "companion", "family"])
    finding = value.isin(["companion", "family"])
    evidence = value.where(finding, "").fillna("").astype(str)
    return applies, finding, evidence


RULE = register(
    Rule(
        "non_professional_interpreter",
        "audit.rule.non_professional_interpreter",
        "IV.1",  # the guide asks for an interpreter the client feels safe with (III.2, IV.1)
        "medium",
        check,
    )
)
