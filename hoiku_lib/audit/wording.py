"""How the audit's outputs name a criterion and say a structured finding in words.

The report, the workbook and the quality officers' notebook show the same words: a short
name worded as what should hold ("Ammattitulkki käytössä") instead of the rule id, and a
structured rule's evidence code ("family") as a phrase. Text found in a note is shown as it
is (already masked; the masks shown in the reader's language).
"""

from __future__ import annotations

from hoiku_lib.i18n import t

# evidence codes the structured rules write; anything else is words from the note
EVIDENCE_CODES = ("family", "companion", "risk_flag", "outgoing_marking", "contact_channel_safe")


def rule_name(rule_id: str, lang: str) -> str:
    """A criterion's short name in ``lang``."""
    return t(f"audit.ui.rule_name.{rule_id}", lang)


def evidence_text(evidence: str, lang: str) -> str:
    """Evidence as shown: a structured rule's code in words, a note's words as they are,
    with the core's neutral masks in ``lang`` ("[ǂname]" → "[NIMI]")."""
    from hoiku_lib.audit.pii import render_masks

    if evidence in EVIDENCE_CODES:
        return t(f"audit.ui.evidence.{evidence}", lang)
    return render_masks(evidence, lang)
