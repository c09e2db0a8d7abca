"""Detect and mask direct identifiers in free text.

The guide (IV.rec) asks that a record hold only what the care relationship needs, so a note
that carries a personal identity code, a personal phone number, an e-mail, a bank account, a
street address or a name is a finding. Every output of the audit shows such text only
through :func:`mask`. Names are best effort: they come from bundled synthetic lists of names
common in Finland plus context cues (a signature after "Terveisin", "/sh", "lääkäri X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hoiku_lib.content import DATA_DIR, load_content

KINDS: tuple[str, ...] = ("hetu", "iban", "email", "phone", "address", "name")
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
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
# Finnish phone numbers as people write them: +358 40 123 4567, 040-123 4567, (09) 123 456.
_PHONE_RE = re.compile(
    r"(?:\+(?<![\w+.,/:].)358[ -]?\(?0?\)?[ -]?[1-9]\d{0,2}"
    r"|\((?<![\w+.,/:].)0\d{1,2}\)"
    r"|0(?<![\w+.,/:].)[1-9]\d{0,2})"
    r"(?:[ -]?\d{2,4}){1,4}"
    r"(?![\w.,/:]\d|\w)"
)
_STREET_STEMS = (
    "tie|tiellä|tiel|tien|tietä|katu|kadu|kuja|kuj|polku|polu|väylä|väyl|rinne|rintee"
    "|gatan|gata|vägen|väg|kaari|kaare|raitti|raiti|tanhua|puisto"
)
# A capitalised word followed by a house number; the word must end in a street stem
# (Koivukujalla 3 B 12, Storgatan 5). Two steps: sre finds "Word 12" quickly, then the stem.
_ADDRESS_RE = re.compile(
    r"[A-ZÅÄÖ](?<![\w].)[\wåäöÅÄÖ-]*[ ]+\d{1,4}(?:[ ]?[A-Za-z](?![\w]))?(?:[ ]+\d{1,3}(?![\w.]))?"
)
_STREET_END = re.compile(r"(?:" + _STREET_STEMS + r")[a-zåäö]*$")
_WORD_RE = re.compile(r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?(?:['’]s|:[a-zäö]+)?(?![\w])")
# A cue word right before a capitalised word marks it as a name ("lääkäri Ojala",
# "Terveisin Kaisa", "nurse Laura"). Checked on the few characters before each capitalised
# word, which is much cheaper than scanning every note for every cue.
_CUE_TAIL = re.compile(
    r"(?:^|[^\wåäö])(?:[Tt]erveisin|T\.|[Hh]älsningar|hälsning|[Rr]egards|[Ll]ääkäri|[Hh]oitaja"
    r"|sairaanhoitaja|terveydenhoitaja|[Ss]h|[Ll]äkare|sjuksköterska|[Nn]urse|[Dd]r\.?|tulkki"
    r"|tolk|interpreter|sosiaalityöntekijä|socialarbetare|social worker|asiakas|patient"
    r"|potilas|klient|client)[,:]?[ ]+$"
)
_CUE_AFTER = re.compile(
    r"([A-ZÅÄÖ][a-zåäöé]+(?:[ ][A-ZÅÄÖ][a-zåäöé]+)?)[ ]?,?[ ]?/[ ]?"
    r"(?i:sh|th|lääk|lääkäri|sost|ssh|shv|ssk|läk|rn|md)\b",
)
_SENTENCE_START = re.compile(r"(?:[.!?:\n\"]\s*|\s-\s+)$")


@dataclass(frozen=True)
class Span:
    """One detected identifier: its kind and where it sits in the text."""

    kind: str
    start: int
    end: int


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
        for c in ("in", "ia", "iä", "ille", "illa", "illä", "ilta", "iltä", "issa", "ista"):
            forms.add(base + c)
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
    """Surface forms of bundled names → whether the name is ambiguous at sentence start."""

    first: dict[str, bool]
    last: dict[str, bool]
    not_names: re.Pattern[str] | None = None  # stems of places, organisations, brands …


@cache
def name_lexicon() -> NameLexicon:
    """Build the inflected name lexicon once per process."""
    stop = {w.lower() for w in _read_list("name_stoplist.txt")}
    first: dict[str, bool] = {}
    last: dict[str, bool] = {}
    for name in _read_list("first_names.txt"):
        for form in inflections(name):
            first[form] = name.lower() in stop
    for name in _read_list("surnames.txt"):
        for form in inflections(name):
            last[form] = name.lower() in stop
    stems = sorted({w.lower() for w in _read_list("proper_nouns_not_names.txt")})
    not_names = re.compile("|".join(re.escape(w) for w in stems)) if stems else None
    return NameLexicon(first, last, not_names)


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


_SURNAME_SHAPE = re.compile(
    r"^[a-zåäö]{2,}[aeiouyäö](?:nen|sen|selle|sella|sellä|selta|seltä|sesta|sestä|sessa|sessä"
    r"|seen)$"
)


NAME, AMBIGUOUS, WEAK = "name", "ambiguous", "weak"


def _lexicon_hit(lex: NameLexicon, word: str) -> str | None:
    """How much a capitalised word looks like a personal name.

    NAME: on the name lists; AMBIGUOUS: on the lists but also an ordinary word, or shaped
    like a Finnish surname (Halonen, Halosen …); WEAK: some other proper noun that is no
    known place, organisation or brand (e.g. an unlisted foreign name); None: not a name.
    """
    token = word.lower()
    if "'" in token or "’" in token or ":" in token:
        token = re.sub(r"(['’]s|:[a-zäö]+)$", "", token)
    parts = token.split("-")
    if all(p in lex.first or p in lex.last for p in parts):
        ambiguous = any(lex.first.get(p, False) or lex.last.get(p, False) for p in parts)
        return AMBIGUOUS if ambiguous else NAME
    if "-" in token:
        return None
    if _SURNAME_SHAPE.search(token):
        return AMBIGUOUS
    if len(token) >= 3 and lex.not_names is not None and not lex.not_names.match(token):
        return WEAK
    return None


def _names(text: str, taken: list[Span]) -> list[Span]:
    lex = name_lexicon()
    found: list[Span] = []
    if "/" in text:
        for m in _CUE_AFTER.finditer(text):
            found.append(Span("name", m.start(1), m.end(1)))
    words = list(_WORD_RE.finditer(text))
    known = [_lexicon_hit(lex, m.group(0)) for m in words]
    for i, m in enumerate(words):
        tail = text[max(0, m.start() - 32) : m.start()]
        if tail.endswith(" ") and _CUE_TAIL.search(tail):
            found.append(Span("name", m.start(), m.end()))
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and nxt.start() - m.end() == 1:
                found.append(Span("name", nxt.start(), nxt.end()))
            continue
        hit = known[i]
        if hit is None:
            continue
        # beside a listed or surname-shaped name ("Oksana Virtanen", "Iiris Halonen")
        paired = any(
            0 <= j < len(words)
            and known[j] in (NAME, AMBIGUOUS)
            and (words[j].start() - m.end() if j > i else m.start() - words[j].end()) == 1
            for j in (i - 1, i + 1)
        )
        # a capitalised word at a sentence start may be an ordinary word
        if hit == NAME or paired or not _at_start(text, m.start()):
            found.append(Span("name", m.start(), m.end()))
    return [s for s in found if not _overlaps(taken, s.start, s.end)]


def _at_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins a sentence (or the text)."""
    return not text[:pos].strip() or bool(_SENTENCE_START.search(text[max(0, pos - 4) : pos]))


def detect(text: str) -> list[Span]:
    """Every identifier in ``text``, non-overlapping, in reading order."""
    if not text:
        return []
    public = public_contacts()
    spans: list[Span] = []
    for m in _HETU_RE.finditer(text):
        spans.append(Span("hetu", m.start(), m.end()))
    for m in _IBAN_RE.finditer(text):
        raw = m.group(1)
        compact = raw.replace(" ", "")
        if iban_ok(raw) or (compact.startswith("FI") and len(compact) == 18):
            if not _overlaps(spans, m.start(), m.end()):
                spans.append(Span("iban", m.start(), m.end()))
    for m in _EMAIL_RE.finditer(text) if "@" in text else ():
        if m.group(0).lower() not in public.emails and not _overlaps(spans, m.start(), m.end()):
            spans.append(Span("email", m.start(), m.end()))
    for m in _PHONE_RE.finditer(text):
        digits = _normal_phone(m.group(0))
        if not 6 <= len(digits) <= 12 or digits in public.phones:
            continue
        if not _overlaps(spans, m.start(), m.end()):
            spans.append(Span("phone", m.start(), m.end()))
    for m in _ADDRESS_RE.finditer(text):
        word = m.group(0).split(" ", 1)[0]
        if (
            len(word) > 1
            and _STREET_END.search(word[1:])
            and not _overlaps(spans, m.start(), m.end())
        ):
            spans.append(Span("address", m.start(), m.end()))
    spans.extend(_names(text, spans))
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            continue
        merged.append(s)
    return merged


def mask_tokens(lang: str) -> dict[str, str]:
    """Localised mask for each kind, e.g. fi ``[HETU]``."""
    from hoiku_lib.i18n import t

    return {kind: t(f"audit.mask.{kind}", lang) for kind in KINDS}


def mask(text: str, lang: str = "fi", spans: list[Span] | None = None) -> str:
    """``text`` with every detected identifier replaced by its localised mask."""
    if not text:
        return text
    spans = detect(text) if spans is None else spans
    if not spans:
        return text
    tokens = mask_tokens(lang)
    out: list[str] = []
    pos = 0
    for s in spans:
        out.append(text[pos : s.start])
        out.append(tokens[s.kind])
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
