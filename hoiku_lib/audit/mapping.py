"""Map an export's headers to the audit's canonical columns.

Exports differ between systems and languages; headers are matched case- and
space-insensitively against fi/sv/en aliases, and a quality officer can name a header
explicitly (``--map canonical=Header``) or keep a recurring export's mapping in a YAML file.
"""

from __future__ import annotations

import re
from pathlib import Path

from hoiku_lib.audit.problems import Problem

REQUIRED: tuple[str, ...] = ("record_id", "unit", "note_text")
OPTIONAL: tuple[str, ...] = (
    "visit_date",
    "entry_date",
    "suspected",
    "risk_flag",
    "outgoing_message",
    "outgoing_marking",
    "contact_channel_safe",
    "interpreter",
)
CANONICAL: tuple[str, ...] = REQUIRED + OPTIONAL

ALIASES: dict[str, tuple[str, ...]] = {
    "record_id": (
        "id",
        "kirjausid",
        "kirjauksentunniste",
        "tunniste",
        "merkintäid",
        "anteckningsid",
        "id-nummer",
        "recordid",
        "entryid",
        "record",
    ),
    "unit": (
        "yksikkö",
        "toimipiste",
        "palveluyksikkö",
        "enhet",
        "serviceenhet",
        "unit",
        "serviceunit",
        "ward",
        "osasto",
        "avdelning",
    ),
    "note_text": (
        "teksti",
        "kirjaus",
        "kirjausteksti",
        "merkintä",
        "vapaateksti",
        "text",
        "anteckning",
        "anteckningstext",
        "fritext",
        "note",
        "notetext",
        "entry",
    ),
    "visit_date": (
        "käyntipäivä",
        "käyntipvm",
        "käynti",
        "besöksdatum",
        "besöksdag",
        "visitdate",
        "dateofvisit",
        "visit",
    ),
    "entry_date": (
        "kirjauspäivä",
        "kirjauspvm",
        "merkintäpäivä",
        "anteckningsdatum",
        "dokumentationsdatum",
        "entrydate",
        "recorddate",
        "dateofentry",
    ),
    "suspected": (
        "epäily",
        "ihmiskauppaepäily",
        "epäiltiin",
        "misstanke",
        "misstänkt",
        "suspected",
        "suspicion",
        "traffickingsuspected",
    ),
    "risk_flag": (
        "riskitieto",
        "riskitiedot",
        "riski",
        "riskuppgift",
        "riskuppgifter",
        "riskflag",
        "riskinformation",
        "risk",
    ),
    "outgoing_message": (
        "lähteväviesti",
        "viestilähti",
        "viesti",
        "utgåendemeddelande",
        "meddelande",
        "outgoingmessage",
        "messagesent",
        "message",
    ),
    "outgoing_marking": (
        "viestinmerkintä",
        "merkintäviestissä",
        "suojausmerkintä",
        "märkning",
        "meddelandetsmärkning",
        "outgoingmarking",
        "marking",
    ),
    "contact_channel_safe": (
        "turvallinenyhteys",
        "yhteyskanavaturvallinen",
        "kanavavarmistettu",
        "säkerkontaktkanal",
        "kanalsäker",
        "contactchannelsafe",
        "safecontact",
        "channelsafe",
    ),
    "interpreter": ("tulkki", "tulkkaus", "tolk", "tolkning", "interpreter", "interpreting"),
}


def norm_header(text: str) -> str:
    """Header key: case-folded, BOM, spaces, underscores, hyphens and dots removed."""
    return re.sub(r"[\s_\-.:/()\ufeff]+", "", str(text)).casefold()


_ALIAS_INDEX: dict[str, str] = {}
for _canon, _aliases in ALIASES.items():
    _ALIAS_INDEX[norm_header(_canon)] = _canon
    for _alias in _aliases:
        _ALIAS_INDEX[norm_header(_alias)] = _canon


class MappingError(ValueError):
    """A --map item is malformed or names an unknown canonical column."""

    def __init__(self, item: str):
        super().__init__(item)
        self.item = item


def parse_map_args(items: list[str] | None) -> dict[str, str]:
    """``["unit=Toimipiste"]`` → ``{"unit": "Toimipiste"}``; unknown names raise."""
    result: dict[str, str] = {}
    for item in items or []:
        canon, sep, header = item.partition("=")
        canon = canon.strip()
        if not sep or canon not in CANONICAL or not header.strip():
            raise MappingError(item)
        result[canon] = header.strip()
    return result


def load_map_file(path: Path) -> dict[str, str]:
    """Mapping of a recurring export from YAML (``canonical: Header``)."""
    import yaml

    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(str(path)) from exc
    if not isinstance(doc, dict):
        raise MappingError(str(path))
    doc = doc.get("columns", doc)
    return parse_map_args([f"{k}={v}" for k, v in doc.items()])


def resolve(headers: list[str], overrides: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """Header → canonical rename map, and problems (missing required, unknown override)."""
    problems: list[Problem] = []
    rename: dict[str, str] = {}
    by_norm = {norm_header(h): h for h in headers}
    for canon, header in overrides.items():
        actual = by_norm.get(norm_header(header))
        if actual is None:
            problems.append(Problem("map_header_missing", where=header, fatal=True))
        else:
            rename[actual] = canon
    taken = set(rename.values())
    for header in headers:
        if header in rename:
            continue
        canon = _ALIAS_INDEX.get(norm_header(header))
        if canon and canon not in taken:
            rename[header] = canon
            taken.add(canon)
    for canon in REQUIRED:
        if canon not in taken:
            problems.append(Problem("missing_column", where=canon, fatal=True))
    return rename, problems
