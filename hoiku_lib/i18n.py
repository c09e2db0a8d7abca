"""UI strings in fi, sv and en from gettext catalogues.

Every sentence a user reads comes from a catalogue or from the content YAML, never from a
code literal. Message ids are dotted keys (``refcard.title``) so that all three languages
carry a translation and a test can check that none is missing. Each subsystem owns one
domain file (``core.po``, ``cases.po``, ``audit.po``, ``serve.po``); all are merged.

A string with a count ("{n} signs found") is a gettext plural message: ``msgid`` is the key,
``msgid_plural`` the key + ``.plural``, and ``msgstr[0]``, ``msgstr[1]`` … the forms, chosen by
the ``Plural-Forms`` header of the file (fi, sv and en: ``nplurals=2; plural=(n != 1);``).
``tn(key, n, lang)`` picks the form; ``t`` does the same for a plural key given ``n=``.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
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


PLURAL_SUFFIX = ".plural"
"""``msgid_plural`` of a plural message is its key + this suffix."""

_Plural = tuple[tuple[str, ...], Callable[[int], int]]
"""A plural message's forms and the header's chooser: count → index of the form."""


@cache
def _read(lang: str) -> tuple[dict[str, str], dict[str, _Plural]]:
    """Plain messages and plural messages (forms, form chooser) of one language."""
    plain: dict[str, str] = {}
    plural: dict[str, _Plural] = {}
    for po_file in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        choose = gettext.c2py(cat.plural_expr)  # from the file's Plural-Forms header
        for message in cat:
            if not message.id:
                continue
            if message.pluralizable:
                forms = tuple(str(s) for s in message.string)
                if any(forms):
                    plural[str(message.id[0])] = (forms, choose)
            elif message.string:
                plain[str(message.id)] = str(message.string)
    return plain, plural


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of one language → its text, merged over every domain.

    A plural message appears with its singular form (``msgstr[0]``); use ``plurals`` or ``tn``
    for the others.
    """
    plain, plural = _read(lang)
    return {**plain, **{key: forms[0] for key, (forms, _) in plural.items()}}


def plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """The plural messages of one language: key → all its forms, in ``msgstr[i]`` order."""
    return {key: forms for key, (forms, _) in _read(lang)[1].items()}


def tn(key: str, n: int, lang: str, **fmt: object) -> str:
    """The form of plural message ``key`` for the count ``n``, with ``{n}`` and ``fmt`` filled.

    A key that is not a plural message raises KeyError, as does a missing key.
    """
    forms, choose = _read(normalise_lang(lang))[1][key]
    text = forms[min(choose(int(n)), len(forms) - 1)]
    return text.format(n=n, **fmt)


def t(key: str, lang: str, **fmt: object) -> str:
    """The UI string ``key`` in ``lang``; ``fmt`` fills ``{name}`` placeholders.

    A plural key given ``n=`` is passed to ``tn``, so no caller can show "1 signs".
    A missing key raises KeyError: a user must never see a raw key.
    """
    lang = normalise_lang(lang)
    if "n" in fmt and key in _read(lang)[1]:
        count = fmt.pop("n")
        return tn(key, count, lang, **fmt)  # type: ignore[arg-type]  # a count, by contract
    text = catalogue(lang)[key]
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
