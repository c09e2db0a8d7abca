#!/usr/bin/env bash
# The built wheel works on its own, as a deployer installs it: build it from the checkout's
# files, install it into a fresh virtual environment outside the checkout (a clean venv, its
# dependencies from the package index as pyproject.toml bounds them), and from another folder
# run `hoiku validate`, `hoiku cases lint`, `hoiku quiz lint`, `hoiku assess`, `hoiku audit`
# on a sample and `hoiku serve`, whose start page must answer. Also checks what the wheel holds: the content,
# vignettes, dashboards, catalogues and templates, and nothing of tests/, bench/ or dev files.
# Called by `./dev test`; run alone with `bash scripts/check-wheel.sh`.
set -euo pipefail
START=$SECONDS
cd "$(dirname "$0")/.."
CHECKOUT="$PWD"
PY="${HOIKU_VENV:-.venv}/bin/python"
[ -x "$PY" ] || PY="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m (%d s)\n' "$*" "$((SECONDS - START))" >&2; }
fail() { printf 'check-wheel: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/hoiku-wheel.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  # a venv is tens of thousands of files: removed in the background, the check does not wait
  (rm -rf "$WORK" &)
}
trap cleanup EXIT

# Quiet output that is shown only when the step fails.
quiet() {
  local log="$WORK/step.log"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    fail "failed: $*"
  fi
}

say "Building the wheel"
# Build from a copy of the files git knows (committed or not, never ignored ones), so that
# nothing left in build/ or an untracked scratch file can slip into the wheel.
SRC="$WORK/src"
mkdir -p "$SRC"
if git -C "$CHECKOUT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$CHECKOUT" ls-files -z --cached --others --exclude-standard -- pyproject.toml README.md hoiku_lib \
    | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
    | xargs -0 cp --parents -t "$SRC"
else
  cp -r pyproject.toml README.md hoiku_lib "$SRC"/
fi
quiet "$PY" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$SRC"
WHEEL="$(ls "$WORK"/dist/hoiku-*.whl)"

say "What the wheel holds"
"$PY" - "$WHEEL" "$SRC" <<'EOF'
import sys, zipfile
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

wheel = Path(sys.argv[1])
names = [n for n in zipfile.ZipFile(wheel).namelist() if not n.endswith("/")]
print(f"{wheel.name}: {wheel.stat().st_size / 1024:.0f} KiB, {len(names)} files")
# files per folder, three levels deep at most (hoiku_lib/data/cases, hoiku_lib/locale/fi)
folders = Counter("/".join(n.split("/")[:-1][:3]) + "/" for n in names)
for folder, count in sorted(folders.items()):
    print(f"  {count:4d}  {folder}")
needed = {
    "the taxonomy": "hoiku_lib/data/taxonomy.yaml",
    "the resources": "hoiku_lib/data/resources.yaml",
    "the vignettes": "hoiku_lib/data/cases/*.yaml",
    "the audit's word model": "hoiku_lib/data/audit/disclosure_model.yaml",
    "the demo sample": "hoiku_lib/data/samples/*.csv",
    "the dashboards": "hoiku_lib/notebooks/dashboards/*.ipynb",
    "the audit notebook": "hoiku_lib/notebooks/audit.ipynb",
    "the fi catalogues": "hoiku_lib/locale/fi/LC_MESSAGES/*.po",
    "the sv catalogues": "hoiku_lib/locale/sv/LC_MESSAGES/*.po",
    "the en catalogues": "hoiku_lib/locale/en/LC_MESSAGES/*.po",
    "the server's templates": "hoiku_lib/serve/templates/*.html",
    "the report template": "hoiku_lib/audit/templates/*",
}
faults = [f"no {what} ({pattern})" for what, pattern in needed.items()
          if not any(fnmatch(n, pattern) for n in names)]
# every file of the package folder that git knows reaches the wheel (a new data folder
# missing from pyproject.toml's package-data is caught here, not by a deployer)
src = Path(sys.argv[2])
known = sorted(str(f.relative_to(src)) for f in (src / "hoiku_lib").rglob("*") if f.is_file())
faults += [f"not in the wheel (pyproject.toml package-data?): {n}" for n in known
           if n not in set(names)][:20]
allowed_top = ("hoiku_lib/", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info/")
leaks = [n for n in names if not n.startswith(allowed_top)
         or any(part in {"tests", "bench", "scripts", "__pycache__", ".ipynb_checkpoints"}
                for part in n.split("/"))
         or n.endswith((".pyc", ".orig", ".rej", "~"))]
faults += [f"should not be in the wheel: {n}" for n in leaks[:20]]
if faults:
    sys.exit("check-wheel: " + "\n  ".join(["the wheel is wrong:", *faults]))
EOF

say "Installing it into a fresh virtual environment"
VPY="$WORK/venv/bin/python"
HOIKU="$WORK/venv/bin/hoiku"
UV="$(dirname "$PY")/uv"
if [ -x "$UV" ]; then
  # uv (the test extra) resolves the wheel's dependencies from the package index as pip
  # does, in seconds instead of minutes: pip spends 2-3 minutes here on a 2-core machine
  quiet "$UV" venv --quiet "$WORK/venv"
  quiet "$UV" pip install --quiet --python "$VPY" "$WHEEL"
else
  "$PY" -m venv "$WORK/venv"
  # --no-compile: no .pyc for the dependencies' every module (minutes on a busy machine,
  # and twice the files to delete); Python compiles what it imports
  quiet "$VPY" -m pip install --quiet --disable-pip-version-check --no-compile "$WHEEL"
fi

# From a folder that is not the checkout; the checkout must not be importable from there.
RUN="$WORK/run"
mkdir -p "$RUN"
cd "$RUN"
export HOIKU_LANG=fi
unset HOIKU_CASES HOIKU_CONTENT HOIKU_DB PYTHONPATH
where="$("$VPY" -c 'import hoiku_lib; print(hoiku_lib.__file__)')"
case "$where" in
  "$WORK/venv/"*) ;;
  *) fail "hoiku_lib was imported from $where, not from the installed wheel" ;;
esac

say "Every module imports with the declared dependencies only"
"$VPY" - <<'EOF' || fail "a module of the installed package does not import (above): is a dependency missing from pyproject.toml?"
import importlib, pkgutil, sys
import hoiku_lib

failed = []
for module in pkgutil.walk_packages(hoiku_lib.__path__, "hoiku_lib."):
    if module.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(module.name)
    except Exception as exc:  # noqa: BLE001 - every failure is reported
        failed.append(f"{module.name}: {type(exc).__name__}: {exc}")
if failed:
    sys.exit("\n".join(failed))
EOF

say "hoiku validate, cases lint, quiz lint, assess, audit (installed, from $RUN)"
quiet "$HOIKU" validate
quiet "$HOIKU" cases lint
quiet "$HOIKU" quiz lint
"$HOIKU" assess --indicators exp_deceived_about_work,exp_work_accidents,ctl_debt_bondage --age 34 --consent no --json \
  >assess.json || fail "hoiku assess failed"
"$VPY" -c '
import json, sys
r = json.load(open("assess.json"))
assert r["level"] == "high" and "refer_ngo" in r["actions"], r
' || fail "hoiku assess gave an unexpected answer (assess.json above)"
quiet "$HOIKU" sample-data --n 300 --seed 7 --out sample.csv
quiet "$HOIKU" audit sample.csv --out audit-out
for f in findings.csv summary.csv report.html; do
  [ -s "audit-out/$f" ] || fail "hoiku audit wrote no audit-out/$f"
done

say "A local content folder adds a case (hoiku --content DIR)"
mkdir -p local/cases
"$VPY" - <<'EOF' || fail "could not write the local case"
import yaml
from hoiku_lib.package_data import CASES_DIR

data = yaml.safe_load(sorted(CASES_DIR.glob("*.yaml"))[0].read_text(encoding="utf-8"))
data["id"] = "local_check"
with open("local/cases/local_check.yaml", "w", encoding="utf-8") as fh:
    yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False)
EOF
quiet "$HOIKU" --content local cases lint
"$HOIKU" --content local cases list --json >local.json || fail "hoiku --content local cases list failed"
"$VPY" -c 'import json; assert json.load(open("local.json"))[-1]["id"] == "local_check"' \
  || fail "the local case is not listed (local.json)"

say "hoiku serve answers its start page"
PORT="$("$VPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$HOIKU" serve --port "$PORT" --no-browser --pool 1 >serve.log 2>&1 &
SERVER_PID=$!
"$VPY" - "$PORT" "$SERVER_PID" <<'EOF' || { cat serve.log >&2; fail "hoiku serve did not answer its start page"; }
import sys, time, urllib.error, urllib.request
from pathlib import Path
from hoiku_lib.i18n import t

url, pid = f"http://127.0.0.1:{sys.argv[1]}/", sys.argv[2]


def server_gone() -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


deadline = time.monotonic() + 60
while True:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            status, page = response.status, response.read().decode("utf-8")
        break
    except urllib.error.HTTPError as exc:
        status, page = exc.code, ""
        break
    except OSError:
        if server_gone():
            sys.exit("hoiku serve stopped before it answered (its output above)")
        if time.monotonic() > deadline:
            sys.exit(f"no answer from {url} within 60 s")
        time.sleep(0.5)
title = t("serve.landing.title", "fi")
if status != 200 or title not in page:
    sys.exit(f"{url} answered {status} without the title {title!r}")
print(f"{url}: {status}, {title}")
EOF
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

say "The wheel works on its own"
