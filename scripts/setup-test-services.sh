#!/usr/bin/env bash
# The real components the tests run against, installed once from Debian's
# packages: PostgreSQL (the store tests start a throwaway cluster of it),
# Chromium (the browser tests and `make screenshots` drive it) and a Java
# runtime (the Spark tests of `truceline batch` run pyspark on local[2]; Spark 4
# needs Java 17+, Debian 12's default). `make test` runs this first, so a fresh
# machine needs nothing by hand; when all are present it only checks and
# returns at once.
#
# Installing needs root (as on CI) or password-less sudo. Without either, it
# says what to install and fails: the tests never skip a missing component.
# TRUCELINE_TEST_PG_URL (a server of your own) or TRUCELINE_TEST_NO_PG=1 (the
# explicit request to skip the PostgreSQL store tests) make PostgreSQL
# unnecessary, as they do for the tests.
set -euo pipefail

# Where the tests look for them: tests/store/pgserver.py and tests/web/browser.py.
has_postgresql() { compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; }
has_chromium() { [ -x /usr/bin/chromium ]; }
has_java() { command -v java >/dev/null; }

missing=()
if [ -z "${TRUCELINE_TEST_PG_URL:-}" ] && [ "${TRUCELINE_TEST_NO_PG:-}" != 1 ] && ! has_postgresql; then
    missing+=(postgresql)
fi
has_chromium || missing+=(chromium)
has_java || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "the tests need ${missing[*]}: run \`sudo apt-get install -y ${missing[*]}\`" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "the tests need ${missing[*]} and this machine has no apt-get: install them" >&2
    exit 1
fi

echo "installing ${missing[*]} for the tests (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
