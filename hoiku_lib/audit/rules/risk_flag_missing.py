"""risk_flag_missing: suspected, and the risk flag lacks "haavoittuvassa asemassa" (IV.rec).

Best practice: the guide's safe way to pass the suspicion on is the risk-information entry
"haavoittuvassa asemassa" (sv "i utsatt ställning", en "vulnerable position").
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import RISK_PHRASE, column, is_true


def check(df, detections):  # noqa: ANN001, ANN201
    """Applies to suspected episodes; finding when the phrase is absent."""
    applies = is_true(column(df, "suspected", False))
    flag = column(df, "risk_flag", "").fillna("").astype(str)
    has_phrase = flag.str.contains(RISK_PHRASE, regex=True)
    finding = applies & ~has_phrase
    evidence = finding.map(lambda f: "risk_flag" if f else "")
    return applies, finding, evidence


RULE = register(
    Rule("risk_flag_missing", "audit.rule.risk_flag_missing", "IV.rec", "medium", check)
)
