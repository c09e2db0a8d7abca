"""indicator_disclosure: the note reveals observed signs or the suspicion (guide IV.rec).

Anti-pattern: "Epäillään ihmiskauppaa, työnantaja pitää passia." Best practice: record only
what care needs; tell the suspicion to colleagues privately or as "haavoittuvassa asemassa".
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import disclosure_result


def check(df, detections):  # noqa: ANN001, ANN201
    """Finding when the masked note matches; evidence is the matched words."""
    return disclosure_result(df, detections, "indicator_disclosure")


RULE = register(
    Rule(
        "indicator_disclosure",
        "audit.rule.indicator_disclosure",
        "IV.rec",
        "high",
        check,
        detector="disclosure",
    )
)
