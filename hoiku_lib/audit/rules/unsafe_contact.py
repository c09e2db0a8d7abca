"""unsafe_contact: suspected, and the follow-up channel was not confirmed safe (IV.rec).

Best practice: use for follow-up only a phone, e-mail or address the client can use safely
and without the exploiter knowing, and confirm it with the client.
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import column, is_true


def check(df, detections):  # noqa: ANN001, ANN201
    """Applies to suspected episodes; finding unless the channel was confirmed safe."""
    applies = is_true(column(df, "suspected", False))
    safe = is_true(column(df, "contact_channel_safe", False))
    finding = applies & ~safe
    evidence = finding.map(lambda f: "contact_channel_safe" if f else "")
    return applies, finding, evidence


RULE = register(Rule("unsafe_contact", "audit.rule.unsafe_contact", "IV.rec", "high", check))
