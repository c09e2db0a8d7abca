"""help_request_disclosure: the note reveals the client's request for help (guide IV.rec).

Anti-pattern: "Pyysi apua päästäkseen pois työnantajan luota." Best practice: an exploiter
may read the record; keep the request out of it and act on it through safe channels.
"""

from __future__ import annotations

from hoiku_lib.audit.rules import Rule, register
from hoiku_lib.audit.rules._common import disclosure_result


def check(df, detections):  # noqa: ANN001, ANN201
    """Finding when the masked note matches; evidence is the matched words."""
    return disclosure_result(df, detections, "help_request_disclosure")


RULE = register(
    Rule(
        "help_request_disclosure",
        "audit.rule.help_request_disclosure",
        "IV.rec",
        "high",
        check,
        detector="disclosure",
    )
)
