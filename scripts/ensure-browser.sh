#!/usr/bin/env bash
# Make sure the end-to-end tests have what they drive: Debian's chromium (Playwright's
# own browser download does not work offline, so never `playwright install`) and the
# npm axe-core used for the accessibility checks. Idempotent: does nothing when both exist.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "ensure-browser: installing Debian's chromium" >&2
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    echo "ensure-browser: installing axe-core from npm" >&2
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund --silent
    else
        npm install --no-audit --no-fund --silent
    fi
fi
