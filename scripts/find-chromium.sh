#!/bin/sh
# Print the path of a Chromium for the browser tests, installing Debian's package when we can.
# Order: $CHROMIUM if set, a Chromium or Chrome already on PATH, else `apt-get install chromium`
# when running as root on Debian or Ubuntu. Playwright's own browser download is never used.
set -eu

if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { echo "CHROMIUM=$CHROMIUM is not an executable file" >&2; exit 1; }
  echo "$CHROMIUM"; exit 0
fi
for name in chromium chromium-browser google-chrome-stable google-chrome; do
  if path=$(command -v "$name" 2>/dev/null); then echo "$path"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found; installing Debian's chromium package." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  command -v chromium && exit 0
fi
cat >&2 <<'MSG'
No Chromium found, and it cannot be installed automatically here.
Install one, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install chromium      (Ubuntu may name it chromium-browser)
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium
or point CHROMIUM at an installed Chromium or Chrome:  make test CHROMIUM=/path/to/chrome
MSG
exit 1
