"""Pydantic models of a knowledge-test file (``hoiku_lib/data/quiz/<section>.yaml``).

The models check shape only. Whether the guide places, laws, signs and actions exist, whether
the right answers are among the options, and whether the set covers every section are the
linter's job (``hoiku_lib.quiz.lint``), so that a writer gets every fault at once, each in
plain words, rather than the first one pydantic meets.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from hoiku_lib.cases.schema import NonEmpty, Text

ITEM_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
OPTION_ID_PATTERN = r"^[a-z0-9_]+$"

#: The guide's topics a test must cover, in the order they are shown (docs/quiz.md).
SECTIONS: tuple[str, ...] = (
    "signs",  # recognising signs of exploitation (guide III.1)
    "control",  # external control (III.2)
    "vulnerability",  # vulnerability factors (III.3)
    "duties",  # actions and duties with their legal basis (IV.1–IV.3, IV.5)
    "children",  # children (I, IV.4)
    "documentation",  # recording client information (IV, Asiakastietojen kirjaaminen)
    "help",  # where to get help (IV.2, V)
)
Section = Literal[
    "signs", "control", "vulnerability", "duties", "children", "documentation", "help"
]
KINDS: tuple[str, ...] = ("single", "multiple")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
PHASES: tuple[str, ...] = ("pre", "post", "follow_up")

ItemId = Annotated[str, StringConstraints(pattern=ITEM_ID_PATTERN)]
OptionId = Annotated[str, StringConstraints(pattern=OPTION_ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer option. ``critical`` marks a wrong option whose choice would harm a client
    in practice (a police report against an adult's will, say); the presenter view
    highlights it."""

    id: OptionId
    text: Text
    critical: bool = False


class Item(_Strict):
    """One question with its options, the right option ids and why they are right."""

    id: ItemId
    section: Section
    kind: Literal["single", "multiple"]
    difficulty: Literal["easy", "medium", "hard"]
    question: Text
    options: list[Option] = Field(min_length=1)
    correct: list[OptionId] = Field(min_length=1)
    explanation: Text
    # guide place ids of hoiku_lib/data/guide.yaml ("III.2", "IV.rec" …)
    guide: list[NonEmpty] = Field(min_length=1)
    # laws.yaml ids where the item rests on a law; taxonomy sign, action and resource ids
    laws: list[NonEmpty] = Field(default_factory=list)
    signs: list[NonEmpty] = Field(default_factory=list)
    actions: list[NonEmpty] = Field(default_factory=list)
    resources: list[NonEmpty] = Field(default_factory=list)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class QuizFile(_Strict):
    schema_version: Literal[1]
    items: list[Item] = Field(min_length=1)
