"""The longest word runs the product's Finnish text shares with the guide ("all rights reserved").

Usage: .venv/bin/python bench/verbatim_runs.py [GUIDE.txt]   (default ../shared/source/…)

Every Finnish string of hoiku_lib/data/*.yaml, hoiku_lib/data/cases/*.yaml and the fi
catalogues is compared with the
de-hyphenated guide by word n-grams; the runs of 8 words or more are printed, longest first.
The product's rule is to state the guide's facts in its own words, short.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from hoiku_lib.package_data import CASES_DIR, DATA_DIR

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT.parent / "shared" / "source" / "hoiku-guide-2017-fi.txt"
MIN_RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-zåäö0-9]+", text.casefold())


def guide_words(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"-\s*\n\s*", "", text)  # words split over a line end
    return words(text)


def finnish_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("fi"), str) and {"sv", "en"} <= node.keys():
                found.append((where, node["fi"]))
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}[{n}]")

    for path in sorted([*DATA_DIR.glob("*.yaml"), *CASES_DIR.glob("*.yaml")]):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.relative_to(ROOT).as_posix())
    for path in sorted(ROOT.glob("hoiku_lib/locale/fi/LC_MESSAGES/*.po")):
        with path.open("rb") as fh:
            for message in read_po(fh, locale="fi"):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    if message.id and text:
                        found.append((f"{path.name}:{message.id}", text))
    return found


def longest_run(text: list[str], guide: set[tuple[str, ...]], longest: int) -> int:
    best = 0
    for n in range(MIN_RUN, longest + 1):
        if any(tuple(text[i : i + n]) in guide for i in range(len(text) - n + 1)):
            best = n
        else:
            break
    return best


def main(guide_path: Path = GUIDE) -> None:
    guide = guide_words(Path(guide_path))
    longest = 40
    grams = {
        tuple(guide[i : i + n])
        for n in range(MIN_RUN, longest + 1)
        for i in range(len(guide) - n + 1)
    }
    runs = []
    for where, text in finnish_strings():
        run = longest_run(words(text), grams, longest)
        if run:
            runs.append((run, where))
    for run, where in sorted(runs, reverse=True):
        print(f"{run:3d} words  {where}")
    top = max((r for r, _ in runs), default=0)
    print(f"{len(runs)} strings share a run of {MIN_RUN}+ words; longest {top}")


if __name__ == "__main__":
    main(*sys.argv[1:])
