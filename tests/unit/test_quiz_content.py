"""Is the knowledge test's text as the project's content must be?

Glossary terms (no avoided term in Finnish or Swedish, docs/glossary.md), short explanations,
a mix of kinds and difficulties, and the guide's facts in our own words: no Finnish string
shares a run of 8 words or more with the guide (it is all rights reserved).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from test_glossary import content_strings, faults

from hoiku_lib.quiz.load import load_items, quiz_files

ITEMS = load_items()
GUIDE = Path(__file__).resolve().parents[3] / "shared" / "source" / "hoiku-guide-2017-fi.txt"
MAX_EXPLANATION_WORDS = 60
MAX_RUN = 8


@pytest.mark.parametrize("path", quiz_files(), ids=lambda p: p.name)
def test_no_avoided_term_in_the_items(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert faults(content_strings(data), po=False) == []


def test_explanations_are_short() -> None:
    long = [
        (item.id, lang, len(getattr(item.explanation, lang).split()))
        for item in ITEMS.values()
        for lang in ("fi", "sv", "en")
        if len(getattr(item.explanation, lang).split()) > MAX_EXPLANATION_WORDS
    ]
    assert long == []


def test_kinds_and_difficulties_are_mixed() -> None:
    kinds = Counter(item.kind for item in ITEMS.values())
    levels = Counter(item.difficulty for item in ITEMS.values())
    assert min(kinds.values()) >= 5 and set(kinds) == {"single", "multiple"}
    assert min(levels.values()) >= 5 and set(levels) == {"easy", "medium", "hard"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zåäö0-9]+", text.casefold())


@pytest.mark.skipif(not GUIDE.is_file(), reason="the guide's text is not in this checkout")
def test_no_finnish_string_copies_the_guide() -> None:
    guide = _words(re.sub(r"-\s*\n\s*", "", GUIDE.read_text(encoding="utf-8")))
    grams = {tuple(guide[i : i + MAX_RUN]) for i in range(len(guide) - MAX_RUN + 1)}
    copied = []
    for item in ITEMS.values():
        texts = [item.question.fi, item.explanation.fi, *(o.text.fi for o in item.options)]
        for text in texts:
            w = _words(text)
            if any(tuple(w[i : i + MAX_RUN]) in grams for i in range(len(w) - MAX_RUN + 1)):
                copied.append((item.id, text[:40]))
    assert copied == []
