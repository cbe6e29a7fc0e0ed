#!/usr/bin/env bash
# Runs the whole vitest suite inside a private D-Bus session with an unlocked gnome-keyring, so the keychain tests
# talk to a real Secret Service. Extra arguments go to vitest (e.g. a test file).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TOKENVAULT_TEST_DBUS:-}" ]; then
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    # A throwaway keyring in its own folder (never the user's login keyring); its password is not a product secret.
    exec dbus-run-session -- env TOKENVAULT_TEST_DBUS=1 sh -c \
      'keyrings=$(mktemp -d); printf throwaway-test-keyring | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || echo "run-tests: gnome-keyring-daemon did not start; keychain tests will report themselves skipped." >&2; bash scripts/run-tests.sh "$@"; status=$?; rm -rf "$keyrings"; exit $status' \
      run-tests "$@"
  fi
  echo "run-tests: dbus-run-session or gnome-keyring-daemon is missing; keychain tests will report themselves skipped." >&2
fi

npx vitest run "$@"
