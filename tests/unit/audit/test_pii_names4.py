"""Names of round 4 of the personal-data detector: the causes of the misses and false alarms
seen on split D (clinical_dev4.yaml), each as a rule tested on text of its own (its phone
numbers: test_pii_phones.py).

Names in small letters after a naming cue, an initial before a surname after a title,
Swedish definite roles and "Tulkkina", foreign names inflected after a word of speaking to
someone, a first name before a surname that is also a town, and the words that are a name
and a relative ("Sisko asuu …") or a name and a clinic ("Aavassa")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import pii
from hoiku_lib.audit.pii import detect
from hoiku_lib.package_data import DATA_DIR


def found(text: str, kind: str | None = None) -> list[str]:
    """The detected spans' texts (of one kind, if given)."""
    return [text[s.start : s.end] for s in detect(text) if kind is None or s.kind == kind]


# --- names in small letters after a naming cue --------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("yht.hlö heikki harju p. 046 5833682.", "heikki harju"),
        ("Lastensuojelu\nyht.hlö pentti mattila p. 045 694 2461", "pentti mattila"),
        ("Yhteyshenkilö: leena mäki, tytär.", "leena mäki"),
        ("Asiakas nimeltä olga tuli.", "olga"),
    ],
)
def test_a_name_in_small_letters_after_a_naming_cue(text: str, name: str) -> None:
    """Is a name written without capitals after "yht.hlö", "yhteyshenkilö", "nimeltä"
    masked, first name and surname together?"""
    assert name in found(text, "name")
    assert name not in pii.mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asiakas nimeltä tuntematon, ei papereita.",
        "yht.hlö omainen p. 040 123 4567",
        "Yhteyshenkilö: sosiaalityöntekijä, puh. vaihde.",
        "Hän kertoo, että yhteyshenkilö ei vastaa.",
    ],
)
def test_small_words_after_a_naming_cue_are_not_names(text: str) -> None:
    """Is an ordinary word after a naming cue left alone?"""
    assert found(text, "name") == []


# the listed first names that are no ordinary word, in small letters
FIRST_SMALL = sorted(
    n.casefold()
    for n in (DATA_DIR / "audit" / "first_names.txt").read_text("utf-8").splitlines()
    if n and not n.startswith("#") and n.casefold() not in pii.name_lexicon().stop
)


@settings(max_examples=80, deadline=None)
@given(
    first=st.sampled_from(FIRST_SMALL),
    last=st.sampled_from(["virtanen", "korhonen", "nieminen", "mäkelä", "hämäläinen", "laine"]),
    cue=st.sampled_from(["yht.hlö", "yhteyshenkilö", "Yhteyshenkilö:", "kontaktperson"]),
)
def test_any_listed_name_in_small_letters_after_a_cue_is_masked(
    first: str, last: str, cue: str
) -> None:
    """Whatever listed first name stands before a surname in small letters after a naming
    cue, neither survives the mask."""
    text = f"Kirjattu. {cue} {first} {last} p. 040 123 4567."
    masked = pii.mask(text)
    assert f"{first} {last}" not in masked and last not in masked.split()


# --- an initial before the surname after a title -----------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hoitaja O. Lahti tarkisti lääkkeet.", "O. Lahti"),
        ("Hoitaja L. Tuominen tarkisti lääkkeet.", "L. Tuominen"),
        ("Konsultoitu lääkäri K. Virtasta puhelimitse.", "K. Virtasta"),
        ("Seen by Dr J. Smith today.", "J. Smith"),
    ],
)
def test_an_initial_and_a_surname_after_a_title(text: str, name: str) -> None:
    """Is "title + initial + surname" masked as one name, the initial included?"""
    assert name in found(text, "name")


@pytest.mark.parametrize("text", ["Potilas A. Kertoo kivusta.", "Hoitaja B. Braun -pumpun kanssa."])
def test_an_initial_before_an_ordinary_word_is_no_name(text: str) -> None:
    """Is a letter and a word after a cue left alone when the word is no name?"""
    assert found(text, "name") == []


@settings(max_examples=80, deadline=None)
@given(
    title=st.sampled_from(["Hoitaja", "lääkäri", "Sairaanhoitaja", "fysioterapeutti", "Dr"]),
    initial=st.sampled_from("ABDEHIJKLMOPRSTUV"),
    last=st.sampled_from(
        [n for n in ("Virtanen", "Korhonen", "Lahti", "Mäkelä", "Kallio", "Tuominen", "Laine")]
    ),
)
def test_any_title_initial_surname_is_masked(title: str, initial: str, last: str) -> None:
    """Whatever the title, the initial and the surname, the surname never survives."""
    text = f"Kotikäynti. {title} {initial}. {last} tarkisti lääkkeet."
    assert last not in pii.mask(text)


# --- Swedish definite roles, "Tulkkina" ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Klienten Mart Kõiv hänvisad till hjälpsystemet.", "Mart"),
        ("Klienten Do Van Duc hänvisad till hjälpsystemet.", "Do"),
        ("Patienten Hedvig Dahl kom ensam.", "Hedvig"),
        ("Tulkkina Farhiya Nur (Lingoneer), etätulkkaus.", "Farhiya"),
        ("Tulkkina Anna Kuznetsova, etäyhteys.", "Anna"),
    ],
)
def test_names_after_klienten_and_tulkkina(text: str, name: str) -> None:
    """Is a name after Swedish "Klienten"/"Patienten" or Finnish "Tulkkina" masked?"""
    assert name in found(text, "name")


@pytest.mark.parametrize(
    "text",
    [
        "Klienten berättar att hon arbetat utan lön.",
        "Klienten hänvisad till hjälpsystemet.",
        "Tulkkina Tulkkauspalvelu Arabia, etäyhteys.",  # an agency
        "Tulkkina Tulka, etäyhteydellä.",
    ],
)
def test_agencies_and_verbs_after_klienten_and_tulkkina(text: str) -> None:
    """Is an interpreters' agency or an ordinary word after those cues left alone?"""
    assert found(text, "name") == []


# --- foreign names inflected after a word of speaking to someone ------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yhteys Chaiwat Phrommalle tulkin välityksellä.", "Phrommalle"),
        ("Soitettu Tesfit Ghebrelle iltapäivällä.", "Ghebrelle"),
        ("Kysytty Bolat Nurlanilta lisätietoja.", "Nurlanilta"),
    ],
)
def test_an_inflected_foreign_name_after_a_word_of_speaking(text: str, name: str) -> None:
    """Are two words no dictionary knows masked after "yhteys", "soitettu", "kysytty" when
    the second is inflected as a person spoken to or asked?"""
    assert name in found(text, "name")


PRODUCTS = ["Merlot Medi", "Ketac Cem", "Tena Slip", "Abena Flex", "Bepanthen Plus"]
OTHER_VERBS = ["Vaihdettu", "Siirretty", "Tilattu", "Annettu", "Tieto välitetty", "Viesti"]


@settings(max_examples=60, deadline=None)
@given(product=st.sampled_from(PRODUCTS), verb=st.sampled_from(OTHER_VERBS))
def test_an_inflected_product_is_no_name(product: str, verb: str) -> None:
    """A product's or a system's two words in the allative or ablative after a verb of
    handling it are no name, whatever the verb and the product."""
    word = product + ("" if product[-1] in "aeiouyäö" else "i")  # Ketac Cem → Ketac Cemi-
    for ending in ("lle", "lta"):
        text = f"{verb} {word}{ending}."
        assert found(text, "name") == [], text


# --- a first name and a surname that is also a town ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lähete annettu Satu Salolle mukaan.", "Salolle"),
        ("Tieto välitetty Kai Lahdelle puhelimitse.", "Lahdelle"),
    ],
)
def test_a_first_name_before_a_town_surname(text: str, name: str) -> None:
    """Is a town's name after a first name a surname when it is in a person's case?"""
    assert name in found(text, "name")


def test_a_first_name_before_a_town_in_its_inside_case_is_no_pair() -> None:
    """Is "Toivo Salossa" (hope, in Salo) no name pair: the inessive is a town's case?"""
    assert found("Toivo Salossa käy harvoin.", "name") == []


# --- a name that is also a relative, a name that is also a clinic -------------------------


KIN_NAMES = ["Sisko", "Veli"]
PERSON_VERBS = ["asuu", "soittaa", "kävi", "tuli", "kertoi", "haluaa", "pelkää", "asioi"]


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(KIN_NAMES),
    verb=st.sampled_from(PERSON_VERBS),
    before=st.sampled_from(["", "Kontrolli 2 vk.\n", "RR 128/84. ", "Hoito: "]),
)
def test_a_relative_at_a_sentences_start_is_no_name(word: str, verb: str, before: str) -> None:
    """A word that is a relative and a first name ("Sisko", "Veli") opening a sentence
    before a person's verb is the relative: no name, whatever the verb."""
    assert found(f"{before}{word} {verb} Ruotsissa ja soittaa viikoittain.", "name") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sisko Virtanen soitti illalla.", "Sisko"),  # with a surname
        ("Veli (4 v) tuli äidin kanssa.", "Veli"),  # with an age
        ("Kontrolli. Onni tuli kouluun.", "Onni"),  # a first name only
    ],
)
def test_a_relatives_name_with_evidence_stays_a_name(text: str, name: str) -> None:
    """Is a kinship first name still a name beside a surname or an age, and a first name
    that is no relative still possibly one before a person's verb?"""
    assert name in found(text, "name")


@pytest.mark.parametrize(
    "text",
    ["Kelan korvausluokka I, sopimus Aavassa.", "Työterveyshuolto järjestetty Aavassa."],
)
def test_a_listed_name_in_the_inessive_alone_is_no_name(text: str) -> None:
    """Is a listed name that Voikko does not know, in the inessive (in …) and with no cue,
    a place or a firm ("sopimus Aavassa"), as the names Voikko knows are?"""
    assert found(text, "name") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hoito. Vanessa kertoo voivansa hyvin.", "Vanessa"),  # a name ending in -ssa
        ("Keskusteltu Aavan kanssa kotiutuksesta.", "Aavan"),  # Aava the girl
    ],
)
def test_names_ending_like_the_inessive_stay_names(text: str, name: str) -> None:
    """Is a name whose base ends in -ssa, and a listed name in another case, a name?"""
    assert name in found(text, "name")
