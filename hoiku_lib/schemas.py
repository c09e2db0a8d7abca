"""Pydantic schemas of the content files in data/ (see docs/data-format.md).

The schema is the contract between the people who write content and the code that reads
it: a file that does not match is refused with the file and key named, before any user
sees half a taxonomy.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1
# Guide places: the section numbers of the guide, plus named boxes and headings that carry no
# number in the guide (I.means, I.child, IV.rec); data/guide.yaml names each in three languages
REF_PATTERN = r"^(I|I\.means|I\.child|II|III|III\.[1-3]|IV|IV\.[1-5]|IV\.rec|V)$"
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

CategoryId = Literal["exploitation", "control", "vulnerability"]
Strength = Literal["strong", "medium", "weak"]
WEIGHTS: dict[str, int] = {"strong": 3, "medium": 2, "weak": 1}
GUIDE = "guide"
Level = Literal["none", "low", "elevated", "high"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One user-facing text in the three languages; none may be empty."""

    fi: str = Field(min_length=1)
    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @field_validator("fi", "sv", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty text")
        return value.strip()


class Cues(Strict):
    fi: list[str] = []
    sv: list[str] = []
    en: list[str] = []

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)


class Item(Strict):
    id: str = Field(pattern=ID_PATTERN)
    text: Text
    ref: str = Field(pattern=REF_PATTERN)


class Category(Strict):
    id: CategoryId
    ref: str = Field(pattern=REF_PATTERN)
    label: Text
    summary: Text
    help_questions: list[Item] = Field(min_length=1)
    advice: list[Item] = Field(min_length=1)


class ExternalSource(Strict):
    """A dated source outside the guide (e.g. the ILO/EC operational indicators, 2009)."""

    id: str = Field(pattern=ID_PATTERN)
    citation: str = Field(min_length=1)
    date: dt.date
    url: str | None = None


class Indicator(Strict):
    """One sign. ``source`` says where the sign comes from (``guide`` or an external source
    id); ``strength_basis`` where its grade comes from; ``elaboration`` is the product's own
    addition to the guide's fact, shown as such."""

    id: str = Field(pattern=ID_PATTERN)
    category: CategoryId
    ref: str = Field(pattern=REF_PATTERN)
    kind: Literal["narrative", "list", "pressure", "external"]
    strength: Strength
    source: str = Field(pattern=ID_PATTERN)
    strength_basis: str = Field(pattern=ID_PATTERN)
    label: Text
    explanation: Text
    elaboration: Text | None = None
    cues: Cues = Cues()
    # words and stems that, in a vignette's Finnish text, state this sign (hoiku cases lint)
    mentions: list[str] = []

    @property
    def weight(self) -> int:
        return WEIGHTS[self.strength]

    @property
    def in_guide(self) -> bool:
        return self.source == GUIDE

    @model_validator(mode="after")
    def _prefix_matches_category(self) -> Indicator:
        prefix = {"exploitation": "exp_", "control": "ctl_", "vulnerability": "vul_"}
        if not self.id.startswith(prefix[self.category]):
            raise ValueError(f"id must start with {prefix[self.category]!r} for {self.category}")
        return self


class Form(Strict):
    id: str = Field(pattern=ID_PATTERN)
    ref: str = Field(pattern=REF_PATTERN)
    label: Text
    explanation: Text


class Taxonomy(Strict):
    schema_version: Literal[1]
    sources: list[ExternalSource] = []
    categories: list[Category]
    indicators: list[Indicator] = Field(min_length=1)
    forms: list[Form] = Field(min_length=1)
    child_rules: list[Item] = Field(min_length=1)
    # what trafficking is (guide I and II): offence, attempt, process; shown on the card
    facts: list[Item] = []

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        if [c.id for c in self.categories] != ["exploitation", "control", "vulnerability"]:
            raise ValueError("categories must be exploitation, control, vulnerability in order")
        _unique("indicators", [i.id for i in self.indicators])
        _unique("forms", [f.id for f in self.forms])
        _unique("sources", [s.id for s in self.sources])
        known = {GUIDE} | {s.id for s in self.sources}
        for ind in self.indicators:
            for name in ("source", "strength_basis"):
                if getattr(ind, name) not in known:
                    raise ValueError(f"indicator {ind.id}: unknown {name} {getattr(ind, name)!r}")
            if ind.kind == "external" and ind.in_guide:
                raise ValueError(f"indicator {ind.id}: kind external but source guide")
        return self


ACTION_IDS = (
    "urgent_care",
    "professional_interpreter",
    "consult_assistance_system",
    "refer_assistance_system",
    "refer_ngo",
    "child_protection_notice",
    "police_report",
    "anticipatory_child_protection_notice",
    "report_crime_with_consent",
    "careful_documentation",
)
CONTEXT_NOTE_IDS = (
    "no_home_municipality",
    "has_home_municipality",
    "consent_unknown",
    "consent_no",
    "child_uncertain_age",
    "child_representative",
    "pregnant",
    "planned_offence",
)


class Basis(Strict):
    """The legal basis of an action: a law entry of data/laws.yaml and when it applies."""

    law: str = Field(pattern=ID_PATTERN)
    condition: Text


class Action(Strict):
    id: Literal[ACTION_IDS]  # type: ignore[valid-type]
    ref: str = Field(pattern=REF_PATTERN)
    duty: bool
    label: Text
    explanation: Text
    basis: list[Basis] = []

    @model_validator(mode="after")
    def _duty_has_basis(self) -> Action:
        if self.duty and not self.basis:
            raise ValueError(f"action {self.id}: a duty needs a basis (law and condition)")
        return self


class ContextNote(Strict):
    id: Literal[CONTEXT_NOTE_IDS]  # type: ignore[valid-type]
    ref: str = Field(pattern=REF_PATTERN)
    text: Text
    basis: list[Basis] = []


class ActionCatalogue(Strict):
    schema_version: Literal[1]
    actions: list[Action]
    context_notes: list[ContextNote]

    @model_validator(mode="after")
    def _complete(self) -> ActionCatalogue:
        _unique("actions", [a.id for a in self.actions])
        _unique("context_notes", [n.id for n in self.context_notes])
        missing = set(ACTION_IDS) - {a.id for a in self.actions}
        if missing:
            raise ValueError(f"actions missing: {', '.join(sorted(missing))}")
        missing = set(CONTEXT_NOTE_IDS) - {n.id for n in self.context_notes}
        if missing:
            raise ValueError(f"context_notes missing: {', '.join(sorted(missing))}")
        return self


class Contact(Strict):
    phone: str | None = None
    email: str | None = None
    web: str | None = None


class RelevantWhen(Strict):
    levels: list[Level] = []
    indicators: list[str] = []
    forms: list[str] = []

    @model_validator(mode="after")
    def _has_trigger(self) -> RelevantWhen:
        if not (self.levels or self.indicators or self.forms):
            raise ValueError("give at least one of levels, indicators, forms")
        return self


class Resource(Strict):
    id: str = Field(pattern=ID_PATTERN)
    ref: str = Field(pattern=REF_PATTERN)
    kind: Literal["authority", "ngo", "international"]
    name: Text
    target_group: Text
    services: Text
    region: Text
    contact: Contact
    # None: as in the 2017 guide, not checked since; a date only when someone checked
    last_verified: dt.date | None = None
    verified_against: str = Field(min_length=1)
    relevant_when: RelevantWhen
    changes: Text | None = None

    def public_numbers(self) -> list[str]:
        """The organisation's public phone number(s), digits only, for the audit's allow-list."""
        if not self.contact.phone:
            return []
        return [re.sub(r"\D", "", self.contact.phone)]


class Notice(Strict):
    """A 2017 fact of the guide known to have changed, with the date of the change."""

    id: str = Field(pattern=ID_PATTERN)
    since: dt.date
    ref: str = Field(pattern=REF_PATTERN)
    text: Text
    laws: list[str] = []


class Change(Strict):
    """A dated change to a law since the guide (2017), in plain words."""

    date: dt.date
    text: Text


class Law(Strict):
    """A legal basis the guide cites or the product relies on (data/laws.yaml)."""

    id: str = Field(pattern=ID_PATTERN)
    citation: Text
    title: Text
    says: Text
    finlex: str = Field(pattern=r"^https://(www\.)?finlex\.fi/")
    guide_ref: str | None = Field(default=None, pattern=REF_PATTERN)
    # None: as in the guide, not checked; a date only when someone checked it against Finlex
    checked: dt.date | None = None
    checked_against: str | None = None
    changes: list[Change] = []


class LawCatalogue(Strict):
    schema_version: Literal[1]
    laws: list[Law] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> LawCatalogue:
        _unique("laws", [law.id for law in self.laws])
        return self


class GuidePlace(Strict):
    """A place in the guide that a user can look up: section number and heading."""

    id: str = Field(pattern=REF_PATTERN)
    heading: Text


class GuideCatalogue(Strict):
    schema_version: Literal[1]
    places: list[GuidePlace] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> GuideCatalogue:
        _unique("places", [p.id for p in self.places])
        return self


class ResourceCatalogue(Strict):
    schema_version: Literal[1]
    resources: list[Resource] = Field(min_length=1)
    notices: list[Notice] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> ResourceCatalogue:
        _unique("resources", [r.id for r in self.resources])
        return self


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"{what}: id {item_id!r} appears twice")
        seen.add(item_id)
