"""The disclosure word model: block scoring, evidence, masks, the file's checks, its training."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import disclosure
from hoiku_lib.audit.blocks import joined
from hoiku_lib.audit.sample import FILLER, HARD_NEGATIVES, HELP, INDICATOR
from hoiku_lib.audit.word_model import MODEL_FILE, check_model, models, note_counts, tokens
from hoiku_lib.cli import main
from hoiku_lib.content import ContentError
from hoiku_lib.package_data import TRAINING_DIR

ROOT = Path(__file__).resolve().parents[3]
HANDMADE = yaml.safe_load((TRAINING_DIR / "disclosure_handmade.yaml").read_text(encoding="utf-8"))
SENTENCES = [s for d in (FILLER, HARD_NEGATIVES, HELP, INDICATOR) for v in d.values() for s in v]
SENTENCES += HANDMADE["near_misses"] + HANDMADE["indicator_paraphrases"][:60]
notes = st.lists(
    st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=6).map(" ".join),
    min_size=1,
    max_size=12,
)


def test_tokens_are_words_and_sentence_ends() -> None:
    """Are numbers, punctuation and masks dropped, and sentence ends kept as tokens?"""
    assert tokens("pot. kertoo, että [nimi] pitää passia; rr 132/84\nkontrolli") == [
        b"pot",
        b"\x02",
        b"kertoo",
        b"ett\xe4",
        b"pit\xe4\xe4",
        b"passia",
        b"\x02",
        b"rr",
        b"\x02",
        b"kontrolli",
    ]
    assert note_counts("passi, passia. passin", 5) == {"passi": 3}


@settings(max_examples=60, deadline=None)
@given(block=notes)
def test_a_block_scores_as_its_notes_one_by_one(block: list[str]) -> None:
    """Does scoring notes joined into a block fire on exactly the notes that fire alone?"""
    model = models()
    lowered = [note.lower() for note in block]
    fired = model.fire(joined(lowered)[0], len(block))
    for j, rule_id in enumerate(model.rule_ids):
        alone = [model.best_score(rule_id, note) >= model.threshold[j] for note in lowered]
        assert list(fired[rule_id]) == alone


@settings(max_examples=60, deadline=None)
@given(block=notes)
def test_evidence_is_the_firing_sentences_weighing_words(block: list[str]) -> None:
    """Does a note the model fires on name up to four of its words, each raising the score?"""
    model = models()
    for j, rule_id in enumerate(model.rule_ids):
        for note in block:
            lower = note.lower()
            spans = model.firing_words(rule_id, lower)
            assert bool(spans) == (model.best_score(rule_id, lower) >= model.threshold[j])
            assert len(spans) <= 4
            for a, b in spans:
                word = tokens(lower[a:b])
                assert len(word) == 1
                row = model.rows[word[0][: model.stem_length]]
                assert model.weights[row, j] > 0


@settings(max_examples=40, deadline=None)
@given(block=notes, where=st.integers(0, 11))
def test_a_nul_inside_a_note_does_not_shift_the_notes(block: list[str], where: int) -> None:
    """Do the findings of a block stay each note's own when one note holds a NUL byte?"""
    where %= len(block)
    block[where] = block[where].replace(" ", " \x00 ", 1)
    together = disclosure.find_many(block)
    for n, note in enumerate(block):
        for rule_id in disclosure.RULES:
            assert together[rule_id][n] == disclosure.find(rule_id, note)


def test_masks_weigh_nothing_in_any_language() -> None:
    """Is a note scored the same whatever language its masks are in ([NIMI], [NAMN])?"""
    model = models()
    for text in HANDMADE["indicator_paraphrases"][:40]:
        fi = text + " Yhteys [NIMI], [PUHELIN], [OSOITE]."
        sv = text + " Yhteys [NAMN], [TELEFON], [ADRESS]."
        for rule_id in model.rule_ids:
            assert model.best_score(rule_id, fi.lower()) == model.best_score(rule_id, sv.lower())


def test_the_model_catches_what_no_pattern_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Does find() fire, with the note's words as evidence, on a sign no pattern names?"""
    text = "Työvuorot venyvät 16-tuntisiksi, eikä hän ole saanut palkkaa kolmeen kuukauteen."
    hit = disclosure.find("indicator_disclosure", text)
    assert hit and all(word in text for word in hit[0].split(" … "))

    class Silent:  # the word model switched off: the patterns alone
        def fire(self, lower: str, notes: int) -> dict:
            return {}

    monkeypatch.setattr(disclosure, "word_models", Silent)
    assert disclosure.find("indicator_disclosure", text) == []


def _model_doc() -> dict:
    return yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        (
            lambda d: d["rules"]["indicator_disclosure"]["weights"].update({"Passi": 1.0}),
            "Passi",
            "lower-case",
        ),
        (
            lambda d: d["rules"]["indicator_disclosure"]["weights"].update({"pass1": 1.0}),
            "pass1",
            "letters",
        ),
        (
            lambda d: d["rules"]["help_request_disclosure"].update(threshold=-99.0),
            "threshold",
            "above the bias",
        ),
        (lambda d: d["rules"]["help_request_disclosure"].pop("bias"), "bias", "required"),
        (lambda d: d.update(stem_length="five"), "stem_length", "wrong kind of value"),
    ],
)
def test_a_broken_model_file_names_its_key(tmp_path: Path, change, key: str, reason: str) -> None:  # noqa: ANN001
    """Does each fault raise ContentError naming the file, the key and why?"""
    doc = _model_doc()
    change(doc)
    path = tmp_path / "disclosure_model.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        check_model(path)
    text = str(err.value)
    assert path.name in text and key in text and reason in text


def test_hoiku_validate_checks_the_model(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does `hoiku validate DIR` fail with the model file's fault and exit 1?"""
    data = tmp_path / "data"
    shutil.copytree(MODEL_FILE.parents[1], data)
    (data / "audit" / "disclosure_model.yaml").write_text("rules: [", encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert "disclosure_model.yaml" in capsys.readouterr().err


def _trainer():  # noqa: ANN202 - the script as a module
    spec = importlib.util.spec_from_file_location(
        "trainer", ROOT / "scripts" / "train_disclosure_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_model_file_is_what_training_gives() -> None:
    """Is the committed model what the training script makes of the committed data?

    (No hand-tuned weights: change the data and retrain.) Compared with a tolerance, since
    another BLAS may round the last digits differently."""
    trainer = _trainer()
    assert trainer.differences(trainer.train(), _model_doc()) == []
