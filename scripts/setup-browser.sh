#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's Chromium (driven by
# playwright-core) and CJK fonts so Chinese pages render in screenshots. Idempotent.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto sans cjk' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  echo "browser: chromium and CJK fonts present"
  exit 0
fi
echo "browser: installing ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "browser: installed ${need[*]}"
