"""The local content folder (HOIKU_CONTENT, `hoiku --content DIR`): a deployment's own cases
and support organisations are added to the shipped ones, checked the same way, and can never
replace a shipped one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib import overlay
from hoiku_lib.cases.schema import CaseLoadError, case_files, case_path, load_cases
from hoiku_lib.cli import main
from hoiku_lib.content import ContentError, load_content
from hoiku_lib.package_data import CASES_DIR

SHIPPED = sorted(CASES_DIR.glob("*.yaml"))
TEMPLATE = SHIPPED[0]

LOCAL_RESOURCE = {
    "id": "county_social_emergency",
    "ref": "V",
    "kind": "authority",
    "name": {
        "fi": "Esimerkkialueen sosiaalipäivystys",
        "sv": "Exempelområdets socialjour",
        "en": "Example county's social emergency service",
    },
    "target_group": {"fi": "Alueen asukkaat", "sv": "Områdets invånare", "en": "Residents"},
    "services": {"fi": "Kiireellinen apu", "sv": "Brådskande hjälp", "en": "Urgent help"},
    "region": {"fi": "Esimerkkialue", "sv": "Exempelområdet", "en": "Example county"},
    "contact": {"phone": "0800 555 0101"},
    "last_verified": None,
    "verified_against": "synthetic test entry",
    "relevant_when": {"levels": ["elevated", "high"]},
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty local content folder, set as HOIKU_CONTENT for the test only."""
    local = tmp_path / "county"
    (local / "cases").mkdir(parents=True)
    monkeypatch.delenv("HOIKU_CASES", raising=False)
    monkeypatch.setenv("HOIKU_LANG", "en")
    monkeypatch.setenv(overlay.ENV, str(local))
    return local


def add_case(folder: Path, case_id: str, file_name: str | None = None) -> Path:
    """A local vignette: a shipped one under another id (its text and key stay valid)."""
    data = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    data["id"] = case_id
    path = folder / "cases" / f"{file_name or case_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_resources(folder: Path, resources: list[dict], notices: list[dict] | None = None) -> Path:
    path = folder / "resources.yaml"
    catalogue = {"schema_version": 1, "resources": resources, "notices": notices or []}
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    return path


def shipped_content(monkeypatch: pytest.MonkeyPatch):
    """The content without any local folder."""
    with monkeypatch.context() as m:
        m.delenv(overlay.ENV, raising=False)
        return load_content()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- cases --------------------------------------------------------------------------------


def test_a_local_case_is_added_after_the_shipped_ones(folder: Path) -> None:
    local = add_case(folder, "county_night_shift")
    assert case_files() == [*SHIPPED, local]
    cases = load_cases()
    assert list(cases)[-1] == "county_night_shift"
    assert len(cases) == len(SHIPPED) + 1
    assert case_path("county_night_shift") == local
    assert case_path(TEMPLATE.stem) == TEMPLATE


def test_an_explicit_other_folder_is_read_alone(folder: Path, tmp_path: Path) -> None:
    add_case(folder, "county_night_shift")
    other = tmp_path / "other"
    other.mkdir()
    assert case_files(other) == []
    assert case_files(CASES_DIR)[-1].parent == folder / "cases"  # the default set is extended


def test_cases_list_and_lint_see_the_local_case(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_case(folder, "county_night_shift")
    code, out, _ = run(["cases", "list", "--json"], capsys)
    assert code == 0
    assert [row["id"] for row in json.loads(out)][-1] == "county_night_shift"
    code, out, err = run(["cases", "lint"], capsys)
    assert code == 0, err
    assert str(len(SHIPPED) + 1) in out


def test_lint_names_the_local_file_of_a_fault(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = add_case(folder, "county_wrong_name", file_name="county_other_name")
    code, _, err = run(["cases", "lint"], capsys)
    assert code == 1
    assert str(bad) in err


def test_a_local_case_cannot_take_a_shipped_case_name(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clash = add_case(folder, TEMPLATE.stem)
    with pytest.raises(overlay.OverlayError) as caught:
        case_files()
    assert caught.value.file == clash
    assert TEMPLATE.stem in str(caught.value) and str(TEMPLATE) in str(caught.value)
    for argv in (["cases", "list"], ["cases", "lint"], ["validate"]):
        code, _, err = run(argv, capsys)
        assert code == 1, argv
        assert str(clash) in err and TEMPLATE.stem in err


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_clash_is_told_in_the_users_language(
    folder: Path, lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hoiku_lib.i18n import t

    monkeypatch.setenv("HOIKU_LANG", lang)
    clash = add_case(folder, TEMPLATE.stem)
    code, _, err = run(["cases", "list"], capsys)
    assert code == 1
    assert t("overlay.case_clash", lang, id=TEMPLATE.stem, other=TEMPLATE) in err
    assert "Traceback" not in err and str(clash) in err


def test_one_id_in_two_files_is_refused(folder: Path) -> None:
    add_case(folder, "county_a")
    add_case(folder, "county_a", file_name="county_b")
    with pytest.raises(CaseLoadError):
        load_cases()


def test_workshop_open_finds_a_local_case(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_case(folder, "county_night_shift")
    db = tmp_path / "ws.sqlite"
    code, out, err = run(["workshop", "open", "county_night_shift", "--db", str(db)], capsys)
    assert code == 0, err
    assert out.strip()
    code, _, _ = run(["workshop", "open", "no_such_case", "--db", str(db)], capsys)
    assert code == 1


# --- resources ----------------------------------------------------------------------------


def test_local_resources_are_added_to_the_shipped_ones(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = shipped_content(monkeypatch)
    notice = {
        "id": "county_night_line",
        "since": "2025-01-01",
        "ref": "V",
        "laws": [],
        "text": {"fi": "Yöpäivystys", "sv": "Nattjour", "en": "Night line"},
    }
    write_resources(folder, [LOCAL_RESOURCE], [notice])
    content = load_content()
    assert [r.id for r in content.resources] == [
        *(r.id for r in shipped.resources),
        "county_social_emergency",
    ]
    assert [n.id for n in content.notices] == [*(n.id for n in shipped.notices), notice["id"]]
    assert "08005550101" in content.public_numbers()  # the audit does not flag it
    assert content.overlay_dir == folder.resolve()


def test_validate_counts_the_local_resources(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(overlay.ENV)
    _, before, _ = run(["validate"], capsys)
    monkeypatch.setenv(overlay.ENV, str(folder))
    write_resources(folder, [LOCAL_RESOURCE])
    code, after, err = run(["validate"], capsys)
    assert code == 0, err
    n_shipped = len(shipped_content(monkeypatch).resources)
    assert f" {n_shipped} " in before
    assert f" {n_shipped + 1} " in after


def test_a_local_resource_cannot_take_a_shipped_id(folder: Path) -> None:
    shipped_id = load_content().resources[0].id
    local = write_resources(folder, [{**LOCAL_RESOURCE, "id": shipped_id}])
    with pytest.raises(overlay.OverlayError) as caught:
        load_content()
    assert caught.value.file == local
    assert shipped_id in str(caught.value)


def test_faults_of_local_resources_name_the_local_file(folder: Path) -> None:
    wrong_indicator = {**LOCAL_RESOURCE, "relevant_when": {"indicators": ["no_such_sign"]}}
    local = write_resources(folder, [wrong_indicator])
    with pytest.raises(ContentError) as caught:
        load_content()
    assert caught.value.file == local
    assert caught.value.faults[0][0] == "resources[0].relevant_when.indicators[0]"

    missing_field = {k: v for k, v in LOCAL_RESOURCE.items() if k != "services"}
    write_resources(folder, [missing_field])
    with pytest.raises(ContentError) as caught:
        load_content()
    assert caught.value.file == local
    assert caught.value.faults[0][0] == "resources[0].services"


# --- the folder ---------------------------------------------------------------------------


def test_a_missing_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOIKU_LANG", "en")
    monkeypatch.delenv(overlay.ENV, raising=False)
    missing = tmp_path / "nowhere"
    code, _, err = run(["--content", str(missing), "validate"], capsys)
    assert code == 1
    assert str(missing) in err and "Traceback" not in err
    monkeypatch.setenv(overlay.ENV, str(missing))
    with pytest.raises(overlay.OverlayError):
        load_content()


def test_a_file_the_folder_may_not_hold_is_refused(folder: Path) -> None:
    (folder / "taxonomy.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    with pytest.raises(overlay.OverlayError) as caught:
        overlay.content_dir()
    assert caught.value.file == folder / "taxonomy.yaml"


def test_the_option_sets_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(overlay.ENV, raising=False)
    local = tmp_path / "county"
    (local / "cases").mkdir(parents=True)
    add_case(local, "county_night_shift")
    code, out, err = run(["--content", str(local), "cases", "list", "--json"], capsys)
    assert code == 0, err
    assert os.environ[overlay.ENV] == str(local.resolve())
    assert json.loads(out)[-1]["id"] == "county_night_shift"


def test_serve_refuses_a_faulty_folder_before_it_starts(folder: Path) -> None:
    bad = folder / "cases" / "county_broken.yaml"
    bad.write_text("schema_version: 1\nid: county_broken\n", encoding="utf-8")
    with pytest.raises(overlay.OverlayError) as caught:
        overlay.use(None, full=True)
    assert caught.value.file == bad
    # the real command, as a deployment runs it: refused at once, no server
    env = {**os.environ, "HOIKU_LANG": "en"}
    hoiku = [sys.executable, "-c", "from hoiku_lib.cli import main; raise SystemExit(main())"]
    done = subprocess.run(
        [*hoiku, "serve", "--port", "1", "--no-browser"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert str(bad) in done.stderr and "hoiku cases lint" in done.stderr


# --- the rule, for any folder ---------------------------------------------------------------

LOCAL_IDS = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(
    new=st.sets(LOCAL_IDS, max_size=6),
    taken=st.sets(st.sampled_from([p.stem for p in SHIPPED]), max_size=2),
)
def test_local_cases_are_added_unless_one_takes_a_shipped_name(
    new: set[str], taken: set[str]
) -> None:
    shipped_stems = {p.stem for p in SHIPPED}
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as m:
        folder = Path(tmp)
        (folder / "cases").mkdir()
        for case_id in new | taken:
            (folder / "cases" / f"{case_id}.yaml").write_text("schema_version: 1\n")
        m.delenv("HOIKU_CASES", raising=False)
        m.setenv(overlay.ENV, tmp)
        clashing = (new | taken) & shipped_stems
        if clashing:
            with pytest.raises(overlay.OverlayError) as caught:
                case_files()
            assert caught.value.file.stem in clashing
        else:
            local = sorted(folder.resolve() / "cases" / f"{i}.yaml" for i in new)
            assert case_files() == [*SHIPPED, *local]
