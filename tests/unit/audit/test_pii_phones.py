"""Phone numbers of round 4 (split D, clinical_dev4.yaml): a foreign number by its country
code's numbering plan, and a landline after "phone number" or after the phone's holder (a
helpline's or a service's number stays public)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import pii
from hoiku_lib.audit.pii import _NSN_LENGTHS, detect, foreign_phone


def found(text: str, kind: str | None = None) -> list[str]:
    """The detected spans' texts (of one kind, if given)."""
    return [text[s.start : s.end] for s in detect(text) if kind is None or s.kind == kind]


def _grouped(digits: str) -> str:
    """Digits written in groups of three or four, as people write a number."""
    groups, i = [], 0
    while i < len(digits):
        step = 4 if len(digits) - i in (4, 8) else 3
        groups.append(digits[i : i + step])
        i += step
    if len(groups[-1]) == 1:  # the regex reads groups of two or more digits
        groups[-2:] = [groups[-2][:-1], groups[-2][-1] + groups[-1]]
    return " ".join(groups)


# --- foreign phone numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "+46 70 104 48 52",  # Sweden, mobile
        "+252 61 2881719",  # Somalia
        "+380 67 404 7779",  # Ukraine
        "+66 81 135 1339",  # Thailand
        "+7 921 691 1346",  # Russia
        "+372 5538 5825",  # Estonia
        "+44 20 7946 0958",  # the United Kingdom, a landline
    ],
)
def test_foreign_numbers_are_phones(number: str) -> None:
    """Is a relative's number abroad, in the international form, masked as a phone?"""
    text = f"Sukulainen ulkomailla: Nour Salih, {number}."
    assert found(text, "phone") == [number]
    assert number not in pii.mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lämpö +2 10 12 astetta.",  # no country code is "2"
        "Muutos +28 123 4567.",  # "28" is no country code
        "Arvo +46 12 3.",  # Sweden, but far too few digits
        "Arvo +372 1234 5678 90.",  # Estonia, too many
        "Tulos +1 800 12 34.",  # North America, too few
    ],
)
def test_digit_runs_after_a_plus_are_not_phones(text: str) -> None:
    """Is a plus before digits that fit no country's numbering plan left alone?"""
    assert found(text, "phone") == []


@settings(max_examples=150, deadline=None)
@given(code=st.sampled_from(sorted(_NSN_LENGTHS)), data=st.data())
def test_a_foreign_number_is_a_phone_exactly_when_its_length_fits(code: str, data) -> None:  # noqa: ANN001
    """For any country code of the table: a number of a length its plan allows is a phone
    (and masked), one digit fewer than the shortest or more than the longest is not."""
    low, high = _NSN_LENGTHS[code]
    length = data.draw(st.integers(max(4, low - 1), high + 1))
    nsn = data.draw(st.text("0123456789", min_size=length, max_size=length))
    nsn = data.draw(st.sampled_from("123456789")) + nsn[1:]
    fits = low <= length <= high
    assert foreign_phone(code + nsn) is fits
    number = f"+{code} {_grouped(nsn)}"
    text = f"Omainen ulkomailla, numero {number}."
    assert (found(text, "phone") == [number]) is fits


@settings(max_examples=100, deadline=None)
@given(digits=st.text("0123456789", min_size=6, max_size=14))
def test_a_plus_before_an_unknown_country_code_is_never_a_phone(digits: str) -> None:
    """Whatever the digits, a plus before a code no country has is no phone number."""
    for unknown in ("28", "83", "80", "999", "0"):  # spare codes (ITU-T E.164)
        assert not foreign_phone(unknown + digits)


# --- a landline after "phone number" or after its holder ------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Omaisen puhelinnumero 06 401 4825.", "06 401 4825"),
        ("Työpaikan puhelin 02 201 6180.", "02 201 6180"),
        ("äidin puhelin 09 310 4567 kirjattu.", "09 310 4567"),
        ("Potilaan oma puhelin 09 123 456.", "09 123 456"),
        ("Anhörigs telefon 06 401 4825.", "06 401 4825"),
        ("Puhelinnumero 03 212 3456, soitto iltaisin.", "03 212 3456"),
    ],
)
def test_a_landline_after_its_holder_or_phone_number_is_a_phone(text: str, number: str) -> None:
    """Is a landline personal when "phone" is a label: "phone number", or the phone of a
    relative, a workplace or the client?"""
    assert found(text, "phone") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Kriisipuhelin 09 2525 0111 kerrottu.",  # a helpline (a compound)
        "Mielenterveysseuran kriisipuhelin 09 2525 0111.",
        "Auttava puhelin 09 123 4567 arkisin.",  # an adjective: a helpline's name
        "Kelan puhelin 020 692 210.",  # an organisation's phone
        "Kotihoidon puhelin 09 310 12345.",  # a service's phone
        "Päivystys 09 471 71 vastaa.",  # a service's word
    ],
)
def test_a_services_landline_stays_public(text: str) -> None:
    """Is a helpline's, an organisation's or a service's landline left alone?"""
    assert found(text, "phone") == []


HOLDERS = ["Omaisen", "Äidin", "Isän", "Puolison", "Työpaikan", "Tyttären", "Naapurin", "oma"]
SERVICES = ["Kriisipuhelin", "Turvapuhelin", "Neuvontapuhelin", "Auttava puhelin"]


@settings(max_examples=80, deadline=None)
@given(
    holder=st.sampled_from(HOLDERS),
    label=st.sampled_from(["puhelin", "puhelinnumero", "puhelinnro"]),
    area=st.sampled_from(["02", "03", "05", "06", "08", "09"]),
    rest=st.integers(100_000, 9_999_999),
)
def test_any_holders_landline_is_a_phone(holder: str, label: str, area: str, rest: int) -> None:
    """Whose-ever phone it is, a landline after the holder and "phone" is personal, and a
    helpline's word before the same number keeps it public."""
    digits = str(rest)
    number = f"{area} {digits[:3]} {digits[3:]}"
    assert found(f"Kirjattu: {holder} {label} {number}.", "phone") == [number]
    for service in SERVICES:
        assert found(f"Kerrottu: {service} {number}.", "phone") == []
