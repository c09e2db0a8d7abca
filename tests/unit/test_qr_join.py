"""Join by QR code and the trainer's live count (issue 13), through the app objects.

The QR code shown is decoded back to its module matrix from the SVG the trainer sees and
compared with segno's code of the link the app says it encoded; opening ``/case?join=CODE``
joins at once; the counts come from the first participant (people, not answers).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t
from hoiku_lib.serve.options import ServeOptions, ServeRefused, kernel_env, validate
from hoiku_lib.serve.run import public_url
from hoiku_lib.serve.venue import base_url, lan_address, valid_public_url
from hoiku_lib.ui import request
from hoiku_lib.ui.case_app import CaseApp
from hoiku_lib.ui.join import join_link
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.store import ALPHABET, JOIN_LEN, WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CASES = load_cases(GOOD)
NOTEBOOKS = Path(__file__).resolve().parents[2] / "hoiku_lib" / "notebooks"
BASE = "http://192.0.2.10:8866/"
PASSCODE = "k7pxm2q9ab"


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    s = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    yield s
    s.dispose()


def trainer(store: WorkshopStore, passcode: str = PASSCODE) -> TrainerApp:
    a = TrainerApp(lang="en", cases=CASES, store=store, public_url=BASE, passcode=passcode)
    a.case_select.value = "fx_adult_labour"
    a.open_button.click()
    assert a.trainer_code is not None
    return a


def participant(store: WorkshopStore, lang: str = "en") -> CaseApp:
    a = CaseApp(lang=lang, cases=CASES, store=store)
    a.poll_seconds = 0
    return a


def svg_matrix(svg: str) -> list[list[bool]]:
    """The dark modules of segno's SVG path (moves ``M``/``m`` and horizontal runs ``h``)."""
    size = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))
    n = size // scale
    grid = [[False] * n for _ in range(n)]
    x = y = 0.0
    for cmd, a, b in re.findall(
        r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", re.search(r' d="([^"]+)"', svg).group(1)
    ):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            for col in range(int(x), int(x + float(a))):
                grid[int(y)][col] = True
            x += float(a)
    return grid


def qr_svg(html: str) -> str:
    return re.search(r"<svg.*?</svg>", html, re.S).group(0)


# -- the address and the link ------------------------------------------------------------


def test_the_lan_address_is_one_other_machines_can_use() -> None:
    import ipaddress

    ip = ipaddress.ip_address(lan_address())
    assert ip.version == 4 and not ip.is_unspecified and not ip.is_link_local


def test_base_url_uses_the_lan_address_on_every_interface() -> None:
    assert base_url("0.0.0.0", 8866) == f"http://{lan_address()}:8866/"
    assert base_url("", 9000) == f"http://{lan_address()}:9000/"
    assert base_url("localhost", 8866) == "http://127.0.0.1:8866/"
    assert base_url("10.1.2.3", 8866) == "http://10.1.2.3:8866/"
    assert base_url("fe80::1", 80) == "http://[fe80::1]:80/"
    assert base_url("0.0.0.0", 8866, "https://hoiku.example.fi/x") == "https://hoiku.example.fi/x/"


def test_the_server_hands_the_address_and_passcode_to_the_kernels(tmp_path: Path) -> None:
    opts = ServeOptions(notebooks_dir=NOTEBOOKS, host="0.0.0.0", token="longpasscode")
    env = kernel_env(opts)
    assert env["HOIKU_PUBLIC_URL"] == f"http://{lan_address()}:8866/"
    assert env["HOIKU_PASSCODE"] == "longpasscode"
    assert public_url(opts) == f"http://{lan_address()}:8866/?token=longpasscode"
    local = kernel_env(ServeOptions(notebooks_dir=NOTEBOOKS, port=9001))
    assert local["HOIKU_PUBLIC_URL"] == "http://127.0.0.1:9001/" and "HOIKU_PASSCODE" not in local
    given_url = ServeOptions(notebooks_dir=NOTEBOOKS, public_url="https://hoiku.example.fi")
    assert kernel_env(validate(given_url))["HOIKU_PUBLIC_URL"] == "https://hoiku.example.fi/"


@pytest.mark.parametrize(
    "bad", ["hoiku.example.fi", "ftp://x/", "https://", "https://x/?a=1", "https://x/#top", ""]
)
def test_a_public_url_that_cannot_be_a_link_is_refused(bad: str) -> None:
    assert not valid_public_url(bad)
    with pytest.raises(ServeRefused) as refused:
        validate(ServeOptions(notebooks_dir=NOTEBOOKS, public_url=bad))
    assert refused.value.key == "serve.error.public_url"


@given(
    code=st.text(alphabet=ALPHABET, min_size=JOIN_LEN, max_size=JOIN_LEN),
    passcode=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)
def test_the_join_link_carries_exactly_the_code_and_passcode(code: str, passcode: str) -> None:
    link = join_link(code, BASE, passcode)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == BASE + "case"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["join"] == [code]
    assert query.get("token", [""]) == ([passcode] if passcode else [""])


def test_no_address_no_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOIKU_PUBLIC_URL", raising=False)
    assert join_link("ABCDEF") == ""


# -- the trainer's page -------------------------------------------------------------------


def test_the_qr_code_holds_the_link_the_trainer_sees(store: WorkshopStore) -> None:
    a = trainer(store)
    assert a.join_link == f"{BASE}case?join={a.join_code}&token={PASSCODE}"
    assert a.typed_join_link == f"{BASE}case?join={a.join_code}"
    html = a.join_qr.value
    expected = segno.make(a.join_link, error="m")
    shown = svg_matrix(qr_svg(html))
    assert shown == [[bool(m) for m in row] for row in expected.matrix_iter(border=4)]
    assert shown != [
        [bool(m) for m in row]
        for row in segno.make(a.typed_join_link, error="m").matrix_iter(border=4)
    ]
    # the text is for typing and for a photo of the screen: no passcode in it
    text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    assert a.typed_join_link in text and PASSCODE not in text
    assert "passcode" in text  # …and it says that typing the address asks for it
    assert 'role="img" aria-label="QR code' in html


def test_without_a_passcode_the_qr_and_the_text_are_the_same_link(store: WorkshopStore) -> None:
    a = trainer(store, passcode="")
    assert a.join_link == a.typed_join_link
    assert svg_matrix(qr_svg(a.join_qr.value)) == [
        [bool(m) for m in row] for row in segno.make(a.join_link, error="m").matrix_iter(border=4)
    ]
    assert "passcode" not in a.join_qr.value


def test_a_console_without_a_server_address_shows_only_the_code(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOIKU_PUBLIC_URL", raising=False)
    a = TrainerApp(lang="en", cases=CASES, store=store)
    a.case_select.value = "fx_adult_labour"
    a.open_button.click()
    assert a.join_link == "" and a.join_qr.value == "" and a.join_code in a.join_display.value


def test_the_live_count_starts_at_the_first_participant(store: WorkshopStore) -> None:
    a = trainer(store)
    assert 'data-joined="0"' in a.live.value and "0 participants have joined" in a.live.value
    one = participant(store)
    one.join_input.value = a.join_code
    one.join_button.click()
    a.poll_counts()
    assert "1 participant has joined" in a.live.value
    assert "<b>Stage 1: 0 have answered</b>" in a.live.value
    one.sign_boxes["exp_work_accidents"].value = True
    one.submit_button.click()
    a.poll_counts()
    assert "<b>Stage 1: 1 has answered</b>" in a.live.value and "Stage 2: 0" in a.live.value
    assert "Answers at this stage: 1" in a.count.value
    assert "hoiku-too-few" in a.bars.value  # the answers themselves still wait for three
    a.next_button.click()
    assert '<li class="hoiku-live-current" data-stage="1"' in a.live.value
    assert "Answers at this stage: 0" in a.count.value


def test_the_live_count_in_finnish_and_swedish(store: WorkshopStore) -> None:
    a = trainer(store)
    a.lang_switch.value = "fi"
    assert (
        "0 osallistujaa on liittynyt" in a.live.value and "Vaihe 1: 0 on vastannut" in a.live.value
    )
    a.lang_switch.value = "sv"
    assert "0 deltagare har gått med" in a.live.value


def test_a_deleted_session_ends_the_live_count(store: WorkshopStore) -> None:
    a = trainer(store)
    code = a.trainer_code
    store.delete_session(code)
    a.poll_counts()
    assert a.trainer_code is None and a.live.value == "" and a.join_qr.value == ""


# -- the participant's page ----------------------------------------------------------------


def opened_with(monkeypatch: pytest.MonkeyPatch, store: WorkshopStore, query: str) -> CaseApp:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", query)
    request.request_query.cache_clear()
    try:
        a = participant(store)
        a.join_from_request()
    finally:
        request.request_query.cache_clear()
    return a


def test_opening_the_link_joins_directly(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = trainer(store)
    t.next_button.click()  # the trainer is at stage 2 already
    a = opened_with(monkeypatch, store, urlsplit(t.join_link).query + "&lang=en")
    assert a.join_code == t.join_code and a.case is not None and a.case.id == "fx_adult_labour"
    assert a.stage == 1  # the page opens at the trainer's stage
    assert t.join_code in a.banner.value and a.message.value == ""
    assert a.start_panel.layout.display == "none"
    t.poll_counts()
    assert "1 participant has joined" in t.live.value


@pytest.mark.parametrize("code", ["ZZZZZZ", "abc", "%3Cscript%3E"])
def test_a_wrong_code_in_the_link_gets_the_plain_message(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    a = opened_with(monkeypatch, store, f"join={code}")
    assert a.case is None and a.join_code is None
    assert "No open workshop" in a.message.value and "script" not in a.message.value
    assert a.start_panel.layout.display == "flex"


def test_an_expired_code_in_the_link_gets_the_plain_message(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = trainer(store)
    link = t.join_link
    t.delete_confirm.value = True
    t.delete_button.click()
    a = opened_with(monkeypatch, store, urlsplit(link).query)
    assert a.case is None and "No open workshop" in a.message.value


def test_a_page_without_join_is_self_study(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = opened_with(monkeypatch, store, "lang=en")
    assert a.case is None and a.message.value == "" and a.start_panel.layout.display == "flex"


def test_after_submitting_the_page_moves_to_the_feedback(store: WorkshopStore) -> None:
    """The feedback gets the focus (scrolled to, read out) on submit and on the reveal."""
    t = trainer(store)
    a = participant(store)
    sent: list[dict] = []
    a.feedback_anchor.send = sent.append  # the widget's message to the browser
    a.join_input.value = t.join_code
    a.join_button.click()
    a.sign_boxes["exp_work_accidents"].value = True
    a.submit_button.click()
    assert sent == [{"do": "focus"}] and a.feedback_anchor.tabbable is False
    assert "Wait for the trainer" in a.feedback_anchor.value
    t.reveal_button.click()
    a.poll()
    assert sent == [{"do": "focus"}] * 2
    assert a.feedback_anchor.value.startswith("You found 1 of 2 signs")
    assert a.feedback.value.startswith('<p class="hoiku-fb-summary')


SUMMARIES = {
    ("fx_adult_labour", "en"): "You found 1 of 2 signs in the model answer. "
    "You chose 0 of 2 actions in the model answer.",
    ("fx_adult_labour", "fi"): "Löysit 1/2 mallivastauksen merkeistä. "
    "Valitsit 0/2 mallivastauksen toimenpiteistä.",
    ("fx_adult_labour", "sv"): "Du hittade 1 av 2 tecken i modellsvaret. "
    "Du valde 0 av 2 åtgärder i modellsvaret.",
    ("fx_child_begging", "en"): "You found 1 of 1 sign in the model answer.",
    ("fx_child_begging", "fi"): "Löysit 1/1 mallivastauksen merkistä.",
}


@pytest.mark.parametrize(("case_id", "lang"), list(SUMMARIES))
def test_the_feedback_starts_with_a_one_line_summary(case_id: str, lang: str) -> None:
    a = CaseApp(lang=lang, cases=CASES)
    a.case_select.value = case_id
    a.start_button.click()
    sign = "exp_work_accidents" if case_id == "fx_adult_labour" else "vul_economic_hardship"
    a.sign_boxes[sign].value = True
    a.submit_button.click()
    first = re.match(r'<p class="hoiku-fb-summary">([^<]*)</p>', a.feedback.value)
    assert first is not None and first.group(1) == SUMMARIES[case_id, lang]


def test_critical_errors_come_first_in_the_summary() -> None:
    from hoiku_lib.cases.grading import grade
    from hoiku_lib.ui._case_html import summary_line

    case = CASES["fx_adult_labour"]
    result = grade(case, 0, ["exp_work_accidents", "ctl_threats"], ["police_report"])
    line = summary_line(result, "en")
    assert line.startswith("1 critical error.") and line.endswith(
        "1 choice is not in the model answer."
    )


_IDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=3).map(tuple)


@given(
    found=_IDS,
    missed=_IDS,
    wrong=_IDS,
    right=_IDS,
    missing=_IDS,
    wrong_actions=_IDS,
    critical=st.booleans(),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_the_summary_is_one_nonempty_line_critical_first(
    found, missed, wrong, right, missing, wrong_actions, critical, lang
) -> None:  # noqa: ANN001
    """For any grade: one line, never empty (also when the key holds nothing), and a critical
    error, when there is one, comes first."""
    from hoiku_lib.cases.grading import Grade
    from hoiku_lib.i18n import tn
    from hoiku_lib.ui._case_html import summary_line

    crit = missing[:1] if critical else ()
    result = Grade(0, found, missed, wrong, (), right, (), missing, wrong_actions, crit, (), 0.5)
    line = summary_line(result, lang)
    assert line.strip() and "\n" not in line
    if crit:
        assert line.startswith(tn("case.summary_critical", 1, lang))
    if not (found or missed or right or missing):
        assert t("case.summary_empty_key", lang) in line
