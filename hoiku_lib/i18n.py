"""UI strings in fi, sv and en from gettext catalogues.

Every sentence a user reads comes from a catalogue or from the content YAML, never from a
code literal. Message ids are dotted keys (``refcard.title``) so that all three languages
carry a translation and a test can check that none is missing. Each subsystem owns one
domain file (``core.po``, ``cases.po``, ``audit.po``, ``serve.po``); all are merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGS: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LOCALE_DIR = Path(__file__).parent / "locale"


def normalise_lang(lang: str | None) -> str:
    """Map 'sv-FI', 'en_GB', None … to one of LANGS, falling back to Finnish."""
    if not lang:
        return DEFAULT_LANG
    code = lang.replace("_", "-").split("-")[0].lower()
    return code if code in LANGS else DEFAULT_LANG


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All msgid → msgstr pairs of one language, merged over every domain."""
    merged: dict[str, str] = {}
    for po_file in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        for message in cat:
            if message.id and message.string:
                merged[str(message.id)] = str(message.string)
    return merged


def t(key: str, lang: str, **fmt: object) -> str:
    """The UI string ``key`` in ``lang``; ``fmt`` fills ``{name}`` placeholders.

    A missing key raises KeyError: a user must never see a raw key.
    """
    text = catalogue(normalise_lang(lang))[key]
    return text.format(**fmt) if fmt else text


def pick(text: Mapping[str, str], lang: str) -> str:
    """One language of a content mapping {fi, sv, en}."""
    return text[normalise_lang(lang)]


def parse_accept_language(header: str | None) -> list[str]:
    """Languages of an Accept-Language header that HOIKU has, best first."""
    if not header:
        return []
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        piece, _, params = part.strip().partition(";")
        code = piece.strip().replace("_", "-").split("-")[0].lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if code in LANGS and quality > 0:
            ranked.append((-quality, index, code))
    seen: list[str] = []
    for _, _, code in sorted(ranked):
        if code not in seen:
            seen.append(code)
    return seen
