#!/usr/bin/env bash
# Make sure Voikko, the Finnish morphological analyser, is on the machine: Debian's libvoikko1
# and voikko-fi (the Finnish dictionary). The audit tells names from clinical words with it and
# the reference card searches by base form; without it they refuse to run rather than run weaker.
# Idempotent: does nothing when both are installed. Installs with apt as root; otherwise it
# says what to run.
set -euo pipefail

have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if have libvoikko1 && have voikko-fi; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "HOIKU needs Voikko for Finnish word forms. Install it as an administrator:" >&2
    echo "    sudo apt-get install libvoikko1 voikko-fi" >&2
    echo "then run this command again." >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "HOIKU needs Voikko (libvoikko1 and voikko-fi); this machine has no apt-get." >&2
    echo "Install libvoikko and the Finnish dictionary with your system's package manager." >&2
    exit 1
fi
echo "ensure-voikko: installing Debian's libvoikko1 and voikko-fi" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libvoikko1 voikko-fi >/dev/null
