"""`hoiku serve` sized for a group without options, `--expect N` for another (issue 13).

The rules only (no server): the pool and the page ceiling that follow from the group's size,
the refill that keeps the expected group's pages ready without a second pool behind it, the
refusal of sizes the computer cannot hold, and what the trainer is told as the pool fills.
Times are never asserted: the figures are printed by bench/serve_bench.py.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.i18n import LANGS, t
from hoiku_lib.package_data import NOTEBOOKS_DIR
from hoiku_lib.serve import cli
from hoiku_lib.serve.options import (
    DEFAULT_EXPECT,
    KERNEL_MB,
    KERNEL_MB_UNFORKED,
    POOL_CAP,
    ServeOptions,
    ServeRefused,
    kernels_at_most,
    refill_target,
    spare,
    validate,
    voila_config,
)
from hoiku_lib.serve.pool import Readiness, clock

PLENTY_MB = 64_000.0  # a computer with room for any group these tests ask for


def _opts(**kw: object) -> ServeOptions:
    return validate(ServeOptions(notebooks_dir=NOTEBOOKS_DIR, **kw), memory_mb=PLENTY_MB)  # type: ignore[arg-type]


def _case_pool(opts: ServeOptions) -> int:
    pools = voila_config(opts)["VoilaKernelManager"]["kernel_pools_config"]
    return pools["dashboards/case.ipynb"]["pool_size"]  # type: ignore[index]


def test_without_options_the_server_is_ready_for_thirty() -> None:
    opts = _opts()
    assert opts.expect == DEFAULT_EXPECT == cli.DEFAULT_EXPECT == 30
    assert opts.pool == 30 and _case_pool(opts) == 30
    assert opts.max_pages == 40
    assert voila_config(opts)["VoilaConfiguration"]["preheat_kernel"] is True


def test_expect_sets_the_pool_and_the_ceiling_together() -> None:
    opts = _opts(expect=100)
    assert opts.pool == 100 and _case_pool(opts) == 100
    assert opts.max_pages == 100 + spare(100) + sum(POOL_CAP.values()) == 109


def test_explicit_pool_and_ceiling_win_over_expect() -> None:
    opts = _opts(expect=100, pool=20, max_pages=50)
    assert (opts.pool, opts.max_pages) == (20, 50) and _case_pool(opts) == 20
    assert _opts(pool=0).max_pages == 40  # no pool at all: pages start on demand
    assert voila_config(_opts(pool=0))["VoilaConfiguration"]["preheat_kernel"] is False


@pytest.mark.parametrize("expect", [0, -3])
def test_an_empty_group_is_refused(expect: int) -> None:
    with pytest.raises(ServeRefused) as refused:
        _opts(expect=expect)
    assert refused.value.key == "serve.error.expect"


def test_a_group_the_computer_cannot_hold_is_refused_with_the_figures() -> None:
    opts = ServeOptions(notebooks_dir=NOTEBOOKS_DIR, expect=100)
    with pytest.raises(ServeRefused) as refused:
        validate(opts, memory_mb=4000.0)
    assert refused.value.key == "serve.error.memory"
    assert refused.value.fmt["pages"] == 109
    assert refused.value.fmt["have"] == 4.0
    assert refused.value.fmt["need"] == kernels_at_most(opts) * KERNEL_MB / 1000
    # the same group on 8 GB is fine
    assert validate(ServeOptions(notebooks_dir=NOTEBOOKS_DIR, expect=100), memory_mb=8000.0)


def test_without_forking_the_refusal_counts_the_bigger_kernels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """HOIKU_SERVE_FORK=0 starts each kernel as a new interpreter (44 MB, not 30): a group
    that fits forked kernels must not be let in on the forked figure."""
    monkeypatch.delenv("HOIKU_SERVE_FORK", raising=False)
    opts = validate(ServeOptions(notebooks_dir=NOTEBOOKS_DIR, expect=100), memory_mb=PLENTY_MB)
    room = kernels_at_most(opts) * KERNEL_MB + 100.0  # enough for forked kernels only
    assert validate(ServeOptions(notebooks_dir=NOTEBOOKS_DIR, expect=100), memory_mb=room)
    monkeypatch.setenv("HOIKU_SERVE_FORK", "0")
    with pytest.raises(ServeRefused) as refused:
        validate(ServeOptions(notebooks_dir=NOTEBOOKS_DIR, expect=100), memory_mb=room)
    assert refused.value.fmt["need"] == kernels_at_most(opts) * KERNEL_MB_UNFORKED / 1000


def test_the_cli_refuses_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    from hoiku_lib.cli import main

    code = main(["serve", "--expect", "0", "--no-browser", "--lang", "fi"])
    err = capsys.readouterr().err
    assert code == 2 and t("serve.error.expect", "fi") in err and "Traceback" not in err


def test_the_pool_keeps_the_arriving_group_ready_and_no_second_pool() -> None:
    opts = _opts(expect=100)
    assert refill_target(opts, 0) == 100  # the whole group, no more than the pool
    assert refill_target(opts, 60) == 40 + spare(100)  # those still to come, and a spare few
    assert refill_target(opts, 100) == spare(100)  # after the group: only the spare
    assert refill_target(opts, opts.max_pages or 0) == 0  # a full room starts nothing
    assert refill_target(_opts(pool=0), 0) == 0


@given(
    expect=st.integers(1, 300),
    pool=st.one_of(st.none(), st.integers(0, 300)),
    ceiling=st.one_of(st.none(), st.integers(1, 400)),
    pages_open=st.integers(0, 500),
)
def test_the_refill_never_passes_the_pool_or_the_ceiling(
    expect: int, pool: int | None, ceiling: int | None, pages_open: int
) -> None:
    opts = _opts(expect=expect, pool=pool, max_pages=ceiling)
    target = refill_target(opts, pages_open)
    assert 0 <= target <= (opts.pool or 0)
    assert pages_open + target <= max(opts.max_pages or 0, pages_open)
    # every expected participant who has not arrived has a ready page, room permitting
    if pages_open < expect and pages_open + expect <= (opts.max_pages or 0):
        assert target >= min(expect - pages_open, opts.pool or 0)


@pytest.mark.parametrize("lang", LANGS)
def test_the_trainer_is_told_how_many_are_ready_and_when(lang: str) -> None:
    moment = time.struct_time((2026, 12, 3, 12, 41, 0, 3, 337, 0))
    said = Readiness(expect=30, pool=30, lang=lang)
    assert "30" in said.starting()
    assert said.update(3, moment) == []  # no line for every kernel
    progress = said.update(12, moment)
    assert progress == [t("serve.pool.progress", lang, n=10, starting=20)]
    assert said.update(15, moment) == []
    ready = said.update(30, moment)
    assert ready == [t("serve.pool.ready", lang, n=30, time=clock(lang, moment))]
    assert said.update(30, moment) == [] and said.update(29, moment) == []  # said once


def test_the_ready_line_reads_as_each_language_writes_the_time() -> None:
    moment = time.struct_time((2026, 12, 3, 12, 41, 0, 3, 337, 0))
    said = {lang: Readiness(30, 30, lang).update(30, moment)[0] for lang in LANGS}
    assert said["fi"] == "Valmiina 30 osallistujalle klo 12.41."
    assert "kl. 12.41" in said["sv"] or "kl. 12:41" in said["sv"]
    assert said["en"] == "Ready for 30 participants at 12:41."


def test_a_pool_smaller_than_the_group_reports_what_it_has() -> None:
    said = Readiness(expect=30, pool=5, lang="en")
    assert said.update(5) and said.update(5) == []
    assert Readiness(expect=30, pool=0, lang="en").update(0) == []


def test_kernels_talk_over_unix_sockets_not_tcp_ports() -> None:
    """30 or 100 kernels starting at once race for free TCP ports; Unix sockets in Voilà's
    private connection folder cannot collide (and no other local user reaches them)."""
    assert voila_config(_opts())["KernelManager"] == {"transport": "ipc"}


def test_the_passcode_can_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """HOIKU_SERVE_TOKEN stands for --token (kept out of the process list): a network address
    is served only with a passcode, and the environment's counts as given."""
    from hoiku_lib.cli import main
    from hoiku_lib.serve.cli import TOKEN_ENV

    argv = ["serve", "--host", "0.0.0.0", "--no-browser", "--lang", "fi"]
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert main(argv) == 2
    assert t("serve.error.token_required", "fi", host="0.0.0.0") in capsys.readouterr().err
    monkeypatch.setenv(TOKEN_ENV, "short")  # given, so checked: too short
    assert main(argv) == 2
    assert t("serve.error.token_short", "fi") in capsys.readouterr().err
