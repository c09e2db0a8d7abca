"""Detect and mask direct identifiers in free text.

The guide (IV.rec) asks that a record hold only what the care relationship needs, so a note
that carries a personal identity code, a personal phone number, an e-mail, a bank account, a
street address or a name is a finding. Every output of the audit shows such text only
through :func:`mask`. Names are best effort: they come from bundled synthetic lists of names
common in Finland plus context cues (a signature after "Terveisin", "/sh", "lääkäri X").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import ahocorasick

from hoiku_lib.audit.blocks import automaton, blocks, joined
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
# E-mail in two steps: the domain from each "@" (sre skips ahead to a literal first
# character), then the local part back from it.
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
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
# Cue words: a capitalised word right after one is a name ("lääkäri Ojala", "Terveisin
# Kaisa", "nurse Laura"). Found with one Aho-Corasick scan of the chunk, then checked here.
_CUE_WORDS = (
    (
        "Terveisin terveisin T. Hälsningar hälsningar hälsning Regards regards Lääkäri lääkäri"
        " Hoitaja hoitaja sairaanhoitaja terveydenhoitaja Sh sh Läkare läkare sjuksköterska Nurse"
        " nurse Dr Dr. dr dr. tulkki tolk interpreter sosiaalityöntekijä socialarbetare"
        " social_worker asiakas patient potilas klient client"
    )
    .replace("_", " ")
    .split(" ")
)
# "Terveisin, Kaisa" but not "sh: Kuvaa painajaisia" (a colon opens the note's content)
_CUE_FOLLOW = re.compile(r",?[ ]+(?=[A-ZÅÄÖ])")
# A signature after a name: "Anna Virtanen /sh", "Ojala, /lääk", "Iiris, sh". Found from
# the "/" or ", " back. After a comma, the word must be a listed name or the signature must
# end its sentence ("Kipua, sh arvioi" is no signature).
_TITLES = r"(?i:sh|th|lääk|lääkäri|sost|ssh|shv|ssk|läk|rn|md)\b"
# two scans, each starting with a literal that sre can skip ahead to
_SIGNATURES = (re.compile(r"/[ ]?" + _TITLES), re.compile(r", " + _TITLES))
_SIGNATURE_END = re.compile(r"\.?(?:\Z|[ ]*(?:\n|[A-ZÅÄÖ]))")
_SIGNED_NAME = re.compile(r"([A-ZÅÄÖ][a-zåäöé]+(?:[ ][A-ZÅÄÖ][a-zåäöé]+)?)[ ]?,?[ ]?$")
_SENTENCE_BEGIN = re.compile(
    r"[.!?:\n\"”“„«»'‘’-](?:(?<=-)(?<=\s-)\s{1,2}|(?<!-)\s{0,3})(?=[A-ZÅÄÖ])"
)


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
    stems = {w.lower() for w in _read_list("proper_nouns_not_names.txt")}
    stems |= _organisation_stems()
    stems = sorted(stems)
    not_names = re.compile("|".join(re.escape(w) for w in stems)) if stems else None
    return NameLexicon(first, last, not_names)


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


@lru_cache(maxsize=200_000)
def _word_hit(word: str) -> str | None:
    """:func:`_lexicon_hit` for one capitalised word, memoised: notes repeat their words."""
    return _lexicon_hit(name_lexicon(), word)


def _surname_like(word: str) -> bool:
    """A listed surname, or shaped like a Finnish one (Halonen, Halosen)."""
    token = word.lower()
    return token in name_lexicon().last or bool(_SURNAME_SHAPE.search(token))


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    return automaton({word: len(word) for word in _CUE_WORDS})


def _cued(big: str) -> set[int]:
    """Positions where a capitalised word follows a cue word (and its , : and spaces)."""
    cued: set[int] = set()
    for end, length in _cue_automaton().iter(big):
        start = end + 1 - length
        if start and (big[start - 1].isalnum() or big[start - 1] == "_"):
            continue
        if big[max(0, start - 2) : start] == ", ":  # "Veera, sh Kertoo …": a signature, and
            continue  # the next capitalised word begins the next sentence
        m = _CUE_FOLLOW.match(big, end + 1)
        if m:
            cued.add(m.end())
    return cued


def _names(big: str, starts: list[int], texts: list[str], spans: list[list[Span]]) -> None:
    """Add the name spans of every note in ``big`` (the notes joined) to ``spans``."""
    for sig in (s for pattern in _SIGNATURES for s in pattern.finditer(big)):
        m = _SIGNED_NAME.search(big, max(0, sig.start() - 64), sig.start())
        hits = [_word_hit(w) for w in m.group(1).split(" ")] if m else [None]
        if None not in hits and (
            sig.group(0).startswith("/")
            or all(h in _STRONG for h in hits)
            or _SIGNATURE_END.match(big, sig.end())
        ):
            _add(spans, starts, "name", m.start(1), m.end(1), name=True)
    # where a cue word ends and a capitalised word begins, and where sentences begin
    cued = _cued(big)
    begins = {m.end() for m in _SENTENCE_BEGIN.finditer(big)}
    begins.update(s + len(t) - len(t.lstrip()) for s, t in zip(starts, texts, strict=True))
    words = list(_WORD_RE.finditer(big))
    known = [_word_hit(m.group(0)) for m in words]
    titles = _titles(words, known, big)
    last = len(words) - 1
    for i, m in enumerate(words):
        start = m.start()
        if start in cued:
            _add(spans, starts, "name", start, m.end(), name=True)
            if i < last and words[i + 1].start() - m.end() == 1:
                _add(spans, starts, "name", words[i + 1].start(), words[i + 1].end(), name=True)
            continue
        hit = known[i]
        if hit is None or i in titles:
            continue
        # a capitalised word at a sentence start may be an ordinary word, unless it is a
        # listed name or stands before a surname ("Oksana Virtanen", "Iiris Halonen"); a
        # first name after it makes it no name ("Saw Olga", "Tapasin Olgan")
        if (
            hit != NAME
            and start in begins
            and not (
                i < last
                and known[i + 1] in _STRONG
                and words[i + 1].start() - m.end() == 1
                and _surname_like(words[i + 1].group(0))
            )
            and not (i > 0 and known[i - 1] in _STRONG and start - words[i - 1].end() == 1)
        ):
            continue
        _add(spans, starts, "name", start, m.end(), name=True)


_STRONG = (NAME, AMBIGUOUS)


def _titles(words: list[re.Match[str]], known: list[str | None], big: str) -> set[int]:
    """Words in a run of three or more capitalised words of which none is a listed or
    surname-shaped name: a title ("Mental Health Act", "Human Trafficking Unit"), no person."""
    titles: set[int] = set()
    run: list[int] = []
    for i, m in enumerate(words + [None]):
        if run and (
            m is None or m.start() - words[run[-1]].end() != 1 or big[m.start() - 1] != " "
        ):
            if len(run) >= 3 and not any(known[j] in _STRONG for j in run):
                titles.update(run)
            run = []
        if m is not None:
            run.append(i)
    return titles


def _add(
    spans: list[list[Span]],
    starts: list[int],
    kind: str,
    start: int,
    end: int,
    name: bool = False,
) -> None:
    """Add a span found in the joined text to its note, unless it overlaps an earlier kind.

    Names are checked against the other kinds only (a name may touch a name), as before."""
    n = bisect_right(starts, start) - 1
    local = Span(kind, start - starts[n], end - starts[n])
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
        digits = _normal_phone(m.group(0))
        if 6 <= len(digits) <= 12 and digits not in public.phones:
            _add(spans, starts, "phone", m.start(), m.end())
    for m in _ADDRESS_RE.finditer(big):
        word = m.group(0).split(" ", 1)[0]
        if len(word) > 1 and _STREET_END.search(word[1:]):
            _add(spans, starts, "address", m.start(), m.end())
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


@cache
def mask_tokens(lang: str) -> dict[str, str]:
    """Localised mask for each kind, e.g. fi ``[HETU]``."""
    from hoiku_lib.i18n import t

    return {kind: t(f"audit.mask.{kind}", lang) for kind in KINDS}


@cache
def _mask_swap(src: str, dst: str) -> tuple[re.Pattern[str], dict[str, str]]:
    old, new = mask_tokens(src), mask_tokens(dst)
    table = {old[k]: new[k] for k in old}
    return re.compile("|".join(re.escape(x) for x in sorted(table, key=len, reverse=True))), table


def translate_masks(text: str, src: str, dst: str) -> str:
    """``text`` with the masks of language ``src`` (``[NIMI]``) in language ``dst``."""
    if src == dst or "[" not in text:
        return text
    pattern, table = _mask_swap(src, dst)
    return pattern.sub(lambda m: table[m.group(0)], text)


def mask_key(text: str, lang: str = "fi") -> str:
    """``text`` masked as a name of a unit or service: every identifier, but only the
    capitalised words that are listed names ("Päivystys Pohjoinen" stays as it is)."""
    spans = [
        s for s in detect(text) if s.kind != "name" or _word_hit(text[s.start : s.end]) == NAME
    ]
    return mask(text, lang, spans)


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
