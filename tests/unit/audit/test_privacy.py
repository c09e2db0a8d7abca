"""Does any output of the audit ever show a planted identifier unmasked?"""

from __future__ import annotations

import csv
import logging
import zipfile
from pathlib import Path

import pytest

from hoiku_lib.cli import main

PLANTED = {
    "hetu": "131052-308T",
    "hetu_wrong_check": "010594Y9033",
    "hetu_temporary": "311299A912K",
    "phone": "040 765 4321",
    "phone_intl": "+358 50 111 2233",
    "email": "pirjo.k77@example.com",
    "iban": "FI21 1234 5600 0007 85",
    "address": "Koivukujalla 7 B 12",
    "name": "Pekka Virtanen",
    "surname_inflected": "Mäkiselle",
}
NOTES = [
    f"Hetu {PLANTED['hetu']}. Epäily ihmiskaupasta, työnantaja pitää passia.",
    f"Tunnus {PLANTED['hetu_wrong_check']}, väliaikainen {PLANTED['hetu_temporary']}.",
    f"Soitetaan numeroon {PLANTED['phone']} tai {PLANTED['phone_intl']}.",
    f"Sähköposti {PLANTED['email']}, pyysi apua päästäkseen pois.",
    f"Kela-maksut tilille {PLANTED['iban']}.",
    f"Asuu {PLANTED['address']}. Keskusteltu {PLANTED['name']} kanssa.",
    f"Tieto välitetty {PLANTED['surname_inflected']}. Neuvonta +358 2954 63177.",
]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_no_output_holds_a_planted_identifier(tmp_path: Path, capsys, caplog, lang) -> None:  # noqa: ANN001
    """After `hoiku audit`, do csv, html, xlsx (unzipped), stdout, stderr and log stay clean?"""
    src = tmp_path / "export.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["ID", "Yksikkö", "Teksti", "Epäily", "Riskitieto"])
        for i, note in enumerate(NOTES):
            w.writerow([f"r{i}", "Päivystys", note, "kyllä", f"p. {PLANTED['phone']}"])
    out = tmp_path / "out"
    caplog.set_level(logging.DEBUG)
    assert main(["audit", str(src), "--out", str(out), "--lang", lang]) == 0
    streams = capsys.readouterr()
    texts = {"stdout": streams.out, "stderr": streams.err, "log": caplog.text}
    for path in out.iterdir():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                for member in zf.namelist():
                    texts[f"{path.name}:{member}"] = zf.read(member).decode("utf-8", "replace")
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    assert {"findings.csv", "summary.csv", "report.html", "report.xlsx"} <= {
        p.name for p in out.iterdir()
    }
    for where, text in texts.items():
        for kind, value in PLANTED.items():
            assert value not in text, f"{kind} leaked into {where}"
            assert value.replace(" ", "") not in text.replace(" ", ""), f"{kind} in {where}"
    # the report says loudly that the sample is not anonymised
    assert 'id="pii-banner"' in texts["report.html"]
    assert texts["stderr"].strip()
    findings = texts["findings.csv"]
    assert "personal_data" in findings and "indicator_disclosure" in findings
    assert not list(out.glob(".*.tmp"))


def test_identifiers_in_record_ids_and_units_are_masked(tmp_path: Path) -> None:
    """Is an identity code used as a record id, or a name in a unit, masked in the outputs?"""
    from hoiku_lib.audit.pipeline import run_audit
    from hoiku_lib.audit.report import write_outputs

    src = tmp_path / "ids.csv"
    src.write_text(
        "id;unit;note\n131052-308T;Vastaanotto Pekka Virtanen;Hetu 010594Y9033.\n",
        encoding="utf-8",
    )
    result = run_audit(src)
    out = tmp_path / "out"
    write_outputs(result, out, "fi")
    for path in out.glob("*.*"):
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                data = b"".join(zf.read(m) for m in zf.namelist())
        for value in ("131052-308T", "Virtanen", "010594Y9033"):
            assert value.encode() not in data, (value, path.name)
