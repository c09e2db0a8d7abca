"""Grade one stage of a case: pure functions from a participant's choices to a score and feedback.

Signs are cumulative (a sign shown at stage 1 still counts at stage 3); actions are the
stage's own key (the cumulative answer). Critical errors weigh most: leaving out a legal duty
(a child's notifications, the anticipatory notification), or acting for an adult without
consent: a police report always needs the adult's own consent, whatever they said about the
assistance system (consent to one is not consent to the other, guide IV.5). Signs the key
lists as ``considered`` and ``optional_actions`` cost nothing either way. A training aid,
never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hoiku_lib.assessment import basis_lines
from hoiku_lib.cases.schema import Case
from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t

# an adult's own consent: the police report always, the assistance system unless they said yes
NEEDS_POLICE_CONSENT = frozenset({"police_report"})
NEEDS_NAS_CONSENT = frozenset({"refer_assistance_system"})
W_ITEM = 1.0
W_CRITICAL = 3.0
W_WRONG_SIGN = 0.5
W_WRONG_ACTION = 1.0


@dataclass(frozen=True)
class Grade:
    """What was right, missed and wrong at one stage, and the weighted score in [0, 1]."""

    stage_index: int
    signs_found: tuple[str, ...]
    signs_missed: tuple[str, ...]
    signs_wrong: tuple[str, ...]
    signs_considered: tuple[str, ...]
    actions_right: tuple[str, ...]
    actions_optional: tuple[str, ...]
    actions_missing: tuple[str, ...]
    actions_wrong: tuple[str, ...]
    critical_missing: tuple[str, ...]
    critical_wrong: tuple[str, ...]
    score: float

    @property
    def perfect(self) -> bool:
        return not (self.signs_missed or self.signs_wrong or self.actions_missing) and not (
            self.actions_wrong
        )


@dataclass(frozen=True)
class FeedbackItem:
    """One line of feedback: which sign or action, what happened, why, and where to read."""

    kind: str  # found | missed | wrong | right | missing
    target: str  # sign | action
    id: str
    label: str
    headline: str
    detail: str
    ref: str
    critical: bool
    basis: tuple[str, ...] = ()


def expected_signs(case: Case, stage_index: int) -> list[str]:
    """All signs shown up to and including this stage."""
    return case.signs_until(stage_index)


def expected_actions(case: Case, stage_index: int) -> list[str]:
    """The right actions after this stage."""
    return [a.id for a in case.stages[stage_index].key.actions]


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))


def considered_signs(case: Case, stage_index: int) -> set[str]:
    """Signs the key has weighed and set aside up to this stage (no penalty when ticked)."""
    return {c.id for st in case.stages[: stage_index + 1] for c in st.key.considered}


def optional_actions(case: Case, stage_index: int) -> set[str]:
    return {a.id for a in case.stages[stage_index].key.optional_actions}


def _critical_missing(case: Case, missing: Iterable[str], content: Content) -> tuple[str, ...]:
    # a legal duty the key requires (the key asks for a duty only where it applies)
    return _ordered(a for a in missing if a in content.actions and content.actions[a].duty)


def _critical_wrong(case: Case, wrong: Iterable[str]) -> tuple[str, ...]:
    # Acting for an adult without their consent (guide IV.2, IV.5).
    if case.client.is_child:
        return ()
    needs = set(NEEDS_POLICE_CONSENT)
    if case.client.consent != "yes":
        needs |= NEEDS_NAS_CONSENT
    return _ordered(a for a in wrong if a in needs)


def grade(
    case: Case,
    stage_index: int,
    signs: Iterable[str],
    actions: Iterable[str],
    content: Content | None = None,
) -> Grade:
    """Compare the participant's ticks at ``stage_index`` with the case key."""
    if not 0 <= stage_index < len(case.stages):
        raise IndexError(stage_index)
    content = content or load_content()
    ticked, chosen = set(signs), set(actions)
    want_signs, want_actions = (
        set(expected_signs(case, stage_index)),
        set(expected_actions(case, stage_index)),
    )
    set_aside = considered_signs(case, stage_index) - want_signs
    optional = optional_actions(case, stage_index) - want_actions
    missing = want_actions - chosen
    wrong = chosen - want_actions - optional
    crit_missing = _critical_missing(case, missing, content)
    crit_wrong = _critical_wrong(case, wrong)
    crit_expected = _critical_missing(case, want_actions, content)

    def action_weight(action_id: str) -> float:
        return W_CRITICAL if action_id in crit_expected else W_ITEM

    total = W_ITEM * len(want_signs) + sum(map(action_weight, want_actions))
    earned = W_ITEM * len(ticked & want_signs) + sum(map(action_weight, chosen & want_actions))
    penalty = W_WRONG_SIGN * len(ticked - want_signs - set_aside) + sum(
        W_CRITICAL if a in crit_wrong else W_WRONG_ACTION for a in wrong
    )
    if total > 0:
        score = min(1.0, max(0.0, (earned - penalty) / total))
    else:
        score = 1.0 / (1.0 + penalty)
    return Grade(
        stage_index=stage_index,
        signs_found=_ordered(ticked & want_signs),
        signs_missed=_ordered(want_signs - ticked),
        signs_wrong=_ordered(ticked - want_signs - set_aside),
        signs_considered=_ordered(ticked & set_aside),
        actions_right=_ordered(chosen & want_actions),
        actions_optional=_ordered(chosen & optional),
        actions_missing=_ordered(missing),
        actions_wrong=_ordered(wrong),
        critical_missing=crit_missing,
        critical_wrong=crit_wrong,
        score=score,
    )


def _sign_whys(case: Case, stage_index: int) -> dict[str, object]:
    return {s.id: s.why for st in case.stages[: stage_index + 1] for s in st.key.signs}


def _considered_whys(case: Case, stage_index: int) -> dict[str, object]:
    return {c.id: c.why for st in case.stages[: stage_index + 1] for c in st.key.considered}


def feedback(
    case: Case, result: Grade, lang: str, content: Content | None = None
) -> list[FeedbackItem]:
    """Feedback items in ``lang``: critical ones first, then missed, wrong and found."""
    content = content or load_content()
    key = case.stages[result.stage_index].key
    sign_why = _sign_whys(case, result.stage_index)
    action_why = {a.id: a.why for a in [*key.actions, *key.optional_actions]}
    considered_why = _considered_whys(case, result.stage_index)
    why_not = {
        w.id: w.why_not
        for st in case.stages[: result.stage_index + 1]
        for w in st.key.wrong_actions
    }
    items: list[FeedbackItem] = []

    def sign(kind: str, sign_id: str, detail: str) -> None:
        ind = content.indicators.get(sign_id)
        label = pick(ind.label, lang) if ind else sign_id
        headline = t(f"grade.sign_{kind}", lang, label=label)
        items.append(
            FeedbackItem(
                kind, "sign", sign_id, label, headline, detail, ind.ref if ind else "", False
            )
        )

    def action(kind: str, action_id: str, detail: str, critical: bool) -> None:
        act = content.actions.get(action_id)
        label = pick(act.label, lang) if act else action_id
        suffix = "_critical" if critical else ""
        headline = t(f"grade.action_{kind}{suffix}", lang, label=label)
        items.append(
            FeedbackItem(
                kind,
                "action",
                action_id,
                label,
                headline,
                detail,
                act.ref if act else "",
                critical,
                basis_lines(action_id, lang, content),
            )
        )

    for a in result.actions_missing:
        action("missing", a, pick(action_why[a], lang), a in result.critical_missing)
    for a in result.actions_wrong:
        detail = pick(why_not[a], lang) if a in why_not else t("grade.not_needed_now", lang)
        action("wrong", a, detail, a in result.critical_wrong)
    for s in result.signs_missed:
        sign("missed", s, pick(sign_why[s], lang))
    for s in result.signs_wrong:
        sign("wrong", s, t("grade.sign_not_in_case", lang))
    for s in result.signs_considered:
        sign("considered", s, pick(considered_why[s], lang))
    for a in result.actions_right:
        action("right", a, pick(action_why[a], lang), False)
    for a in result.actions_optional:
        action("optional", a, pick(action_why[a], lang), False)
    for s in result.signs_found:
        sign("found", s, pick(sign_why[s], lang))
    items.sort(key=lambda item: not item.critical)  # stable: critical first
    return items
