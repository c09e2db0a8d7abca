"""A learned word model for the disclosure rules: it catches phrasings no pattern names.

The patterns (``disclosure_patterns.yaml``) are precise, but each new writer brings ways of
putting a sign or a plea for help that nobody wrote down: on a fourth blind author they
found 0.74 of the indicator disclosures. This model weighs the words of one sentence
instead. Each word counts by its first ``stem_length`` letters (a crude stem that covers
Finnish inflection: "passin", "passia", "passinsa" → "passi"); a sentence fires when the
bias plus its words' weights reaches the threshold. The weights are learned from the blind
authors' labelled notes by ``scripts/train_disclosure_model.py`` (logistic regression) and
kept as data in ``data/audit/disclosure_model.yaml``; the words that weigh most are the
evidence.

Speed: a million notes must be audited in a minute, and Python's ``re`` needs ~15 µs just to
find the words of a 500-character note. So the words are found on bytes: the lower-cased
text in Latin-1 (every letter of Finnish, Swedish and English is one byte there; other
characters become separators), punctuation mapped to spaces by one 256-byte table, and
``bytes.split`` — all in C. Training and the audit use the same :func:`tokens`. A sentence
ends at every . ! ? ; and line break, also after an abbreviation ("Pot.") or inside a
number: simpler than the concept rules' sentences, and the same in training and audit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from hoiku_lib.content import DATA_DIR, ContentError, _parse

MODEL_FILE = DATA_DIR / "audit" / "disclosure_model.yaml"
RuleId = str  # a disclosure rule of the registry (hoiku_lib.audit.rules), checked on load
EVIDENCE_WORDS = 4  # the heaviest words of a firing sentence shown as evidence

SENTENCE_END = b"\x02"  # token that ends a sentence: . ! ? ; or a line break
NOTE_END = b"\x03"  # token between two notes of a block (blocks.SEPARATOR's NUL)
_LETTERS = bytes(i for i in range(256) if chr(i).isalpha())
_TABLE = bytes(
    i
    if i in _LETTERS
    else SENTENCE_END[0]
    if chr(i) in ".!?;\n"
    else NOTE_END[0]
    if i == 0
    else ord(" ")
    for i in range(256)
)
_TOKEN = re.compile(rb"[^ \x02\x03]+|[\x02\x03]")


# What the identifier detector put in place of personal data ("[NIMI]", "[NAMN]"): it says
# the same in every output language, so the model must not read it as words.
_MASK = re.compile(r"\[[^\[\]\n]{1,24}\]")


def _bytes(lower: str) -> bytes:
    """The lower-cased text as Latin-1 bytes with masks and every separator as spaces (same
    length as the text)."""
    if "[" in lower:
        lower = _MASK.sub(lambda m: " " * len(m.group()), lower)
    return lower.encode("latin-1", "replace").translate(_TABLE)


def tokens(lower: str) -> list[bytes]:
    """The words and sentence (and note) ends of a lower-cased text, in order."""
    return _bytes(lower).replace(SENTENCE_END, b" \x02 ").replace(NOTE_END, b" \x03 ").split()


def note_counts(lower: str, stem_length: int) -> Counter[str]:
    """How often each stem occurs in a text: the features the model is trained on."""
    return Counter(
        t[:stem_length].decode("latin-1")
        for t in tokens(lower)
        if t not in (SENTENCE_END, NOTE_END)
    )


class RuleWeights(BaseModel):
    """One rule's linear model over the stems of a sentence."""

    model_config = ConfigDict(extra="forbid")

    bias: float
    threshold: float
    weights: dict[str, float] = Field(min_length=1)


class ModelFile(BaseModel):
    """The schema of data/audit/disclosure_model.yaml (written by the training script)."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1]
    stem_length: int = Field(ge=3, le=12)
    training: dict[str, object]  # what it was trained on and how: provenance, not used here
    leave_one_author_out: dict[RuleId, dict[str, float]]
    rules: dict[RuleId, RuleWeights]


class _Rows(dict):
    """Word → row of the weights matrix, by its stem; remembered, since words repeat: a
    lookup of a known word stays in C (``map(rows.__getitem__, words)``)."""

    LIMIT = 200_000  # words remembered at most; others are looked up by their stem each time

    def __init__(self, stems: dict[bytes, int], stem_length: int) -> None:
        super().__init__()
        self.stems, self.stem_length = stems, stem_length

    def __missing__(self, word: bytes) -> int:
        row = self.stems.get(word[: self.stem_length], 0)
        if len(self) < self.LIMIT:
            self[word] = row
        return row


@dataclass(frozen=True)
class WordModels:
    """Both rules' weights as one matrix: a stem's row holds its weight for each rule."""

    stem_length: int
    rule_ids: tuple[str, ...]
    rows: dict[bytes, int]  # stem → row of ``weights`` (0: unknown, 1: sentence end, 2: note end)
    weights: np.ndarray  # (stems + 3) × rules
    bias: np.ndarray
    threshold: np.ndarray

    @classmethod
    def build(cls, stem_length: int, rules: dict[str, RuleWeights]) -> WordModels:
        rule_ids = tuple(rules)
        stems = sorted({s for rule in rules.values() for s in rule.weights})
        rows = {SENTENCE_END: 1, NOTE_END: 2} | {
            s.encode("latin-1"): i + 3 for i, s in enumerate(stems)
        }
        weights = np.zeros((len(stems) + 3, len(rule_ids)))
        for j, rule_id in enumerate(rule_ids):
            for i, stem in enumerate(stems):
                weights[i + 3, j] = rules[rule_id].weights.get(stem, 0.0)
        return cls(
            stem_length,
            rule_ids,
            rows,
            weights,
            np.array([rules[r].bias for r in rule_ids]),
            np.array([rules[r].threshold for r in rule_ids]),
        )

    @cached_property
    def _words(self) -> _Rows:
        return _Rows(self.rows, self.stem_length)

    def sentence_scores(self, toks: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """Each sentence's score for each rule (sentences × rules), and the note each
        sentence belongs to (notes counted by NOTE_END tokens)."""
        rows = np.fromiter(map(self._words.__getitem__, toks), np.intp, len(toks))
        if not len(rows):
            return np.empty((0, len(self.rule_ids))), np.empty(0, np.intp)
        note_ends = rows == 2
        ends = (rows == 1) | note_ends
        # a token's sentence: sentence ends before it (an end token is in its sentence)
        sentence = np.cumsum(ends) - ends
        count = int(sentence[-1]) + 1
        scores = np.empty((count, len(self.rule_ids)))
        for j in range(len(self.rule_ids)):
            scores[:, j] = np.bincount(sentence, weights=self.weights[rows, j], minlength=count)
        # a sentence's note: note ends before its first token (every id has a token)
        first = np.flatnonzero(np.diff(sentence, prepend=-1))
        note_of = (np.cumsum(note_ends) - note_ends)[first]
        return scores + self.bias, note_of

    def fire(self, lower: str, notes: int) -> dict[str, np.ndarray]:
        """Which of the ``notes`` notes of a block (joined by blocks.SEPARATOR) each rule
        fires on."""
        scores, note_of = self.sentence_scores(tokens(lower))
        out = {}
        for j, rule_id in enumerate(self.rule_ids):
            fired = np.zeros(notes, bool)
            fired[note_of[scores[:, j] >= self.threshold[j]]] = True
            out[rule_id] = fired
        return out

    def best_score(self, rule_id: str, lower: str) -> float:
        """The highest sentence score of one note for one rule (the trainer's measure)."""
        scores, _ = self.sentence_scores(tokens(lower))
        j = self.rule_ids.index(rule_id)
        return float(scores[:, j].max()) if len(scores) else float("-inf")

    def firing_words(self, rule_id: str, lower: str) -> list[tuple[int, int]]:
        """Spans of the heaviest words of the first sentence of one note that fires."""
        j, k = self.rule_ids.index(rule_id), self.stem_length
        sentence: list[tuple[int, int, float]] = []
        for m in _TOKEN.finditer(_bytes(lower) + SENTENCE_END):
            row = self.rows.get(m.group()[:k], 0)
            if row not in (1, 2):
                sentence.append((m.start(), m.end(), float(self.weights[row, j])))
                continue
            if self.bias[j] + sum(w for *_, w in sentence) >= self.threshold[j]:
                heavy = sorted((w for w in sentence if w[2] > 0), key=lambda w: -w[2])
                return sorted((a, b) for a, b, _ in heavy[:EVIDENCE_WORDS])
            sentence = []
        return []


def check_model(path: Path) -> ModelFile:
    """Parse and check the model file; raise ContentError naming the file and key."""
    doc = _parse(ModelFile, path)
    faults = [
        (f"rules.{rule_id}.weights.{stem}", "a stem must be lower-case Latin-1 letters")
        for rule_id, rule in doc.rules.items()
        for stem in rule.weights
        if not _is_stem(stem, doc.stem_length)
    ]
    from hoiku_lib.audit.rules import check_rule_keys

    faults += check_rule_keys(doc.rules, "rules")
    faults += check_rule_keys(doc.leave_one_author_out, "leave_one_author_out")
    faults += [
        (f"rules.{rule_id}.threshold", "must be above the bias (an empty sentence would fire)")
        for rule_id, rule in doc.rules.items()
        if rule.threshold <= rule.bias
    ]
    if faults:
        raise ContentError(path, faults[:20])
    return doc


def _is_stem(stem: str, stem_length: int) -> bool:
    try:
        raw = stem.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return 0 < len(raw) <= stem_length and stem == stem.lower() and all(b in _LETTERS for b in raw)


@cache
def models(path: Path = MODEL_FILE) -> WordModels:
    """Both disclosure rules' word model."""
    doc = check_model(path)
    return WordModels.build(doc.stem_length, doc.rules)
