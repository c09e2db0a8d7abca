"""unmarked_outgoing: a message to a partner lacked "salassapidettävä" (guide IV.rec).

Best practice: mark every message about the client to another organisation
"salassapidettävä" (sv "sekretessbelagd", en "confidential").
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import CONFIDENTIAL, column, is_true


def check(df, detections):  # noqa: ANN001, ANN201
    """Applies when a message went out; finding when its marking is not confidential."""
    applies = is_true(column(df, "outgoing_message", False))
    marking = column(df, "outgoing_marking", "").fillna("").astype(str)
    finding = applies & ~marking.str.contains(CONFIDENTIAL, regex=True)
    evidence = finding.map(lambda f: "outgoing_marking" if f else "")
    return applies, finding, evidence


RULE = register(Rule("unmarked_outgoing", "audit.rule.unmarked_outgoing", "IV.rec", "high", check))
