"""The training heuristic: level, child status and recommended actions from ticked signs.

Pure functions only (DESIGN.md, "Assessment" and "Actions"): the same inputs always give
the same result, and the result carries the reasons (which signs, which rule fired) so a
trainee sees why. This is a training aid, never a diagnosis.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t

LEVELS: tuple[str, ...] = ("none", "low", "elevated", "high")
MAX_AGE = 120
ACTION_ORDER: tuple[str, ...] = (
    "urgent_care",
    "professional_interpreter",
    "consult_assistance_system",
    "refer_assistance_system",
    "refer_ngo",
    "report_crime_with_consent",
    "child_protection_notice",
    "police_report",
    "anticipatory_child_protection_notice",
    "careful_documentation",
)
YesNo = Literal["yes", "no"] | None


class UnknownIndicatorError(ValueError):
    """One or more indicator ids are not in the taxonomy."""

    def __init__(self, unknown: list[str], suggestions: dict[str, list[str]]) -> None:
        self.unknown = unknown
        self.suggestions = suggestions
        super().__init__(", ".join(unknown))


class InvalidContextError(ValueError):
    """A context value is out of range (e.g. a negative age)."""

    def __init__(self, field_name: str) -> None:
        self.field_name = field_name
        super().__init__(field_name)


@dataclass(frozen=True)
class Context:
    """What the professional knows about the client besides the signs."""

    age: int | None = None
    age_uncertain: bool = False
    consent: YesNo = None
    home_municipality: YesNo = None
    pregnant: bool = False

    def __post_init__(self) -> None:
        if self.age is not None and not 0 <= self.age <= MAX_AGE:
            raise InvalidContextError("age")
        for name in ("consent", "home_municipality"):
            if getattr(self, name) not in ("yes", "no", None):
                raise InvalidContextError(name)

    @property
    def child(self) -> bool:
        """Under 18, or a young person whose age is uncertain (treated as a child, guide I)."""
        return self.age_uncertain or (self.age is not None and self.age < 18)


@dataclass(frozen=True)
class Reason:
    """Why the result is what it is: a rule code and the indicator ids it used."""

    code: str
    indicators: tuple[str, ...] = ()
    params: tuple[tuple[str, str], ...] = ()

    def render(self, lang: str, content: Content | None = None) -> str:
        content = content or load_content()
        labels = ", ".join(pick(content.indicators[i].label, lang) for i in self.indicators)
        return t(f"reason.{self.code}", lang, signs=labels, **dict(self.params))

    def as_dict(self, lang: str, content: Content | None = None) -> dict[str, object]:
        return {
            "rule": self.code,
            "indicators": list(self.indicators),
            "text": self.render(lang, content),
        }


@dataclass(frozen=True)
class Assessment:
    level: str
    child: bool
    actions: list[str]
    reasons: list[Reason]
    notes: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)

    def as_dict(self, lang: str = "fi", content: Content | None = None) -> dict[str, object]:
        """The JSON contract of ``hoiku assess --json`` (DESIGN.md)."""
        return {
            "level": self.level,
            "child": self.child,
            "actions": list(self.actions),
            "reasons": [r.as_dict(lang, content) for r in self.reasons],
            "notes": list(self.notes),
            "resources": list(self.resources),
        }


def check_indicators(ids: Iterable[str], content: Content) -> list[str]:
    """Deduplicated ids in taxonomy order; unknown ids raise with near-miss suggestions."""
    wanted = {i.strip() for i in ids if i.strip()}
    unknown = sorted(wanted - content.indicators.keys())
    if unknown:
        suggestions = {
            u: difflib.get_close_matches(u, list(content.indicators), n=3, cutoff=0.6)
            for u in unknown
        }
        raise UnknownIndicatorError(unknown, suggestions)
    return [i for i in content.indicators if i in wanted]


def level_of(n_exploitation: int, n_control: int, n_vulnerability: int, child: bool) -> str:
    """The level rule of DESIGN.md; monotone in every count."""
    if n_exploitation and (n_control or child):
        return "high"
    if n_exploitation or n_control:
        return "elevated"
    if n_vulnerability:
        return "low"
    return "none"


def recommended_actions(level: str, context: Context) -> tuple[list[str], list[str]]:
    """Action ids and context-note ids for a level and context (DESIGN.md, "Actions")."""
    if level not in ("elevated", "high"):
        return [], []
    actions = {"urgent_care", "professional_interpreter", "consult_assistance_system"}
    actions.add("careful_documentation")
    notes: list[str] = []
    if context.child:
        actions |= {"child_protection_notice", "police_report"}
        notes.append("child_representative")
        if context.age_uncertain:
            notes.append("child_uncertain_age")
    elif level == "high":
        actions.add("report_crime_with_consent")
        if context.consent == "yes":
            actions.add("refer_assistance_system")
        elif context.consent == "no":
            actions.add("refer_ngo")
            notes.append("consent_no")
        else:
            actions |= {"refer_assistance_system", "refer_ngo"}
            notes.append("consent_unknown")
    if context.pregnant:
        actions.add("anticipatory_child_protection_notice")
        notes.append("pregnant")
    if context.home_municipality == "no":
        notes.append("no_home_municipality")
    elif context.home_municipality == "yes":
        notes.append("has_home_municipality")
    return [a for a in ACTION_ORDER if a in actions], notes


def matching_resources(level: str, indicator_ids: list[str], content: Content) -> list[str]:
    """Support organisations whose ``relevant_when`` matches the result."""
    found = []
    for resource in content.resources:
        when = resource.relevant_when
        if level in when.levels or set(when.indicators) & set(indicator_ids):
            found.append(resource.id)
    return found


def assess(
    indicator_ids: Iterable[str], context: Context | None = None, content: Content | None = None
) -> Assessment:
    """Assess ticked signs in a context; raises UnknownIndicatorError for unknown ids."""
    content = content or load_content()
    context = context or Context()
    ids = check_indicators(indicator_ids, content)
    by_cat = {
        cat: tuple(i for i in ids if content.indicators[i].category == cat)
        for cat in ("exploitation", "control", "vulnerability")
    }
    exp, ctl, vul = by_cat["exploitation"], by_cat["control"], by_cat["vulnerability"]
    level = level_of(len(exp), len(ctl), len(vul), context.child)

    reasons: list[Reason] = []
    if context.age_uncertain:
        reasons.append(Reason("child_uncertain_age"))
    elif context.child:
        reasons.append(Reason("child_age", params=(("age", str(context.age)),)))
    for cat, found in by_cat.items():
        if found:
            reasons.append(Reason(f"signs_{cat}", found))
    if level == "high":
        reasons.append(Reason("rule_high_child" if context.child else "rule_high_adult", exp + ctl))
    elif level == "elevated":
        reasons.append(Reason("rule_elevated", exp + ctl))
    elif level == "low":
        reasons.append(Reason("rule_low", vul))
    else:
        reasons.append(Reason("rule_none"))

    actions, notes = recommended_actions(level, context)
    if level in ("elevated", "high"):
        if context.child:
            reasons.append(Reason("actions_child_duties"))
        elif level == "high" and context.consent is None:
            reasons.append(Reason("actions_consent_decides"))
        if context.pregnant:
            reasons.append(Reason("actions_pregnant"))
    return Assessment(
        level=level,
        child=context.child,
        actions=actions,
        reasons=reasons,
        notes=notes,
        resources=matching_resources(level, ids, content),
    )
