"""Are identifiers found and masked, and are public numbers and ordinary text left alone?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.pii import HETU_CHECK, detect, hetu_check_ok, iban_ok, mask

SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}


def _hetu(day: dt.date, sign: str, indiv: int, wrong: bool = False) -> str:
    number = int(f"{day:%d%m}{day.year % 100:02d}{indiv:03d}")
    check = HETU_CHECK[(number + (7 if wrong else 0)) % 31]
    return f"{day:%d%m}{day.year % 100:02d}{sign}{indiv:03d}{check}"


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(dt.date(1850, 1, 1), dt.date(2029, 12, 31)),
    indiv=st.integers(2, 999),
    wrong=st.booleans(),
    data=st.data(),
)
def test_every_century_sign_is_flagged_and_masked(day, indiv, wrong, data) -> None:  # noqa: ANN001
    """Is any code-shaped string (any 2023 sign, temporary 9xx, wrong check) masked?"""
    sign = data.draw(st.sampled_from(SIGNS[day.year // 100 * 100]))
    code = _hetu(day, sign, indiv, wrong)
    assert hetu_check_ok(code) is not wrong
    text = f"Asiakkaan tunnus {code} tarkistettu."
    assert [s.kind for s in detect(text)] == ["hetu"]
    assert code not in mask(text) and "[HETU]" in mask(text)


@pytest.mark.parametrize(
    "number",
    [
        "040 123 4567",
        "041-1234567",
        "+358 44 123 4567",
        "+358451234567",
        "046 765 43 21",
        "0501234567",
        "(09) 123 4567",
        "09-123 456",
        "+358 (0)50 123 4567",
    ],
)
def test_personal_phone_forms_are_masked(number: str) -> None:
    """Is a Finnish phone number in each written form masked?"""
    assert mask(f"Soita {number} iltaisin.") == "Soita [PUHELIN] iltaisin."


@pytest.mark.parametrize(
    "text",
    [
        "Neuvonta +358 2954 63177 arkisin.",
        "Kontrolli 12.03.2025 klo 14.30.",
        "RR 132/84, syke 78, INR 2,3, annos 5 mg.",
        "Tietoa: ihmiskauppa.auttamisjarjestelma@migri.fi",
        "Raskausviikot 24+3, paino 64,5 kg.",
        "Kivi munuaisessa 5 mm. Salo on kaupunki.",
        "Anna lääkettä tarvittaessa.",
    ],
)
def test_hard_negatives_are_not_personal_data(text: str) -> None:
    """Are public service numbers, org e-mails, dates and measurements left alone?"""
    assert detect(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tilille FI21 1234 5600 0007 85.", "iban"),
        ("Asuu Hämeenkadulla 12 A 3.", "address"),
        ("Bor på Storgatan 5.", "address"),
        ("E-mail matti.m@example.com.", "email"),
        ("Keskusteltu Virtasen kanssa.", "name"),
        ("Tieto välitetty Annalle.", "name"),
        ("lääkäri Ojala tutki.", "name"),
        ("Kontrolli ensi viikolla. Terveisin Kaisa /sh", "name"),
    ],
)
def test_each_kind_is_found(text: str, kind: str) -> None:
    """Is each kind of identifier found in a realistic sentence?"""
    assert kind in {s.kind for s in detect(text)}


def test_iban_check() -> None:
    """Does the mod-97 check accept a valid IBAN and refuse a changed one?"""
    assert iban_ok("FI21 1234 5600 0007 85")
    assert not iban_ok("FI21 1234 5600 0007 86")


def test_masks_are_localised() -> None:
    """Are masks in the report's language?"""
    assert mask("Puh. 040 123 4567", "sv") == "Puh. [TELEFON]"
    assert mask("Puh. 040 123 4567", "en") == "Puh. [PHONE]"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Keskusteltu Iiris Rautiaisen kanssa.", "Keskusteltu [NIMI] [NIMI] kanssa."),
        ("Tieto välitetty Halosella.", "Tieto välitetty [NIMI]."),
        ("Apteekista haettu lääkkeet, Kelasta korvaus.", None),
        ("Ohjattu Kansaneläkelaitokseen ja Tampereen kaupungille.", None),
    ],
)
def test_unlisted_surnames_by_shape(text: str, masked: str | None) -> None:
    """Is a Finnish -nen surname found without the lists, and ordinary words left alone?"""
    assert mask(text) == (masked or text)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Keskusteltu Veeran kanssa.", "Keskusteltu [NIMI] kanssa."),
        ("Met with Blessing on Monday.", "Met with [NIMI] on Monday."),
        ("Aloittanut työn Tampereella, lähete Kelaan.", None),
        ("Keskusteltu asiasta. Soitettiin myöhemmin.", None),
    ],
)
def test_unlisted_proper_nouns(text: str, masked: str | None) -> None:
    """Is an unlisted name mid-sentence masked, but not places, orgs or sentence starts?"""
    assert mask(text) == (masked or text)


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "audit_inputs"


def test_notes_without_personal_data_raise_no_alarm() -> None:
    """Do 3,008 notes written by others, holding no personal data, pass without a finding?

    The disclosure splits were written blind to this detector by ten people, in fi/sv/en,
    with quoted speech, organisation names, interpreters' languages, unit names, places,
    eponyms (Apgar) and holidays in them. One false alarm is kept on purpose: Swedish
    "Ville" (wanted) opening a sentence is also a common Finnish first name, and letting
    "Ville kävi …" through would leak a name."""
    alarms = []
    for path in sorted(FIXTURES.glob("disclosure_*.yaml")):
        if path.name == "disclosure_handmade.yaml":
            continue
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
        alarms += [(path.name, item["text"][:10]) for item in items if detect(item["text"])]
    assert alarms == [("disclosure_dev6.yaml", "Ville veta")]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Kontrolli viikon päästä. Veera, sh", "Kontrolli viikon päästä. [NIMI], sh"),
        ("Haava siisti. Anna Virtanen /sh", "Haava siisti. [NIMI] /sh"),
        ("Kipua, sh arvioi 5/10.", None),
        ("Terveysasema, lääkäri. Kontrolli.", None),
        ("Psyk. sh: Kuvaa painajaisia.", None),
        ("Hän sanoi: ”Auttakaa minua.” Pyysi soittoa.", None),
        ("Referred to the National Assistance System for Victims of Human Trafficking.", None),
        ("Professional interpreter (Tigrinya) by phone.", None),
        ("Detained under the Mental Health Act, no leave.", None),
        ("Seen with Oksana Maria Virtanen.", "Seen with [NIMI] [NIMI] [NIMI]."),
        # a sentence's first word before a first name is a verb, before a surname a name
        ("Saw Olga in the corridor.", "Saw [NIMI] in the corridor."),
        ("Tapasin Olgan eilen.", "Tapasin [NIMI] eilen."),
        ("Called Pekka Virtanen.", "Called [NIMI] [NIMI]."),
        ("Oksana Virtanen soitti.", "[NIMI] [NIMI] soitti."),
        ("Iiris Halosen kanssa sovittu.", "[NIMI] [NIMI] kanssa sovittu."),
    ],
)
def test_signatures_quotes_and_organisations(text: str, masked: str | None) -> None:
    """Is a signature masked, and are quoted speech, unit and organisation names left alone?"""
    assert mask(text) == (text if masked is None else masked)
