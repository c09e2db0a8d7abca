#!/usr/bin/env bash
# Make sure the tests of the hosted set-up have a real PostgreSQL server to start: Debian's
# postgresql package (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin). The tests
# start their own server on a free port in a temporary data directory and stop it afterwards;
# nothing here starts a service. Idempotent: does nothing when a server binary is there.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "The PostgreSQL tests need Debian's postgresql package. Install it as an administrator:" >&2
    echo "    sudo apt-get install postgresql" >&2
    echo "then run this command again." >&2
    exit 1
fi
echo "ensure-postgres: installing Debian's postgresql" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# the package may start a cluster of its own; the tests do not use it
if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do
        pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    done
fi
