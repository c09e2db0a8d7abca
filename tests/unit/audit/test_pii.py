"""Are identifiers found and masked, and are public numbers and ordinary text left alone?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.pii import (
    HETU_CHECK,
    MASKS,
    detect,
    detect_many,
    hetu_check_ok,
    iban_ok,
    mask,
    mask_tokens,
    render_masks,
)
from hoiku_lib.package_data import DATA_DIR, TRAINING_DIR

MASK_TOKENS = tuple(MASKS.values())


def shown(text: str, lang: str = "fi") -> str:
    """``text`` masked and shown to a reader of ``lang`` (the core's masks are neutral)."""
    return render_masks(mask(text), lang)


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
    assert code not in shown(text) and "[HETU]" in shown(text)


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
    assert shown(f"Soita {number} iltaisin.") == "Soita [PUHELIN] iltaisin."


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
    assert shown("Puh. 040 123 4567", "sv") == "Puh. [TELEFON]"
    assert shown("Puh. 040 123 4567", "en") == "Puh. [PHONE]"


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
    assert shown(text) == (masked or text)


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
    assert shown(text) == (masked or text)


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "audit_inputs"
# Splits the detector may be tuned on. The held-out splits (disclosure_test*.yaml,
# clinical_test*.yaml) are measured once by bench/audit_eval.py and never asserted here;
# clinical_dev*.yaml are dev splits (tuned on) and may be.
DEV_SPLITS = sorted(TRAINING_DIR.glob("disclosure_dev*.yaml"))


def test_notes_without_personal_data_raise_no_alarm() -> None:
    """Do the dev splits' notes, which hold no personal data, pass without a finding?

    The disclosure dev splits were written blind to this detector by six people, in
    fi/sv/en. Two alarms are kept on purpose: Swedish "Ville" (wanted) opening a sentence is
    also a common Finnish first name, and "Vok, terveydenhoitaja." is a signature."""
    alarms = []
    for path in DEV_SPLITS:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
        alarms += [(path.name, item["text"][:10]) for item in items if detect(item["text"])]
    assert sorted(alarms) == [
        ("disclosure_dev6.yaml", "Ville veta"),
        ("disclosure_dev6.yaml", "Vok, terve"),
    ]


CLINICAL_DEVS = sorted(FIXTURES.glob("clinical_dev*.yaml"))


@pytest.mark.parametrize("path", CLINICAL_DEVS, ids=lambda p: p.stem)
def test_clinical_dev_split_meets_the_targets(path: Path) -> None:
    """On each clinical-vocabulary DEV split (tuned on; the held-out clinical_test*.yaml are
    never asserted here): ≤ 2 % of clean notes flagged, ≥ 0.95 of the planted names found (a
    name span overlaps them), personal_data precision ≥ 0.90 at recall ≥ 0.97."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    found = detect_many([str(item["note"]) for item in items])
    clean = [f for item, f in zip(items, found, strict=True) if not item["personal"]]
    dirty = [f for item, f in zip(items, found, strict=True) if item["personal"]]
    alarms, hits_notes = sum(bool(f) for f in clean), sum(bool(f) for f in dirty)
    assert alarms <= 0.02 * len(clean)
    assert hits_notes >= 0.97 * len(dirty)
    assert hits_notes / (hits_notes + alarms) >= 0.90
    hits = total = 0
    for item, spans in zip(items, found, strict=True):
        note = str(item["note"])
        for planted in item["personal"]:
            if planted["kind"] != "name":
                continue
            at = note.find(planted["text"])
            end = at + len(planted["text"])
            total += 1
            hits += any(s.kind == "name" and s.start < end and at < s.end for s in spans)
    assert hits >= 0.95 * total


def _names(path: str) -> list[str]:
    lines = (DATA_DIR / "audit" / path).read_text("utf-8")
    return [x for x in lines.splitlines() if x and not x.startswith("#")]


STOP = {x.lower() for x in _names("name_stoplist.txt")}
FIRST = [x for x in _names("first_names.txt") if x.lower() not in STOP]
LAST = [x for x in _names("surnames.txt") if x.lower() not in STOP]
# drug and device names, laboratory tests, eponyms, vaccines, places in inflected forms,
# service providers: clinical vocabulary that is never a person's name on its own
CLINICAL_WORDS = (
    "Marevan Primaspan Burana Panadol Oxynorm Lyrica Ketipinor Cipralex Zyprexa Lantus"
    " Novorapid Seretide Ventoline Symbicort Priorix Boostrix Gardasil Comirnaty Vaxigrip"
    " Rotarix Infanrix Shingrix Krea Gluk Trom Leuk Alat Helsingissä Tampereella Kontulassa"
    " Hervannassa Itäkeskuksessa Kalliossa Oulussa Vaasassa Jyväskylässä Mehiläinen"
    " Terveystalo Attendo Pihlajalinna Kela Apotti Pegasos Effica Omaolo Murphy Lasègue"
    " Romberg Babinski Apgar Holter Doppler Evondos"
).split()
TEMPLATES = (
    "Lääkitys: {w} 5 mg aamulla.",
    "Aloitettu {w} tarvittaessa, kontrolli 2 vk.",
    "Ohjattu eteenpäin, {w} tehty.",
    "Status: {w} neg.",
    "Started {w} today.",
    "Ordinerat {w} vid behov.",
)


@settings(max_examples=80, deadline=None)
@given(word=st.sampled_from(CLINICAL_WORDS), template=st.sampled_from(TEMPLATES))
def test_clinical_vocabulary_is_never_a_name_without_a_cue(word: str, template: str) -> None:
    """Is a drug, a test, a vaccine, a place or a provider left alone when no cue says it
    is a person?"""
    text = template.format(w=word)
    assert [s for s in detect(text) if s.kind == "name"] == []


NAME_TEMPLATES = (
    "Keskusteltu {f} {l} kanssa puhelimessa.",
    "{f} {l} soitti iltapäivällä.",
    "Tieto välitetty: {f} {l}.",
    "Seen with {f} {l} on the ward.",
    "Följd av {f} {l} till mottagningen.",
)


@settings(max_examples=120, deadline=None)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    template=st.sampled_from(NAME_TEMPLATES),
)
def test_listed_first_name_and_surname_are_always_masked(
    first: str, last: str, template: str
) -> None:
    """Is a listed first name beside a listed surname masked as a strong name, wherever it
    stands in the sentence, and does neither part survive the mask?"""
    text = template.format(f=first, l=last)
    spans = [s for s in detect(text) if s.kind == "name"]
    covered = "".join(text[s.start : s.end] + " " for s in spans)
    assert first in covered and last in covered
    assert all(s.strength == "strong" for s in spans)
    masked = shown(text)
    assert first not in masked.split() and last not in masked.split()


@settings(max_examples=80, deadline=None)
@given(
    day=st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31)),
    indiv=st.integers(2, 899),
    digits=st.integers(1_000_000, 9_999_999),
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    number=st.integers(1, 99),
    filler=st.sampled_from(["Kontrolli 2 vk.", "RR 128/84, Hb 131.", "Burana 400 mg tarv."]),
)
def test_masks_never_leak_the_identifier(day, indiv, digits, first, last, number, filler) -> None:  # noqa: ANN001, PLR0913
    """Does no planted identifier survive in the masked text, and does each mask name it?"""
    sign = "-" if day.year < 2000 else "A"
    code = _hetu(day, sign, indiv)
    phone = f"040 {digits // 10_000:03d} {digits % 10_000:04d}"
    email = f"{first.lower()}.{last.lower()}@example.com"
    street = f"Koivukujalla {number} B {number}"
    text = (
        f"{filler} Hetu {code}. Puh. {phone}. Sähköposti {email}. Asuu {street}. "
        f"Keskusteltu {first} {last} kanssa. {filler}"
    )
    masked = shown(text)
    for secret in (code, phone, email, street, f"{first} {last}"):
        assert secret not in masked
    for token in ("[HETU]", "[PUHELIN]", "[SÄHKÖPOSTI]", "[OSOITE]", "[NIMI]"):
        assert token in masked


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Keskusteltu Mäen kanssa.", "possible"),  # a lone ambiguous name (mäki = hill)
        ("tytär Tuuli mukana vastaanotolla.", "strong"),  # a relative's cue
        ("Onni Mäki soitti.", "strong"),  # first name + surname, both ambiguous alone
        ("Keskusteltu Virtasen kanssa.", "strong"),  # an unambiguous surname
        ("Lääkäri Kallio arvioi.", "strong"),  # a title before a surname that is a place too
        ("Asiakas nimeltä Toivo tuli.", "strong"),  # a naming cue
    ],
)
def test_name_evidence_strength(text: str, strength: str) -> None:
    """Is each name span given the strength of its evidence?"""
    names = [s.strength for s in detect(text) if s.kind == "name"]
    assert names and set(names) == {strength}


@pytest.mark.parametrize(
    "text",
    [
        "Asuu Kalliossa, kotihoito käy.",  # a district that is a surname too
        "Tuuli oli kova, kaatui pihalla.",  # wind
        "Hammaskaari 2 siisti, ientasku 4 mm.",  # a dental arch, not a street
        "Hengitystie 1 auki koko ajan.",  # an airway
        "Kulkutie 90 cm, pyörätuoli mahtuu.",  # a passage's width
        "Kriisipuhelin 09 2525 0111 kerrottu.",  # a service's number
        "Murphy neg., Lachman pos., Tanner 3.",  # eponymous tests
        "Siirrot Sara Stedyllä, Lea-taulu 1,0.",  # a patient lift, a vision chart
        "Työterveys Aalto: selkäkipu 2 vk.",  # a provider
        "Will review in 2 weeks. Inga tecken på infektion.",  # English and Swedish words
    ],
)
def test_clinical_traps_are_not_personal_data(text: str) -> None:
    """Are words that look like a name, a street or a phone in a clinical note left alone?"""
    assert detect(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kotikäyntiosoite Kotkankallio 52, ovikoodi 1234.", "address"),
        ("Karhunkierros 32, 15110 Lahti.", "address"),
        ("Omainen Chen Wei paikalla.", "name"),
        ("Onni (4 v) tuli äidin kanssa.", "name"),
        ("Soitettu vaimolle Lumi Koskelle.", "name"),
        ("Kontrolli 2 vk. Aleksi, ph", "name"),
    ],
)
def test_clinical_identifiers_are_found(text: str, kind: str) -> None:
    """Are an address without a street suffix, a cued foreign name, a child's name before
    an age, and a signature found?"""
    assert kind in {s.kind for s in detect(text)}


def test_missing_voikko_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Voikko the detector refuses to run instead of guessing names more weakly."""
    from hoiku_lib import morphology
    from hoiku_lib.audit import pii

    def missing() -> object:
        raise morphology.VoikkoMissingError("voikko-fi")

    monkeypatch.setattr(morphology, "analyser", missing)
    morphology.analyse.cache_clear()
    pii.reading.cache_clear()
    try:
        with pytest.raises(morphology.VoikkoMissingError):
            detect("Keskusteltu Virtasen kanssa.")
    finally:
        morphology.analyse.cache_clear()
        pii.reading.cache_clear()


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Kontrolli viikon päästä. Veera, sh", "Kontrolli viikon päästä. [NIMI], sh"),
        ("Haava siisti. Anna Virtanen /sh", "Haava siisti. [NIMI] [NIMI] /sh"),
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
    assert shown(text) == (text if masked is None else masked)


def _export(tmp_path: Path, notes: list[str]) -> Path:
    import csv

    src = tmp_path / "otos.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "unit", "note_text"])
        for i, note in enumerate(notes, 1):
            writer.writerow([f"R{i}", "Kotihoito", note])
    return src


def test_possible_names_are_listed_not_sent_back(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does a sample whose only name evidence is weak say "possible names: check these"
    with their count, masked, in the CLI, the report and the workbook, without the loud
    "not anonymised" verdict?"""
    from openpyxl import load_workbook

    from hoiku_lib.cli import main
    from hoiku_lib.i18n import t

    notes = ["Keskusteltu Mäen kanssa.", "Burana 400 mg tarv.", "Kontrolli 2 vk."]
    out = tmp_path / "out"
    assert main(["audit", str(_export(tmp_path, notes)), "--out", str(out), "--lang", "fi"]) == 0
    err = capsys.readouterr().err
    assert t("audit.cli.pii_warning", "fi") not in err
    assert t("audit.cli.possible_names", "fi", count=1, mask="[NIMI?]") in err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="possible-names"' in html and 'id="pii-banner"' not in html
    assert "Mäen" not in html and "Mäen" not in (out / "findings.csv").read_text("utf-8")
    assert "[NIMI?]" in (out / "findings.csv").read_text("utf-8")
    wb = load_workbook(out / "report.xlsx", read_only=True)
    first = wb[wb.sheetnames[0]]
    lines = [row[0] for row in first.iter_rows(values_only=True)]
    wb.close()
    assert lines == [t("audit.report.possible_names", "fi", count=1, mask="[NIMI?]")]


def test_a_strong_name_sends_the_sample_back(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does a first name + surname give the loud verdict everywhere, masked?"""
    from openpyxl import load_workbook

    from hoiku_lib.cli import main
    from hoiku_lib.i18n import t

    out = tmp_path / "out"
    src = _export(tmp_path, ["Keskusteltu Pekka Virtasen kanssa.", "Kontrolli 2 vk."])
    assert main(["audit", str(src), "--out", str(out), "--lang", "sv"]) == 0
    assert t("audit.cli.pii_warning", "sv") in capsys.readouterr().err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="pii-banner"' in html and "Virtasen" not in html
    wb = load_workbook(out / "report.xlsx", read_only=True)
    lines = [row[0] for row in wb[wb.sheetnames[0]].iter_rows(values_only=True)]
    wb.close()
    assert lines == [t("audit.report.pii_banner", "sv")]


def test_the_audit_refuses_to_run_without_voikko(
    tmp_path: Path,
    capsys,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    """Does `hoiku audit` stop with exit 4 and say what to install when Voikko is missing,
    instead of auditing names more weakly?"""
    from hoiku_lib import morphology
    from hoiku_lib.cli import main
    from hoiku_lib.i18n import t

    def missing() -> object:
        raise morphology.VoikkoMissingError("voikko-fi")

    monkeypatch.setattr(morphology, "analyser", missing)
    src = _export(tmp_path, ["Keskusteltu Pekka Virtasen kanssa."])
    assert main(["audit", str(src), "--out", str(tmp_path / "out"), "--lang", "en"]) == 4
    err = capsys.readouterr().err
    assert t("audit.cli.voikko_missing", "en", part="voikko-fi") in err
    assert "Virtasen" not in err
    assert not (tmp_path / "out" / "findings.csv").exists()


@pytest.mark.parametrize(
    ("notes", "loud", "possible"),
    [
        (["Keskusteltu Mäen kanssa.", "Kontrolli 2 vk."], False, True),
        (["Puh. 040 123 4567.", "Kontrolli 2 vk."], True, False),
        (["Kontrolli 2 vk.", "Burana 400 mg tarv."], False, False),
    ],
)
def test_the_page_gives_the_same_verdict(
    tmp_path: Path, notes: list[str], loud: bool, possible: bool
) -> None:
    """Does the audit page show the loud verdict only for a certain identifier or a strong
    name, and "possible names: check these" for weak name evidence, masked?"""
    from hoiku_lib.i18n import t
    from hoiku_lib.ui.audit_app import AuditApp

    app = AuditApp(lang="fi")
    app._upload_path = _export(tmp_path, notes)
    app.use_sample.value = False
    app.run()
    status = app.status.value
    assert (t("audit.report.pii_banner", "fi") in status) is loud
    assert ("hoiku-audit-possible-names" in status) is possible
    assert "Mäen" not in status and "040 123 4567" not in status


def test_a_name_found_once_is_masked_again_in_the_same_note() -> None:
    """Is a second mention of a name with strong evidence masked too ("Onni (4 v) tuli …
    Onni oli …"), where the second mention alone would be an ordinary word?"""
    text = "Onni (4 v) tuli äidin kanssa. Onni oli pelännyt rokotetta."
    assert shown(text) == "[NIMI] (4 v) tuli äidin kanssa. [NIMI] oli pelännyt rokotetta."
    assert detect("Onni oli pelännyt rokotetta.") == []


@pytest.mark.parametrize(
    "text",
    [
        "OPTG Planmeca ProMaxilla, bitewing otettu.",  # a capital inside a word: no word
        "Asia ohjattu omalle hoitajalle Maisa-viestillä.",  # a cue before a compound's head
        "Fagerström 5, AUDIT-C 3, Apgar 8/9.",  # a score after an eponym
        "Medi-Heli 01 hälytetty.",  # a unit's number
        "Leopoldin otteet: raivotila.",  # an eponym's head noun
        "Epäily Bakerin kystasta, Salter-Harris II-murtuma.",  # eponyms with a numeral
        "Referred to Mannerheim League for Child Welfare.",  # an organisation's head
        "Transport to Aurora Hospital, urgent.",  # a hospital's name
        "Axel: Neer neg., Lachman neg.",  # a heading (sv axel, a shoulder)
        "Yasmin lopetettu, tilalle Cerazette.",  # a drug's verb
        "Has not taken Yasmin for a week.",  # a drug's verb before it
        "Hoidossa aiemmin Palvelukoti Koivula.",  # an institution's head before a surname
        "Ansökan om plats vid Seniorboendet Björkbacka.",  # the same in Swedish
        "Ikäihmisten palvelutalo Marjatta.",  # lower-case head
        "Selvitetään Kevan ja Varman kanssa.",  # pension insurers
        "Registrerat i Kanta och Aura.",  # a locative and a product beside it
        "Ennen asunut Koskella ja Mäntsälässä.",  # a place beside a place
        "Ohjattu Veikko ja Lahja Hurstin Laupeudentyö ry:n ruoka-apuun.",  # an organisation
        "Munuaisannostus tarkistettu Renbasesta.",  # a thing's elative
        "Crisis line MIELI 09 2525 0111 discussed.",  # a service's name before its number
        "Jatketaan Yasmin 1x1, Cerazette 75 µg.",  # a dose after a drug
        "Bell's palsy suspected, Bellin pareesi.",  # eponyms' heads in English and Finnish
        "Hans mamma ringde i går. Axel ömmar.",  # Swedish words (his; a shoulder)
        "Potilas Terveystalo Kamppi kautta.",  # a provider after a role
    ],
)
def test_things_named_like_people_are_not_names(text: str) -> None:
    """Are eponyms, scores, institutions, organisations, drugs, headings, compounds and
    places in coordination left alone, each by its rule?"""
    assert detect(text) == []


@settings(max_examples=60, deadline=None)
@given(first=st.sampled_from(FIRST), prefix=st.sampled_from(["Pro", "Planmeca", "Medi", "Vita"]))
def test_a_name_inside_a_capitalised_word_is_no_name(first: str, prefix: str) -> None:
    """Is a listed first name glued to a capitalised prefix ("ProMax") never a name, while
    the same name on its own after a title still is?"""
    assert [s for s in detect(f"Laite {prefix}{first} käytössä.") if s.kind == "name"] == []
    assert any(s.kind == "name" for s in detect(f"Soitettu lääkäri {first} illalla."))


@settings(max_examples=60, deadline=None)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    score=st.integers(1, 99),
)
def test_a_score_after_a_lone_word_keeps_a_full_name(first: str, last: str, score: int) -> None:
    """A score after a lone word makes it a test ("Fagerström 5"), but a first name and a
    surname before a number stay a name."""
    text = f"Tavattu {first} {last} {score} min."
    covered = " ".join(text[s.start : s.end] for s in detect(text) if s.kind == "name")
    assert first in covered and last in covered


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lähiomainen: Usko Kokko paikalla.", "Usko Kokko"),  # faith and bonfire, after a role
        ("Wife Ivana Horvat is the informal carer.", "Ivana Horvat"),  # unknown to Voikko
        ("Hlö: José Rodriguez tuli vastaanotolle.", "José Rodriguez"),  # a naming cue's colon
        ("Sanelu LL Kokko, kirjattu.", "Kokko"),  # a title before a noun in its base form
        ("Konsulterat dr Ek per telefon.", "Ek"),  # an abbreviation Voikko knows (EK)
        ("Omainen (Gun Ek) toivoo tietoa.", "Gun Ek"),  # a cue, then an aside
        ("Tulkkina toimi Kadri Tamm.", "Kadri Tamm"),  # who interpreted
        ("Contact person Bo Ek on the ward.", "Bo Ek"),
        ("Sovittu Voiton kanssa.", "Voiton"),  # a first name that is an ordinary word
        ("Helmi Kokko (220976-489U) soitti.", "Helmi Kokko"),  # an identifier after a name
        ("Kontaktperson Gun Store, tfn 044 851 8825.", "Gun Store"),
        ("Barnet Tor (030318A8126) kom med pappa.", "Tor"),
        ("Sovittu Armaan kanssa.", "Armaan"),  # an -as name's stem (Armas → Armaa-)
        ("Sanelu LL Lehtonen, kirj. Onni", "Onni"),  # a cue after a comma
        ("Lyyli Marttila pyytää reseptejä.", "Lyyli Marttila"),  # a place-only surname
    ],
)
def test_cued_names_voikko_reads_as_words(text: str, name: str) -> None:
    """Is a name found by its cue (a role, a title, a naming word, an identifier right after
    it) even when Voikko reads its words as ordinary words or does not know them?"""
    covered = " ".join(text[s.start : s.end] for s in detect(text) if s.kind == "name")
    assert name in covered


@pytest.mark.parametrize(
    "text",
    [
        "Hoitajan soitto lääkärille: Trelegy Ellipta tauolle.",  # a colon opens the content
        "Näytteenotto: PVK+T. Näyte ei ehtinyt kuljetukseen.",  # "T." ends a test's name
        "Crohnin taudin hoitaja (Tyks) seuraa.",  # an aside after a role: the hospital
        "Puhelin 040 123 4567 vaihdettu.",  # the word "phone" before a phone is no name
    ],
)
def test_cues_do_not_name_things(text: str) -> None:
    """Do a colon's content, a sentence after an initial, an aside and the word before a
    number stay unnamed?"""
    assert [s for s in detect(text) if s.kind == "name"] == []


@pytest.mark.parametrize("text", ["Kirjattu Hilkkaan ja Pegasokseen.", "Tiedot Maisasta."])
def test_interior_local_cases_are_things(text: str) -> None:
    """Is a lone name reading in an interior local case (into, out of, inside) left alone?"""
    assert [s for s in detect(text) if s.kind == "name"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Tiedote lähetetty huoltajille Wilman kautta.",  # a school's system named like a person
        "Patient is on Yasmin since spring.",  # a pill named like a person
        "Lab results will be in Esko by noon.",  # a system: results are "in" it
        "Remissen skickad via Hilkka i morse.",  # a channel: sent "via" it
        "Kotiin jäänyt Wilma ja Helmi -tunnukset.",  # a name beside a system's name
        "Tehty Bergin tasapainotesti, 44/56.",  # a genitive before a compound test's head
        "Jatkohoitoon Kivelän tai Koskelan sairaalaan.",  # coordinated genitives, one head
        "Ohjattu Malmin psykiatrian poliklinikalle.",  # a genitive, a genitive, the head
        "Ranteen murtuma, Salter-Harris II.",  # a classification's Roman numeral
        "Äidin veriryhmä A Rh(D)-negatiivinen.",  # a code before a bracket
        "Työkokeilu alkaa Koskella ensi viikolla.",  # a place's adessive
        "Asiakas on muuttanut Malmille.",  # a place's allative
        "Fysioterapeutti Validialta soitti.",  # a company after a title
        "Hammaslääkäri Oral Hakaniemi seuraa.",  # a dental chain and a district after a title
        "Medi-Heli laskeutui kentälle.",  # a medical helicopter
        "Päiväkodin ryhmä Tuuli kävi neuvolassa.",  # a group's name after "ryhmä"
        "Helpline of SOS (09 123 4567) given.",  # a service's number after its name
    ],
)
def test_round3_things_are_not_personal_data(text: str) -> None:
    """Are systems, pills and devices named like people, eponyms and places before a head
    noun, classifications, codes, places in a local case, companies after a title, a group's
    name and a service's number left alone, each by its rule (round 3)?"""
    assert detect(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hoitaja Salo soitti illalla.", "Salo"),  # a place that is a surname, after a title
        ("Lääkäri Lahden kanssa sovittu.", "Lahden"),
        ("Äiti Wilma soitti koululle.", "Wilma"),  # a system's name after a relative
        ("Wilma Westerlund toivoo soittoa.", "Wilma Westerlund"),  # beside a surname
        ("Yasmin Osman, hetu 180475-641S.", "Yasmin Osman"),
        ("Esko kertoi voinnin parantuneen.", "Esko"),  # a person's verb
        ("Soitettu Eskolle iltapäivällä.", "Eskolle"),
    ],
)
def test_round3_names_stay_names(text: str, name: str) -> None:
    """Do the round-3 rules keep the names they must not hide: place-like surnames after a
    title, a system's or a pill's name after a cue or beside a surname, a person's verb?"""
    covered = " ".join(text[s.start : s.end] for s in detect(text) if s.kind == "name")
    assert name in covered


_LETTERS = "abdefghijklmnoprstuvyäö"
NO_CUE_TEMPLATES = (
    "Tarkistettu {w} eilen, kontrolli 2 vk.",
    "Aloitettu {w} 5 mg aamuisin.",
    "Kotikäynnillä käytiin läpi {w} ohjeet.",
    "Reviewed {w} results today.",
    "Ordinerat {w} vid behov.",
)


@settings(max_examples=150, deadline=None)
@given(
    stem=st.text(alphabet=_LETTERS, min_size=4, max_size=10),
    template=st.sampled_from(NO_CUE_TEMPLATES),
)
def test_an_uncued_word_in_no_name_source_is_no_name(stem: str, template: str) -> None:
    """A capitalised word that no name source knows (not on the lists, no name reading in
    Voikko, not shaped like a Finnish surname) and that no cue supports is never a name,
    wherever it stands."""
    from hoiku_lib.audit.pii import NOT_NAME, UNKNOWN, reading

    word = stem.capitalize()
    assume(reading(word).kind in (UNKNOWN, NOT_NAME))
    text = template.format(w=word)
    assert [s for s in detect(text) if s.kind == "name"] == []


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(FIRST[:60] + LAST[:60]),
            st.sampled_from(["kävi", "soitti", "äiti", "lääkäri", "Tuuli", "Kallio", "ja"]),
            st.sampled_from([",", ".", "(4 v)", "040 123 4567", "131052-308T", "/sh"]),
            st.text(alphabet=_LETTERS, min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=14,
    )
)
def test_masking_never_leaves_a_detected_span(parts: list[str]) -> None:
    """Whatever the text, each detected span is replaced by exactly one mask, and no
    detected span's text survives the mask unless the same text stands unmasked elsewhere."""
    text = " ".join(parts)
    spans = detect(text)
    masked = mask(text)
    rest = "\0".join(
        text[a:b]
        for a, b in zip(
            [0] + [s.end for s in spans], [s.start for s in spans] + [len(text)], strict=True
        )
    )
    for s in spans:
        secret = text[s.start : s.end]
        assert secret in rest or secret not in masked
    assert sum(masked.count(tok) for tok in set(MASK_TOKENS)) == len(spans) + sum(
        rest.count(tok) for tok in set(MASK_TOKENS)
    )


def test_core_masks_are_neutral_and_shown_per_language() -> None:
    """Does the core write one neutral token per kind, the same whatever the language, and
    is it put in the reader's language only when shown?"""
    text = "Soitettu Virtaselle 040 123 4567, hetu 131052-308T."
    masked = mask(text)
    assert masked == "Soitettu [ǂname] [ǂphone], hetu [ǂhetu]."
    fi, sv, en = (render_masks(masked, lang) for lang in ("fi", "sv", "en"))
    assert fi == "Soitettu [NIMI] [PUHELIN], hetu [HETU]."
    assert sv.startswith("Soitettu [NAMN] [TELEFON]") and en.startswith("Soitettu [NAME] [PHONE]")
    for lang in ("fi", "sv", "en"):
        assert set(mask_tokens(lang)) == set(MASKS)
        assert "ǂ" not in render_masks(" ".join(MASKS.values()), lang)
    assert detect(masked) == []  # a mask is no identifier, and no name


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(blacklist_characters="ǂ"), max_size=80))
def test_showing_leaves_text_without_masks_alone(text: str) -> None:
    """Text with no neutral mask is shown exactly as it is, in every language."""
    assert all(render_masks(text, lang) == text for lang in ("fi", "sv", "en"))


@pytest.mark.parametrize(
    "text",
    [
        "Asiakas Tampereelta tuli vastaanotolle.",  # a place in a local case after a role
        "Omainen Oulusta soitti illalla.",
        "Potilas Grankullasta, siirto osastolle.",  # a Swedish name Voikko does not know
        "Patient Träskända hälsostation kautta.",  # an institution's head after the word
        "Referred to the League for Child Welfare.",  # no role in an organisation's name
    ],
)
def test_places_after_a_cue_are_not_names(text: str) -> None:
    """Is a place after a role (in a local case, or before an institution's head) left
    alone, while the same role before a person's name still names them?"""
    assert [s for s in detect(text) if s.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vaimon kanssa (Ritva) sovittu kotiutuksesta.", "Ritva"),  # a name in brackets
        ("Sovittu äidin (Maria) kanssa.", "Maria"),
        ("Samuel Brown's wife called twice.", "Samuel Brown's"),  # a possessor's relative
        ("Eva Lunds dotter ringde.", "Eva Lunds"),  # Swedish genitive before a relative
        ("Annas mamma ringde i går.", "Annas"),
        ("Seen by RN Olivia Smith at 14:00.", "Olivia Smith"),  # a title
        ("Lapsi Kofi (3 v) rokotettu.", "Kofi"),  # a child as a role
        ("Lääkäri Lahdelta saatu lausunto.", "Lahdelta"),  # a place-only surname, title
    ],
)
def test_round3_cues(text: str, name: str) -> None:
    """Are names found by the round-3 cues: a name alone in brackets after a relative, a
    genitive before a relative (English 's, Swedish -s), the title RN, a child as a role?"""
    covered = " ".join(text[s.start : s.end] for s in detect(text) if s.kind == "name")
    assert name in covered


@pytest.mark.parametrize(
    "text", ["Hans mamma ringde i går.", "Patient's wife called.", "Crohn's disease, stable."]
)
def test_possessives_that_are_no_names(text: str) -> None:
    """A pronoun, a cue word or an eponym before a relative or a disease is no name."""
    assert [s for s in detect(text) if s.kind == "name"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Asiakas Simosta, muuttanut 2019.",  # a town in the elative, a first name too
        "Potilas Salosta tuli päivystykseen.",  # a town that is a listed surname
        "Kotikunta Kaarina, muutto viime vuonna.",  # a noun that says a place follows
        "Hemkommun Laitila enligt remissen.",
        "Perhe asuu Kaarinan alueella.",  # a genitive before an area, a centre, an office
        "Yhteys Laitilan sosiaalitoimeen.",
    ],
)
def test_towns_named_like_people_are_places(text: str) -> None:
    """Is a town after a role in the inessive or elative, or after a word that says a place
    follows, left alone, even when it is a first name or a surname too?"""
    assert [s for s in detect(text) if s.kind == "name"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kotikäynti Virtasen kotiin klo 9.", "Virtasen"),  # a person's home, not an institution
        ("Käyty Virtasen talossa.", "Virtasen"),
        ("Kirjattu Virtasen toimesta.", "Virtasen"),  # by a person
        ("Found in Olga's room at night.", "Olga's"),  # "in" before a possessor
        ("Met in Anna's flat.", "Anna's"),
        ("Jatketaan Virtasen kuntoutusta.", "Virtasen"),  # a person's rehabilitation
    ],
)
def test_a_persons_genitive_before_a_plain_noun_stays_a_name(text: str, name: str) -> None:
    """A home, a house or an office is an institution's head only as a compound's head
    ("palvelukoti", "sosiaalitoimi"): a surname's genitive before the plain word stays a name."""
    covered = " ".join(text[s.start : s.end] for s in detect(text) if s.kind == "name")
    assert name in covered
