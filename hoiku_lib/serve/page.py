"""What HOIKU's render handler adds to a dashboard page: its language, title and limits.

Pure functions (no tornado, no Voilà) so they are unit-tested without a server:

- :func:`rewrite_head` gives a rendered dashboard ``<html lang>`` in the page's language and
  a ``<title>`` that names the page in it. A preheated page is rendered before anyone asks
  for it, so its head is always Voilà's ``lang="en"`` and the notebook's file name; the
  handler rewrites it on the way out. A small script keeps both in step with the page's own
  language buttons (it reads which of them is pressed; no kernel message is involved),
  and scrolls a block to the top of the screen when the page focuses its first element
  (class ``hoiku-focus-start``: the case page's feedback after an answer).
- :func:`render_full` is the page a visitor gets when the server already serves as many
  pages as it is sized for (``--max-pages``).
- :class:`Occupancy` counts the pages being served: the kernels of pages sent that still
  run, plus the requests admitted whose kernel is not known yet.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hoiku_lib.i18n import LANGS, t
from hoiku_lib.serve.landing import _environment

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.I | re.S)
_KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-fA-F-]{36})"')

#: Keeps <html lang> and <title> in step with the in-page language buttons (ToggleButtons
#: mark the pressed one ``mod-active``; their tooltip is the language's own name).
_FOLLOW_SCRIPT = """<script>
(function () {
  var page = %s;
  function follow() {
    var pressed = document.querySelector('.hoiku-lang button.mod-active');
    if (!pressed) { return; }
    var lang = page.names[(pressed.getAttribute('title') || pressed.textContent).trim()];
    if (lang && document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
      document.title = page.titles[lang];
    }
  }
  new MutationObserver(follow).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
  // The case page moves its focus to the feedback after an answer; bring the feedback to
  // the top of the screen (focus alone scrolls only as far as the first line shows).
  document.addEventListener('focusin', function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains('hoiku-focus-start')) {
      // after the browser's own scroll for the focus, which comes once this event is done
      setTimeout(function () {
        (target.parentElement || target).scrollIntoView({block: 'start'});
      }, 0);
    }
  });
})();
</script>"""


def page_title(key: str, lang: str) -> str:
    """'Tapausharjoitus – HOIKU': the page's own name first, as a tab shows it."""
    return t("ws.page_title", lang, page=t(f"serve.dashboard.{key}.title", lang))


def head_extras(key: str) -> str:
    """The script that lets <html lang> and <title> follow the page's language buttons."""
    data = {
        "titles": {code: page_title(key, code) for code in LANGS},
        "names": {t("ui.language_name", code): code for code in LANGS},
    }
    # '</' cannot end the script early inside JSON: escape the slash.
    return _FOLLOW_SCRIPT % json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def rewrite_head(head: str, key: str, lang: str) -> str:
    """``head`` (the page's first bytes, up to ``</title>``) with HOIKU's lang and title."""
    title = f"<title>{html.escape(page_title(key, lang))}</title>"
    head, found = _TITLE.subn(lambda _m: title + head_extras(key), head, count=1)
    if not found:
        head = head + title + head_extras(key)
    if _HTML_TAG.search(head):
        return _HTML_TAG.sub(f'<html lang="{lang}">', head, count=1)
    return head


def head_complete(buffer: str) -> bool:
    return "</title>" in buffer.lower() or "<body" in buffer.lower()


def kernel_id_in(chunk: str) -> str | None:
    """The kernel id of the page's config script, once the page has it."""
    match = _KERNEL_ID.search(chunk)
    return match.group(1) if match else None


def render_full(lang: str, retry_url: str) -> str:
    """The "room is full" page, self-contained like the landing page."""
    return (
        _environment()
        .get_template("full.html")
        .render(
            lang=lang,
            title=t("ws.full.title", lang),
            text=t("ws.full.text", lang),
            retry=t("ws.full.retry", lang),
            retry_url=retry_url,
        )
    )


@dataclass
class Occupancy:
    """How many pages the server serves now: the kernels that HOIKU's handler has seen in
    a page it sent (a waiting pool kernel is in no page) and still running, plus the pages
    admitted whose kernel is not known yet."""

    limit: int
    serving: set[str] = field(default_factory=set)
    pending: set[object] = field(default_factory=set)

    def in_use(self, kernel_ids: Iterable[str]) -> int:
        self.serving &= set(kernel_ids)  # shut down (beacon, cull): no longer counted
        return len(self.serving) + len(self.pending)

    def admits(self, in_use: int, reserve: int = 0) -> bool:
        """A new page may start; ``reserve`` extra places (the trainer's console) on top."""
        return in_use < self.limit + reserve
