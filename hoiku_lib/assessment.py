"""The training heuristic: level, child status, actions and duties from ticked signs.

Pure functions only (DESIGN.md, "Assessment" and "Actions", revised in 2026): each sign
weighs by its strength (strong 3, medium 2, weak 1); an element (exploitation, control) is
present when its signs weigh at least 3. Most health and social signs are weak, because the
guide says they do not differ from other clients' (III.1): one of them alone never raises
the level above ``low`` and never gives a duty. The result carries its reasons (the signs,
their strengths and the rule that fired) and the legal basis of every duty, so a trainee
sees why. This is a training aid, never a diagnosis.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t
from hoiku_lib.schemas import WEIGHTS

LEVELS: tuple[str, ...] = ("none", "low", "elevated", "high")
ELEMENT_WEIGHT = 3  # an element is present from this weight on: one strong sign, or more
ELEVATED_WEIGHT = 2  # exploitation and control signs together: below this, at most "low"
ELEMENTS: tuple[str, ...] = ("exploitation", "control")
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
    unaccompanied: bool = False  # a child without parents or a guardian in Finland

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
    """Why the result is what it is: a rule code, the indicator ids it used, its figures."""

    code: str
    indicators: tuple[str, ...] = ()
    params: tuple[tuple[str, str], ...] = ()

    def render(self, lang: str, content: Content | None = None) -> str:
        content = content or load_content()
        labels = ", ".join(
            t(
                "assess.sign_with_strength",
                lang,
                label=pick(content.indicators[i].label, lang),
                strength=t(f"assess.strength.{content.indicators[i].strength}", lang),
            )
            for i in self.indicators
        )
        return t(f"assess.reason.{self.code}", lang, signs=labels, **dict(self.params))

    def as_dict(self, lang: str, content: Content | None = None) -> dict[str, object]:
        content = content or load_content()
        return {
            "rule": self.code,
            "indicators": list(self.indicators),
            "strengths": {i: content.indicators[i].strength for i in self.indicators},
            "text": self.render(lang, content),
        }


@dataclass(frozen=True)
class Weights:
    """What the ticked signs weigh, per category."""

    exploitation: int = 0
    control: int = 0
    vulnerability: int = 0

    @property
    def exploitation_present(self) -> bool:
        return self.exploitation >= ELEMENT_WEIGHT

    @property
    def control_present(self) -> bool:
        return self.control >= ELEMENT_WEIGHT


@dataclass(frozen=True)
class Assessment:
    level: str
    child: bool
    actions: list[str]
    reasons: list[Reason]
    notes: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    weights: Weights = field(default_factory=Weights)

    def basis(self, lang: str, content: Content | None = None) -> dict[str, list[dict[str, str]]]:
        """The legal basis of each recommended action that has one, duties first."""
        content = content or load_content()
        out: dict[str, list[dict[str, str]]] = {}
        for action_id in self.duties + [a for a in self.actions if a not in self.duties]:
            entries = content.actions[action_id].basis
            if entries:
                out[action_id] = [
                    {
                        "law": b.law,
                        "citation": pick(content.laws[b.law].citation, lang),
                        "condition": pick(b.condition, lang),
                    }
                    for b in entries
                ]
        return out

    def as_dict(self, lang: str = "fi", content: Content | None = None) -> dict[str, object]:
        """The JSON contract of ``hoiku assess --json`` (DESIGN.md)."""
        content = content or load_content()
        return {
            "level": self.level,
            "child": self.child,
            "actions": list(self.actions),
            "duties": list(self.duties),
            "basis": self.basis(lang, content),
            "weights": {
                "exploitation": self.weights.exploitation,
                "control": self.weights.control,
                "vulnerability": self.weights.vulnerability,
            },
            "reasons": [r.as_dict(lang, content) for r in self.reasons],
            "notes": list(self.notes),
            "resources": list(self.resources),
        }


def basis_lines(action_id: str, lang: str, content: Content) -> tuple[str, ...]:
    """The legal basis of a duty in plain words ("Lastensuojelulaki … 25 § 3 mom.: kun …")."""
    action = content.actions.get(action_id)
    if action is None or not action.duty:
        return ()
    return tuple(
        t(
            "assess.basis_line",
            lang,
            citation=pick(content.laws[b.law].citation, lang),
            condition=pick(b.condition, lang),
        )
        for b in action.basis
    )


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


def weigh(strengths_by_category: dict[str, Iterable[str]]) -> Weights:
    """Sum the weights of the strengths given per category."""
    return Weights(
        **{
            cat: sum(WEIGHTS[s] for s in strengths_by_category.get(cat, ()))
            for cat in ("exploitation", "control", "vulnerability")
        }
    )


def level_of(weights: Weights, child: bool) -> str:
    """The level rule of DESIGN.md; monotone in every weight, never lower for a child."""
    if weights.exploitation_present and (weights.control_present or child):
        return "high"
    if weights.exploitation + weights.control >= ELEVATED_WEIGHT:
        return "elevated"
    if weights.exploitation + weights.control + weights.vulnerability > 0:
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
        actions.add("child_protection_notice")
        if level == "high":
            actions.add("police_report")
        if context.unaccompanied:
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
    if level == "high":
        notes.append("planned_offence")
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


def _rule_reason(level: str, weights: Weights, context: Context, exp: tuple, ctl: tuple) -> Reason:
    figures = (
        ("exploitation", str(weights.exploitation)),
        ("control", str(weights.control)),
        ("total", str(weights.exploitation + weights.control)),
    )
    if level == "high":
        return Reason("rule_high_child" if context.child else "rule_high_adult", exp + ctl, figures)
    if level == "elevated":
        return Reason("rule_elevated", exp + ctl, figures)
    if level == "low":
        return Reason(
            "rule_low_weak" if exp or ctl else "rule_low_vulnerability", exp + ctl, figures
        )
    return Reason("rule_none")


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
    weights = weigh(
        {cat: [content.indicators[i].strength for i in found] for cat, found in by_cat.items()}
    )
    exp, ctl = by_cat["exploitation"], by_cat["control"]
    level = level_of(weights, context.child)

    reasons: list[Reason] = []
    if context.age_uncertain:
        reasons.append(Reason("child_uncertain_age"))
    elif context.child:
        reasons.append(Reason("child_age", params=(("age", str(context.age)),)))
    for cat, found in by_cat.items():
        if found:
            weight = str(getattr(weights, cat))
            reasons.append(Reason(f"signs_{cat}", found, (("weight", weight),)))
    for element in ELEMENTS:
        if getattr(weights, f"{element}_present"):
            reasons.append(Reason(f"element_{element}", by_cat[element]))
    reasons.append(_rule_reason(level, weights, context, exp, ctl))

    actions, notes = recommended_actions(level, context)
    duties = [a for a in actions if content.actions[a].duty]
    if duties:
        reasons.append(Reason("duties", params=(("n", str(len(duties))),)))
    if level == "high" and not context.child and context.consent is None:
        reasons.append(Reason("consent_decides"))
    return Assessment(
        level=level,
        child=context.child,
        actions=actions,
        reasons=reasons,
        notes=notes,
        resources=matching_resources(level, ids, content),
        duties=duties,
        weights=weights,
    )
