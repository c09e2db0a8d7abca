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


LANG_ENV = "HOIKU_LANG"
"""The one environment variable that sets the language. The system locale ($LANG, $LC_ALL)
never does: a Finnish professional's laptop often runs an English system."""


def known_lang(value: str | None) -> str | None:
    """'sv-FI', 'EN_gb.UTF-8', 'fi' … → one of LANGS; None for anything HOIKU lacks."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split(".")[0].split("-")[0].lower()
    return code if code in LANGS else None


def normalise_lang(lang: str | None) -> str:
    """Map 'sv-FI', 'en_GB', None … to one of LANGS, falling back to Finnish."""
    return known_lang(lang) or DEFAULT_LANG


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


def browser_langs(header: str | None) -> list[str]:
    """The language tags of an Accept-Language header, best first (RFC 9110 weights).

    Babel negotiates locales but does not read the header, so this only splits it and
    orders it by ``q``; a tag with ``q=0`` (or an unreadable weight) is refused.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag and tag != "*" and 0 < weight <= 1:
            ranked.append((-weight, index, tag))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(header: str | None) -> str | None:
    """The best of LANGS for an Accept-Language header (Babel's negotiation), or None."""
    from babel.core import negotiate_locale

    preferred = [tag.replace("_", "-").lower() for tag in browser_langs(header)]
    found = negotiate_locale(preferred, LANGS, sep="-", aliases={})
    return known_lang(found)


def resolve_lang(
    explicit: str | None = None,
    query: str | None = None,
    accept_language: str | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """The one language rule of every sub-command and every page (docs/serve.md):

    1. ``explicit``: the user's own choice (``--lang``, a page's language buttons);
    2. ``query``: ``?lang=`` of the page's address;
    3. ``$HOIKU_LANG`` in ``env`` (``hoiku serve --lang`` hands it to every page);
    4. ``accept_language``: the browser's Accept-Language, negotiated by Babel;
    5. Finnish.

    A value HOIKU has no language for is passed over, never an error here (``--lang de``
    is refused by the CLI's parser before this runs). ``env`` defaults to ``os.environ``;
    the system locale ($LANG, $LC_ALL) is never read.
    """
    if env is None:
        import os

        env = os.environ
    for candidate in (explicit, query, env.get(LANG_ENV)):
        lang = known_lang(candidate)
        if lang:
            return lang
    return negotiate(accept_language) or DEFAULT_LANG
