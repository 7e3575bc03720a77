#!/usr/bin/env bash
# System packages that `make test-full` needs, from the distribution (Debian 12):
# a PostgreSQL server, Chromium for the browser tests (Playwright drives it; no browser
# download), CJK fonts so Chinese renders in screenshots, and wrk for ad-hoc load.
# Idempotent: installs only what is missing; uses sudo when not root.
set -euo pipefail

wanted=(postgresql chromium fonts-noto-cjk wrk)
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all present (${wanted[*]})"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "install-test-deps: missing ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi
echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
