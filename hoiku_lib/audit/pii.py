"""Detect and mask direct identifiers in free text.

The guide (IV.rec) asks that a record hold only what the care relationship needs, so a note
that carries a personal identity code, a personal phone number, an e-mail, a bank account, a
street address or a name is a finding. Every output of the audit shows such text only
through :func:`mask`, whose neutral tokens :func:`render_masks` puts in the reader's language
where text is shown. Names are best effort: they come from bundled synthetic lists of names
common in Finland plus context cues (a signature after "Terveisin", "/sh", "lääkäri X").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, is_
from pathlib import Path

import ahocorasick

from hoiku_lib.audit.blocks import automaton, blocks, joined
from hoiku_lib.content import DATA_DIR, load_content

KINDS: tuple[str, ...] = ("hetu", "iban", "email", "phone", "address", "name")
# the kind a row reports for a name with only possible evidence (masked as a name)
POSSIBLE_NAME = "possible_name"
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = "+-YXWVUABCDEF"

# Each pattern starts with a character (class) and checks "not inside a word" with a
# lookbehind placed AFTER that first character: sre can then skip ahead on the first
# character instead of trying every position.
_HETU_RE = re.compile(
    r"(\d(?<![\w-].)\d{5})([+\-YXWVUABCDEFyxwvuabcdef])(\d{3})([0-9A-Ya-y])(?![\w])"
)
_IBAN_RE = re.compile(
    r"([A-Z](?<![\w].)[A-Z]\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?!\w)"
)
# E-mail in two steps: the domain from each "@" (sre skips ahead to a literal first
# character), then the local part back from it.
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
# Phone numbers as people write them: +358 40 123 4567, 040-123 4567, (09) 123 456, and a
# foreign number in the international form (+46 70 104 48 52), checked by :func:`foreign_phone`:
# its first group may be one digit and follow the trunk prefix in brackets, as numbers of
# countries whose trunk prefix is 0 are often written (+46 (0)8 583 54 89, +291 7 433 160).
_PHONE_RE = re.compile(
    r"(?:\+(?<![\w+.,/:].)358[ -]?\(?0?\)?[ -]?[1-9]\d{0,2}"
    r"|\+(?<![\w+.,/:].)(?!358)[1-9]\d{0,2}(?:[ ]?\(0\))?[ -]?\d{1,4}"
    # the international form with "00" for the plus ("00372 5730 4138"; round 11)
    r"|0(?<![\w+.,/:].)0(?!358|0)[1-9]\d{0,2}[ -]?\d{1,4}"
    r"|\((?<![\w+.,/:].)0\d{1,2}\)"
    r"|0(?<![\w+.,/:].)[1-9]\d{0,2})"
    r"(?:[ -]?\d{2,4}){1,4}"
    r"(?![\w.,/:]\d|\w)"
)
# A capitalised word followed by a house number (Koivukujalla 3 B 12, Storgatan 5); the word
# must be a street name form (:func:`street_word`). Two steps: sre finds "Word 12" quickly.
_ADDRESS_RE = re.compile(
    r"[A-ZÅÄÖ](?<![\w].)[\wåäöÅÄÖ-]*[ ]+\d{1,4}(?:[ ]?[A-Za-z](?![\w]))?"
    r"(?:[ ]+\d{1,3}(?![\w]|[.,]\d))?"
)
STREET_SUFFIXES = frozenset(
    "tie katu kuja polku väylä rinne kaari raitti tanhua puisto kaarre aukio kierros kallio"
    " mäki ranta niemi piha tori kylä laakso harju kangas kenttä kulma portti sola lenkki"
    " vainio pelto niitty ahde salmi nummi kartano".split()
)
# "Karhunkierros 32, 15110 Lahti", "osoite Kotkankallio 52": a capitalised word and a house
# number before a postal code, or after the word "address", is an address whatever its ending
_POSTCODE_AFTER = re.compile(r",?[ ]+\d{5}[ ]+[A-ZÅÄÖ]")
_ADDRESS_CUE = re.compile(
    r"(?i:osoite|osoitteessa|osoitteeseen|address|adress|adressen|asuu|bor på|bor i|lives at"
    r"|staying at)[:]?[ ]+$"
)


def _backwards(pattern: re.Pattern[str], tail: str, reversed_tail: str) -> re.Pattern[str]:
    """``pattern`` (``(?i:word|word …)`` + ``tail`` + ``$``: some words right before the end)
    read from the end: the words reversed, tried once at the reversed text's start. A search
    of ``pattern`` in a window tries each of its positions with every word (15 µs for 16
    characters); this tries one (about 1 µs). ``$`` also matches before a final newline."""
    src = pattern.pattern
    words = src[len("(?i:") : src.index(")")].split("|")
    if src != "(?i:" + "|".join(words) + ")" + tail + "$" or not all(
        re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", w) for w in words
    ):
        raise ValueError("not a pattern of plain words before a tail and the end")
    return re.compile(r"\n?" + reversed_tail + "(?i:" + "|".join(w[::-1] for w in words) + ")")


def _ends_in(backwards: re.Pattern[str], text: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the forward pattern of ``backwards`` (:func:`_backwards`) is found in
    ``text[lo:hi]``: the same as ``pattern.search(text, lo, hi) is not None``."""
    return backwards.match(text[lo:hi][::-1]) is not None


_ADDRESS_CUE_BACK = _backwards(_ADDRESS_CUE, "[:]?[ ]+", "[ ]+[:]?")


# Finnish street words as written, for a compound Voikko does not know ("Peltokujalla")
_STREET_END = re.compile(
    r"(?:tie|tiellä|tiel|tien|tietä|katu|kadu|kuja|kuj|polku|polu|väylä|väyl|rinne|rintee"
    r"|kaari|kaare|raitti|raiti|tanhua|puisto)[a-zåäö]*$"
)
# the wide streets whose word is the whole name, often after a direction ("Västra
# Esplanaden", "Pohjoisesplanadi" is a compound anyway) (round 10)
_STREETS_ON_THEIR_OWN = frozenset(
    "esplanadi esplanaden esplanad bulevardi boulevarden bulevarden".split()
)
# the direction before such a street: "Västra Esplanaden", "Norra Esplanaden"
_DIRECTION_BEFORE = re.compile(r"(?:Västra|Östra|Norra|Södra|Stora|Lilla)[ ]$")


def _street_start(big: str, start: int, word: str) -> int:
    """Where an address whose street word is :data:`_STREETS_ON_THEIR_OWN` begins: at the
    direction before it, if any ("Västra Esplanaden 12"), so that it reads as no name."""
    if word.casefold() in _STREETS_ON_THEIR_OWN:
        m = _DIRECTION_BEFORE.search(big, max(0, start - 7), start)
        if m is not None:
            return m.start()
    return start


_SV_STREET_END = re.compile(r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|stig|allén|backen)$")
# The first part of a common noun that merely ends in a street word: the airways, the bile
# duct, the dental arch, a care pathway, the arc of a life ("Hammaskaari 2", "Hoitopolku 3").
_NOT_STREET_PARTS = frozenset(
    """hammas ien leuka purenta juuri kruunu suu kieli aortta nikama kylki selkä kaula rinta
    keuhko virtsa sappi ruoka ilma hengitys hengittää hoito hoitaa palvelu palvella
    kuntoutus kuntouttaa elämä sade moottori pyörä kävely kävellä hermo veri imu suoni
    kyynel siemen kuulo näkö lääke lääkitys sairaus oire kipu valtimo laskimo suoli munuainen
    maksa haima sydän kohtu muna raskaus synnytys hoitotie opinto oppiminen ura kulku kiilto
    hätä poistua poistuminen pako huolto""".split()
)
_SV_NOT_STREET = re.compile(r"^(?:luft|urin|gall|tår|andnings|vård|luftrör)")


# after "Word 12": a label's colon, a unit or a range ("Kulkutie 2: …", "Kulkutie 90 cm")
_NOT_HOUSE_NUMBER = re.compile(
    r"(?::|[ ]?(?:cm|mm|m|km|kg|g|mg|ml|l|%|°|min|h|vrk|vk|kk|v|krt|kpl|x|×|[–-]\d)(?![\w]))"
)
# Service numbers: 0800/080x free, 0100–0300 service and 0600/0700 premium numbers are never
# a person's; a landline after a service's word ("Kriisipuhelin 09 2525 0111", "IT-tuki",
# "Giftinformationscentralen") is the service's.
_SERVICE_PREFIX = ("080", "0100", "0200", "0203", "0300", "060", "070", "0600", "0700", "116")
# The service's word may be followed by "number" ("Kriisipuhelimen numero 09 2525 0111") or
# by the language it answers in ("Kristelefonen på svenska, 09 2525 0112", "suomeksi").
_SERVICE_CUE = re.compile(
    r"(?i:puhelin|puhelim|linja|neuvont|vaihde|tuki|keskus|päivystys|chat|\bry\b|centralen"
    # a service's own number: "Kelan palvelunumero", "asiakaspalvelu", "kundtjänst" (round 10)
    r"|palvelu|kundtjänst|service\b"
    r"|jour|rådgivning|växel|linjen|telefon|helpline|hotline|switchboard|support|line\b|centre"
    r"|center)[\w)]*(?:[ ](?:of|for|för|vid|the))?(?:[ ][A-ZÅÄÖ][A-ZÅÄÖ0-9-]+)?"
    r"(?:[ ](?:numero|numeroon|numerosta|nummer|numret|numbers?))?"
    r"(?:[ ](?:på|in)[ ][a-zåäöA-Z]+|[ ](?:suomeksi|ruotsiksi|englanniksi|venäjäksi))?,?[: ]*"
    r"(?:\([^)]*\)[ ]*)?\(?$"
)


# The national significant number's length (digits after the country code, fewest and most)
# of the countries whose numbers Finnish care notes meet: neighbours, the EU, and the countries
# of origin of the clients of the assistance system (ITU-T E.164 national numbering plans).
# Country codes are prefix-free, so the digits after "+" name at most one of them.
_NSN_LENGTHS: dict[str, tuple[int, int]] = {
    "1": (10, 10), "7": (10, 10), "20": (8, 10), "27": (9, 9), "30": (10, 10),
    "31": (9, 9), "32": (8, 9), "33": (9, 9), "34": (9, 9), "36": (8, 9), "39": (6, 11),
    "40": (9, 9), "41": (9, 9), "43": (7, 13), "44": (9, 10), "45": (8, 8), "46": (7, 9),
    "47": (8, 8), "48": (9, 9), "49": (7, 12), "51": (8, 9), "52": (10, 10), "53": (8, 8),
    "54": (10, 10), "55": (10, 11), "56": (9, 9), "57": (10, 10), "58": (10, 10),
    "60": (8, 10), "61": (9, 9), "62": (8, 12), "63": (8, 10), "64": (8, 10), "65": (8, 8),
    "66": (8, 9), "81": (9, 10), "82": (8, 10), "84": (9, 10), "86": (10, 11),
    "90": (10, 10), "91": (10, 10), "92": (9, 10), "93": (9, 9), "94": (9, 9), "95": (8, 10),
    "98": (10, 10), "212": (9, 9), "213": (8, 9), "216": (8, 8), "218": (9, 9),
    "220": (7, 7), "221": (9, 9), "224": (9, 9), "225": (10, 10), "231": (7, 9),
    "232": (8, 8), "233": (9, 9), "234": (8, 10), "237": (9, 9), "243": (9, 9),
    "249": (9, 9), "250": (9, 9), "251": (9, 9), "252": (7, 9), "254": (9, 9),
    "255": (9, 9), "256": (9, 9), "291": (7, 7), "351": (9, 9), "352": (6, 11),
    "353": (7, 9), "354": (7, 7), "355": (8, 9), "356": (8, 8), "357": (8, 8),
    "359": (8, 9), "370": (8, 8), "371": (8, 8), "372": (7, 8), "373": (8, 8),
    "374": (8, 8), "375": (9, 9), "380": (9, 9), "381": (8, 9), "385": (8, 9),
    "386": (8, 8), "387": (8, 8), "389": (8, 8), "420": (9, 9), "421": (9, 9),
    "852": (8, 8), "855": (8, 9), "856": (8, 10), "880": (10, 10), "961": (7, 8),
    "962": (8, 9), "963": (9, 9), "964": (10, 10), "965": (8, 8), "966": (9, 9),
    "967": (9, 9), "968": (8, 8), "970": (9, 9), "971": (8, 9), "972": (8, 9),
    "974": (8, 8), "976": (8, 8), "977": (10, 10), "992": (9, 9), "993": (8, 8),
    "994": (9, 9), "995": (9, 9), "996": (9, 9), "998": (9, 9),
}  # fmt: skip


def foreign_phone(digits: str) -> bool:
    """Whether the digits of a number written "+<digits>" (not +358) are a plausible foreign
    phone number: a known country code followed by as many digits as that country's numbers
    have. Any other run of digits after a plus ("+7 5", "+2 10 12") is no phone number."""
    for n in (1, 2, 3):
        lengths = _NSN_LENGTHS.get(digits[:n])
        if lengths is not None:
            return lengths[0] <= len(digits) - n <= lengths[1]
    return False


def _service_number(big: str, start: int, digits: str) -> bool:
    """A public service's number rather than a person's (see _SERVICE_PREFIX). An area code
    written in brackets ("(06) 097 3250") is a landline's, whatever digits follow it."""
    if digits.startswith(_SERVICE_PREFIX) and big[start] != "(":
        return True
    if digits.startswith(("04", "050")):
        return False  # a mobile number is a person's
    return _service_cue(big, start)


# the word "phone" as a label of whoever's number follows, not a service's name: "phone number"
# itself, and "phone" after a holder ("Omaisen puhelin", "oma puhelin", "Anhörigs telefon")
_PHONE_LABEL = re.compile(r"(?i:puhelinnumero|puhelinnro|puh\.?nro|telefonnummer|telefonnumret)")
# (and its local cases since round 8: "asiakkaan puhelimessa: +40 …", "Omaisen puhelimesta")
_PHONE_WORD = re.compile(
    r"(?i:puhelin|puhelimen|puhelimeen|puhelimessa|puhelimesta|puhelimella|telefon|telefonen)\b"
)
_HOLDER_BEFORE = re.compile(r"(?:^|[\s(])([^\W\d_]+)[ ]$")
_POSSESSIVES = frozenset(
    "oma oman omaan hänen heidän sen egen eget egna sin sitt sina hans hennes deras".split()
)


def _service_cue(big: str, start: int) -> bool:
    """Whether a service's word (a helpline, a switchboard, "Kriisipuhelin") comes right
    before the number at ``start``. The bare word "phone" is such a word only on its own
    ("Auttava puhelin"): as "phone number" or after its holder's genitive it is a label."""
    m = _SERVICE_CUE.search(big, max(0, start - 40), start)
    if m is None:
        return False
    at = m.start()
    if at and big[at - 1].isalpha():
        return True  # the end of a compound: "Kriisipuhelin", "turvapuhelin"
    if _PHONE_LABEL.match(big, at):
        return False  # "Omaisen puhelinnumero 06 401 4825"
    word = _PHONE_WORD.match(big, at)
    if word is None:
        return True
    before = _HOLDER_BEFORE.search(big, max(0, at - 30), at)
    if before is None:
        # "Telefon: 09 229 3264", "Puhelin: +234 …" at a line's or a label's start: the
        # label of whoever's number follows; "Auttava puhelin 116 006" names a service
        return not big.startswith(":", word.end())
    return not _holder(before.group(1))


@lru_cache(maxsize=10_000)
def _holder(word: str) -> bool:
    """Whether ``word`` before "phone" says whose it is: a possessive ("oma", "hennes"), a
    Finnish genitive noun or name ("Omaisen", "Työpaikan", "Virtasen") or a Swedish genitive
    ("Anhörigs", "Mammas"); not an adjective ("Auttava puhelin" is a helpline) nor a service,
    a place or an organisation ("Kelan puhelin", "Kotihoidon puhelin")."""
    from hoiku_lib import morphology

    low = word.casefold()
    if low in _POSSESSIVES:
        return True
    if reading(word[:1].upper() + word[1:]).proper:
        return False
    analyses = morphology.analyse(word)
    if analyses:
        return any(a.case == "omanto" and a.word_class != "laatusana" for a in analyses)
    return low.endswith(("s", "n")) and len(low) > 3


# an agent noun's suffix inside a street's name: "Karhunkaatajantie", "Kalastajankatu"
# (karhu + kaataa + -ja + tie; round 11)
_AGENT_PARTS = frozenset({"+ja", "+jä"})


@lru_cache(maxsize=50_000)
def street_word(word: str) -> bool:
    """True when ``word`` is a street name form: Voikko reads it as a compound whose last
    part is a street word (koivu + kuja, Häme + katu) and whose other parts are no body part
    or care term; a Swedish or unknown word by its ending (Storgatan, Kyrkovägen)."""
    from hoiku_lib import morphology

    if word.casefold() in _STREETS_ON_THEIR_OWN:
        return True  # "Västra Esplanaden 12", "Bulevardi 5" (round 10)
    analyses = morphology.analyse(word)
    if analyses:
        for a in analyses:
            parts = [p.casefold() for p in a.parts]
            if (
                len(parts) >= 2
                and parts[-1] in STREET_SUFFIXES
                and not any(
                    (p.startswith("+") and p not in _AGENT_PARTS) or p in _NOT_STREET_PARTS
                    for p in parts[:-1]
                )
            ):
                return True
        return False
    low = word.lower()
    sv = _SV_STREET_END.search(low)
    if sv:
        return sv.start() >= 2 and not _SV_NOT_STREET.match(low)
    return len(low) > 5 and bool(_STREET_END.search(low[3:]))


# capital and small letters of names written in Finland (Ülle, Şahin, Łukasz, Đorđe, Yılmaz,
# Doğan …; Latvian, Lithuanian and Polish letters since round 8: Jānis Bērziņš, Šarūnas, Eglė,
# Wiśniewska)
_UP = "A-ZÅÄÖÜÉÈÁÀÓÍÚÇŠŽČĆŁŞĐØÆÑİĞĀĒĪŪĶĻŅĢĄĘĖĮŲŃŚŹŻŐŰ"
_LOW = "a-zåäöüéèáàóíúçšžčćłşđøæñßëïâêîôûãõăţșığāēīūķļņģąęėįųńśźżőű"
# (not inside a word: "Max" in "ProMax", "Maxilla" in "ProMaxilla" are no words of their own)
_WORD_RE = re.compile(
    rf"[{_UP}](?<![\w].)(?:['’][{_UP}])?[{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?:['’]s|:[a-zäö]+)?(?![\w])"
)


@dataclass(frozen=True)
class Span:
    """One detected identifier: its kind, where it sits in the text, and how sure the
    detector is. Every kind but a name is certain; a name is "strong" (a cue, a first
    name + surname, an unambiguous name) or "possible" (a lone ambiguous word): both are
    masked, only a strong one says the sample is not anonymised."""

    kind: str
    start: int
    end: int
    strength: str = "strong"


def hetu_check_ok(code: str) -> bool:
    """True when the check character of a code-shaped string matches (mod 31 table)."""
    m = _HETU_RE.fullmatch(code.strip())
    if not m:
        return False
    number = int(m.group(1) + m.group(3))
    return HETU_CHECK[number % 31] == m.group(4).upper()


def iban_ok(candidate: str) -> bool:
    """True when ``candidate`` passes the IBAN mod-97 check."""
    s = candidate.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", s):
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _normal_phone(text: str) -> str:
    """Digits of a Finnish number in national form (+358 40… → 040…)."""
    d = _digits(text)
    if d.startswith("358"):
        d = d[3:]
        if not d.startswith("0"):
            d = "0" + d
    return d


@dataclass(frozen=True)
class PublicContacts:
    """Contact facts of the organisations in data/resources.yaml: never personal data."""

    phones: frozenset[str]
    emails: frozenset[str]
    names: tuple[str, ...]


@cache
def public_contacts(data_dir: Path | None = None) -> PublicContacts:
    """Public service numbers, e-mails and names of the organisations in the resources."""
    content = load_content(data_dir)
    phones = frozenset(_normal_phone(n) for n in content.public_numbers())
    names = {text for res in content.resources for text in res.name.model_dump().values()}
    return PublicContacts(phones, frozenset(content.public_emails()), tuple(sorted(names)))


def _read_list(name: str) -> list[str]:
    path = DATA_DIR / "audit" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


_CASES_VOWEL = (
    "n",
    "a",
    "ä",
    "lle",
    "lla",
    "llä",
    "lta",
    "ltä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "ksi",
    "na",
    "nä",
    "kin",
    "ko",
    "kö",
    "t",
    "s",
)
_GRADATION = (("kk", "k"), ("pp", "p"), ("tt", "t"), ("nt", "nn"), ("lt", "ll"), ("ht", "hd"))
_E_STEMS = {
    "mäki": "mäe",
    "koski": "koske",
    "niemi": "nieme",
    "järvi": "järve",
    "lahti": "lahde",
    "saari": "saare",
    "kivi": "kive",
    "laine": "lainee",
    "rinne": "rintee",
    "nurmi": "nurme",
}


def inflections(name: str) -> set[str]:
    """Best-effort inflected forms of a Finnish (or foreign) name, lower case."""
    base = name.lower()
    forms = {base, base + "s", base + "n", base + "in", base + "ille"}
    if base.endswith("nen"):
        stem = base[:-3] + "se"
        forms |= {stem + c for c in ("n", "lle", "lla", "llä", "lta", "ltä", "ssa", "ssä", "ksi")}
        forms |= {base[:-3] + "sta", base[:-3] + "stä", stem + "en", base[:-3] + "sia"}
        # the spoken partitive on the whole name, as hasty notes write it ("Yritetty
        # tavoittaa Nieminentä", "Virtanenta"; round 10)
        forms |= {base + "ta", base + "tä"}
        return forms
    if base in _E_STEMS:
        stem = _E_STEMS[base]
        forms |= {stem + c for c in ("n", "lle", "lla", "llä", "lta", "ltä", "ssa", "ssä")}
        forms |= {base + "a", base + "ä", stem + "en", base + "en"}
    if base[-1] in "aeiouyäö":
        forms |= {base + c for c in _CASES_VOWEL}
        forms |= {base + base[-1] + "n", base + "h" + base[-1] + "n"}
        weak = base
        for strong, soft in _GRADATION:
            if base[:-1].endswith(strong):
                weak = base[: -1 - len(strong)] + soft + base[-1]
                break
        if weak != base:
            forms |= {weak + c for c in ("n", "lle", "lla", "llä", "lta", "ltä", "ssa", "ksi")}
    else:
        # (the illative too: "Yhteys Hodaniin", "luottaa Aigerimiin")
        for c in ("in", "ia", "iä", "ille", "illa", "illä", "ilta", "iltä", "issa", "ista", "iin"):
            forms.add(base + c)
        if len(base) > 3 and base[-2] in "aeiouyäö" and base.endswith("s"):
            stem = base[:-1] + base[-2]  # Armas → Armaa-: Armaan, Armaalle
            forms |= {stem + c for c in ("n", "lle", "lla", "llä", "lta", "ltä", "ssa", "ksi")}
        if base.endswith("s"):
            forms |= {
                base[:-1] + "ksen",
                base[:-1] + "kselle",
                base[:-1] + "ksella",
                base[:-1] + "kselta",
                base[:-1] + "ksesta",
                base + "ta",
            }
    return forms


@dataclass(frozen=True)
class NameLexicon:
    """The bundled lists: surface forms of first names and surnames (→ whether the name is
    also an ordinary word, name_stoplist.txt) and the stems of words that are no names."""

    first: dict[str, bool]
    last: dict[str, bool]
    stop: frozenset[str]
    not_names: re.Pattern[str] | None = None  # stems of places, organisations, brands …
    long_not_names: re.Pattern[str] | None = None  # the stems of five letters or more
    # every form of the names that notes use mostly for a thing (names_of_things.txt:
    # Wilma the school system, Yasmin the pill): a name only beside a name or after a cue
    things: frozenset[str] = frozenset()
    brands: re.Pattern[str] | None = None  # companies, systems, products: never a surname


@cache
def name_lexicon() -> NameLexicon:
    """Build the inflected name lexicon once per process."""
    stop = frozenset(w.lower() for w in _read_list("name_stoplist.txt"))
    first: dict[str, bool] = {}
    last: dict[str, bool] = {}
    for name in _read_list("first_names.txt"):
        for form in inflections(name):
            first[form] = name.lower() in stop
    for name in _read_list("surnames.txt"):
        for form in inflections(name):
            last[form] = name.lower() in stop
    stems = {w.lower() for w in _read_list("proper_nouns_not_names.txt")}
    stems |= _organisation_stems()
    brands = {w.lower() for w in _read_list("brands_not_names.txt")}
    stems |= {b for b in brands if "-" not in b}

    def alternation(words: set[str]) -> re.Pattern[str] | None:
        ordered = sorted(words, key=lambda w: (-len(w), w))
        return re.compile("|".join(re.escape(w) for w in ordered)) if ordered else None

    things = frozenset(f for name in _read_list("names_of_things.txt") for f in inflections(name))
    return NameLexicon(
        first,
        last,
        stop,
        alternation(stems),
        alternation({w for w in stems if len(w) >= 5}),
        things,
        alternation(brands),
    )


def _organisation_stems() -> set[str]:
    """The words of the support organisations' names (data/resources.yaml, fi/sv/en): never
    a person's name. Long words lose two letters, so that inflected forms match
    (Rikosuhripäivystys → Rikosuhripäivystykseen)."""
    stems: set[str] = set()
    for name in public_contacts().names:
        for word in re.findall(r"[^\W\d_]{4,}", name):
            word = word.lower()
            stems.add(word[:-2] if len(word) >= 8 else word)
    return stems


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


_SURNAME_SHAPE = re.compile(
    r"^[a-zåäö]{2,}[aeiouyäö](?:nen|sen|selle|sella|sellä|selta|seltä|sesta|sestä|sessa|sessä"
    r"|seen|nenta|nentä)$"
)
# Polish, Lithuanian and Latvian surnames by their endings, for a word no dictionary knows
# (round 8): -owski/-ewska/-ińska, -wicz, -czyk, -auskas, -evičius, -aitė, -ytė, -ienė, -iņš.
# (not -ska or -ski alone: "Polska", "Engelska", "Koski")
_FOREIGN_SURNAME_SHAPE = re.compile(
    r"[a-ząćęłńóśźż]{2,}(?:(?:owsk|ewsk|ińsk|yńsk)[aiy]|wicz|czyk|auskas|auskienė|[ae]vičius"
    r"|aitė|ytė|ienė|iņš|iņa)$"
)
# A -nen surname is built on a Finnish stem: letters Finnish words do not use, or "-ionen",
# make the word a Swedish definite noun or a loan ("Kristelefonen", "Stationen"), no surname
_NOT_FINNISH_STEM = re.compile(r"[bcfqwxzå]|ionen$")
# A Finnish verbal noun in -aminen/-äminen (from a verb in -aa/-ää) is an activity or a unit
# heading ("Tays Kuvantaminen", "Medimaker / Kuvantaminen"), no -nen surname (round 9)
_VERBAL_NOUN = re.compile(
    r"[aä]m(?:inen|ise(?:n|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|en)|ista|istä)$"
)

# How a capitalised word reads on its own (Voikko's classes and the bundled lists):
SURE = "sure"  # a name and nothing else: "Virtasen", "Olga", a listed name
AMBIGUOUS = "ambiguous"  # a name and an ordinary word: "Kallio", "Onni", "Tuuli", "Anna"
PROPER = "proper"  # a name and a place or a trade name: "Mattila"
SHAPED = "shaped"  # unknown, shaped like a Finnish surname: "Hakolainen"
UNKNOWN = "unknown"  # unknown to Voikko and the lists: a drug, a test, a foreign word
NOT_NAME = "no"  # only an ordinary word, a place or a trade name, or listed as no name
_NAMELIKE = frozenset({SURE, AMBIGUOUS, PROPER, SHAPED})
STRONG, POSSIBLE = "strong", "possible"


@dataclass(frozen=True)
class Reading:
    """What a capitalised word may be: its kind above, and whether it may be a first name or
    a surname (a first name + a surname side by side is strong evidence)."""

    kind: str
    first: bool = False
    last: bool = False
    listed: bool = False  # on the bundled lists (not only in Voikko's dictionary)
    proper: bool = False  # a place, an organisation or a brand (a name after a title)
    vetoed: bool = False  # on the no-names list: no name even after a title ("Oral Kamppi")


_NO = Reading(NOT_NAME)
_NO_PROPER = Reading(NOT_NAME, proper=True)
_VETOED = Reading(NOT_NAME, proper=True, vetoed=True)


def _vetoed(lex: NameLexicon, token: str, bases: frozenset[str]) -> bool:
    """A word of the no-names list (places, organisations, brands, eponyms …). A form
    Voikko reads as a name is vetoed only by a stem of five letters or more (so that the
    stem "riku" of an organisation does not hide the first name Riku)."""
    if lex.not_names is None:
        return False
    if not bases:
        return len(token) >= 3 and lex.not_names.match(token) is not None
    whole, long = lex.not_names, lex.long_not_names
    return any(whole.fullmatch(b) or (long is not None and long.match(b)) for b in bases)


def _reading_one(token: str) -> Reading:
    """:func:`reading` for a word without a hyphen."""
    from hoiku_lib import morphology

    lex = name_lexicon()
    low = token.lower()
    analyses = morphology.analyse(token)
    classes = {a.word_class for a in analyses}
    common = any(c not in morphology.PROPER_CLASSES for c in classes)
    v_first, v_last = morphology.FIRST_NAME in classes, morphology.SURNAME in classes
    l_first, l_last = low in lex.first, low in lex.last
    if l_first or l_last:  # the bundled lists decide what they list
        stop = lex.first.get(low, False) or lex.last.get(low, False)
        # an ordinary reading counts when it is the word itself or a verb ("Kari", "Anna"),
        # not an odd inflection ("Aleksi" = ale + -ksi, "Marjatta" = marja + -tta)
        common = any(
            a.word_class not in morphology.PROPER_CLASSES
            and (a.base.casefold() == low or a.word_class == "teonsana")
            for a in analyses
        )
        if low in lex.things:  # "Wilma", "Yasmin": a thing unless a cue or a name says who
            return Reading(PROPER, l_first or v_first, l_last or v_last, True, proper=True)
        kind = AMBIGUOUS if stop or common else SURE
        return Reading(kind, l_first or v_first, l_last or v_last, True)
    names = {
        a.base.casefold()
        for a in analyses
        if a.word_class in (morphology.FIRST_NAME, morphology.SURNAME)
    }
    if not names and lex.brands is not None and lex.brands.match(low):
        return _VETOED  # a company, a system or a product: no name even after a title
    if (
        not analyses
        and _FOREIGN_SURNAME_SHAPE.search(low)
        and not (lex.not_names is not None and lex.not_names.fullmatch(low))
    ):
        # "Osastowska": a Polish surname's ending decides over a no-name stem it merely
        # starts with ("osast…"); round 8's property test found it in round 10
        return Reading(SHAPED, False, True)
    if low in lex.things or _vetoed(lex, low, frozenset(names)):
        # a place, an organisation or a brand; a surname too ("Kallio") only beside a name
        return Reading(PROPER, v_first, v_last, proper=True) if names else _NO_PROPER
    if v_first or v_last:
        other = bool(classes & {morphology.PLACE, morphology.OTHER_PROPER})
        if common or low in lex.stop or any(b in lex.stop for b in names):
            kind = AMBIGUOUS
        else:
            kind = PROPER if other else SURE
        return Reading(kind, v_first, v_last)
    if analyses:
        proper = bool(classes & {morphology.PLACE, morphology.OTHER_PROPER})
        return _NO_PROPER if proper else _NO
    if _SURNAME_SHAPE.search(low) and not _NOT_FINNISH_STEM.search(low):
        if _VERBAL_NOUN.search(low):
            return _NO  # "Kuvantaminen": a verbal noun, an activity
        return Reading(SHAPED, False, True)
    if _FOREIGN_SURNAME_SHAPE.search(low):
        return Reading(SHAPED, False, True)  # "Wiśniewska", "Petrauskas", "Bērziņš"
    return Reading(UNKNOWN)


@lru_cache(maxsize=200_000)
def reading(word: str) -> Reading:
    """How a capitalised word reads as a possible name, cached per word form (notes repeat
    their words; a Voikko call costs about 20 µs). Raises VoikkoMissingError without Voikko."""
    token = word
    if "'" in token or "’" in token or ":" in token:
        token = re.sub(r"(['’]s|['’]n|:[a-zäö]+)$", "", token)
    if "-" not in token:
        return _reading_one(token)
    brands = name_lexicon().brands
    if brands is not None and brands.fullmatch(token.lower()):
        return _VETOED  # "Medi-Heli": a service, whatever its parts read as
    parts = [_reading_one(p) for p in token.split("-") if p]
    if (
        len(parts) >= 2
        and parts[-1].listed
        and parts[-1].last
        and parts[-1].kind in (SURE, AMBIGUOUS)
    ):
        if all(p is _NO_PROPER for p in parts[:-1]):
            # "Rauma-Väisäselle", "Salo-Niemi": a double surname whose first part is a place
            # (Finnish surnames often are), its last a listed surname (round 10)
            return Reading(AMBIGUOUS, False, True, parts[-1].listed)
    if not parts or any(p.kind == NOT_NAME for p in parts):
        return _NO
    kinds = {p.kind for p in parts}
    kind = SURE if SURE in kinds else AMBIGUOUS if kinds & _NAMELIKE else UNKNOWN
    listed = any(p.listed for p in parts)
    return Reading(kind, any(p.first for p in parts), parts[-1].last, listed)


# Cue words. After a naming cue any capitalised word is a name ("nimeltä Kallio"); after a
# title, a role or a relative a capitalised word is a name unless Voikko or the lists know
# it only as something else ("lääkäri Ojala", "äiti Tuuli", "Dr Smith"; not "sh Kertoo",
# "äiti Suomesta", "tulkki Tigrinya"). Found with one Aho-Corasick scan of the block.
_NAMING_CUES = (
    "nimeltä nimeltään named heter kallas tilinomistaja kontoinnehavare yhteyshenkilö"
    " kontaktperson signed allekirjoitus hlö nimellä kutsumanimi kutsumanimeltään lempinimi"
)
_TITLE_CUES = (
    "terveisin T. hälsningar hälsning regards kirjannut kirjaaja kirj. dr dr. LL"
    " sanellut lääkäri hoitaja sairaanhoitaja terveydenhoitaja lähihoitaja kätilö"
    " hammashoitaja perushoitaja lääkärille hoitajalle lääkärin hoitajan lääkäriltä"
    " fysioterapeutti toimintaterapeutti psykologi sosiaalityöntekijä sosiaaliohjaaja"
    " kuraattori hammaslääkäri suuhygienisti erikoislääkäri tohtori lääk. sh th lh ft"
    " Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Miss herra rouva hr fru läkare sjuksköterska barnmorska"
    " kurator socialarbetare psykolog nurse doctor midwife physiotherapist psychologist RN"
)
# roles and relatives: a name reading is a name after them; an unknown word only possibly
# (interpreters' agencies and clients' countries follow "tulkki" and "asiakas" too)
_ROLE_CUES = (
    "asiakas potilas patient pt client klient omainen lähiomainen edunvalvoja naapuri"
    " neighbour neighbor guardian anhörig närstående granne godman työntekijä"
    " äidille isälle puolisolle miehelle vaimolle pojalle tyttärelle veljelle siskolle"
    " sisarelle omaiselle edunvalvojalle naapurille ystävälle äidin isän puolison miehen"
    " vaimon pojan tyttären veljen siskon omaisen edunvalvojan naapurin äidilleen isälleen"
    " puolisolleen miehelleen vaimolleen pojalleen tyttärelleen veljelleen siskolleen"
    " dottern sonen mamman pappan maken makan brodern systern grannen sambon modern fadern"
    " dotter's son's sister's brother's"
    " äiti isä puoliso avopuoliso aviomies vaimo tytär poika veli sisko sisar isoäiti"
    " isoisä mummo täti setä eno serkku ystävä kaveri tyttöystävä poikaystävä työnantaja"
    " pomo esimies mother father husband wife partner son daughter brother sister friend"
    " boyfriend girlfriend employer boss aunt uncle cousin mamma pappa mor far make maka"
    " dotter bror syster vän pojkvän flickvän sambo arbetsgivare chef lapsi barnet"
    " klienten patienten"
    " avustaja avustajalle avustajan perhetyöntekijä carer caregiver närvårdare närvårdaren"
    " sisarus sisaruksen sisarukselle syskon"
    " huoltaja huoltajan huoltajalle vårdnadshavare"  # a guardian (round 11)
    # the adessive: "Tyttärellä Aholla on kipuja" (the daughter, Aho, has pains)
    " äidillä isällä puolisolla miehellä vaimolla pojalla tyttärellä veljellä siskolla"
    " sisarella omaisella naapurilla ystävällä"
)
_ALWAYS_CAPITAL = frozenset(
    {"T.", "LL", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "RN"}
)


def _cue_variants(words: str) -> set[str]:
    out: set[str] = set()
    for w in words.split():
        out.add(w)
        if w not in _ALWAYS_CAPITAL:
            out |= {w.lower(), w[:1].upper() + w[1:].lower()}
    return out


_NAMING = frozenset(
    _cue_variants(_NAMING_CUES)
    | {"vid namn", "by the name", "Vid namn", "contact person", "Contact person"}
)
# the cues of a workplace: an employer is a company far more often than a person, so a word
# no dictionary knows as a name after them is an organisation ("Työnantaja Wolt", "employer
# Skanska"; "Työnantaja Anna Laaksonen" is still a name) (round 9)
_EMPLOYER = frozenset(_cue_variants("työnantaja employer arbetsgivare"))
_ROLES = frozenset(
    _cue_variants(_ROLE_CUES)
    | {"tulkkina toimi", "Tulkkina toimi", "next of kin", "Next of kin", "Next of Kin"}
    # the named worker of a client ("Key worker: Marja.", "omahoitaja Sanna") (round 11)
    | _cue_variants("keyworker omahoitaja omaohjaaja omahoitajana")
    | {"key worker", "Key worker", "Key Worker"}
)
# "tulkki Youpret", "Tulkkina Semantix": an interpreter's agency follows as often as a person
# ("Tulkkina toimi Tulkkikeskuksen ammattitulkki": after "tulkkina toimi" too)
_AGENCY = frozenset(
    _cue_variants("tulkki tolk interpreter tulkkina") | {"tulkkina toimi", "Tulkkina toimi"}
)
# contacted (the illative: "Otettu yhteyttä Tiinaan"), told or worried about (the elative:
# "Asiakas kertoi Heikistä", "Huoli Kinnusesta jatkuu"), received from (the ablative: "Asiakas
# sai Marjalta rahaa"): their case is also a town's ("kertoi Salosta", "sai Hollolalta tukea",
# "yhteyttä Lahteen"), see _addressed_one (round 11)
_ABOUT_OR_FROM_WORDS = "yhteyttä kertoi kertoo kertonut huoli huolissaan huolestunut sai saanut"
# words of speaking to or asking someone: a foreign name inflected after them is the person
# spoken to ("Yhteys Chaiwat Phrommalle", "Soitettu X:lle", "Kysytty X:ltä")
# (round 7) words whose object is a person in one case: see _ADDRESSED_CASES
_GOVERNING = (
    "jätetty saatu ohjattu luottaa luotti pelkää pelkäsi puhui puhuu lähetetty annettu välitetty"
    " sovittu varattu"  # "sovittu veikolle uusi aika", "varattu Ainolle aika" (round 10)
    " tavoittaa tavoitettu tavoiteltu tavoitella"  # "Yritetty tavoittaa Karhua" (round 10)
    " " + _ABOUT_OR_FROM_WORDS
)
# the words of reaching someone (by phone): their object in the partitive is a person
_REACH = frozenset("tavoittaa tavoitettu tavoiteltu tavoitella".split())
_ADDRESSING = frozenset(
    _cue_variants(
        "yhteys yhteydenotto soitettu soitto soitin soitti soitimme kerrottu kerroin kerrottiin"
        " ilmoitettu ilmoitin ilmoitettiin puhuttu puhuin selitetty tulkattu kysytty kysyin"
        " kysyttiin"
    )
    | _cue_variants(_GOVERNING)
)
# the words of speaking to or asking someone only: two unknown words after them in the
# allative are a foreign name (_addressed_pair); after "Annettu", "Lähetetty" as often a
# product ("Annettu Merlot Medille")
_SPEAKING = _ADDRESSING - _cue_variants(_GOVERNING)
_SPEAKING_LOW = frozenset(w.casefold() for w in _SPEAKING)
_ILLATIVE = ("aan", "ään", "een", "iin", "oon", "öön", "uun", "yyn", "seen", "hin")
_PARTITIVE = ("a", "ä")
# the case a person is in after each word of _ADDRESSING: spoken to or asked (the allative,
# the ablative: "Kysytty Sannalta"), contacted, trusted (the illative: "Yhteys Marjaan",
# "luottaa Eetuun"), feared or guided (the partitive: "pelkää Jonttua", "Ohjattu Nipaa
# ottamaan yhteyttä"), talked about (the elative: "puhui paljon Anna-Liisasta")
_ADDRESSED_CASES: dict[str, tuple[str, ...]] = {
    "yhteys": ("lle", "lta", "ltä", *_ILLATIVE),
    "yhteydenotto": ("lle", "lta", "ltä", *_ILLATIVE),
    "jätetty": ("lle",),
    "lähetetty": ("lle",),
    "annettu": ("lle",),
    "välitetty": ("lle",),
    "sovittu": ("lle",),
    "varattu": ("lle",),
    **dict.fromkeys(("tavoittaa", "tavoitettu", "tavoiteltu", "tavoitella"), _PARTITIVE),
    "saatu": ("lta", "ltä"),
    "ohjattu": _PARTITIVE,
    "luottaa": _ILLATIVE,
    "luotti": _ILLATIVE,
    "pelkää": _PARTITIVE,
    "pelkäsi": _PARTITIVE,
    "puhui": ("sta", "stä"),
    "puhuu": ("sta", "stä"),
    "yhteyttä": _ILLATIVE,
    **dict.fromkeys(("kertoi", "kertoo", "kertonut"), ("sta", "stä", "lle")),
    **dict.fromkeys(("huoli", "huolissaan", "huolestunut"), ("sta", "stä")),
    **dict.fromkeys(("sai", "saanut"), ("lta", "ltä")),
}
# the words whose person may be a name that is also a word ("Otettu yhteyttä Tuomiseen":
# one contacts a person, not a bringing; "Yritetty tavoittaa Mäkeä")
_CONTACTING = _REACH | {"yhteyttä"}
_ASKING = frozenset({"kysytty", "kysyin", "kysyttiin"})
_ABOUT_OR_FROM = frozenset(_ABOUT_OR_FROM_WORDS.split())
# an adverb between the word and the person: "puhui paljon Anna-Liisasta"
_ADVERB = re.compile(r"[ ](?:paljon|usein|aina|taas|jälleen|myös)(?=[ ])")
# after "Ohjattu X:ää" the verb it is guided to: "ottamaan yhteyttä", "hakemaan"
_GUIDED_TO = re.compile(r"[ ][a-zåäö]+m[aä]{2}n\b")
_CUE_WORDS = sorted(_NAMING | _ROLES | _AGENCY | _ADDRESSING | _cue_variants(_TITLE_CUES))
_CUE_SET = frozenset(_CUE_WORDS) - _ADDRESSING  # the words that say a name follows
# "el" (erikoislääkäri, a specialist) in small letters only: "el Hakalan vastaanotto",
# "Konsultoitu el Emmi Laaksosta" ("El Salvador" is a place). Found by the particle's key
# " el " (a key "el " would stop at every word that ends so: "Hotel", "Michael")
_TITLE_SET = frozenset(_cue_variants(_TITLE_CUES)) | {"el"}
# "Terveisin, Kaisa" but not "sh: Kuvaa painajaisia" (a colon opens the note's content)
# (a name may be quoted: 'kutsuu työnantajaa nimellä "Pena"')
_CUE_FOLLOW = re.compile(rf"(?::|,)?[ ]+[\"“”„«]?\(?(?=[{_UP}])")
# A signature after a name: "Anna Virtanen /sh", "Ojala, /lääk", "Iiris, sh". Found from
# the "/" or ", " back. After a comma, the word must read as a name or the signature must
# end its sentence ("Kipua, sh arvioi" is no signature).
_TITLES = (
    r"(?i:sh|th|lh|ph|ft|lääk|lääkäri|sost|ssh|shv|ssk|läk|rn|md|gp|kätilö|närvårdare"
    r"|sjuksköterska|läkare|nurse|doctor|hammaslääkäri|hammashoitaja|fysioterapeutti"
    r"|sosiaalityöntekijä|sosiaaliohjaaja|psykologi|terveydenhoitaja|sairaanhoitaja"
    r"|lähihoitaja|perushoitaja|barnmorska|kurator|socialarbetare|hälsovårdare|tandläkare"
    r"|midwife|physiotherapist|dentist|social worker|psychologist)\b"
)
_TITLE_WORDS = _TITLES[len("(?i:") : -len(")\\b")].split("|")


@cache
def _signature_automaton() -> ahocorasick.Automaton:
    """ "/sh", "/ sh" and ", sh" for every title, in lower, capitalised and upper case: one
    scan in C instead of a case-insensitive alternation tried at every comma."""
    keys: dict[str, tuple[int, bool]] = {}
    for title in _TITLE_WORDS:
        for form in {title, title.capitalize(), title.upper()}:
            for prefix in ("/", "/ ", ", "):
                keys[prefix + form] = (len(prefix) + len(form), prefix[0] == "/")
    return automaton(keys)


def _signatures(big: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, after a slash) of each signature title in ``big``."""
    for end, (length, slash) in _signature_automaton().iter(big):
        if end + 1 < len(big) and (big[end + 1].isalnum() or big[end + 1] == "_"):
            continue  # "sh" in "shampoo"
        yield end + 1 - length, end + 1, slash


_SIGNATURE_END = re.compile(rf"\.?(?:\Z|[ ]*(?:\n|[{_UP}]))")
_SIGNED_NAME = re.compile(rf"([{_UP}][\w'’:-]+(?:[ ][{_UP}][\w'’:-]+|[ ][{_UP}]\.)?)[ ]?,?[ ]?$")
_SENTENCE_BEGIN = re.compile(
    r"[.!?:;(•*\n\"”“„«»'‘’-](?:(?<=-)(?<=\s-)\s{1,2}|(?<!-)\s{0,3})(?=[" + _UP + "])"
)
# The word after a capitalised word that makes it an eponym or an institution, no person:
# "Parkinsonin tauti", "Babinskin merkki", "Auroran sairaala", "Down syndrome".
_EPONYM_HEAD = re.compile(
    r"[ -](?:(?-i:[IVX]{1,4})[ -])?(?:tau[td]i|ote\b|otte|kyst|cyst|murtum|fractur|fraktur|leikkau"
    r"|operaatio|league|association|society|foundation|organi[sz]ation|federation|institut"
    r"|hälsostation|vårdcentral|mottagning|sjukhem|centret|center\b|centre\b|care\b"
    r"|pareesi|halvau|palsy|phenomen|lymphom|lymfoom|sarcom|sarkoom|tumou?r|kasvai|ulcer|haava"
    r"|node|solmuk|procedure|toimenpi|classification|teoria|theory|law\b|laki\b|lag\b"
    r"|oireyhtym|syndroo?m|koe\b|kokee|koet|testi|merk|ilmiö|asteik|pistee|pisteet"
    r"|luokitu|luokka|manööv|refleks|kriteer|sairaal|terveysasem|koulu|päiväkod|päiväkoti"
    r"|kirkko|kirko|seurakun|säätiö|klinik|keskus|instituu|rokote|tabl|laborator|apteek"
    r"|neuvol|vastaanot|päivysty|osasto|ryhmä|kurssi|menetelm|taulu|disease|syndrome|test"
    r"|sign\b|score|scale|manoeuvre|maneuver|criteria|hospital|school|clinic|vaccine|chart"
    r"|method|technique|sjukdom|syndrom|prov\b|provet|tecken|skala|sjukhus|skola|vaccin"
    r"|tavla|metod|pollen|neg\b|pos\b|negat|posit|normaal|normal|u\.a\.|ua\b|[+±−](?!\w))",
    re.IGNORECASE,
)
# a lone word that is the first part of a compound ("Wilma-viesti", "Aalto-patja", "Toivo
# -ryhmä") is a brand or a title, unless the compound says who ("Anna-täti", "Pekka-niminen")
_COMPOUND_HEAD = re.compile(r"[ ]?-[a-zåäö]")
_PERSON_HEAD = re.compile(
    r"[ ]?-(?:täti|setä|eno|mummo|mummi|vaari|ukki|pappa|isi|äiti|isä|niminen|nimi|vauva"
    r"|poika|tyttö|sisko|veli|sisar|mamma|moster|faster|morbror|farbror|syster|bror)",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[ ]+([a-zåäö]{2,})")


_INTERIOR_CASES = frozenset({"sisaolento", "sisaeronto", "sisatulento"})


@lru_cache(maxsize=50_000)
def _interior_case(word: str) -> bool:
    """Whether every name reading Voikko gives ``word`` is in an interior local case
    (inessive, elative, illative: "Kivistössä", "Hilkkaan", "Maisasta"), the cases of places
    and things, which a note seldom uses of a person on their own."""
    from hoiku_lib import morphology

    person = (morphology.FIRST_NAME, morphology.SURNAME)
    cases = [a.case for a in morphology.analyse(word) if a.word_class in person]
    return bool(cases) and all(c in _INTERIOR_CASES for c in cases)


def _match_start(m: re.Match[str]) -> int:
    return m.start()


_WORD_TEXT = re.Match.group  # a word's text: group(0)
_WORD_START = re.Match.start
_KIND = attrgetter("kind")


def _adjacent(big: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return right.start() - left.end() == 1 and big[left.end()] == " "


# an age after a name: "Onni (4 v)", "Lumi Kallio, 8 kk", "Sten, 82 år"
_AGE_AFTER = re.compile(
    r"[ ]?[,(][ ]?\d{1,3}[ ]?(?:v|vk|kk|vuotta|vuotias|år|åå|mån|years?|yrs?|y|yo|months?)\b"
)
# a relative named after a name: "Toivon puoliso", "Annan äiti", "Pekan mukaan"
_RELATIVE_AFTER = re.compile(
    r"[ ](?:puoliso|äiti|isä|mies|vaimo|tytär|poika|sisko|veli|sisar|omainen|mukaan|kanssa"
    r"|luona|kertomana|kertoman)\b"
)
# a verb a person does at a sentence's start: "Onni tuli", "Sten sov gott", "Grace attended"
_PERSON_VERB = re.compile(
    r"[ ](?:on|oli|ei|kävi|tuli|soitti|kertoi|kertoo|sanoo|sanoi|nukkui|nukkuu|söi|syö|asuu"
    r"|pyysi|pyytää|asioi|feels|ilmoitti|toivoo|haluaa|halusi|voi|vointi|saapui|lähti|itki|pelkää|pelkäsi"
    r"|sov|kom|var|är|har|hade|säger|sade|berättar|berättade|uppger|ringde|åt|mår|vill|ville"
    r"|gick|fick|tog|känner|bor|attended|came|come|reports|reported|says|said|was|is|has|had"
    r"|called|lives|works|slept|ate|feels|felt|denies|went|arrived|cried)\b"
)


# a relative or a role, perhaps "with", then an opening bracket: "Puolison kanssa (", "äidin ("
_RELATIVE_BEFORE_BRACKET = re.compile(
    r"(?i:\b(?:puoliso|puolison|puolisonsa|äidin|isän|miehen|vaimon|pojan|tyttären|veljen"
    r"|siskon|sisaren|omaisen|avopuolison|ystävän|naapurin|lapsen|wife|husband|partner|mother"
    r"|father|son|daughter|brother|sister|friend|maka|make|maken|makan|sambon|dottern|sonen"
    r"|mamman|pappan|hustru|mannen|frun)\b)(?:[ ](?:kanssa|with|med))?[ ]\($"
)
_LOCAL_END = ("ssa", "ssä", "sta", "stä")


# a doctor's practice (not "vastaanottokeskus", a reception centre): after a title, the
# genitive before it is the doctor's surname ("Tohtori Lahden vastaanotolla"; round 10)
_PRACTICE_AFTER = re.compile(r"[ ]vastaanot(?:to|on|olla|olle|olta|ossa|osta|toon)\b")


def _place_after_cue(big: str, m: re.Match[str], r: Reading, cue: str) -> bool:
    """Whether the word after a cue is a place or an institution, not the person: a word
    Voikko reads only as a place (or lists as one) in a local case after a role ("Asiakas
    Helsingistä", "Omainen Espoosta"; after a title only in the inessive or elative, since
    "lääkäri Lahdelta" is a doctor called Lahti), an unknown word in the inessive or elative
    ("Potilas Kervosta"), and a word before an institution's head ("Potilas Ekenäs
    hälsostation kautta")."""
    word = m.group(0)
    inner = word.endswith(_LOCAL_END)
    if inner and (_place_in(word) or (r.kind == PROPER and r.proper)):
        return True  # "Asiakas Simosta", "Potilas Salosta", "Omainen Kalliosta": a place
    if r.kind in (SURE, AMBIGUOUS):
        return False
    if (
        _EPONYM_HEAD.match(big, m.end())
        and r.kind != PROPER
        and not (cue in _TITLE_SET and _PRACTICE_AFTER.match(big, m.end()))
    ):
        return True
    if r.kind == UNKNOWN:
        return inner
    if r.kind == NOT_NAME and r.proper:
        local = _place_case(word) or (  # a listed place Voikko does not know: its ending
            not _known(word) and word.endswith((*_LOCAL_END, "lla", "llä", "lta", "ltä", "lle"))
        )
        return (inner or cue not in _TITLE_SET) and local
    return False


@lru_cache(maxsize=50_000)
def _place_in(word: str) -> bool:
    """Whether Voikko reads ``word`` as a place in the inessive or the elative (in, from)."""
    from hoiku_lib import morphology

    return any(
        a.word_class == morphology.PLACE and a.case in ("sisaolento", "sisaeronto")
        for a in morphology.analyse(word)
    )


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    from hoiku_lib import morphology

    return bool(morphology.analyse(word))


# a relative after a possessor's genitive: "Clarke's wife", "Holms dotter", "Annas mamma"
_RELATIVES_AFTER_POSSESSOR = (
    "wife husband partner mother father son daughter brother sister friend girlfriend"
    " boyfriend dotter fru hustru man make maka mor far mamma pappa syster bror sambo barn"
).split()
_POSSESSOR_RELATIVE = re.compile(r"[ ](?:" + "|".join(_RELATIVES_AFTER_POSSESSOR) + r")\b")


@cache
def _possessor_automaton() -> ahocorasick.Automaton:
    """Where " wife", " dotter" … occur: the only places :data:`_POSSESSOR_RELATIVE` can
    match, so that it is tried there and not after every capitalised word."""
    return automaton({" " + word: len(word) + 1 for word in _RELATIVES_AFTER_POSSESSOR})


def _possessor_positions(big: str) -> list[int]:
    """Every position where :data:`_POSSESSOR_RELATIVE` matches, in order (the same as
    trying it at each position: every match starts with one of the automaton's keys)."""
    starts = {end + 1 - length for end, length in _possessor_automaton().iter(big)}
    match = _POSSESSOR_RELATIVE.match
    return [pos for pos in sorted(starts) if match(big, pos)]


_SV_POSSESSIVES = frozenset({"Hans", "Hennes", "Deras", "Dess", "Hens", "Its", "His", "Hers"})


def _possessor(big: str, words: list[re.Match[str]], reads: list[Reading], i: int) -> str | None:
    """How sure a genitive before a relative is a person's name: an English "'s" or a
    Swedish "-s" on a name reading ("Annas mamma"), or after a first name ("Tor Holms
    dotter"), is strong; an unknown word with "'s" only possible ("Clarke's wife"). Not a
    pronoun ("Hans mamma" is his mother), a cue word ("Patient's wife") or a known word."""
    word = words[i].group(0)
    if word in _SV_POSSESSIVES:
        return None
    english = word.endswith(("'s", "’s"))
    if not english and not (word.endswith("s") and len(word) > 3):
        return None
    base = word[:-2] if english else word[:-1]
    if base in _CUE_SET or base.casefold() in _CUE_SET:
        return None
    r = reading(base)
    before = i > 0 and _adjacent(big, words[i - 1], words[i]) and reads[i - 1].first
    if r.kind == NOT_NAME and not before:
        return None
    if r.kind in (SURE, AMBIGUOUS, SHAPED) or before:
        return STRONG
    return POSSIBLE if english and r.kind == UNKNOWN else None


# the verbs after which a surname that is also a word is a person (see _name_strengths)
_SURNAME_VERBS = frozenset(
    "soitti kertoi kertoo sanoo sanoi pyysi pyytää asioi ilmoitti toivoo haluaa halusi"
    " saapui itki ringde berättade called said reported arrived".split()
)
_WEAK_VERBS = frozenset(
    {"on", "oli", "ei", "voi", "vointi", "var", "är", "har", "hade", "is", "was", "has", "had"}
)


def _cue_strength(r: Reading, cue: str) -> str | None:
    """How sure a capitalised word after ``cue`` is a name: after a naming cue any word is;
    after a title a word that may be one (a name reading, or unknown and not listed as no
    name); after a role or a relative a name reading is, an unknown word possibly; after
    "tulkki" only a name reading (the agencies' names follow it too)."""
    if cue in _NAMING:
        return STRONG
    if r.kind == NOT_NAME and (r.vetoed or not r.proper):
        return None
    if r.kind in (SURE, AMBIGUOUS, SHAPED) or (r.kind == PROPER and cue not in _AGENCY):
        return STRONG
    if cue in _AGENCY or cue in _EMPLOYER:
        return None
    return POSSIBLE if cue in _ROLES else STRONG


# a street named after a person, its street word written apart: "Aleksis Kiven katu", "Urho
# Kekkosen kadulla", "Albert Edelfeltin tie", "Runebergs gata" (round 9)
_STREET_WORD_AFTER = re.compile(
    r"[ ](?:katu|kadu(?:n|lla|lle|lta|sta|ssa|lla|a)|tie|tien|tiellä|tielle|tieltä|tietä"
    r"|kuja|kujan|kujalla|kujalle|puisto|puiston|puistossa|aukio|aukiolla|aukion|tori|torilla"
    r"|torin)\b"
)
_SV_STREET_WORD_AFTER = re.compile(r"[ ](?:gata|gatan|väg|vägen|gränd|torg)\b")


def _street_named_after(big: str, m: re.Match[str]) -> bool:
    """Whether a name's last word is the genitive of a street named after a person."""
    word, end = m.group(0), m.end()
    if word.endswith("n") and _STREET_WORD_AFTER.match(big, end):
        return True
    return word.endswith("s") and _SV_STREET_WORD_AFTER.match(big, end) is not None


def _pair(a: Reading, b: Reading, a_begins: bool) -> bool:
    """Two capitalised words side by side that read as a first name and a surname
    ("Pekka Virtanen", "Onni Mäki", "Olga Petrova", "Oksana Virtanen"). At a sentence's
    start an ordinary reading of the first word wins unless a surname follows ("Anna
    Virtanen" is a name, "Anna Marevania" and "Saw Olga" are not)."""
    if a.kind == NOT_NAME or b.kind == NOT_NAME:
        return False
    if b.last and b.kind in _NAMELIKE:
        if b.kind == PROPER:  # "Jukka Kallio", not "Known Parkinson's"
            return a.first and a.kind in (SURE, AMBIGUOUS)
        return a.kind != UNKNOWN or b.kind == SURE or not a_begins
    if a_begins and a.kind != SURE:
        return False
    if a.first and a.kind == SURE and b.kind in (UNKNOWN, SHAPED):
        return True  # a first name and a foreign surname ("Sara Stedy" is a patient lift)
    return a.first and b.first and SURE in (a.kind, b.kind)


_BEGIN_CHARS = frozenset(".!?:;(•*\n\"”“„«»'‘’")
_SPACE = frozenset(" \t\r\n\f\v")


def _begins(big: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence, a note, a list item or a quote: after
    . ! ? : ; ( • * a line break or a quote (and up to three spaces), a dash between
    spaces, or ", " (lists of places: "Kallio, Kontula")."""
    j, k = pos - 1, 0
    while j >= 0 and k < 3 and big[j] in _SPACE:
        if big[j] == "\n":
            return True
        j, k = j - 1, k + 1
    if j < 0:
        return True
    c = big[j]
    if c in _BEGIN_CHARS:
        return True
    if c == "-":
        return 1 <= k <= 2 and j > 0 and big[j - 1] in _SPACE
    return c == "," and k == 1


# the particles of surnames ("Sari von Knorring", "herra af Hällström", "Maria de Souza"):
# found by the cue scan; the capitalised word after one is a surname when a first name, an
# initial or a person's cue comes right before the particle
_PARTICLES = frozenset("von af van de da di du dos das del della bin ibn al el".split())
_INITIAL_CHARS = frozenset(_UP.replace("-", "") + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BEFORE_INITIAL = frozenset(" \t\n(")


def _initial_at(big: str, pos: int) -> bool:
    """Whether ``big[pos:pos + 3]`` is an initial and a space ("A. "), a word of its own."""
    return (
        pos >= 0
        and big[pos : pos + 1] in _INITIAL_CHARS
        and big[pos + 1 : pos + 3] == ". "
        and (pos == 0 or big[pos - 1] in _BEFORE_INITIAL)
    )


def _particle_name(
    big: str,
    words: list[re.Match[str]],
    reads: list[Reading],
    index: dict[int, int],
    at: int,
    n: int,
) -> tuple[int, int, int | None] | None:
    """(word index of the surname, start of its span, word index of the first name before
    it or None) for the particle ``big[at:at + n]``
    when a capitalised word follows it and a first name, an initial or a person's cue
    precedes it; not an eponym ("von Willebrandin tauti")."""
    j = index.get(at + n + 1)  # the word after the particle and its space
    if j is None or at < 2 or big[at - 1] != " " or _EPONYM_HEAD.match(big, words[j].end()):
        return None
    if _initial_at(big, at - 3):
        return j, at - 3, None  # "H. von Knorring"
    prev = big[max(0, at - 30) : at - 1].rsplit(None, 1)[-1:]
    if not prev:
        return None
    word = prev[0].lstrip("(")
    if word in _CUE_SET:
        return j, at, None  # "Herra af Hällströmistä"
    k = index.get(at - 1 - len(word))
    if k is not None and reads[k].first and reads[k].kind in (SURE, AMBIGUOUS):
        return j, at, k  # "Sari von Knorring"
    return None


# an initial before the surname after a cue: "Hoitaja O. Lahti", "lääkäri L. Tuominen"
def _titled_double_initial(big: str, before: re.Match[str], start: int) -> bool:
    """Whether a double initial without its full stop ("J-P ") stands right before
    ``start``, and a title right before it ("Sh J-P Lahti"; not "Thorax P-A Lahti")."""
    pos = start - 4
    return (
        pos > 0
        and _is_double_initial(big[pos : pos + 3])
        and big[pos + 3] == " "
        and before.end() == pos - 1
        and big[pos - 1] == " "
        and before.group(0) in _TITLE_SET
    )


def _is_double_initial(word: str) -> bool:
    """Whether a word is a double initial without its full stop ("J-P", "A-L"), which the
    word pattern reads as a word of its own."""
    return (
        len(word) == 3
        and word[1] == "-"
        and word[0] in _INITIAL_CHARS
        and word[2] in _INITIAL_CHARS
    )


# (a double initial without its full stop too: "Sh J-P Lahti", round 11)
_INITIAL = re.compile(rf"(?:[{_UP}]\.[ ]?|[{_UP}]-[{_UP}]\.?[ ])(?=[{_UP}][{_LOW}])")
# one or two words in small letters after a naming cue: "yht.hlö heikki harju"
_SMALL_NAME = re.compile(
    rf"[:,]?[ ]+[\"“”„«]?([{_LOW}]{{2,}}(?:-[{_LOW}]{{2,}})?)(?:[ ]([{_LOW}]{{2,}})\b)?"
)


def _capital(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _small_name_after(big: str, pos: int, full: bool = False) -> list[tuple[int, int, str]]:
    """A name written in small letters right after a naming cue ("yht.hlö heikki harju",
    "nimeltä aino"): a first name and a surname, or a first name that is nothing else; the
    words are read as if capitalised. Ordinary words ("nimeltä tuntematon") are no name.
    With ``full`` (after a role or a relative: "omainen aino järvelä", "anhörig stig
    holmström") only a first name with a surname after it: a lone word after a role is as
    often an ordinary word that happens to be a name ("omainen toivoo soittoa")."""
    m = _SMALL_NAME.match(big, pos)
    if m is None:
        return []
    a = reading(_capital(m.group(1)))
    if not a.first or a.kind not in (SURE, AMBIGUOUS, PROPER):
        # a listed surname before a first name that is nothing else, as registers write
        # them: "asiakas ali hassan", "omainen virtanen matti" (round 9)
        if m.group(2) is not None and a.last and a.listed and a.kind in (SURE, AMBIGUOUS):
            b = reading(_capital(m.group(2)))
            if b.first and b.kind == SURE:
                return [(m.start(1), m.end(2), STRONG)]
        if not full and a.listed and a.last and a.kind in (SURE, AMBIGUOUS):
            return [(m.start(1), m.end(1), STRONG)]  # "Yhteyshenkilö: mäkinen" (round 10)
        return []  # (a name of a thing, "wilma", is a name after a cue: PROPER)
    if m.group(2) is not None:
        b = reading(_capital(m.group(2)))
        if _small_place_surname(a, m.group(2)):
            return [(m.start(1), m.end(2), STRONG)]  # "yht.hlö tapani lahti" (round 10)
        if full and not (b.last and b.kind in (SURE, AMBIGUOUS, SHAPED)):
            return []  # a surname reading itself, not just a word no dictionary knows
        if b.last or b.kind in (SHAPED, UNKNOWN) or (b.proper and b.kind != NOT_NAME):
            return [(m.start(1), m.end(2), STRONG)]
    return [(m.start(1), m.end(1), STRONG)] if a.kind == SURE and not full else []


# the end of a label's value: a full stop, a comma or a semicolon, a line's or a text's end
_LABEL_VALUE_END = re.compile(r"[.,;]?(?:[ ]|\n|\Z)(?<![^.,;][ ])")
# a first name's initial after it: "Lauri H., kotihoito", "Sari H. soitti"
_INITIAL_AFTER = re.compile(rf"[ ][{_UP}]\.(?=[ ,;\n]|\Z)")
# one word in small letters after a title or a role, perhaps after a small initial:
# "herra forsmania", "omainen lindqvist", "omainen e. nieminen-koskinen"
_SMALL_SURNAME = re.compile(
    rf"[:,]?[ ]+(?:([{_LOW}])\.[ ]?)?([{_LOW}]{{2,}}(?:-[{_LOW}]{{2,}})?)(?![\w-])"
)
# two words in small letters right before a person's identifier: "esa ketola puh. …"
_SMALL_WORD = rf"[{_LOW}]{{2,}}(?:-[{_LOW}]{{2,}})?"
# (read from the end, the window reversed: one try instead of a search over the window)
_SMALL_PAIR_BACK = re.compile(rf"({_SMALL_WORD})[ ]({_SMALL_WORD})(?=[\s(:;,.]|\Z)")


# a word in small letters that ends its sentence or its clause
_SMALL_LAST = re.compile(rf"[ ]+({_SMALL_WORD})(?=[.;]|\Z|\n)")


# a first name and its surname's initial in small letters, ending the line or the text:
# "kirj. antti r.", "sh jenni m." (round 9)
_SMALL_FIRST_INITIAL = re.compile(rf"[:,]?[ ]+({_SMALL_WORD})[ ][{_LOW}]\.(?=[ ]*(?:\n|\Z))")


def _small_first_initial(big: str, pos: int) -> list[tuple[int, int, str]]:
    """A signature in small letters after a title: a first name (a name and nothing else,
    or a name that may be a word) and one letter with a full stop, the line's last words."""
    m = _SMALL_FIRST_INITIAL.match(big, pos)
    if m is None:
        return []
    r = _small_reading(m.group(1))
    if not r.first or r.kind not in (SURE, AMBIGUOUS):
        return []
    return [(m.start(1), m.end(0), STRONG)]


def _small_first_ending(big: str, pos: int) -> list[tuple[int, int, str]]:
    """A first name in small letters after a role, alone before the sentence's end: a
    first name and nothing else ("sisarus maricel.", "omainen hodan."), not an ordinary
    word that is also a name ("omainen tuuli")."""
    m = _SMALL_LAST.match(big, pos)
    if m is None:
        return []
    r = _small_reading(m.group(1))
    return [(m.start(1), m.end(1), STRONG)] if r.first and r.kind == SURE else []


def _small_surname_after(big: str, pos: int) -> list[tuple[int, int, str]]:
    """A surname in small letters after a title or a role: a word that read capitalised is
    a surname and nothing else (a listed or Voikko-known surname with no ordinary
    reading), perhaps after an initial ("herra forsmania", "omainen e. nieminen-koskinen");
    "omainen toivoo soittoa" and "herra kertoo" read as ordinary words."""
    m = _SMALL_SURNAME.match(big, pos)
    if m is None or not _small_sure_surname(m.group(2)):
        return []
    return [(m.start(1) if m.group(1) else m.start(2), m.end(2), STRONG)]


@lru_cache(maxsize=50_000)
def _small_sure_surname(word: str) -> bool:
    """Whether a word in small letters, capitalised, is a surname and nothing else (cached
    per word: most words after a cue are the same few verbs)."""
    r = reading(_capital(word))
    return r.last and r.kind == SURE


def _small_name_before(big: str, end: int) -> list[tuple[int, int, str]]:
    """A first name and a surname in small letters right before a person's identifier
    ("esa ketola puh. 0500 736 090", "iida sjöberg puh. 046 …"): the first word must read
    capitalised as a first name, the second as a surname."""
    lo = max(0, end - 48)
    m = _SMALL_PAIR_BACK.match(big[lo:end][::-1])
    if m is None or (lo and m.end() == end - lo):
        return []  # no two small words, or the window cut the first one
    a, b = reading(_capital(m.group(2)[::-1])), reading(_capital(m.group(1)[::-1]))
    if not (a.first and a.kind in (SURE, AMBIGUOUS)):
        return []
    if not (b.last and b.kind in (SURE, AMBIGUOUS, SHAPED)):
        return []
    return [(end - m.end(2), end, STRONG)]


# the endings of the cases a person is spoken to or asked in (allative, ablative:
# "Phrommalle", "Chantharalta")
_PERSON_CASE_ENDS = ("lle", "lta", "ltä")


def _addressed_case(word: str, cue: str, big: str = "", end: int = 0) -> bool:
    """Whether ``word`` after ``cue`` (:data:`_ADDRESSING`) is in the case its person is
    in there (:data:`_ADDRESSED_CASES`; the allative or the ablative for the rest)."""
    low = word.casefold()
    ends = _ADDRESSED_CASES.get(cue.casefold(), _PERSON_CASE_ENDS)
    if len(low) < 4 or not low.endswith(ends):
        return False
    return cue.casefold() != "ohjattu" or _GUIDED_TO.match(big, end) is not None


def _addressed_one(word: str, r: Reading, cue: str, big: str = "", end: int = 0) -> bool:
    """Whether a lone capitalised word after a word of speaking to, contacting, trusting
    or fearing someone is the person: a name and nothing else (a listed or Voikko-known
    first name or surname with no ordinary reading) in the case the cue governs ("Yhteys
    Marjaan on katkennut", "Asiakas luottaa Eetuun"; not "Yhteys Kelaan"). A name on its
    own in the illative or the elative is otherwise read as a place's or a thing's inside.
    After a word of reaching someone ("Yritetty tavoittaa Mäkeä") a name that is also a
    word is the person too: one reaches a person, not a hill (round 10)."""
    low = cue.casefold()
    if (
        r.kind in (PROPER, AMBIGUOUS)
        and r.last
        and low in _ASKING
        and word.endswith(("lta", "ltä"))
    ):
        return not _place_in(word)  # "Kysytty Kalliolta / Aholta lupa": one asks a person,
        # not a district or a glade (round 11)
    if r.kind == AMBIGUOUS and r.first and low in _SPEAKING_LOW and _foreign_word_name(word):
        return _addressed_case(word, cue, big, end)  # "Soitettu Joylle": no Finnish word
        # in that form, only the English one in the base (round 11)
    if r.kind != SURE and not (r.kind == AMBIGUOUS and low in _CONTACTING):
        return False
    if low in _ABOUT_OR_FROM and _place_case(word) and not (r.first and r.kind == SURE):
        return False  # "Asiakas kertoi Salosta", "sai Hollolalta tukea": a town, but
        # "kertoi Eeva-Kaarinasta" is a person (round 11)
    return (r.first or r.last) and _addressed_case(word, cue, big, end)


def _small_addressed(big: str, pos: int, cue: str) -> list[tuple[int, int, str]]:
    """A name in small letters after a word of :data:`_ADDRESSING`, in the case the cue
    governs: a first name and an inflected surname ("Viesti jätetty jukka heinoselle") or
    a first name that is nothing else ("Kysytty sannalta", "Soitto fangille"); the words
    are read as if capitalised ("Kysytty äidiltä", "Soitto kelalle" are no names)."""
    m = _SMALL_NAME.match(big, pos)
    if m is None:
        return []
    a = _small_reading(m.group(1))
    if m.group(2) is not None and a.first and a.kind in (SURE, AMBIGUOUS):
        b = _small_reading(m.group(2))
        if b.last and b.kind in (SURE, SHAPED) and _addressed_case(m.group(2), cue, big, m.end(2)):
            return [(m.start(1), m.end(2), STRONG)]
        if (  # "sovittu ritva kalliolle": a listed first name, then a surname that is also a
            # word or a place, in the governed case (round 10)
            a.listed
            and ((b.last and b.kind in _NAMELIKE) or _small_place_surname(a, m.group(2)))
            and _addressed_case(m.group(2), cue, big, m.end(2))
        ):
            return [(m.start(1), m.end(2), STRONG)]
    if (
        a.first
        and (a.kind == SURE or (a.kind == AMBIGUOUS and _foreign_word_name(m.group(1))))
        and _addressed_case(m.group(1), cue, big, m.end(1))
    ):
        return [(m.start(1), m.end(1), STRONG)]
    if (  # "soitin jokiselle": a surname that is nothing else, alone, in the governed case
        a.last
        and not a.first
        and a.listed
        and _small_sure_surname(m.group(1))
        and _addressed_case(m.group(1), cue, big, m.end(1))
    ):
        return [(m.start(1), m.end(1), STRONG)]  # (round 9)
    return []


@lru_cache(maxsize=10_000)
def _foreign_word_name(word: str) -> bool:
    """Whether an inflected first name that is ambiguous only through its base's English
    or Swedish word ("Blessing", "Grace" on the stoplist) is no Finnish word at all: Voikko
    knows no reading of the inflected form ("blessingiltä", "gracelle"; not "helmille",
    "tuulelle": pearls, wind)."""
    from hoiku_lib import morphology

    return not morphology.analyse(word) and not morphology.analyse(_capital(word))


@lru_cache(maxsize=50_000)
def _small_reading(word: str) -> Reading:
    """The reading of a word in small letters as if capitalised (cached per form)."""
    return reading(_capital(word))


# words after a person's name: postpositions after a genitive ("svetlanan luona", "fredrikin
# kanssa", "Pekan mukaan") and a person's verbs after a name at a sentence's start
# ("marketta pitkänen soitti", "Sovittu, että juho järvinen tulee mukaan")
_POSTPOSITIONS = frozenset({"luona", "luokse", "luota", "kanssa", "mukaan", "puolesta", "vointi"})
_BEHIND_VERBS = frozenset(
    "soitti kysyi tulee tuli kertoi toivoo pyysi kävi ilmoitti saapui haluaa lupasi sanoi"
    " soittaa odottaa odotti".split()
)
_BEHIND = _POSTPOSITIONS | _BEHIND_VERBS
# the labels of a list of who was present, and its items (one word each, up to eight)
_PRESENT = "läsnä paikalla osallistujat närvarande deltagare present participants attendees"
_PRESENT_ITEM = re.compile(r"[ ]*([^\W\d_][\w-]*)(?=,|[ ](?:ja|och|and|sekä)[ ]|[.;]|\n|\Z)")
_PRESENT_SEP = re.compile(r",|[ ](?:ja|och|and|sekä)(?=[ ])")
# two words in small letters as one item ("paikalla kaarina karjalainen ja tulkki")
_PRESENT_PAIR = re.compile(
    rf"[ ]*({_SMALL_WORD})[ ]({_SMALL_WORD})(?=,|[ ](?:ja|och|and|sekä)[ ]|[.;]|\n|\Z)"
)
# the Finnish labels also written with no colon, in small letters ("paikalla veikko mäki ja
# tulkki"): then only names in small letters are read as the list's items (round 10)
_PRESENT_BARE = "läsnä paikalla"


def _small_place_surname(first: Reading, word: str) -> bool:
    """Whether a small word after a first name in small letters is a surname that Voikko
    knows only as a place ("tapani lahti", "toivo rauma"): after a first name reading, a
    place in a case a person is in (round 10)."""
    return first.first and first.kind in (SURE, AMBIGUOUS) and _small_place(word)


@lru_cache(maxsize=20_000)
def _small_place(word: str) -> bool:
    r = _small_reading(word)
    return r.kind == NOT_NAME and r.proper and not r.vetoed and _place_as_surname(_capital(word))


def _small_full_name(first: str, second: str) -> bool:
    """Whether two words in small letters read capitalised as a first name and a surname: a
    first name reading, then a surname reading (one that is also a place too: "leena
    kallio") or a place ("kaarina karjalainen", "veikko mäki"; round 10)."""
    a = _small_reading(first)
    if not a.first or a.kind not in (SURE, AMBIGUOUS):
        return False
    b = _small_reading(second)
    return (b.last and b.kind in _NAMELIKE) or _small_place_surname(a, second)


def _present_items(big: str, pos: int, small_only: bool = False) -> list[tuple[int, int, bool]]:
    """The one-word items of a list of who was present after its label that may be a
    person's name: a word in small letters that read capitalised is a first name and
    nothing else ("Läsnä: asiakas, hannu, tulkki ja sosiaalityöntekijä": True), or a
    capitalised word (False: the caller reads it)."""
    out: list[tuple[int, int, bool]] = []
    for _ in range(8):
        pair = _PRESENT_PAIR.match(big, pos)  # "paikalla veikko mäki ja tulkki" (round 10)
        if pair is not None and _small_full_name(pair.group(1), pair.group(2)):
            out.append((pair.start(1), pair.end(2), True))
            m = pair
        elif (m := _PRESENT_ITEM.match(big, pos)) is None:
            break
        elif small_only and m.group(1)[0].isupper():
            pass  # "Poliisi paikalla Securitas": no list, the caller reads no capital here
        elif (word := m.group(1))[0].isupper():
            out.append((m.start(1), m.end(1), False))
        else:
            r = _small_reading(word)
            if r.first and r.kind == SURE:
                out.append((m.start(1), m.end(1), True))
        sep = _PRESENT_SEP.match(big, m.end())
        if sep is None:
            break
        pos = sep.end()
    return out


# the verbs of _BEHIND_VERBS only a person does (a provider calls, comes and notifies too)
_WANTING_VERBS = frozenset("kysyi kertoi toivoo pyysi haluaa lupasi".split())
# up to three words in small letters, read from the end (the window reversed: one try)
_SMALL_RUN_BACK = re.compile(
    rf"({_SMALL_WORD})(?:[ ]({_SMALL_WORD}))?(?:[ ]({_SMALL_WORD}))?(?![{_UP}{_LOW}])"
)
# what may come right before a name at a sentence's start: the text's or a line's start, a
# sentence's end, a comma, a quote, or "että" (that)
_RUN_OPENERS = ("\n", ". ", "! ", "? ", "; ", ", ", ": ", '"', "että ", "att ", "that ")


def _name_word(word: str) -> Reading | None:
    """The reading of a small word as a name (a first name or a surname that is a name
    above all: sure, ambiguous or shaped like one), else None."""
    r = _small_reading(word)
    if (r.first or r.last) and r.kind in (SURE, AMBIGUOUS, SHAPED):
        return r
    return None


def _small_name_behind(big: str, end: int, after: str) -> list[tuple[int, int, str]]:
    """A name in small letters right before ``after`` (at ``end``): before a postposition
    a first name or a surname in the genitive that is nothing else ("asuu svetlanan luona",
    "fredrikin kanssa", "virtasen kanssa"), perhaps after a first name; before a person's
    verb at a sentence's start a first name with a surname (perhaps a particle between:
    "tran van minh soitti", "juho järvinen tulee"). Cheap: one reversed try, readings
    cached per word."""
    lo = max(0, end - 64)
    window = big[lo:end]
    m = _SMALL_RUN_BACK.match(window[::-1])
    if m is None:
        return []
    found = [g[::-1] for g in m.groups() if g is not None]  # nearest first
    if after in _POSTPOSITIONS:
        w = found[0]
        r = _small_reading(w)
        if not (w.endswith("n") and r.kind == SURE and (r.first or r.last)):
            return []
        start = end - len(w)
        if len(found) > 1:  # "kalle virtasen kanssa", "zhao linin vointi" (surname first)
            f = _small_reading(found[1])
            if (f.first and f.kind in (SURE, AMBIGUOUS)) or (f.last and f.kind == SURE):
                start -= len(found[1]) + 1
        return [(start, end, STRONG)]
    run: list[tuple[str, Reading | None]] = []
    for w in found:
        r = None if w in _PARTICLES else _name_word(w)
        if r is None and w not in _PARTICLES:
            break
        run.append((w, r))
    while run and run[-1][1] is None:
        run.pop()  # a particle begins no name
    if len(run) < 2:
        return _line_first_name(big, end, found[0]) if run else []
    start = end - sum(len(w) for w, _ in run) - (len(run) - 1)
    if start != lo and not big[max(0, start - 5) : start].endswith(_RUN_OPENERS):
        return []
    reads = [r for _, r in run if r is not None]
    if not (
        any(r.first for r in reads)
        and any(r.last for r in reads)
        and any(r.kind == SURE for r in reads)
    ):
        return []
    return [(start, end, STRONG)]


def _line_first_name(big: str, end: int, word: str) -> list[tuple[int, int, str]]:
    """A first name alone in small letters that opens a line before a person's verb, as a
    chat or a call log writes its callers ("tiina soitti klo 9", "lauri kysyi"): a line's
    first word there is its subject, and a first name is nothing else there ("äiti soitti",
    "asiakas soitti" are no names; nor is "toivo" as a word). Only a first name the lists
    or the dictionary know: a word no dictionary knows may be a provider ("medivida
    soitti")."""
    start = end - len(word)
    if start and big[start - 1] != "\n":
        return []
    r = _small_reading(word)
    if r.first and r.kind in (SURE, AMBIGUOUS):
        return [(start, end, STRONG)]
    return []


def _addressed_pair(big: str, words: list[re.Match[str]], reads: list[Reading], i: int) -> bool:
    """Whether words ``i`` and ``i + 1`` after a word of speaking to or asking someone
    (:data:`_ADDRESSING`) are a foreign name inflected as the person spoken to: two words no
    dictionary knows, the second in the allative or the ablative ("Yhteys Chaiwat
    Phrommalle", "Kysytty Bolat Nurlanilta"). After other verbs such words are as often a
    product or a system ("Vaihdettu Tena Slipille", "siirretty Merlot Medille")."""
    if i + 1 >= len(words) or reads[i].kind != UNKNOWN or reads[i + 1].kind != UNKNOWN:
        return False
    b = words[i + 1]
    return (
        len(b.group(0)) >= 6
        and b.group(0).endswith(_PERSON_CASE_ENDS)
        and _adjacent(big, words[i], b)
        and not _EPONYM_HEAD.match(big, b.end())
    )


# relatives and roles: nouns of persons, some of them first names too (Sisko, Veli)
_PERSON_NOUNS = frozenset(
    """äiti isä puoliso avopuoliso aviomies vaimo tytär poika veli sisko sisar isoäiti isoisä
    mummo mummi vaari ukki täti setä eno serkku ystävä kaveri lapsi vauva tyttö omainen
    naapuri""".split()
)


@lru_cache(maxsize=10_000)
def _person_noun(word: str) -> bool:
    """Whether ``word`` reads as a relative or a role (a noun of a person: "Sisko", "Veli"),
    which a person's verb after it fits as well as it fits a name."""
    from hoiku_lib import morphology

    return any(
        a.word_class not in morphology.PROPER_CLASSES and a.base.casefold() in _PERSON_NOUNS
        for a in morphology.analyse(word)
    )


@lru_cache(maxsize=10_000)
def _place_surname(word: str) -> bool:
    """Whether Voikko reads ``word`` as a place whose name the lists give as a surname or as
    a name that is also a word ("Salolle": Salo), in a case other than in, into or from
    inside (the cases of a town, not a person)."""
    from hoiku_lib import morphology

    lex = name_lexicon()
    return any(
        a.word_class == morphology.PLACE
        and a.case not in _INTERIOR_CASES
        and (a.base.casefold() in lex.stop or a.base.casefold() in lex.last)
        for a in morphology.analyse(word)
    )


@lru_cache(maxsize=10_000)
def _partitive_only(word: str) -> bool:
    """Whether Voikko reads ``word`` only in the partitive ("Päiviä", "Riikkaa", "Intoa"): an
    object, never the genitive or the base form that heads an eponym's or a clinic's name
    ("Bergin testi", "Mäkisen vastaanotto"; round 10)."""
    from hoiku_lib import morphology

    analyses = morphology.analyse(word)
    if not analyses:  # a listed name Voikko does not know, its vowel doubled: "Mariyaa",
        # "Bogdania" (round 11)
        low = word.casefold()
        base = low[:-1] if low[-2:-1] in ("a", "ä", "e", "i", "o", "u", "y", "ö") else ""
        if low.endswith("ia") and len(low) > 4:
            base = base if base in _base_names() else low[:-2]
        return len(low) > 4 and low[-1] in "aä" and base in _base_names()
    return all(a.case == "osanto" for a in analyses)


def _initial_before(big: str, start: int) -> int | None:
    """Where an initial right before the word at ``start`` begins: "A. Laine", "A-L. Laine"
    or, written in haste without the space, "A.Laineelle" (round 10); None if there is none."""
    if _initial_at(big, start - 3):
        return start - 3
    for pos in (start - 5, start - 4):  # "A-L. Laine", "A-L.Laineelle": a double initial
        if (
            pos >= 0
            and big[pos] in _INITIAL_CHARS
            and big[pos + 1] == "-"
            and big[pos + 2] in _INITIAL_CHARS
            and big.startswith(". " if pos == start - 5 else ".", pos + 3)
            and (pos == 0 or big[pos - 1] in _BEFORE_INITIAL)
        ):
            return pos
    pos = start - 2
    if (
        pos >= 0
        and big[pos] in _INITIAL_CHARS
        and big[pos + 1] == "."
        and (pos == 0 or big[pos - 1] in _BEFORE_INITIAL)
    ):
        return pos
    return None


@lru_cache(maxsize=10_000)
def _place_as_surname(word: str) -> bool:
    """Whether Voikko reads ``word`` as a place in a case a person is in too (not in, into or
    from inside: "Salolle", "Peltola", "Lahden"; not "Salossa", "Lahteen"), so that after an
    initial or a first name it may be a surname (round 10; Finnish surnames are very often
    place names: Salo, Lahti, Rauma, Peltola)."""
    from hoiku_lib import morphology

    return any(
        a.word_class == morphology.PLACE
        and a.case not in _INTERIOR_CASES
        and a.case != "sisatulento"
        for a in morphology.analyse(word)
    )


@lru_cache(maxsize=200_000)
def _name_key(word: str) -> frozenset[str]:
    """The names a word form may stand for: Voikko's base forms of its first-name and
    surname readings, and the form itself ("Onnin" → {"onni", "onnin"})."""
    from hoiku_lib import morphology

    person = (morphology.FIRST_NAME, morphology.SURNAME)
    token = re.sub(r"(['’]s|:[a-zäö]+)$", "", word)
    bases = {a.base.casefold() for a in morphology.analyse(token) if a.word_class in person}
    return frozenset(bases | {token.casefold()})


def _name_strengths(
    big: str, starts: list[int], identifiers: tuple[int, ...] = ()
) -> dict[int, tuple[int, int, str]]:
    """Name spans of the joined notes: {word index: (start, end, strength)}.

    Every capitalised word is read once (cached per form); the rules then look only at
    the words with a name reading, the cues' followers and the signatures."""
    words = list(_WORD_RE.finditer(big))
    found: dict[int, tuple[int, int, str]] = {}
    lower: list[tuple[int, int, str]] = []  # names in small letters after a naming cue
    # (map over the unbound methods: no Python-level loop per word)
    reads = list(map(reading, map(_WORD_TEXT, words)))
    index = dict(zip(map(_WORD_START, words), count()))
    last = len(words) - 1
    cand = list(compress(count(), map(_NAMELIKE.__contains__, map(_KIND, reads))))
    begin_memo: dict[int, bool] = {}

    def begins(i: int) -> bool:
        pos = words[i].start()
        hit = begin_memo.get(pos)
        if hit is None:
            hit = begin_memo[pos] = _begins(big, pos)
        return hit

    thing_memo: dict[int, bool] = {}

    def index_before(end: int) -> int | None:
        """The capitalised word that ends at ``end``, if any."""
        i = bisect_right(words, end, key=_match_start) - 1
        return i if i >= 0 and words[i].end() == end else None

    def put(i: int, strength: str, start: int | None = None) -> None:
        thing = thing_memo.get(i)
        if thing is None:
            thing = thing_memo[i] = _names_a_thing(big, words, i)
        if thing:
            return  # "Hawkins-Kennedy ja Neer positiiviset", "Kotirobotti Jussi"
        old = found.get(i)
        if old is None or (old[2] == POSSIBLE and strength == STRONG):
            found[i] = (words[i].start() if start is None else start, words[i].end(), strength)

    # signatures: "Anna Virtanen /sh", "Veera, sh"
    for sig_start, sig_end, slash in _signatures(big):
        m = _SIGNED_NAME.search(big, max(0, sig_start - 64), sig_start)
        if not m:
            continue
        first = index.get(m.start(1))
        if first is None or words[first].group(0) in _CUE_SET:
            continue  # "Regards, nurse Laura": the greeting is no name
        ids = [first]  # "Anna Virtanen /sh", "Sari H., sh" (an initial after the name)
        if first < last and words[first + 1].end() <= m.end(1):
            ids.append(first + 1)
        elif (
            words[first].end() != m.end(1)
            and not big[words[first].end() : m.end(1)].strip(" .").isupper()
        ):
            continue
        rs = [reads[j] for j in ids]
        if len(ids) == 2 and (
            _first_then_place(rs[0], rs[1], words[ids[1]].group(0))
            or _first_then_place(rs[1], rs[0], words[ids[0]].group(0))
        ):
            rs = [r if r.kind != NOT_NAME else Reading(PROPER, last=True) for r in rs]
            # "Salo Into sh": the place's name is the surname, in either order (round 10)
        if all(r.kind != NOT_NAME for r in rs) and (
            slash or all(r.kind in _NAMELIKE for r in rs) or _SIGNATURE_END.match(big, sig_end)
        ):
            for j in ids:
                put(j, STRONG)
    # cues: "lääkäri Ojala", "nimeltä Kallio", "Terveisin Kaisa Mäki"
    for key_end, (cue, key_len) in _cue_automaton().iter(big):
        cue_start = key_end + 1 - key_len
        if cue_start and (big[cue_start - 1].isalnum() or big[cue_start - 1] == "_"):
            continue
        if cue[0] == "§":  # "Salo Into sh": a name and a bare title ending the line
            pair = _bare_signature(big, words, reads, index, cue_start)
            if pair is not None:
                put(pair, STRONG)
                put(pair + 1, STRONG)
            continue
        if cue[0] == "%":  # "paikalla veikko mäki ja tulkki": small names only (round 10)
            lower.extend((a, b, STRONG) for a, b, _ in _present_items(big, key_end, True))
            continue
        if cue[0] == "&":  # "Läsnä: asiakas, hannu, tulkki", "Närvarande: Mei, tolk"
            for start, end_, small in _present_items(big, key_end + 1):
                if small:
                    lower.append((start, end_, STRONG))
                elif (j := index.get(start)) is not None and reads[j].kind == UNKNOWN:
                    put(j, POSSIBLE)
            continue
        if cue[0] == "<":  # "svetlanan luona", "juho järvinen tulee"
            i = index_before(cue_start - 1)
            if i is None:
                lower.extend(_small_name_behind(big, cue_start - 1, cue[1:]))
            elif (
                reads[i].kind == UNKNOWN
                and (
                    cue[1:] in _WANTING_VERBS
                    or (cue[1:] == "tulee" and big.startswith("mukaan", key_end + 1))
                )
                and not _COMPOUND_HEAD.match(big, words[i].end())
            ):
                two = i and _adjacent(big, words[i - 1], words[i]) and reads[i - 1].kind == UNKNOWN
                first = i - 1 if two else i
                if not (begins(first) or big.endswith("että ", 0, words[first].start())):
                    continue
                # a word no dictionary knows opening a sentence before a verb of asking,
                # telling or wanting, or "tulee mukaan" (comes along): possibly a name
                # ("Sovittu, että Nipa tulee mukaan"); not before "soitti", "kävi", "tuli":
                # a home-care provider calls and comes too ("Medivida kävi")
                put(i, POSSIBLE)
                if two:
                    put(i - 1, POSSIBLE)
            continue
        if cue[0] == " ":  # "Sari von Knorring", "H. von Knorring", "herra af Hällström"
            hit = _particle_name(big, words, reads, index, cue_start, len(cue) - 1)
            if hit is not None:
                put(hit[0], STRONG, hit[1])
                if hit[2] is not None:
                    put(hit[2], STRONG)
                continue
            if cue != " el":
                continue
            cue = "el"  # "Asiakas toivoo el Hakalan vastaanottoa": the title
        if (
            len(cue) <= 5
            and cue not in ("kirj.", "Kirj.")
            and big[max(0, cue_start - 2) : cue_start] == ", "
        ):
            continue  # "Veera, sh Kertoo …": a signature, and the next sentence begins
        if cue in _ADDRESSING:  # "Yhteys Chaiwat Phrommalle"
            pos = cue_start + len(cue)
            adverb = _ADVERB.match(big, pos)  # "puhui paljon Anna-Liisasta"
            if adverb:
                pos = adverb.end()
            i = index.get(pos + 1)
            if i is not None and cue in _SPEAKING and _addressed_pair(big, words, reads, i):
                put(i, STRONG)
                put(i + 1, STRONG)
            elif i is not None and _addressed_one(
                words[i].group(0), reads[i], cue, big, words[i].end()
            ):
                put(i, STRONG)  # "Yhteys Marjaan on katkennut", "Asiakas luottaa Eetuun"
            elif i is None and big.startswith(" ", pos):
                lower.extend(_small_addressed(big, pos, cue))  # "Kysytty sannalta"
            continue
        follow = _CUE_FOLLOW.match(big, cue_start + len(cue))
        if follow is None:
            if cue in _NAMING:  # "yht.hlö heikki harju": a name written in small letters
                lower.extend(_small_name_after(big, cue_start + len(cue)))
            elif cue in _ROLES:  # "omainen aino järvelä": after a role only a full name
                small = _small_name_after(big, cue_start + len(cue), full=True)
                # or a first name that is nothing else as the sentence's last word
                # ("Kotona myös asiakkaan sisarus maricel."; "omainen toivoo soittoa" is none)
                lower.extend(small or _small_first_ending(big, cue_start + len(cue)))
            if cue in _TITLE_SET or cue in _ROLES:  # "herra forsmania", "omainen lindqvist"
                lower.extend(_small_surname_after(big, cue_start + len(cue)))
            if cue in _TITLE_SET:  # "kirj. antti r.": a signature's first name and initial
                lower.extend(_small_first_initial(big, cue_start + len(cue)))
            continue
        i = index.get(follow.end())
        lead = None  # "Hoitaja O. Lahti": an initial before the surname
        if (i is None or _is_double_initial(words[i].group(0))) and (
            initial := _INITIAL.match(big, follow.end())
        ):
            i, lead = index.get(initial.end()), follow.end()
        if i is None:
            continue
        end = words[i].end()
        if _COMPOUND_HEAD.match(big, end) and not _PERSON_HEAD.match(big, end):
            continue  # "omalle hoitajalle Maisa-viestillä": a service's message
        if big.startswith(("(", "["), end):
            continue  # "Äiti Rh(D)-neg": a code right before a bracket
        opened = follow.group(0).lstrip(" ,")[:1]  # ":" a note's content, "(" an aside
        if opened == ":" and _speaker_label(big, cue_start, cue) and _NEXT_WORD.match(big, end):
            continue  # "asiakas: Elisan liittymä ei toimi": a chat's speaker, then speech
            # (not "omainen: Toivo", a label whose value is the name)
        if (
            i < last
            # after "tulkki" an agency's name, unless two words no dictionary knows
            # ("Tulkkina Farhiya Nur", not "Tulkkina Tulkkauspalvelu Arabia")
            # ("Tulkkina toimi Ivana Horvat": a role too, a person acted as the interpreter)
            and (
                cue not in _AGENCY or cue in _ROLES or reads[i].kind == reads[i + 1].kind == UNKNOWN
            )
            and _full_name_after_cue(big, words, reads, i)
            and (not opened or reads[i].kind in _NAMELIKE or reads[i + 1].kind in _NAMELIKE)
        ):
            # "Lähiomainen: Usko Kokko"; with no name reading at all only possibly a name
            # ("Wife Ivana Horvat", but "Patient Reported Outcome")
            named = reads[i].kind in _NAMELIKE or reads[i + 1].kind in _NAMELIKE
            put(i, STRONG if named or cue in _NAMING else POSSIBLE, lead)
            put(i + 1, STRONG if named or cue in _NAMING else POSSIBLE)
            continue
        if opened == "(" and reads[i].kind not in _NAMELIKE:
            continue  # "hoitaja (Tyks)": the nurse's hospital
        if _institution_word(words[i].group(0)):
            continue  # "Potilas Terveystalo Kamppi kautta": a provider
        if cue not in _NAMING and big.startswith(" & ", words[i].end()):
            continue  # "Työnantaja Lassila & Tikanoja": a firm named after its founders
        if cue not in _NAMING and _place_after_cue(big, words[i], reads[i], cue):
            continue  # "Asiakas Helsingistä", "Potilas Ekenäs hälsostation kautta"
        strength = _cue_strength(reads[i], cue)
        if (
            strength is None
            and cue in _TITLE_SET
            and cue != "T."
            and not begins(i)
            and big[cue_start - 1 : cue_start] != "/"
            and _surname_as_word(words[i].group(0))
        ):
            strength = POSSIBLE  # "LL Kokko", "dr Ek": a title before a word in its base form
        if strength is None:
            continue
        if opened == ":" and cue not in _NAMING and reads[i].kind not in (SURE, PROPER):
            nxt = i + 1 <= last and _adjacent(big, words[i], words[i + 1])
            # (a first name, or a surname that is also a word: "Interpreter: Laine.")
            alone = (
                reads[i].first or (reads[i].last and reads[i].kind == AMBIGUOUS)
            ) and _LABEL_VALUE_END.match(big, words[i].end())
            if not (nxt and reads[i + 1].kind in _NAMELIKE) and not alone:
                continue  # "Asiakas: Suomalainen nainen"; "Asiakas: Aleksi Ojala" is a name,
                # and so is a first name that is the label's whole value ("Next of kin: Jukka.")
        put(i, strength, lead)
        if i < last and _adjacent(big, words[i], words[i + 1]):
            if reads[i + 1].kind != NOT_NAME or reads[i + 1].proper:
                put(i + 1, strength)
    for i in cand:
        r, m = reads[i], words[i]
        if i in found:
            continue
        end = m.end()
        start = m.start()
        # an initial before a surname: "Asiakas luottaa A. Laineeseen", "Samtal med P. Salo"
        if (
            r.last
            and (lead := _initial_before(big, start)) is not None
            and not _EPONYM_HEAD.match(big, end)
            and not _COMPOUND_HEAD.match(big, end)  # "B. Braun -pumppu": a maker's pump
        ):
            put(i, STRONG, lead)
        # a first name before an initial: "Lauri H., kotihoito"
        elif r.first and r.kind in (SURE, AMBIGUOUS) and _INITIAL_AFTER.match(big, end):
            put(i, STRONG)
        # an age or a relative after a name reading: "Onni (4 v)", "Toivon puoliso"
        elif _AGE_AFTER.match(big, end) or _PERSON_HEAD.match(big, end):
            put(i, STRONG)
        elif (  # a name alone in brackets after a relative: "Puolison kanssa (Anu)"
            r.kind != PROPER
            and m.start()
            and big[m.start() - 1] == "("
            and big.startswith(")", end)
            and _RELATIVE_BEFORE_BRACKET.search(big, max(0, m.start() - 40), m.start())
        ):
            put(i, STRONG if r.kind in (SURE, AMBIGUOUS) else POSSIBLE)
        elif _RELATIVE_AFTER.match(big, end) and r.kind != PROPER:
            put(i, STRONG if r.kind == SURE else POSSIBLE)
        # a person's verb at a sentence's start: "Onni tuli", "Sten sov gott"
        elif (
            r.kind in (SURE, AMBIGUOUS)
            and r.first
            and (verb := _PERSON_VERB.match(big, end))
            and begins(i)
        ):
            if r.kind == SURE:
                put(i, STRONG)
            elif verb.group(0).strip() in _WEAK_VERBS:
                pass  # "Tuuli oli kova", "Onni oli mukana"
            elif not _person_noun(m.group(0)):  # "Sisko asuu Ruotsissa": the sister does
                put(i, POSSIBLE)
        # a listed surname that is also a word, opening a sentence before a verb only a
        # person does: "Laine soitti", "Laine tuli hakemaan asiakkaan" (not "Laine tuli
        # rantaan": a wave) (round 11)
        elif (
            r.kind == AMBIGUOUS
            and r.last
            and not r.first
            and (verb := _PERSON_VERB.match(big, end))
            and (
                verb.group(0).strip() in _SURNAME_VERBS
                or (verb.group(0) == " tuli" and _GUIDED_TO.match(big, verb.end()))
            )
            and begins(i)
        ):
            put(i, POSSIBLE)
    # a place's name after an initial is a surname: "vastaus lähetetty H. Salolle", "–
    # L. Peltola" (round 10); only the words read as a place, a few a note
    for i in compress(count(), map(is_, reads, repeat(_NO_PROPER))):
        m = words[i]
        if i in found:
            continue
        if "." in big[m.start() - 2 : m.start()]:  # (a full stop first)
            lead = _initial_before(big, m.start())
        elif i and _titled_double_initial(big, words[i - 1], m.start()):
            lead = m.start() - 4  # "Sh J-P Lahti": a title, a double initial (round 11)
        else:
            continue
        if (
            lead is not None
            and _place_as_surname(m.group(0))
            and not _EPONYM_HEAD.match(big, m.end())
            and not _COMPOUND_HEAD.match(big, m.end())
        ):
            put(i, STRONG, lead)
    # a possessor before a relative: "Hannah Clarke's wife", "Tor Holms dotter"
    for pos in _possessor_positions(big):
        i = bisect_right(words, pos, key=_match_start) - 1
        if i < 0 or words[i].end() != pos:
            continue  # no capitalised word ends right before it
        m = words[i]
        if i not in found:
            strength = _possessor(big, words, reads, i)
            if strength is not None:
                put(i, strength)
                if i and _adjacent(big, words[i - 1], m) and reads[i - 1].kind != NOT_NAME:
                    put(i - 1, strength)
    # a person's identifier right after capitalised words: "Helmi Kokko (220976-489U)",
    # "Gun Store, tfn +358 …", "Usko Kokko, Vellamontie 35"
    if identifiers:
        for pos in identifiers:
            gap = _ID_GAP.search(big, max(0, pos - 32), pos)
            if gap is None:
                continue
            i = bisect_right(words, gap.start(), key=_match_start) - 1
            if i < 0 or words[i].end() != gap.start():
                # "esa ketola puh. 0500 736 090": a full name in small letters before a
                # label ("puh.", "tel"), tried only there
                if gap.end() - gap.start() > 2:
                    lower.extend(_small_name_before(big, gap.start()))
                continue
            chain = [i - 1, i] if i and _adjacent(big, words[i - 1], words[i]) else [i]
            if not any(reads[j].kind in (*_NAMELIKE, UNKNOWN) for j in chain):
                continue
            for j in chain:
                word = words[j].group(0)
                if word in _CUE_SET or _institution_word(word) or reads[j].proper:
                    continue
                if reads[j].kind != NOT_NAME or _surname_as_word(word):
                    put(j, STRONG)
    # first name + surname: a pair needs a name reading on one side at least
    pairs = sorted({j for i in cand for j in (i - 1, i) if 0 <= j < last})
    for i in pairs:
        if (
            _adjacent(big, words[i], words[i + 1])
            and _pair(reads[i], reads[i + 1], begins(i))
            and not (
                _EPONYM_HEAD.match(big, words[i + 1].end())
                and not _partitive_only(words[i + 1].group(0))  # "Matti Mäkeä vastaanotolle"
            )
            and not _EPONYM_HEAD.match(big, words[i].end())  # "Aurora Hospital"
            and not _institution_word(words[i].group(0))  # "Seniorboendet Björkbacka"
            and not _ends_in(_PLACE_BACK, words[i].group(0) + " ")  # "Hemkommun Laitila"
            and not _street_named_after(big, words[i + 1])  # "Aleksis Kiven kadulla"
        ):
            put(i, STRONG)
            put(i + 1, STRONG)
        elif (  # a first name and a surname Voikko knows only as a place, before a
            # person's verb: "Lyyli Marttila pyytää reseptejä"; a first name that is also a
            # word before a place's name too: "Jukka Lahti soitti" (round 10)
            reads[i].first
            and reads[i + 1].kind == NOT_NAME
            and reads[i + 1].proper
            and (
                reads[i].kind == SURE or _first_then_place(reads[i], reads[i + 1], words[i + 1][0])
            )
            and _adjacent(big, words[i], words[i + 1])
            and (verb := _PERSON_VERB.match(big, words[i + 1].end()))
            and verb.group(0).strip() not in _WEAK_VERBS
        ):
            put(i, STRONG)
            put(i + 1, STRONG)
        elif (  # a first name and a surname that is also a place, in a case a person is in
            # ("Lähete annettu Satu Salolle", not "Toivo Salossa": in a town)
            reads[i].first
            and reads[i].kind in (SURE, AMBIGUOUS)
            and reads[i + 1].kind == NOT_NAME
            and reads[i + 1].proper
            and _adjacent(big, words[i], words[i + 1])
            # at a sentence's start a first name that is also a verb is the verb ("Anna
            # Salolle …": give), one that is a noun a name ("Into Salolla on", round 10)
            and (reads[i].kind == SURE or not begins(i) or _no_verb(words[i].group(0)))
            and _place_surname(words[i + 1].group(0))
        ):
            put(i, STRONG)
            put(i + 1, STRONG)
    todo = [i for i, v in found.items() if v[2] == STRONG]
    while todo:  # "Oksana Maria Virtanen": a capitalised word beside a strong name
        i = todo.pop()
        for j in (i - 1, i + 1):
            if j < 0 or j > last or j in found or reads[j].kind == NOT_NAME:
                continue
            left, right = (j, i) if j < i else (i, j)
            if not _adjacent(big, words[left], words[right]):
                continue
            if j < i and begins(j) and not reads[i].last:
                continue  # "Saw Olga": a sentence's first word before a first name
            if reads[j].kind == UNKNOWN and j > i and not reads[i].first:
                continue  # "Virtanen Monday"
            put(j, STRONG)
            todo.append(j)
    # the same name again in the same note: "Onni (4 v) tuli … Onni oli pelännyt …"
    named: dict[tuple[int, str], bool] = {}
    for i, (_, _, strength) in found.items():
        if strength == STRONG:
            note = bisect_right(starts, words[i].start())
            for key in _name_key(words[i].group(0)):
                named[(note, key)] = True
    if named:
        for i in cand:
            if i not in found:
                note = bisect_right(starts, words[i].start())
                if any((note, key) in named for key in _name_key(words[i].group(0))):
                    put(i, STRONG)
    # a word on its own
    for i in cand:
        if i in found:
            continue
        r = reads[i]
        at_begin = begins(i)
        if not _lone_name(big, words, reads, i, at_begin):
            continue
        if r.kind == SURE:
            put(i, STRONG)
        elif not at_begin and r.kind != PROPER:
            put(i, POSSIBLE)
    # the names in small letters, under keys after the last word's
    found.update(enumerate(lower, start=len(words)))
    return found


# the result of clinical tests: "Hawkins-Kennedy ja Neer positiiviset", "Allen ja Jobe tehty"
_TEST_RESULT = re.compile(
    r"[ ](?:positiivi|negatiivi|normaal|symmetri|kivulia|tehty\b|tehtiin\b|tehdään\b|neg\b"
    r"|pos\b|positiv|negativ|normal|symmetric|painful|done\b|performed\b|gjord|utförd|u\.a\.)",
    re.IGNORECASE,
)
_AND = r"(?:,| ja| och| and| sekä| &)[ ]"
_TEST_PARTNER_AFTER = re.compile(rf"{_AND}[{_UP}][\w-]+")
_TEST_PARTNER_BEFORE = re.compile(rf"[{_UP}][\w-]+{_AND}$")
# a thing that bears a person's name: a storm, a robot, a pet ("Stormen Aila", "Kotirobotti
# Jussi", "koira Musti", "Ilmari-nimisen hirvikoiran"); in a compound too
_NAMED_THINGS = (
    r"koira|koiran|kissa|kissan|hevonen|hevosen|poni|kani|papukaija|robotti|robotin|myrsky"
    r"|myrskyn|orkaani|dog|cat|horse|pony|parrot|robot|storm|hurricane|typhoon|hund|hunden"
    r"|katt|katten|häst|hästen|stormen|orkanen|roboten"
)
_THING_BEFORE = re.compile(rf"(?i:{_NAMED_THINGS})[ ]$")
_THING_BACK = _backwards(_THING_BEFORE, "[ ]", "[ ]")
_THING_NAMED_AFTER = re.compile(rf"-nimi\w*[ ](?:[\w-]+[ ])?[\w-]*(?i:{_NAMED_THINGS})\b")
# a capitalised institution word after a run of names, inflected at most: "Niilo Mäki
# Instituutti", "… Instituutin" (not a longer word that merely starts so: "Koulumatka")
_INSTITUTION_NAMED = re.compile(
    r"(?:Instituut|Institut|Säätiö|Stiftelse|Foundation|Yliopisto|Universit|Koulu|Skola|School"
    r"|Sairaala|Sjukhus|Hospital|Klinik|Clinic|Center|Centre|Centret)[a-zåäö]{0,5}"
)
# English nouns that end or continue an organisation's or a service's name after a first
# name that opens it ("Job Market Finland", "Esko Health Services"), in their exact forms
# (not a longer word: "Marketta") (round 11)
_ORGANISATION_NOUNS = frozenset(
    "Market Markets Service Services Health Healthcare Care Group Network Agency Association"
    " Solutions Partners Consulting".split()
)
# a capitalised word coordinated with another that heads a record or a record system's noun:
# "Esko and the Kanta record", "Pegasos ja Kanta-järjestelmä" (round 11)
_RECORD_PARTNER_AFTER = re.compile(
    rf"[ ](?:and|ja|och|or|tai|eller)[ ](?:the[ ])?[{_UP}][\w]*[ -]"
    r"(?:records?|system|systems|järjestelmä\w*|journal\w*|tiedot|tietoihin|tiedoista)\b"
)

# a Swedish institution's noun in its definite form right after a capitalised word: the two
# are a hospital's or a clinic's name ("Maria akuten", "Malmska sjukhuset", "Aurora
# kliniken"; round 8)
_INSTITUTION_AFTER = re.compile(
    r"[ ](?:akuten|sjukhuset|kliniken|mottagningen|vårdcentralen|hälsocentralen)(?![\w])"
)


def _names_a_thing(big: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether a capitalised word names a thing however it reads: a clinical test
    coordinated with another before the tests' result ("Hawkins-Kennedy ja Neer
    positiiviset", "Schober ja Allen tehty"; not the surname of a full name), a storm, a
    robot or a pet after its noun or before "-niminen" and its noun, a hospital's name before
    a Swedish institution's noun ("Maria akuten"), or a person whose name,
    with the next one, heads an institution's name ("Niilo Mäki Instituutti"). Only for the
    words a rule has found (few a note)."""
    m = words[i]
    start, end = m.start(), m.end()
    partner = _TEST_PARTNER_AFTER.match(big, end)
    if (
        partner is not None
        and _TEST_RESULT.match(big, partner.end())
        and not (i and _adjacent(big, words[i - 1], m))  # "Patrick Holm ja Neer …": a person
    ):
        return True
    if _TEST_RESULT.match(big, end) and _TEST_PARTNER_BEFORE.search(big, max(0, start - 40), start):
        return True
    if _ends_in(_THING_BACK, big, max(0, start - 24), start) or _THING_NAMED_AFTER.match(big, end):
        return True
    if _INSTITUTION_AFTER.match(big, end):
        return True  # "Konsultation på Maria akuten": a hospital's name
    if _RECORD_PARTNER_AFTER.match(big, end):
        return True  # "reconciled against Esko and the Kanta record": a record system
    for j in (i + 1, i + 2):
        if j >= len(words) or not _adjacent(big, words[j - 1], words[j]):
            return False
        word = words[j].group(0)
        if _INSTITUTION_NAMED.fullmatch(word) or word in _ORGANISATION_NOUNS:
            return True  # "Niilo Mäki Instituutti", "Job Market Finland", "Esko Health
            # Services" (round 11)
    return False


def _lone_name(
    big: str, words: list[re.Match[str]], reads: list[Reading], i: int, begins: bool
) -> bool:
    """Whether a name-reading word with no cue and no name beside it may still be a name:
    not an eponym or an institution ("Murphy neg.", "Malmin laboratorioon", "Lea-taulu"),
    not a place's inessive ("Kivistössä"), not part of an organisation's or a product's name
    ("Työterveys Aalto", "Mannerheimin Lastensuojeluliitto", "Sara Stedyllä"), and, at a
    sentence's start, a name Voikko alone knows only before a Finnish word ("Neck pain")."""
    from hoiku_lib import morphology

    m, r = words[i], reads[i]
    word, end = m.group(0), m.end()
    if (_EPONYM_HEAD.match(big, end) and not _partitive_only(word)) or _SCORE_AFTER.match(big, end):
        return False  # "Murphy neg.", "Fagerström 5", "Apgar 8/9"; a partitive names no
        # test and no clinic: "Odotettiin Päiviä vastaanotolle" is a person (round 10)
    if _CLASS_AFTER.match(big, end) or big.startswith(("(", "["), end):
        return False  # "Salter-Harris II", "Garden I.", "Rh(D)-neg": a class or a code
    if word.endswith("n") and _head_after(big, end):
        return False  # "Bergin tasapainotesti", "Koskelan palvelukeskukseen"
    if r.kind != SURE and _place_case(word):
        return False  # "työkokeilu Koskella", "muuttanut Malmille": a place's local case
    if _COMPOUND_HEAD.match(big, end) and not _PERSON_HEAD.match(big, end):
        return False
    if (word.endswith(_LOCAL_END) and (not r.listed or _place_in(word))) or _interior_case(word):
        return False  # a place's or a thing's inside ("Kivistössä", "Renbasesta", "Hilkkaan")
    if r.listed and _listed_inessive(word):
        return False  # "sopimus Aavassa": in a clinic, not a person (Voikko knows no Aava)
    if begins and big.startswith(":", end) and not (r.listed and r.last and not r.first):
        return False  # a heading: "Axel: Neer neg." (sv shoulder); a listed surname and
        # nothing else is a person the line is about ("Hyvönen: lausunto pyydetty", round 9)
    if r.kind == SHAPED and _agreeing_noun(big, word, end):
        return False  # "lähete Palliatiiviselle yksikölle": an adjective before its noun
    if _thing_context(big, m.start(), end, r):
        return False
    if big.startswith(" & ", end) or big.endswith(" & ", 0, m.start()):
        return False  # "Lassila & Tikanoja", "Ernst & Young": a firm named after its founders
    after = words[i + 1] if i + 1 < len(words) else None
    if _street_named_after(big, m) or (
        after is not None and _adjacent(big, m, after) and _street_named_after(big, after)
    ):
        return False  # "Aleksis Kiven kadulla": a street named after a person
    if after is not None and _adjacent(big, m, after) and reads[i + 1].kind == NOT_NAME:
        if word.endswith("n") or r.kind != SURE:
            return False
    before = words[i - 1] if i > 0 else None
    if before is not None and reads[i - 1].vetoed and _adjacent(big, before, m):
        return False  # "Mehiläinen Runeberg", "Terveystalo Kamppi": a provider's unit
    if (
        before is not None
        and r.kind != SURE
        and _adjacent(big, before, m)
        and reads[i - 1].kind == NOT_NAME
        and "teonsana" not in morphology.word_classes(before.group(0))
    ):
        return False  # "Työterveys Aalto", but "Tapasin Hakolaisen" is a verb and a name
    if begins and r.kind == SURE and not r.listed:
        nxt = _NEXT_WORD.match(big, end)
        if nxt is None or not morphology.analyse(nxt.group(1)):
            return False
    return True


# the local cases by their endings: an adjective agrees with the noun after it
_CASE_OF_ENDING = {
    "lle": "ulkotulento", "lla": "ulkoolento", "llä": "ulkoolento", "lta": "ulkoeronto",
    "ltä": "ulkoeronto", "ssa": "sisaolento", "ssä": "sisaolento", "sta": "sisaeronto",
    "stä": "sisaeronto",
}  # fmt: skip


def _agreeing_noun(big: str, word: str, end: int) -> bool:
    """Whether a word shaped like a surname in -nen ("Palliatiiviselle") is an adjective in
    -inen: a noun in small letters follows it in the same local case ("yksikölle"), as an
    adjective agrees with its noun; a surname is seldom followed by one."""
    from hoiku_lib import morphology

    case = _CASE_OF_ENDING.get(word[-3:])
    if case is None or word[-5:-3] != "se":
        return False
    nxt = _NEXT_WORD.match(big, end)
    if nxt is None:
        return False
    return any(
        a.case == case and a.word_class == "nimisana" for a in morphology.analyse(nxt.group(1))
    )


def _listed_inessive(word: str) -> bool:
    """Whether ``word`` is a listed name in the inessive ("Aavassa", "Iiriksessä" in a
    place or a thing): the name's base with -ssa/-ssä, the case :func:`_interior_case`
    rejects for the names Voikko knows. A name whose base itself ends so (Vanessa) is not."""
    low = word.casefold()
    if not low.endswith(("ssa", "ssä")) or len(low) < 6:
        return False
    lex = name_lexicon()
    stem = low[:-3]
    return low not in _base_names() and (stem in lex.first or stem in lex.last)


@cache
def _base_names() -> frozenset[str]:
    """The listed names in their base form, lower case."""
    return frozenset(
        n.casefold() for n in _read_list("first_names.txt") + _read_list("surnames.txt")
    )


# a classification's Roman numeral after a word: "Salter-Harris II", "Killip I", "Garden
# III-IV" (not the English "I" of "told Maria I would")
_CLASS_AFTER = re.compile(
    r"[ ](?:I{1,3}|IV|VI{0,3}|IX|X)(?:[ ]?[-–/][ ]?(?:I{1,3}|IV|VI{0,3}))?"
    r"(?=\Z|[.,;:)\]\n]|[ ](?:tai|or|eller|ja|och|and)\b|[ ](?![A-Za-zÅÄÖåäö]))"
)
# the base form of a head noun that makes a genitive before it an eponym's or a place's:
# "Bergin tasapainotesti", "Koskelan palvelukeskus", "Malmin psykiatrian poliklinikka"
_HEAD_BASE = re.compile(
    r"(?:testi|koe|asteikko|mittari|merkki|ilmiö|refleksi|tauti|oireyhtymä|syndrooma|luokitus"
    r"|kriteeri|pisteet|menetelmä|leikkaus|murtuma|kysta|halvaus|pareesi|sairaala|klinikka"
    r"|keskus|koulu|päiväkoti|neuvola|vastaanotto|osasto|laboratorio|apteekki|kirkko"
    r"|seurakunta|yksikkö|toimisto|päivystys|alue|keskusta|kunta"
    r"|kaupunki|seutu"
    # a factory, a shop, an office, a company (round 8): "Lumenen tehtaalla", "Fazerin
    # myymälässä"
    r"|tehdas|myymälä|konttori|yhtiö"
    # a home, a house, a station, an office, services, rehabilitation only as a compound's
    # head ("palvelukoti", "terveysasema", "sosiaalitoimi", "kotihoitopalvelut"): "Virtasen
    # kotiin", "Matin toimesta", "Virtasen kuntoutus" are a person's
    r"|[a-zåäö]{3}(?:koti|talo|asema|toimi|palvelut|kuntoutus))$"
)
_LOWER_WORD = re.compile(r"[ ]([a-zåäö][a-zåäö-]+)")
_COORD_WORD = re.compile(rf"[ ](?:ja|tai|sekä|eller|och|or|and)[ ][{_UP}][\w-]*n(?=[ ])")


@lru_cache(maxsize=50_000)
def _head_noun(word: str) -> int:
    """2 when a lower-case word's base form ends in a head noun (tasapainotesti, poliklinikka,
    palvelukeskus), 1 when it is some other genitive (psykiatrian), 0 otherwise."""
    from hoiku_lib import morphology

    analyses = morphology.analyse(word)
    if any(_HEAD_BASE.search(a.base.casefold()) for a in analyses):
        return 2
    return 1 if any(a.case == "omanto" for a in analyses) else 0


def _head_after(big: str, end: int) -> bool:
    """Whether a head noun follows a genitive at ``end``, perhaps after a coordinated genitive
    ("Kivelän tai Koskelan sairaala") and one more genitive ("Malmin psykiatrian
    poliklinikalle")."""
    coord = _COORD_WORD.match(big, end)
    if coord:
        end = coord.end()
    for _ in range(2):
        nxt = _LOWER_WORD.match(big, end)
        if nxt is None:
            return False
        kind = _head_noun(nxt.group(1))
        if kind != 1:
            return kind == 2
        end = nxt.end()
    return False


_LOCAL_CASES = frozenset(
    {"sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "ulkoeronto", "ulkotulento"}
)


@lru_cache(maxsize=50_000)
def _place_case(word: str) -> bool:
    """Whether Voikko reads ``word`` as a place in a local case and gives no first-name
    reading ("Koskella", "Malmille": at or to a place; a surname reading alone, "Malm", is no
    match for the place and the ordinary word together)."""
    from hoiku_lib import morphology

    analyses = morphology.analyse(word)
    if not any(a.word_class == morphology.PLACE and a.case in _LOCAL_CASES for a in analyses):
        return False
    return not any(a.word_class == morphology.FIRST_NAME for a in analyses)


# a score or a count after a word: "Fagerström 5", "Apgar 8/9", "Medi-Heli 01", not an age
# ("Onni 4 v") nor a phone number's first group ("Virtanen 040 123 4567")
_SCORE_AFTER = re.compile(
    r"[ ](?:[1-9]\d{0,2}|0\d?)(?:[,.]\d+)?(?:/\d+)?(?:"
    r"[ ]?(?i:mg|µg|mcg|ml|g|ie|iu|mmol|tbl|kpl|krt|x|×)(?:\d|\b)"  # a dose: "Yasmin 3 mg"
    r"|(?![\w/]|[ -]?\d|[ ]?(?:v|vk|kk|vuotta|vuotias|vuotiaana|år|åå|mån|years?|yrs?|yo"
    r"|months?)\b))"
)
# the words that say a drug, not a person, is meant: "Yasmin lopetettu", "Has not taken
# Yasmin", "Yasmin utsatt"
_DRUG_AFTER = re.compile(
    r"[ ](?:lopetettu|lopetetaan|aloitettu|aloitetaan|tauotettu|tauolle|tauolla|jatkuu"
    r"|jatketaan|vaihdettu|käytössä|stopped|started|paused|continued|discontinued|restarted|utsatt|insatt|pausad"
    r"|påbörjad|avslutad|fortsätter)\b"
)
_DRUG_BEFORE = re.compile(
    r"(?:\b(?:taken|taking|took|take|ottanut|otettu|ottaa|käyttänyt|käyttää|tagit|tar|tog"
    r"|använder|lääkkeenä|medicin)[ ])$"
)
# the head of an institution's name before a capitalised word: "Palvelukoti Koivula",
# "palvelutalo Marjatta", "Seniorboendet Björkbacka", "Villa Linnea"
_INSTITUTION_BEFORE = re.compile(
    r"(?i:koti|talo|kodit|keskus|asema|sairaala|yksikkö|villa|hoito|hoiva|palvelut|apteekki"
    r"|boendet|boende|hemmet|hem|gården|huset|sjukhus|sjukhuset|centralen|mottagningen"
    r"|avdelningen|enheten|kliniken|apotek|apoteket|center|centre|care|house|lodge|residence"
    r"|pharmacy|clinic|ward|ryhmä|ryhmässä|ryhmään|ryhmästä|tiimi|gruppen|grupp|group"
    r"|team)[ ]$"
)
# a noun that says a place's name follows: "Kotikunta Kaarina", "asuinpaikka Koskela"
_PLACE_BEFORE = re.compile(
    r"(?i:kotikunta|asuinkunta|kunta|kaupunki|paikkakunta|asuinpaikka|kotipaikka"
    r"|syntymäpaikka|hemkommun|kommun|hemort|municipality|hometown|town|city)[:]?[ ]$"
)
_INSTITUTION_BACK = _backwards(_INSTITUTION_BEFORE, "[ ]", "[ ]")
_PLACE_BACK = _backwards(_PLACE_BEFORE, "[:]?[ ]", "[ ][:]?")
# "Kevan ja Varman", "Kanta och Aura", "Koskella ja Mäntsälässä": a word coordinated with a
# place, an organisation or a product is one; "i Aura", "på Aura": after a locative word
_COORDINATED_BEFORE = re.compile(rf"([{_UP}][\w-]+)(?:,| ja| och| and| &| sekä| tai| eller| or) $")
_COORDINATED_AFTER = re.compile(rf"(?:,| ja| och| and| &| sekä| tai| eller| or) ([{_UP}][\w-]+)")
_LOCATIVE_BEFORE = re.compile(r"(?:^|[ (])(?:i|på|från|in|at|from|via)[ ]$")
# a system or a channel is "in" or "via" something; a person, even one of an unambiguous
# name, is not ("results due in Esko", "e-remiss skickad via Hilkka", "i Esko")
_CHANNEL_BEFORE = re.compile(r"(?:^|[ (])(?:i|in|via)[ ]$")
# a run of capitalised words that ends in an organisation's form: "Veikko ja Lahja Hurstin
# Laupeudentyö ry", "Signe och Ane Gyllenbergs stiftelse"
_ORG_TAIL = re.compile(
    rf"(?:[ ](?:ja|och|and|&)?[ ]?[{_UP}][\w'’-]*){{0,5}}[ ](?i:ry|r\.y\.|rf|r\.f\.|oy|ab|ltd"
    r"|inc|säätiö|säätiön|stiftelse|stiftelsen|foundation|förening|yhdistys|liitto)\b"
)


# between a person's name and their identifier: "Name, 220976-489U", "Name (hetu …)",
# "Name, tfn …", "Name, Koivutie 3"
_ID_GAP = re.compile(
    r"(?:,[ ]?|[ ]?\([ ]?|[ ])(?:(?i:hetu|htun|henkilötunnus|personnummer|pnr|personal identity"
    r" code|identity code|tfn|tel|puh|puhelin|p|phone|mob|gsm|e-mail|email|sähköposti|s-posti"
    r"|e-post|osoite|address|adress)\.?:?[ ]?)?$"
)


def _speaker_label(big: str, cue_start: int, cue: str) -> bool:
    """Whether a role before a colon is a chat log's speaker label: in small letters at a
    line's start ("asiakas: ", "hoitaja: "). What follows is what that person wrote, and its
    first word opens a sentence: no name by the cue ("asiakas: Elisan liittymä ei toimi",
    checked by the caller: a word in small letters follows). A label of a record is
    capitalised ("Asiakas: Aleksi Ojala") and keeps its cue."""
    return (
        cue in _ROLES
        and cue not in _NAMING
        and cue.islower()
        and (cue_start == 0 or big[cue_start - 1] == "\n")
    )


def _full_name_after_cue(
    big: str, words: list[re.Match[str]], reads: list[Reading], i: int
) -> bool:
    """Two capitalised words side by side after a person's cue, neither a place, an
    organisation, a cue word or an institution's head and neither inflected in a local case:
    a first name and a surname, whatever Voikko reads them as ("Lähiomainen: Usko Kokko" —
    faith and bonfire —, "Wife Ivana Horvat")."""
    a, b = words[i], words[i + 1]
    if not _adjacent(big, a, b) or _EPONYM_HEAD.match(big, b.end()):
        return False
    for j, m in ((i, a), (i + 1, b)):
        word = m.group(0)
        place = (
            j == i + 1 and reads[j] is _NO_PROPER and _first_then_place(reads[i], reads[j], word)
        )
        if (reads[j].proper and not place) or word in _CUE_SET or _institution_word(word):
            return False
        if reads[j].kind == NOT_NAME and not _surname_as_word(word) and j == i + 1 and not place:
            return False
        if _COMPOUND_HEAD.match(big, m.end()):
            return False
    return True


@lru_cache(maxsize=10_000)
def _no_verb(word: str) -> bool:
    """Whether Voikko reads ``word`` as no verb ("Into", "Helmi"; not "Anna": give)."""
    from hoiku_lib import morphology

    return "teonsana" not in morphology.word_classes(word)


def _bare_signature(
    big: str, words: list[re.Match[str]], reads: list[Reading], index: dict[int, int], at: int
) -> int | None:
    """The first of two words that, with a short title after a space at ``at``, make up a
    line ("Salo Into sh", "Anna Virtanen th"): both read as names, or one as a first name and
    the other as a place's name (a surname, in either order; round 10). None otherwise."""
    if not at or big[at - 1] != " ":
        return None
    m = _SIGNED_NAME.search(big, max(0, at - 64), at)
    if m is None or not (m.start(1) == 0 or big[m.start(1) - 1] == "\n"):
        return None
    first = index.get(m.start(1))
    if first is None or first + 1 >= len(words) or words[first + 1].end() != m.end(1):
        return None
    a, b = reads[first], reads[first + 1]
    w1, w2 = words[first].group(0), words[first + 1].group(0)
    if w1 in _CUE_SET or w2 in _CUE_SET:
        return None
    if a.kind in _NAMELIKE and b.kind in _NAMELIKE:
        return first
    if _first_then_place(a, b, w2) or _first_then_place(b, a, w1):
        return first
    return None


def _first_then_place(a: Reading, b: Reading, word: str) -> bool:
    """Whether a listed first name and a word Voikko knows only as a place, in a case a
    person is in too, are a first name and a surname ("Kirjaaja: Jukka Lahti", "Salo Into
    sh"; Finnish surnames are often places: round 10)."""
    return (
        a.first
        and a.listed
        and a.kind in (SURE, AMBIGUOUS)
        and b is _NO_PROPER
        and _place_as_surname(word)
    )


@lru_cache(maxsize=50_000)
def _surname_as_word(word: str) -> bool:
    """Whether a capitalised word Voikko knows only as an ordinary word may still be a
    surname after a title: a noun or an abbreviation in its base form (Kokko, Ek, Lind),
    no verb and no inflected form ("sh Kertoo", "lääkäri Terveysasemalta")."""
    from hoiku_lib import morphology

    analyses = morphology.analyse(word)
    if not analyses:
        return False
    low = word.casefold()
    return all(
        a.word_class in ("nimisana", "lyhenne", "nimisana_laatusana") and a.base.casefold() == low
        for a in analyses
    )


def _institution_word(word: str) -> bool:
    """Whether a capitalised word is an institution's head ("Palvelukoti", "Seniorboendet",
    "Villa"), by its ending."""
    return _ends_in(_INSTITUTION_BACK, word + " ")


def _thing_context(big: str, start: int, end: int, r: Reading) -> bool:
    """Whether the words around a lone name-reading word say it names a thing: a drug's
    verbs ("Yasmin lopetettu"), an institution's head before it ("Palvelukoti Koivula"), an
    organisation's form after its run of words ("… Laupeudentyö ry"), and, for a word that
    is not only a name, a place or an organisation beside it ("Kevan ja Varman", "Kanta och
    Aura") or a locative before it ("i Aura")."""
    if _DRUG_AFTER.match(big, end) or _DRUG_BEFORE.search(big, max(0, start - 16), start):
        return True
    if _ends_in(_INSTITUTION_BACK, big, max(0, start - 16), start):
        return True
    if _ends_in(_PLACE_BACK, big, max(0, start - 20), start):
        return True  # "Kotikunta Kaarina", "hemkommun Laitila": the word names a place
    if _ORG_TAIL.match(big, end):
        return True
    possessor = big[end - 2 : end] in ("'s", "’s")  # "in Anna's room": a person's
    if not possessor and _CHANNEL_BEFORE.search(big, max(0, start - 5), start):
        return True
    if r.kind == SURE:
        return False
    if not possessor and _LOCATIVE_BEFORE.search(big, max(0, start - 6), start):
        return True
    for other in (
        _COORDINATED_BEFORE.search(big, max(0, start - 40), start),
        _COORDINATED_AFTER.match(big, end),
    ):
        if other is not None:
            o = reading(other.group(1))
            if o.kind == NOT_NAME or o.proper:  # "Wilma ja Helmi": a thing beside a thing
                return True
            if (
                r.kind == SHAPED
                and o.kind == UNKNOWN
                and _NOT_FINNISH_STEM.search(other.group(1).lower())
            ):
                # "Symbicortin ja Ventolinen": a word only shaped like a -nen surname beside
                # a foreign-spelt word no dictionary knows (a drug, a product) is one too
                return True
    return False


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    """The cue words, each with the character after it (a space, a colon or a comma), so
    that the scan stops only at whole words ("sh " but not "she")."""
    keys = {word + sep: (word, len(word) + 1) for word in _CUE_WORDS for sep in " :,"}
    # the particles with the space before them, so that the scan stops only at whole words
    # ("von " but not "hospital "): see _particle_name
    # (the value's word has the space too: "el" is a particle and a title, see _TITLE_SET)
    keys |= {" " + word + " ": (" " + word, len(word) + 1) for word in _PARTICLES}
    # the words after a person's name in a genitive ("svetlanan luona") and a person's verbs
    # after a name at a sentence's start ("marketta pitkänen soitti"), for the names in
    # small letters (_small_name_behind): the value's word starts with "<"
    keys |= {" " + word + sep: ("<" + word, len(word) + 1) for word in _BEHIND for sep in " .,"}
    # the labels of a list of who was present ("Läsnä: asiakas, hannu, tulkki"): "&"
    keys |= {label + ":": ("&" + label, len(label) + 1) for label in _cue_variants(_PRESENT)}
    keys |= {label + " ": ("%" + label, len(label) + 1) for label in _cue_variants(_PRESENT_BARE)}
    # a short title ending its line after a space ("Salo Into sh"): "§" (round 10); here, not
    # in the signature automaton, whose keys start with "/" or "," (a rare first byte)
    keys |= {
        form + "\n": ("§" + form, len(form) + 1)
        for title in _TITLE_WORDS
        if len(title) <= 3
        for form in {title, title.capitalize(), title.upper()}
    }
    return automaton(keys)


def _names(big: str, starts: list[int], texts: list[str], spans: list[list[Span]]) -> None:
    """Add the name spans of every note in ``big`` (the notes joined) to ``spans``."""
    ids = tuple(
        starts[n] + s.start
        for n, note in enumerate(spans)
        for s in note
        if s.kind in ("hetu", "phone", "email", "address")
    )
    found = _name_strengths(big, starts, ids)
    for i in sorted(found):
        start, end, strength = found[i]
        _add(spans, starts, "name", start, end, name=True, strength=strength)


def _add(
    spans: list[list[Span]],
    starts: list[int],
    kind: str,
    start: int,
    end: int,
    name: bool = False,
    strength: str = "strong",
) -> None:
    """Add a span found in the joined text to its note, unless it overlaps an earlier kind.

    Names are checked against the other kinds only (a name may touch a name), as before."""
    n = bisect_right(starts, start) - 1
    local = Span(kind, start - starts[n], end - starts[n], strength)
    note = spans[n]
    if note:
        others = [s for s in note if s.kind != "name"] if name else note
        if _overlaps(others, local.start, local.end):
            return
    note.append(local)


# The "shape" of a text: one byte per character, every digit 0 and every capital A. A
# pattern that must start with six digits (identity code) or two capitals and two digits
# (IBAN) then has a literal start in the shape, which sre finds many times faster than a
# character class; the real pattern is tried only there.
_SHAPE_TABLE = bytes(
    ord("0")
    if chr(i).isdigit() and i < 128
    else ord("A")
    if chr(i) in "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
    else i
    for i in range(256)
)
_HETU_ANCHOR = re.compile(rb"000000")
_IBAN_ANCHOR = re.compile(rb"AA00")
# where an address (_ADDRESS_RE: a capital, word characters, spaces, a digit) may start: a
# capital's shape with a run of anything that could be a word character or "-" (no space,
# line break, NUL or stop), spaces and a digit ("?": a character beyond Latin-1, perhaps a
# digit) after it; a superset of the starts, found far faster than with the capital's class
_ADDRESS_ANCHOR = re.compile(rb"A(?=[^ \n\x00.,;:()]*[ ]+[0?])")


def _shape(text: str) -> bytes:
    """One byte per character of ``text`` (latin-1; other characters become ?), classed."""
    return text.encode("latin-1", "replace").translate(_SHAPE_TABLE)


def _anchored(pattern: re.Pattern[str], anchor: re.Pattern[bytes], shape: bytes, text: str):  # noqa: ANN202
    """Leftmost non-overlapping matches of ``pattern`` that start where ``anchor`` occurs.

    The same as ``pattern.finditer(text)`` when every match starts with the anchor and a
    match cannot start inside an earlier anchor (the patterns' lookbehinds ensure it)."""
    last = 0
    for a in anchor.finditer(shape):
        if a.start() < last:
            continue
        m = pattern.match(text, a.start())
        if m:
            last = m.end()
            yield m


def detect_many(texts: list[str]) -> list[list[Span]]:
    """Every identifier of each text, non-overlapping, in reading order.

    Notes are scanned a block at a time as one string (:mod:`hoiku_lib.audit.blocks`)."""
    texts = ["" if t is None else str(t) for t in texts]
    return [spans for block in blocks(texts) for spans in _detect_block(block)]


def _detect_block(texts: list[str]) -> list[list[Span]]:
    spans: list[list[Span]] = [[] for _ in texts]
    if not any(texts):
        return spans
    big, starts = joined(texts)
    public = public_contacts()
    shape = _shape(big)
    for m in _anchored(_HETU_RE, _HETU_ANCHOR, shape, big):
        _add(spans, starts, "hetu", m.start(), m.end())
    for m in _anchored(_IBAN_RE, _IBAN_ANCHOR, shape, big):
        raw = m.group(1)
        compact = raw.replace(" ", "")
        if iban_ok(raw) or (compact.startswith("FI") and len(compact) == 18):
            _add(spans, starts, "iban", m.start(), m.end())
    for m in _EMAIL_DOMAIN.finditer(big):
        local = _EMAIL_LOCAL.search(big, max(0, m.start() - 64), m.start())
        if local and big[local.start() : m.end()].lower() not in public.emails:
            _add(spans, starts, "email", local.start(), m.end())
    for m in _PHONE_RE.finditer(big):
        raw = m.group(0)
        if (raw[0] == "+" and not raw.startswith("+358")) or raw.startswith("00"):
            digits = _digits(raw.replace("(0)", "", 1))
            if raw[0] == "0":
                digits = digits[2:]  # "00372 …": the plus written as 00
            if foreign_phone(digits) and not _service_cue(big, m.start()):
                _add(spans, starts, "phone", m.start(), m.end())
            continue
        digits = _normal_phone(raw)
        if (
            6 <= len(digits) <= 12
            and digits not in public.phones
            and not _service_number(big, m.start(), digits)
        ):
            _add(spans, starts, "phone", m.start(), m.end())
    for m in _anchored(_ADDRESS_RE, _ADDRESS_ANCHOR, shape, big):
        word = m.group(0).split(" ", 1)[0]
        if (
            len(word) > 3
            and not _NOT_HOUSE_NUMBER.match(big, m.end())
            and (
                street_word(word)
                or _POSTCODE_AFTER.match(big, m.end())
                or _ends_in(_ADDRESS_CUE_BACK, big, max(0, m.start() - 24), m.start())
            )
        ):
            _add(spans, starts, "address", _street_start(big, m.start(), word), m.end())
    _names(big, starts, texts, spans)
    return [_merged(note) if note else note for note in spans]


def _merged(spans: list[Span]) -> list[Span]:
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            continue
        merged.append(s)
    return merged


def detect(text: str) -> list[Span]:
    """Every identifier in ``text``, non-overlapping, in reading order."""
    return detect_many([text])[0] if text else []


# The masks the core writes: one neutral token per kind, the same in every language, of a
# form no note holds ("ǂ" is a click letter of southern Africa). Each is one word of letters
# in brackets, as the localised masks were, so the disclosure patterns' gaps and the word
# model (which blanks any "[…]") read it exactly as before. Only where text is shown does
# :func:`render_masks` put the reader's language in ("[ǂname]" → fi "[NIMI]", sv "[NAMN]").
MASKS: dict[str, str] = {kind: f"[ǂ{kind}]" for kind in (*KINDS, POSSIBLE_NAME)}
_MASK_RE = re.compile(r"\[ǂ(" + "|".join(sorted(MASKS, key=len, reverse=True)) + r")\]")


@cache
def mask_tokens(lang: str) -> dict[str, str]:
    """The mask of each kind as shown to a reader of ``lang``, e.g. fi ``[HETU]``."""
    from hoiku_lib.i18n import t

    return {kind: t(f"audit.mask.{kind}", lang) for kind in MASKS}


def render_masks(text: str, lang: str) -> str:
    """``text`` with the core's neutral masks (:data:`MASKS`) in the reader's language:
    called only where text is shown (report, workbook, findings.csv, CLI, the page)."""
    if not text or "[ǂ" not in text:
        return text
    tokens = mask_tokens(lang)
    return _MASK_RE.sub(lambda m: tokens[m.group(1)], text)


def mask_key(text: str) -> str:
    """``text`` masked as a name of a unit or service: every identifier, but of the
    capitalised words only unambiguous names ("Päivystys Pohjoinen", "Terveysasema Kallio"
    stay as they are)."""
    spans = [
        s for s in detect(text) if s.kind != "name" or reading(text[s.start : s.end]).kind == SURE
    ]
    return mask(text, spans)


def mask(text: str, spans: list[Span] | None = None) -> str:
    """``text`` with every detected identifier replaced by its neutral mask (:data:`MASKS`)."""
    if not text:
        return text
    spans = detect(text) if spans is None else spans
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for s in spans:
        out.append(text[pos : s.start])
        out.append(MASKS[s.kind])
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
