"""Where a sentence of a care note ends: shared by the concept rules and the word model.

Both judge one sentence at a time ("Pomo soitti. Uhka keskenmenosta." is two facts, not a
threat by the employer), so they must agree on where sentences end.
"""

from __future__ import annotations

import re

# A sentence ends at ! ? ; a line break, or a full stop that ends neither a number ("37.5",
# "klo 14.30") nor a common abbreviation of care notes ("Pot.", "As.", "ks.", "n.").
_ABBREVIATIONS = (
    "pot as pat asiak klo kl ks esim mm ym jne tms ns vrt pv vk kk rv tk sh th lääk psyk sos"
    " dr mr mrs ms approx ca bl tel puh os vs"
).split()
SENTENCE_END = re.compile(
    r"[!?;\n]+|\.+(?!\d)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS) + r"(?<!\b[a-zåäö]\.)"
)


def sentence_bounds(lower: str) -> list[int]:
    """Offsets where the sentences of a lower-cased note start and the last one ends."""
    return [0, *(m.end() for m in SENTENCE_END.finditer(lower)), len(lower)]
