#!/bin/sh
# The main job on the bundled sample letter, on this machine, without touching
# the system's own CUPS: a private cupsd with the Missive queue, the sample
# printed with lp by a local account, and the job read back from that
# account's spool. Later steps (reading, matching, sending) extend this script.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
user=${MISSIVE_DEMO_USER:-missive-demo}

if [ "$(id -u)" != 0 ]; then
    echo "demo: run as root: it starts a private cupsd whose backend runs as root" >&2
    exit 1
fi
if ! id "$user" >/dev/null 2>&1; then
    echo "== Création du compte de démonstration $user"
    useradd --no-create-home --no-user-group --shell /usr/sbin/nologin "$user"
fi

work=$(mktemp -d /tmp/missive-demo.XXXXXX)
chmod 0755 "$work"
cleanup() {
    scripts/private-cupsd stop "$work/cups"
    # The spool holds a (synthetic) letter: keep it only on request.
    if [ "${MISSIVE_DEMO_KEEP:-0}" = 1 ]; then echo "== Dossier conservé : $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM
mkdir -p "$work/bin"
# The demo account must be able to run the CLI wherever this clone lives.
install -m 0755 "$BUILD_DIR/app/cli/missive" "$work/bin/missive"
install -m 0644 samples/lettre-liaison.pdf "$work/lettre-liaison.pdf"
export CUPS_SERVER="$work/cups/cups.sock"
as_user() { runuser -u "$user" -- env MISSIVE_SPOOL_DIR="$work/spool" CUPS_SERVER="$CUPS_SERVER" "$@"; }

echo "== Serveur CUPS privé ($CUPS_SERVER)"
scripts/private-cupsd start "$work/cups" "$BUILD_DIR/printer-driver/cups/missive"

echo "== Installation de l'imprimante Missive"
"$work/bin/missive" printer install --spool "$work/spool"

echo "== Impression de l'exemple par $user"
as_user lp -d Missive -t "Lettre de liaison (exemple)" "$work/lettre-liaison.pdf"

echo "== Réception dans le dossier de $user"
line=$(as_user "$work/bin/missive" jobs watch --once --timeout 60 --json)
id=$(printf '%s\n' "$line" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
[ -n "$id" ] || { echo "demo: aucun document reçu" >&2; exit 1; }
as_user "$work/bin/missive" jobs show "$id"

echo "== Texte de la première page, lu dans le dossier de réception"
as_user pdftotext -l 1 -layout "$work/spool/$(id -u "$user")/jobs/$id/document.pdf" - | sed -n '1,12p'

echo "== Démonstration réussie : le courrier $id attend sa confirmation dans Missive."
