#!/bin/sh
# Runs a command in a private D-Bus session with a throwaway, unlocked gnome-keyring (the Secret
# Service QtKeychain talks to), as a desktop session would provide. For the keychain tests.
set -eu
exec dbus-run-session -- sh -c '
    scratch=$(mktemp -d)
    export HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
    mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
    chmod 0700 "$XDG_RUNTIME_DIR"
    printf %s missive-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    status=0
    "$@" || status=$?
    rm -rf "$scratch"
    exit $status
' with-keyring "$@"
