"""A real `hoiku serve` with a local content folder (HOIKU_CONTENT): the case page's kernel
inherits the server's environment and lists the local case after the shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from e2e_support import WIDGET_TIMEOUT_MS, serve_process

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.package_data import CASES_DIR

TITLE = {
    "fi": "Paikallinen harjoitus: yövuoro",
    "sv": "Lokal övning: nattskift",
    "en": "Local exercise: night shift",
}


def test_the_case_page_lists_a_local_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_page
) -> None:
    folder = tmp_path / "county"
    (folder / "cases").mkdir(parents=True)
    data = yaml.safe_load(sorted(CASES_DIR.glob("*.yaml"))[0].read_text(encoding="utf-8"))
    data["id"], data["title"] = "county_night_shift", TITLE
    (folder / "cases" / "county_night_shift.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    monkeypatch.delenv("HOIKU_CASES", raising=False)
    monkeypatch.setenv("HOIKU_CONTENT", str(folder))  # the server's environment
    shipped = len(list(CASES_DIR.glob("*.yaml")))
    assert list(load_cases())[-1] == "county_night_shift"  # what the page must show too
    with serve_process(tmp_path, pool=1) as server:
        page = new_page()
        page.goto(server.dashboard("case", "fi"))
        page.wait_for_selector(".hoiku-case-select select", timeout=WIDGET_TIMEOUT_MS)
        options = page.locator(".hoiku-case-select select option").all_inner_texts()
    assert len(options) == shipped + 1
    assert TITLE["fi"] in options[-1].replace("\xa0", " ")  # the widget keeps spaces
