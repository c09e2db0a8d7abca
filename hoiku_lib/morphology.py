"""Finnish word forms from Voikko: base forms and the dictionary's word classes.

Finnish inflects: "velan", "velasta" and "velka" are one word, and "Kalliossa" may be a
district (paikannimi) or a surname. The audit tells personal names from clinical vocabulary
by Voikko's classes, and the reference card searches by base form. Voikko comes from Debian
(``libvoikko1`` + ``voikko-fi``, installed by ``./dev``) with the ``libvoikko`` binding; when
it is missing, :func:`analyser` raises :class:`VoikkoMissingError` with a plain instruction,
so nothing silently runs weaker.

Analyses are cached per word form: clinical text repeats its words, and one Voikko call
costs about 20 µs.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

# Voikko's CLASS values (Finnish words, as Voikko reports them)
FIRST_NAME = "etunimi"
SURNAME = "sukunimi"
PLACE = "paikannimi"
OTHER_PROPER = "nimi"  # trade names, organisations, titles …
PROPER_CLASSES = frozenset({FIRST_NAME, SURNAME, PLACE, OTHER_PROPER})

_lock = threading.Lock()
_voikko: object | None = None


class VoikkoMissingError(RuntimeError):
    """Voikko or its Finnish dictionary is not installed."""


@dataclass(frozen=True)
class Analysis:
    """One reading of a word form: its base form, Voikko's word class and the base forms of
    its compound parts ("koivukujalla" → ("koivu", "kuja")): a street name ends in a street
    word as a part of its own, a common noun may merely end in the same letters."""

    base: str
    word_class: str
    parts: tuple[str, ...] = ()
    case: str = ""  # Voikko's SIJAMUOTO: "sisaolento" (inessive), "omanto" (genitive) …


_PART = re.compile(r"\(([^()]*)\)")


def analyser() -> object:
    """The process's Voikko instance (created once); raises VoikkoMissingError."""
    global _voikko
    if _voikko is None:
        with _lock:
            if _voikko is None:
                try:
                    import libvoikko
                except ImportError as exc:  # the binding is a declared dependency
                    raise VoikkoMissingError("libvoikko") from exc
                try:
                    _voikko = libvoikko.Voikko("fi")
                except (OSError, libvoikko.VoikkoException) as exc:
                    raise VoikkoMissingError("voikko-fi") from exc
    return _voikko


def available() -> bool:
    """True when Voikko and its Finnish dictionary can be loaded."""
    try:
        analyser()
    except VoikkoMissingError:
        return False
    return True


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Every reading Voikko gives ``word`` (empty for a word it does not know)."""
    voikko = analyser()
    with _lock:  # libvoikko handles are not thread-safe
        raw = voikko.analyze(word)  # type: ignore[attr-defined]
    seen: list[Analysis] = []
    for reading in raw:
        parts = tuple(_PART.findall(reading.get("WORDBASES") or ""))
        item = Analysis(
            reading.get("BASEFORM", word),
            reading.get("CLASS", ""),
            parts,
            reading.get("SIJAMUOTO", ""),
        )
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def base_forms(word: str) -> frozenset[str]:
    """Lower-case base forms of ``word``; the word itself when Voikko does not know it."""
    forms = {a.base.casefold() for a in analyse(word)}
    return frozenset(forms or {word.casefold()})


def word_classes(word: str) -> frozenset[str]:
    """Voikko's classes of ``word`` (e.g. {"sukunimi", "nimisana"} for "Kallio")."""
    return frozenset(a.word_class for a in analyse(word))
