"""Round 5 of the personal-data detector: the causes of the misses and false alarms seen on
split E (clinical_dev5.yaml), each as a rule tested on text of its own.

Phones: a foreign number with its trunk prefix in brackets or a one-digit first group, a
landline whose area code is in brackets. Names: a clinical test coordinated with another
before the result, a storm, robot or pet that bears a name, a person's name heading an
institution's, a full name in small letters after a role or a relative, more roles as cues,
and Turkish letters in names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import pii
from hoiku_lib.audit.pii import _NSN_LENGTHS, detect, name_lexicon


def found(text: str, kind: str | None = None) -> list[str]:
    """The detected spans' texts (of one kind, if given)."""
    return [text[s.start : s.end] for s in detect(text) if kind is None or s.kind == kind]


def names(text: str) -> str:
    """The name spans' texts, joined by spaces (a full name is a span a word)."""
    return " ".join(found(text, "name"))


# --- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "+46 (0)8 583 54 89",  # Stockholm, the trunk 0 in brackets
        "+44 (0)20 7946 0958",  # London
        "+49 (0)30 901820",  # Berlin
        "+291 7 433 160",  # Eritrea, a one-digit first group
        "+46 8 583 54 89",
    ],
)
def test_a_foreign_number_with_its_trunk_prefix_is_a_phone(number: str) -> None:
    """Is a number abroad written with "(0)" or a one-digit area code masked whole?"""
    text = f"Veli ulkomailla, puh. {number}."
    assert found(text, "phone") == [number]
    assert number not in pii.mask(text)


@pytest.mark.parametrize(
    "text",
    ["Arvo +46 (0)8 5 kontrollissa.", "Tulos +291 7 43.", "Koodi +7 (0)5 1."],
)
def test_a_trunk_prefix_before_too_few_digits_is_no_phone(text: str) -> None:
    """Is "(0)" after a country code no phone when the digits fit no numbering plan?"""
    assert found(text, "phone") == []


@settings(max_examples=150, deadline=None)
@given(code=st.sampled_from(sorted(_NSN_LENGTHS)), data=st.data())
def test_the_trunk_prefix_never_changes_the_verdict(code: str, data) -> None:  # noqa: ANN001
    """For any country code and any digits, "+CC (0)N …" is a phone exactly when "+CC N …"
    is: the bracketed trunk 0 is not part of the national number."""
    low, high = _NSN_LENGTHS[code]
    length = data.draw(st.integers(max(4, low - 1), high + 1))
    nsn = data.draw(st.sampled_from("123456789")) + data.draw(
        st.text("0123456789", min_size=length - 1, max_size=length - 1)
    )
    plain = f"+{code} {nsn[0]} {nsn[1:]}"
    trunk = f"+{code} (0){nsn[0]} {nsn[1:]}"
    a = found(f"Omainen ulkomailla, numero {plain}.", "phone")
    b = found(f"Omainen ulkomailla, numero {trunk}.", "phone")
    assert (a == [plain]) == (b == [trunk]) == (low <= length <= high)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Yhteyshenkilö Ulla Granqvist, (06) 0973250.", "(06) 0973250"),
        ("Omainen soittaa, (09) 0123 456.", "(09) 0123 456"),
        ("Poika, (017) 060 1234.", "(017) 060 1234"),
    ],
)
def test_a_bracketed_area_code_is_a_landline(text: str, number: str) -> None:
    """Is a number whose area code is in brackets a landline even when its digits run
    together start like a service number (06 + 0973250 is not 060…)?"""
    assert found(text, "phone") == [number]


def test_a_service_number_without_brackets_stays_public() -> None:
    """Is a premium or free number written without brackets still no person's?"""
    assert found("Palvelunumero 0600 12345 ja 0800 123 456.", "phone") == []


# --- clinical tests coordinated before their result ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Olkapää: Hawkins-Kennedy ja Neer positiiviset, Jobe kivulias.",
        "Epäily alkavasta nivelrikosta, Allen ja Jobe tehty.",
        "Patrick ja Phalen tehty, ei löydöksiä.",
        "Schober ja Hawkins-Kennedy tehty.",
        "Shoulder: Hawkins-Kennedy and Neer positive.",
        "Axel: Hawkins-Kennedy och Neer positiva.",
        "Hawkins-Kennedy, Allen ja Thomas negatiiviset.",
    ],
)
def test_a_test_coordinated_with_another_before_the_result_is_no_name(text: str) -> None:
    """Is an eponymous test that reads as a name left alone when it is coordinated with
    another before the tests' result ("positiiviset", "tehty")?"""
    assert found(text, "name") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Matti ja Liisa Virtanen tulivat vastaanotolle.", "Liisa Virtanen"),
        ("Omainen Allen Smith soitti, testit tehty.", "Allen Smith"),
        ("Patrick Holm ja Neer positiivinen.", "Patrick Holm"),
    ],
)
def test_names_beside_a_coordination_stay_names(text: str, name: str) -> None:
    """Are people still found when no coordination of tests is followed by a result?"""
    assert name in names(text)


# --- storms, robots and pets that bear a name ----------------------------------------------

NAMED_THINGS = [
    "Stormen {n} orsakade elavbrott.",
    "Storm {n} cut the power overnight.",
    "Kotirobotti {n} muistuttaa lääkkeistä.",
    "Myrsky {n} katkaisi sähköt.",
    "{n}-nimisen hirvikoiran kanssa lenkillä.",
    "Koira {n} on hoidossa naapurissa.",
]


@pytest.mark.parametrize("template", NAMED_THINGS)
@pytest.mark.parametrize("name", ["Aila", "Jussi", "Ilmari", "Oona"])
def test_a_thing_that_bears_a_name_is_no_person(template: str, name: str) -> None:
    """Is a first name after a storm's, a robot's or a pet's noun, or before "-niminen" and
    such a noun, left alone?"""
    assert found(template.format(n=name), "name") == []


# (forms in an interior local case are left out: after a relative they read as a place,
# "Äiti Helsingissä", and the detector rightly says no name to "Äiti Yasminissa soitti"; the
# population grew with round 7's lists and illatives, and hypothesis drew such a form)
_INTERIOR_ENDS = ("ssa", "ssä", "sta", "stä", "iin", "aan", "ään", "een", "oon", "uun", "yyn")
FIRSTS = sorted(
    w
    for w, stop in name_lexicon().first.items()
    if not stop and w.isalpha() and not w.endswith(_INTERIOR_ENDS)
)


@settings(max_examples=80, deadline=None)
@given(
    first=st.sampled_from(FIRSTS),
    template=st.sampled_from(NAMED_THINGS),
    relative=st.sampled_from(["Äiti", "Omainen", "Puoliso", "Tytär"]),
)
def test_any_first_name_of_a_thing_is_no_name_and_of_a_person_is(
    first: str, template: str, relative: str
) -> None:
    """For any listed first name: after a thing's noun it is no name, after a relative it
    is one."""
    name = first.capitalize()
    assert name not in found(template.format(n=name), "name")
    assert name in " ".join(found(f"{relative} {name} soitti.", "name"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aila-nimisen naapurin kanssa kahvilla.", "Aila"),  # a person's "-niminen"
        ("Koiran omistaja Jussi Virtanen soitti.", "Jussi Virtanen"),
    ],
)
def test_a_person_beside_a_pet_stays_a_name(text: str, name: str) -> None:
    """Is "-niminen" before a person's noun, or a name after the owner, still a name?"""
    assert name in names(text)


# --- a person's name heading an institution's -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Maanantaina Niilo Mäki Instituutti otti yhteyttä.",
        "Materiaali Niilo Mäki Instituutin sivuilta.",
        "Lähete Aino Ackté Säätiö, ryhmä alkaa.",
    ],
)
def test_a_name_heading_an_institution_is_no_person(text: str) -> None:
    """Is a person's name that heads an institution's name left alone?"""
    assert found(text, "name") == []


# --- full names in small letters after a role or a relative ------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("omainen camilla forsman toivoo soittoa.", "camilla forsman"),
        ("anhörig stig holmström vill bli uppringd.", "stig holmström"),
        ("Omainen aino järvelä toivoo soittoa.", "aino järvelä"),
    ],
)
def test_a_full_name_in_small_letters_after_a_role(text: str, name: str) -> None:
    """Is a first name and a surname written in small letters after a relative masked?"""
    assert name in names(text)
    assert name not in pii.mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "omainen toivoo soittoa.",
        "Omainen anna tietoja puhelimitse.",
        "potilas toivo parempaa vointia.",
        "asiakas aino kerta kuukaudessa.",
    ],
)
def test_a_lone_small_word_after_a_role_is_no_name(text: str) -> None:
    """Is a small first-name word after a role, with no surname after it, left alone?"""
    assert found(text, "name") == []


SURNAMES = sorted(w for w, stop in name_lexicon().last.items() if not stop and w.isalpha())


@settings(max_examples=80, deadline=None)
@given(
    first=st.sampled_from(FIRSTS),
    last=st.sampled_from(SURNAMES),
    role=st.sampled_from(["omainen", "anhörig", "äiti", "puoliso", "närstående"]),
)
def test_any_listed_full_name_in_small_letters_after_a_role_is_masked(
    first: str, last: str, role: str
) -> None:
    """For any listed first name and surname that are nothing else, written in small letters
    after a role or a relative, the two words are masked."""
    name = f"{first.lower()} {last.lower()}"
    assert name not in pii.mask(f"Kirjaus: {role} {name} toivoo soittoa.")


# --- more roles, Turkish letters -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Närvårdaren Vikram ringde.", "Vikram"),
        ("Carer Burak called.", "Burak"),
        ("Perhetyöntekijä Ayşe Yılmaz soitti.", "Ayşe Yılmaz"),
        ("Avustaja Mehmet Doğan hoitaa kauppa-asiat.", "Mehmet Doğan"),
    ],
)
def test_roles_and_turkish_letters(text: str, name: str) -> None:
    """Is a name after a carer's or a practical nurse's role found, with its Turkish
    letters (ı, ğ) inside the span?"""
    assert name in names(text)


# --- an adjective in -inen before its noun -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Puheterapeutin arvio, lähete Palliatiiviselle yksikölle.",
        "Lähete Geriatriselle poliklinikalle.",
        "Kuntoutus jatkuu Neurologisella osastolla.",
        "Siirto Psykiatrisesta yksiköstä kotiin.",
    ],
)
def test_an_adjective_agreeing_with_its_noun_is_no_name(text: str) -> None:
    """Is a capitalised adjective in -inen, shaped like a surname, left alone when a noun in
    the same local case follows it?"""
    assert found(text, "name") == []


@settings(max_examples=60, deadline=None)
@given(
    stem=st.text("aeiklmnoprstuv", min_size=4, max_size=9),
    ending=st.sampled_from(["lle", "lla", "lta", "ssa", "sta"]),
)
def test_a_surname_shape_before_a_noun_in_another_case_is_untouched(stem: str, ending: str) -> None:
    """For any unknown word shaped like a -nen surname, the agreement rule drops it only when
    the next noun is in the same case: before a word in the illative it decides nothing."""
    word = stem.capitalize() + "se" + ending
    assert pii._agreeing_noun(f"{word} kotiin", word, len(word)) is False
    other = {"lle": "yksikössä", "lla": "yksikölle", "lta": "yksikössä", "ssa": "yksiköltä"}
    noun = other.get(ending, "yksikölle")
    assert pii._agreeing_noun(f"{word} {noun}", word, len(word)) is False


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Niilo Mäki Instituutin sivuilta.", True),
        ("Aino Ackté Säätiössä.", True),
        ("Anna Virtanen Keskusteli pitkään.", False),
        ("Matti Laine Koulumatkat sujuvat.", False),
        ("Matti Laine Kouluterveydenhuollosta.", False),
    ],
)
def test_only_an_institutions_word_after_the_name_makes_it_one(text: str, thing: bool) -> None:
    """Is the first of two names taken for an institution's only when the next capitalised
    word is an institution's word, inflected at most ("Instituutin"), not any longer word
    that starts like one ("Koulumatkat")?"""
    words = list(pii._WORD_RE.finditer(text))
    assert pii._names_a_thing(text, words, 0) is thing
