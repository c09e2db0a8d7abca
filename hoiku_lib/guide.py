"""References to the guide as a reader can find them: section number and heading.

Content items carry short ids ("IV.4", "IV.rec"); a user needs a place they can look up in
the guide ("IV.4 Suojaa ihmiskaupalle altistunut lapsi"). data/guide.yaml names each place
in three languages; every screen, the CLI and the audit report render references here.
"""

from __future__ import annotations

from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t


def heading(ref_id: str, lang: str, content: Content | None = None) -> str:
    """The place's number and heading ("IV.4 Suojaa …"); the id itself if it is unknown."""
    content = content or load_content()
    place = content.places.get(ref_id)
    return pick(place.heading, lang) if place else ref_id


def place(ref_id: str, lang: str, content: Content | None = None) -> str:
    """The full reference: "HOIKU-opas (2017), IV.4 Suojaa ihmiskaupalle altistunut lapsi"."""
    return t("ui.guide_place", lang, place=heading(ref_id, lang, content))
