#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: Debian's Chromium (driven by
# playwright-core) and CJK fonts so Chinese pages render in screenshots. Idempotent.
set -euo pipefail
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
installed fonts-noto-cjk || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  echo "browser: chromium and CJK fonts present"
  exit 0
fi
echo "browser: installing ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (a parallel test worker, unattended upgrades) instead of failing.
lock=(-o DPkg::Lock::Timeout=300)
$sudo apt-get "${lock[@]}" update -qq
$sudo apt-get "${lock[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "browser: installed ${need[*]}"
