"""The rules `hoiku serve` enforces before starting anything (no server, no browser)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.i18n import LANGS
from hoiku_lib.package_data import NOTEBOOKS_DIR
from hoiku_lib.serve.landing import choose_lang, render_landing
from hoiku_lib.serve.options import (
    ServeOptions,
    ServeRefused,
    is_loopback,
    kernel_env,
    validate,
    voila_config,
)

E2E = False  # plain unit tests: not marked e2e

NOTEBOOKS = NOTEBOOKS_DIR


def _opts(**kw: object) -> ServeOptions:
    return ServeOptions(notebooks_dir=NOTEBOOKS, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("host", ["0.0.0.0", "", "192.0.2.10", "my-laptop", "::"])
def test_a_reachable_address_needs_a_passcode(host: str) -> None:
    with pytest.raises(ServeRefused) as refused:
        validate(_opts(host=host))
    assert refused.value.key == "serve.error.token_required"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_needs_no_passcode(host: str) -> None:
    assert is_loopback(host)
    assert validate(_opts(host=host)).token == ""


def test_auto_makes_a_passcode_and_short_ones_are_refused() -> None:
    token = validate(_opts(host="0.0.0.0", token="auto")).token
    assert len(token) >= 8 and token != "auto"
    with pytest.raises(ServeRefused):
        validate(_opts(host="0.0.0.0", token="short"))


def test_audit_only_on_loopback() -> None:
    with pytest.raises(ServeRefused) as refused:
        validate(_opts(host="0.0.0.0", token="auto", with_audit=True))
    assert refused.value.key == "serve.error.audit_loopback"


def test_voila_settings_are_the_safe_ones() -> None:
    cfg = voila_config(_opts(pool=5))
    vc = cfg["VoilaConfiguration"]
    assert vc["strip_sources"] is True and vc["show_tracebacks"] is False
    assert vc["allow_template_override"] == vc["allow_theme_override"] == "NO"
    # no other header reaches a kernel; the participant header is set by HOIKU's handler
    assert vc["http_header_envs"] == ["Accept-Language", "X-Hoiku-Participant"]
    assert cfg["VoilaExecutor"]["iopub_timeout"] == 30
    assert cfg["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert cfg["Voila"]["ip"] == "127.0.0.1"
    pools = cfg["VoilaKernelManager"]["kernel_pools_config"]
    assert pools["default"]["pool_size"] == 0  # trainer and audit: never preheated
    if (NOTEBOOKS / "dashboards/case.ipynb").is_file():
        assert pools["dashboards/case.ipynb"]["pool_size"] == 5


def test_database_and_language_reach_the_kernels() -> None:
    env = kernel_env(_opts(db="/tmp/w.sqlite", lang="sv"))
    assert env["HOIKU_DB"] == "/tmp/w.sqlite" and env["HOIKU_LANG"] == "sv"


@given(st.text(max_size=60))
def test_accept_language_never_yields_an_unknown_language(header: str) -> None:
    assert choose_lang(None, header) in LANGS


@pytest.mark.parametrize(
    ("query", "header", "default", "expected"),
    [
        ("sv", "en-GB", None, "sv"),
        (None, "de-DE,sv;q=0.8,en;q=0.9", None, "en"),
        (None, "de-DE", None, "fi"),
        (None, "en-GB", "sv", "sv"),
        ("xx", None, None, "fi"),
    ],
)
def test_language_order(query, header, default, expected) -> None:  # noqa: ANN001
    assert choose_lang(query, header, default) == expected


def test_landing_escapes_and_names_every_dashboard() -> None:
    html = render_landing("en", ["refcard", "case"], "/")
    assert html.count('class="hoiku-landing-item"') == 2
    assert 'lang="en"' in html and "https://" not in html


def test_initial_lang_reads_the_query_outside_preheat(monkeypatch: pytest.MonkeyPatch) -> None:
    from hoiku_lib.ui import common, request

    request.request_query.cache_clear()
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "lang=sv&x=1")
    assert common.initial_lang() == "sv"
    request.request_query.cache_clear()
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.setenv("HOIKU_LANG", "en")
    assert common.initial_lang() == "en"
    request.request_query.cache_clear()


def test_initial_lang_then_reads_the_browsers_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ?lang= and no --lang: Accept-Language ($HTTP_ACCEPT_LANGUAGE) decides."""
    from hoiku_lib.ui import common, request

    request.request_query.cache_clear()
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.delenv("HOIKU_LANG", raising=False)
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "de-DE,sv;q=0.8,en;q=0.5")
    assert common.initial_lang() == "sv"
    monkeypatch.setenv("HOIKU_LANG", "en")  # the trainer's --lang comes first
    assert common.initial_lang() == "en"
    monkeypatch.delenv("HOIKU_LANG")
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "de-DE")
    assert common.initial_lang() == "fi"
    request.request_query.cache_clear()


def test_initial_lang_in_a_preheated_kernel_without_server_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A preheated kernel whose server is gone must not hang: default language."""
    from hoiku_lib.ui import common, request

    request.request_query.cache_clear()
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", "1")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("HOIKU_LANG", raising=False)
    monkeypatch.delenv("HTTP_ACCEPT_LANGUAGE", raising=False)
    assert common.initial_lang() == "fi"
    request.request_query.cache_clear()


def test_max_pages_defaults_from_the_group_and_must_be_positive() -> None:
    # 30 expected (the default) + 2 spare + the reference card's and the test's 2 each: 40
    assert validate(_opts()).max_pages == 40
    assert validate(_opts(expect=100)).max_pages == 100 + 5 + 4
    assert validate(_opts(pool=60)).max_pages == 60  # never below the pool
    assert validate(_opts(pool=5, max_pages=7)).max_pages == 7
    with pytest.raises(ServeRefused) as refused:
        validate(_opts(max_pages=0))
    assert refused.value.key == "serve.error.max_pages"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_head_says_the_pages_language_and_name(lang: str) -> None:
    """A preheated page's head (Voilà's lang="en", the notebook's name) is rewritten."""
    from hoiku_lib.i18n import t
    from hoiku_lib.serve.page import head_complete, rewrite_head

    head = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">\n<title>case</title>'
    assert head_complete(head)
    out = rewrite_head(head, "case", lang)
    assert f'<html lang="{lang}">' in out and "<title>case</title>" not in out
    assert f"<title>{t('serve.dashboard.case.title', lang)} – HOIKU</title>" in out
    assert "MutationObserver" in out and "</script>" in out


def test_occupancy_counts_pages_not_the_pool() -> None:
    from hoiku_lib.serve.page import Occupancy, kernel_id_in

    occ = Occupancy(limit=2)
    kid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert kernel_id_in(f'{{"baseUrl": "/", "kernelId": "{kid}"}}') == kid
    occ.serving.update({kid, "other"})
    assert occ.in_use([kid, "other", "pooled-one", "pooled-two"]) == 2
    assert not occ.admits(2) and occ.admits(2, reserve=2)
    assert occ.in_use([kid, "pooled-one"]) == 1  # "other" was shut down
    occ.pending.add(object())
    assert occ.in_use([kid]) == 2


def test_the_full_page_speaks_the_visitors_language() -> None:
    from hoiku_lib.i18n import t
    from hoiku_lib.serve.page import render_full

    html = render_full("sv", "/voila/render/dashboards/case.ipynb?lang=sv")
    assert '<html lang="sv">' in html and t("ws.full.title", "sv") in html
    assert "https://" not in html


def test_the_start_message_says_the_ceiling_and_its_memory() -> None:
    from hoiku_lib.serve.run import capacity_notice

    opts = validate(_opts(pool=30, max_pages=60))
    fi = capacity_notice(opts, "fi")
    assert "60 sivua" in fi and "--max-pages" in fi and "Gt" in fi
    assert "60 pages" in capacity_notice(opts, "en")
