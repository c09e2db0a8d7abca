"""The identifier scans' anchored fast paths find exactly what the plain regex scans find.

An anchor on the text's one-byte shape (``pii._shape``) proposes where a match may start and
the real pattern is tried only there (``pii._anchored``); for any text the matches must be
those of ``pattern.finditer``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import pii
from hoiku_lib.audit.blocks import SEPARATOR

# street words, house numbers and near misses: capitals after "-", stops, line breaks, the
# blocks' NUL, digits beyond ASCII ("٣", what the shape writes as "?"), "²", letters beyond
# Latin-1 ("ł") and the masks' "ǂ"
PIECES = st.sampled_from(
    [
        "Koivukuja",
        "Storgatan",
        "Karhunkierros",
        "RR",
        "klo",
        "Anna-Liisa",
        "x-Ray",
        "Łódź",
        "12",
        "3",
        "B",
        "5 B 12",
        "٣",
        "²",
        "15110",
        "Lahti",
        " ",
        "  ",
        "-",
        ",",
        ".",
        "\n",
        "\x00",
        SEPARATOR,
        "ǂ",
        "?",
        "(",
        "é",
        "_",
    ]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(
    st.sampled_from(list("Aaö Ö1٣-.,\n\x00?_ł")), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_anchored_address_scan_equals_finditer(text: str) -> None:
    fast = pii._anchored(pii._ADDRESS_RE, pii._ADDRESS_ANCHOR, pii._shape(text), text)
    assert [m.span() for m in fast] == [m.span() for m in pii._ADDRESS_RE.finditer(text)]


def test_anchored_address_scan_finds_addresses() -> None:
    """Not vacuous: addresses after other capitals and a hyphen are found."""
    text = "RR 132/84. Asuu Koivukuja 3 B 12, 15110 Lahti; x-Storgatan 5"
    fast = pii._anchored(pii._ADDRESS_RE, pii._ADDRESS_ANCHOR, pii._shape(text), text)
    assert [m.group(0) for m in fast] == ["RR 132", "Koivukuja 3 B 12", "Storgatan 5"]
