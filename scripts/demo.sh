#!/bin/sh
# The main job on the bundled sample letter, on this machine, without touching
# the system's own CUPS or mail: a private cupsd with the Missive queue, the
# sample printed with lp by a local account (the "secretary"), the job taken
# from that account's spool, read (identity, recipients, author), matched in a
# directory built from the sample Annuaire Santé extracts, and sent by MSSanté
# to the recipient and to the patient's mailbox on a private Postfix (TLS with
# client certificate), where the messages are read back.
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
    scripts/private-mailserver stop "$work/mail"
    # The spool holds a (synthetic) letter: keep it only on request.
    if [ "${MISSIVE_DEMO_KEEP:-0}" = 1 ]; then echo "== Dossier conservé : $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM
mkdir -p "$work/bin"
# The demo account must be able to run the CLI wherever this clone lives.
install -m 0755 "$BUILD_DIR/app/cli/missive" "$work/bin/missive"
install -m 0755 "$BUILD_DIR/app/gui/missive-app" "$work/bin/missive-app"
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

home=$work/home # the secretary's own files: directory, settings, outbox, the letter
install -d -m 0700 -o "$user" "$home"
as_user_missive() { as_user "$work/bin/missive" "$@"; }

echo "== Annuaire : import des extractions d'exemple (Annuaire Santé)"
as_user_missive directory import --db "$home/annuaire.db" \
    samples/annuaire/PS_LibreAcces_Personne_activite_202611230000.txt \
    samples/annuaire/Extraction_Correspondance_MSSante_202611230000.txt
# The secretariat's rule for discharge letters: always a copy to the patient's own mailbox.
as_user_missive directory rules set 11490-0 patient-mailbox --db "$home/annuaire.db"

echo "== Lecture du courrier $id (ce que la fenêtre de confirmation proposera)"
letter="$work/spool/$(id -u "$user")/jobs/$id/document.pdf"
as_user_missive analyze "$letter" --db "$home/annuaire.db"
analysis=$(as_user_missive analyze "$letter" --db "$home/annuaire.db" --json)
# The recipients the directory recognised without doubt (homonyms stay for the secretary).
rpps=$(printf '%s' "$analysis" | python3 -c '
import json, sys
a = json.load(sys.stdin)
print(",".join(r["rpps"] for r in a["recipients"] if r["auto_selected"] and r["rpps"]))')
[ -n "$rpps" ] || { echo "demo: aucun destinataire reconnu dans l'annuaire" >&2; exit 1; }

echo "== Serveur de messagerie de test (Postfix privé, TLS + certificat client)"
free_port() { # a loopback port nothing listens on (bash's /dev/tcp: connection refused = free)
    while :; do
        p=$(shuf -i 20000-60000 -n 1)
        bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null || { echo "$p"; return; }
    done
}
smtp=$(free_port)
scripts/private-mailserver start "$work/mail" "$smtp" "$(free_port)"
# The secretary's certificate and passphrase file are hers alone (Missive checks owner and mode).
for f in client.p12 client.pass ca.pem; do install -m 0600 -o "$user" "$work/mail/tls/$f" "$home/$f"; done
as_user sh -c "umask 077; cat >'$home/missive.conf'" <<EOF
# Demo configuration: no secret here, only where to find it.
[mssante]
smtp_url = smtp://127.0.0.1:$smtp
sender = secretariat@test.mssante.fr
client_certificate = $home/client.p12
passphrase_file = $home/client.pass
ca_bundle = $home/ca.pem
nil = MISSIVE-DEMO
[structure]
id = 1690000001
name = Clinique de démonstration
[outbox]
path = $home/outbox.sqlite
EOF

echo "== missive-app --demo : la fenêtre de confirmation (sans écran) propose les destinataires reconnus"
echo "   ($rpps) et la copie au patient (règle du type de document), puis « Envoyer »"
as_user env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$home" "$work/bin/missive-app" --demo \
    --db "$home/annuaire.db" --config "$home/missive.conf" --spool "$work/spool"
as_user_missive jobs list | grep -q "Aucun document en attente" ||
    { echo "demo: le courrier est resté en attente" >&2; exit 1; }

echo "== Messages reçus dans la boîte de test"
expected=$(($(printf '%s' "$rpps" | tr ',' '\n' | wc -l) + 1))
received() { ls "$work/mail/mail/inbox/new" 2>/dev/null | wc -l; }
i=0
until [ "$(received)" -ge "$expected" ]; do
    i=$((i + 1))
    [ $i -lt 200 ] || { echo "demo: $expected message(s) attendu(s), reçu(s) : $(received)" >&2; exit 1; }
    sleep 0.1
done
for message in "$work/mail/mail/inbox/new"/*; do
    grep -E '^(To|Subject|X-MSS-[A-Z]+):' "$message"
    printf 'pièces jointes : %s\n\n' "$(grep -o 'filename="[^"]*"' "$message" | sed 's/filename=//' | tr '\n' ' ')"
done
as_user_missive outbox list --config "$home/missive.conf"
echo "== Démonstration réussie : le courrier $id, imprimé, lu et confirmé, est dans les boîtes MSSanté de test."
