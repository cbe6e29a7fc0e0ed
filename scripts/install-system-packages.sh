#!/usr/bin/env bash
# System packages the test suite uses: libsecret headers (keytar), a real Secret Service (gnome-keyring under
# dbus-run-session), Debian's Chromium (renderer end-to-end), 7-Zip, Info-ZIP unzip, bsdtar and age (bundle interop),
# dash (tokens.env is sourced by a second shell), prlimit (memory bounds in tests) and
# keepassxc-cli (benchmark reference). Run as root, or it re-runs itself with sudo.
set -euo pipefail
packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 libsecret-tools chromium 7zip unzip libarchive-tools age keepassxc dash util-linux python3 make g++)
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "System packages ready: ${packages[*]}"
