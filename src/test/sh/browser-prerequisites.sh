#!/usr/bin/env bash
# Run by Maven before the tests (exec-maven-plugin, phase process-test-classes; skipped with -DskipTests):
# the demo page's browser tests drive Debian's headless Chromium through its chromedriver
# (/usr/bin/chromium, /usr/bin/chromedriver). When they are missing they are installed with apt-get
# (as root, or through sudo without a password); on another system install them yourself.
set -euo pipefail

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "browser-prerequisites: the browser tests need /usr/bin/chromium and /usr/bin/chromedriver;" \
         "run as root, or install them: sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "browser-prerequisites: no apt-get here; install Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver" >&2
    exit 1
  fi
  echo "browser-prerequisites: installing Debian's chromium and chromium-driver for the browser tests" >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

