"""Seeded synthetic audit sample: notes in fi/sv/en with planted faults and true labels.

Nothing here is real: names are drawn from generic lists, identity codes and IBANs are
computed, and the same seed gives the same file. Label columns (``label_<rule_id>``) hold the
ground truth for ``bench/audit_eval.py``. Phrasings are varied (inflection, word order,
Swedish and English) and hard negatives (public service numbers, organisations' e-mails,
ordinary health talk, dates and measurements) are mixed in, so that a detector tuned on
this file is less likely to look better than it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import tempfile
from pathlib import Path

from hoiku_lib.audit.pii import HETU_CHECK
from hoiku_lib.audit.rules import RULE_IDS

UNITS = (
    "Päivystys Pohjoinen",
    "Äitiysneuvola Itä",
    "Terveysasema Keskusta",
    "Sosiaalipäivystys",
    "Akutmottagningen Vasa",
    "Mental health outpatient clinic",
)
FIRST = (
    "Pekka",
    "Laura",
    "Anna",
    "Mikko",
    "Sari",
    "Jukka",
    "Elina",
    "Matti",
    "Tiina",
    "Olga",
    "Irina",
    "Fatima",
    "Ahmed",
    "Maria",
    "Johanna",
    "Heikki",
    "Aino",
    "Ville",
    "Oona",
    "Veera",
    "Iiris",
    "Rasmus",
)
LAST = (
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Lindqvist",
    "Johansson",
    "Ivanova",
    "Halonen",
    "Rautiainen",
    "Mäkelä",
    "Salminen",
)
STREETS = (
    ("Koivukuja", "Koivukujalla"),
    ("Rantatie", "Rantatiellä"),
    ("Hämeenkatu", "Hämeenkadulla"),
    ("Myllypolku", "Myllypolulla"),
    ("Storgatan", "Storgatan"),
    ("Kyrkovägen", "Kyrkovägen"),
    ("Satamaväylä", "Satamaväylällä"),
    ("Kuusirinne", "Kuusirinteellä"),
)
FILLER = {
    "fi": [
        "Tulosyy: kuumeilu ja yskä kolmen päivän ajan.",
        "Yleistila hyvä, keskustelee asiallisesti.",
        "RR 132/84, syke 78, lämpö 37,9.",
        "Keuhkoissa ei rahinoita, nielu punoittaa lievästi.",
        "CRP 12, Hb 128.",
        "Ohjeistettu nesteytyksestä ja kuumelääkkeen annostelusta.",
        "Kontrolli tarvittaessa omalla terveysasemalla.",
        "Kertoo nukkuneensa huonosti viime viikkoina.",
        "Lääkitys jatkuu ennallaan, resepti uusittu.",
        "Haava puhdistettu ja suljettu tarranauhoin, ompeleet eivät tarpeen.",
        "Raskausviikot 24+3, sikiön sydänäänet kuuluvat.",
        "Neuvottu hakeutumaan uudelleen, jos oireet pahenevat.",
        "Käynnillä käytettiin tulkkia.",
        "Selkäkipu alkanut nostotyön jälkeen, ei säteilyä alaraajoihin.",
        "Verikokeet otettu, vastaukset soitetaan.",
    ],
    "sv": [
        "Söker för feber och hosta sedan tre dagar.",
        "Allmäntillstånd gott, samtalar adekvat.",
        "BT 128/82, puls 80, temp 38,1.",
        "Inga rassel på lungorna, svalget lätt rodnat.",
        "Råd om vätska och febernedsättande läkemedel.",
        "Kontroll vid behov på hälsostationen.",
        "Berättar att hon sovit dåligt de senaste veckorna.",
        "Medicineringen fortsätter som tidigare.",
        "Såret rengjort och tejpat.",
        "Blodprov tagna, svaren meddelas per telefon.",
    ],
    "en": [
        "Presents with fever and cough for three days.",
        "General condition good, converses appropriately.",
        "BP 130/85, pulse 76, temperature 37.8.",
        "Chest clear, throat mildly red.",
        "Advised on fluids and antipyretics.",
        "Follow-up at the health centre if needed.",
        "Reports poor sleep over the past weeks.",
        "Medication continues unchanged, prescription renewed.",
        "Wound cleaned and closed with strips.",
        "Blood tests taken, results will be phoned.",
    ],
}
HARD_NEGATIVES = {
    "fi": [
        "Ohjattu tarvittaessa auttamisjärjestelmän neuvontaan, p. +358 2954 63177.",
        "Yleistä tietoa: ihmiskauppa.auttamisjarjestelma@migri.fi.",
        "Pyysi apua apuvälineiden hankintaan.",
        "Omainen pyysi apua kotiapuun, kotiapu käy aamuisin.",
        "Huolena opintolaina ja velka pankille, ohjattu talousneuvontaan.",
        "Passikuva otettu, passi uusittava ennen matkaa.",
        "Työterveys: työnantaja ohjasi työterveyshuoltoon selkäkivun vuoksi.",
        "Kontrolli 12.03.2025 klo 14.30, laboratorio 2.4.2025.",
        "INR 2,3; annos 5 mg.",
        "Haluaa pois sairaalasta mahdollisimman pian.",
        "Uhkaava keskenmeno poissuljettu ultraäänellä.",
        "Ei saa liikkua vapaasti kipsin vuoksi kahteen viikkoon.",
        "Aloittanut uuden työn Tampereella, viihtyy.",
    ],
    "sv": [
        "Hänvisad till hjälpsystemet vid behov, tfn +358 2954 63177.",
        "Hon bad om hjälp med hjälpmedel till hemmet.",
        "Passfoto behövs för visumet.",
        "Kontroll 3.4.2025.",
    ],
    "en": [
        "Given the assistance system's public line +358 2954 63177 as general information.",
        "Needs a passport photo for the visa.",
        "Patient wants to leave the ward early.",
        "Occupational health care arranged by the employer.",
    ],
}
INDICATOR = {
    "fi": [
        "Herää epäily ihmiskaupasta.",
        "Epäilen, että kyseessä voi olla ihmiskauppa.",
        "Työnantaja pitää hänen passiaan hallussaan.",
        "Passi on työnantajalla, ei saa sitä takaisin.",
        "Kertoo velasta työnantajalle matkasta Suomeen.",
        "Ei ole saanut palkkaa kolmeen kuukauteen.",
        "Työskentelee 14 tuntia päivässä ilman vapaapäiviä.",
        "Mies vastasi kysymyksiin potilaan puolesta.",
        "Saattaja vastasi kaikkiin kysymyksiin asiakkaan puolesta.",
        "Pomo on uhkaillut perhettä kotimaassa.",
        "Kertoo pelkäävänsä työnantajaa.",
        "Vaikuttaa siltä, että häntä hyväksikäytetään työssä.",
        "Epäillään pakkotyötä marjanpoiminnassa.",
        "Hänet on huijattu töihin Suomeen lupaamalla hyvää palkkaa.",
        "Ei pääse lähtemään asunnosta ilman lupaa.",
    ],
    "sv": [
        "Misstanke om människohandel.",
        "Arbetsgivaren har hennes pass.",
        "Har skuld till arbetsgivaren för resan.",
        "Lönen har inte betalats på tre månader.",
        "Mannen svarade på alla frågor i stället för patienten.",
        "Hon är rädd för arbetsgivaren.",
    ],
    "en": [
        "Possible human trafficking suspected.",
        "Her employer keeps her passport.",
        "She owes a debt to the recruiter for the journey.",
        "He has not been paid for months.",
        "The companion answered every question on behalf of the patient.",
        "She is not allowed to leave the flat alone.",
        "Signs of exploitation noted.",
    ],
}
HELP = {
    "fi": [
        "Asiakas pyysi apua päästäkseen pois työpaikalta.",
        "Pyysi meitä auttamaan häntä pääsemään irti tilanteesta.",
        "Haluaisi lähteä pois miehen luota ja kysyi turvakodista.",
        "Kysyi, miten voisi päästä pois työnantajan asunnosta.",
        "Toivoo pääsevänsä pois nykyisestä työstä, pyysi apua.",
        "Pyysi, ettei työnantajalle kerrota käynnistä.",
    ],
    "sv": [
        "Hon bad om hjälp att komma bort från arbetsgivaren.",
        "Vill ta sig ur situationen och frågade om skyddat boende.",
    ],
    "en": [
        "She asked for help to get out of the situation.",
        "He wants to leave his employer and asked how he could get away.",
    ],
}
RISK_FLAG = {
    "fi": "haavoittuvassa asemassa",
    "sv": "i utsatt ställning",
    "en": "vulnerable position",
}
MARKING = {"fi": "salassapidettävä", "sv": "sekretessbelagd", "en": "confidential"}
YES = {"fi": ("kyllä", "K", "Kyllä", "1"), "sv": ("ja", "Ja"), "en": ("yes", "Yes", "1")}
NO = {"fi": ("ei", "E", "Ei", "0"), "sv": ("nej", "Nej"), "en": ("no", "No", "0")}
INTERP = {
    "professional": ("ammattitulkki", "yrkestolk", "professional"),
    "phone": ("puhelintulkki", "telefontolk", "phone"),
    "companion": ("saattaja", "följeslagare", "companion"),
    "family": ("omainen", "anhörig", "family member"),
    "not_needed": ("ei tarvittu", "behövdes inte", "not needed"),
}
HEADERS = [
    "Kirjaus ID",
    "Yksikkö",
    "Teksti",
    "Käyntipäivä",
    "Kirjauspäivä",
    "Epäily",
    "Riskitieto",
    "Lähtevä viesti",
    "Viestin merkintä",
    "Turvallinen yhteys",
    "Tulkki",
]
LABELS = [f"label_{r}" for r in RULE_IDS] + ["planted_identifiers"]


def hetu(rng: random.Random, valid: bool = True) -> str:
    """A computed personal identity code (any 2023 century sign); optionally a wrong check."""
    year = rng.choice(
        [rng.randint(1900, 1999)] * 6 + [rng.randint(2000, 2023)] * 2 + [rng.randint(1880, 1899)]
    )
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    sign = "+" if year < 1900 else rng.choice("-YXWVU") if year < 2000 else rng.choice("ABCDEF")
    indiv = rng.randint(900, 999) if rng.random() < 0.1 else rng.randint(2, 899)
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{indiv:03d}")
    check = HETU_CHECK[number % 31]
    if not valid:
        check = HETU_CHECK[(number + rng.randint(1, 30)) % 31]
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{indiv:03d}{check}"


def iban(rng: random.Random) -> str:
    """A valid Finnish IBAN, printed in groups of four."""
    bban = "".join(str(rng.randint(0, 9)) for _ in range(14))
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "FI00")) % 97
    raw = f"FI{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def phone(rng: random.Random) -> str:
    """A personal mobile or landline number in one of the ways people write them."""
    pre = rng.choice(["040", "041", "044", "045", "046", "050"])
    d = "".join(str(rng.randint(0, 9)) for _ in range(7))
    forms = [
        f"{pre} {d[:3]} {d[3:]}",
        f"{pre}-{d}",
        f"+358 {pre[1:]} {d[:3]} {d[3:]}",
        f"+358{pre[1:]}{d}",
        f"{pre} {d[:3]} {d[3:5]} {d[5:]}",
        f"{pre}{d}",
        f"(09) {d[:3]} {d[3:]}",
        f"09-{d[:3]} {d[3:6]}",
    ]
    return rng.choice(forms)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def pii_sentence(rng: random.Random, lang: str) -> tuple[str, str]:
    """A sentence carrying one identifier, and the raw identifier itself."""
    kind = rng.choice(
        [
            "hetu",
            "hetu_bad",
            "phone",
            "phone",
            "email",
            "iban",
            "address",
            "name",
            "name",
            "signature",
        ]
    )
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if kind in ("hetu", "hetu_bad"):
        value = hetu(rng, valid=kind == "hetu")
        tpl = {
            "fi": ["Hetu {v}.", "Henkilötunnus {v} tarkistettu.", "Asiakkaan tunnus {v}."],
            "sv": ["Personbeteckning {v}."],
            "en": ["ID code {v} checked."],
        }
    elif kind == "phone":
        value = phone(rng)
        tpl = {
            "fi": ["Soitetaan numeroon {v}.", "Puh. {v}", "Tavoittaa numerosta {v} iltaisin."],
            "sv": ["Nås på {v}."],
            "en": ["Call back on {v}."],
        }
    elif kind == "email":
        value = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"
        tpl = {"fi": ["Sähköposti {v}."], "sv": ["E-post {v}."], "en": ["E-mail {v}."]}
    elif kind == "iban":
        value = iban(rng)
        tpl = {"fi": ["Kela-maksut tilille {v}."], "sv": ["Konto {v}."], "en": ["Account {v}."]}
    elif kind == "address":
        base, inflected = rng.choice(STREETS)
        num = f"{rng.randint(1, 80)}" + rng.choice(["", " B 12", " A 3", " C"])
        value = f"{inflected} {num}"
        tpl = {
            "fi": ["Asuu {v}.", "Majoittuu työnantajan asunnossa {v}."],
            "sv": ["Bor på {v}."],
            "en": ["Staying at {v}."],
        }
        if lang != "fi" or rng.random() < 0.3:
            value = f"{base} {num}"
    elif kind == "name":
        if first[-1] in "aeiouyäö":
            stem = first
        else:
            stem = first[:-1] + "kse" if first.endswith("s") else first + "i"
        forms = [f"{first} {last}", f"{last}", f"{stem}n", f"{stem}lle"]
        value = rng.choice(forms) if lang == "fi" else f"{first} {last}"
        if value == last and last.endswith("nen"):
            value = last[:-3] + "sen"
        tpl = {
            "fi": ["Mukana {v}.", "Keskusteltu {v} kanssa.", "Tieto välitetty {v}."],
            "sv": ["Följd av {v}."],
            "en": ["Accompanied by {v}."],
        }
    else:
        value = rng.choice([first, f"{first} {last[0]}."]) if rng.random() < 0.5 else first
        tpl = {
            "fi": ["Terveisin {v} /sh", "{v}, sh", "lääkäri {v}"],
            "sv": ["Hälsningar {v}, sjuksköterska"],
            "en": ["Regards, nurse {v}"],
        }
    return rng.choice(tpl[lang]).format(v=value), value


def _note(rng: random.Random, lang: str, planted: list[str]) -> str:
    parts = list(planted)
    filler: list[str] = []
    while sum(len(p) + 1 for p in parts) < 460:
        if not filler:  # each filler sentence once before any repeats
            filler = rng.sample(FILLER[lang], len(FILLER[lang]))
        parts.insert(rng.randint(0, len(parts)), filler.pop())
    return " ".join(parts)


def _date(d: dt.date, rng: random.Random) -> str:
    return d.isoformat() if rng.random() < 0.2 else f"{d.day}.{d.month}.{d.year}"


def generate(n: int, seed: int) -> list[dict[str, str]]:
    """``n`` synthetic rows with headers as a Finnish export would have them, plus labels."""
    return list(iter_rows(n, seed))


def iter_rows(n: int, seed: int):  # noqa: ANN201 - a generator of row dicts
    """The rows of :func:`generate`, one at a time (a million rows need not fit in memory)."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    for i in range(n):
        lang = rng.choices(["fi", "sv", "en"], weights=[7, 2, 1.5])[0]
        planted: list[str] = []
        identifiers: list[str] = []
        has_pii = rng.random() < 0.25
        if has_pii:
            sentence, value = pii_sentence(rng, lang)
            planted.append(sentence)
            identifiers.append(value)
        has_ind = rng.random() < 0.2
        if has_ind:
            planted.append(rng.choice(INDICATOR[lang]))
        has_help = rng.random() < 0.12
        if has_help:
            planted.append(rng.choice(HELP[lang]))
        if rng.random() < 0.35:
            planted.append(rng.choice(HARD_NEGATIVES[lang]))
        rng.shuffle(planted)
        suspected = rng.random() < 0.3
        risk_ok = suspected and rng.random() < 0.65
        outgoing = rng.random() < 0.25
        marked = outgoing and rng.random() < 0.7
        safe = rng.random() < (0.6 if suspected else 0.4)
        interp = rng.choices(list(INTERP), weights=[3, 2, 1, 1, 6])[0]
        visit = start + dt.timedelta(days=rng.randint(0, 240))
        entry = visit + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 5, 14]))
        lang_i = ("fi", "sv", "en").index(lang)
        row = {
            "Kirjaus ID": f"K-{seed % 1000:03d}-{i + 1:06d}",
            "Yksikkö": rng.choice(UNITS),
            "Teksti": _note(rng, lang, planted),
            "Käyntipäivä": _date(visit, rng),
            # about 1 % of entry dates are malformed, as in real exports (a remark, not a rule)
            "Kirjauspäivä": _date(entry, rng)
            if rng.random() > 0.01
            else f"{entry.day}.{entry.month}",
            "Epäily": rng.choice(YES[lang] if suspected else NO[lang]),
            "Riskitieto": RISK_FLAG[lang] if risk_ok else rng.choice(["", "", "allergia"]),
            "Lähtevä viesti": rng.choice(YES[lang] if outgoing else NO[lang]),
            "Viestin merkintä": MARKING[lang] if marked else "",
            "Turvallinen yhteys": rng.choice(YES[lang] if safe else NO[lang]),
            "Tulkki": INTERP[interp][lang_i],
            "label_personal_data": int(has_pii),
            "label_indicator_disclosure": int(has_ind),
            "label_help_request_disclosure": int(has_help),
            "label_risk_flag_missing": int(suspected and not risk_ok),
            "label_unmarked_outgoing": int(outgoing and not marked),
            "label_unsafe_contact": int(suspected and not safe),
            "label_non_professional_interpreter": int(interp in ("companion", "family")),
            "planted_identifiers": " | ".join(identifiers),
        }
        yield row


def write_sample(out: Path, n: int, seed: int, labels: bool = True) -> int:
    """Write the sample as semicolon CSV (UTF-8 with BOM, as Excel exports); atomic."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fields = HEADERS + (LABELS if labels else [])
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, delimiter=";", extrasaction="ignore")
            writer.writeheader()
            count = 0
            for row in iter_rows(n, seed):
                writer.writerow(row)
                count += 1
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
