#!/usr/bin/env bash
# System packages the test suite uses: libsecret headers (keytar), a real Secret Service (gnome-keyring under
# dbus-run-session), Debian's Chromium (renderer end-to-end), 7-Zip and Info-ZIP unzip (bundle interop) and
# keepassxc-cli (benchmark reference). Run as root, or it re-runs itself with sudo.
set -euo pipefail
packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 libsecret-tools chromium 7zip unzip keepassxc python3 make g++)
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "System packages ready: ${packages[*]}"
