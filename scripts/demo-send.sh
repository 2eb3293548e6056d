#!/bin/sh
# Sending step of the demo: a PDF goes through `missive send` to a private Postfix on loopback
# (STARTTLS, client certificate required, throwaway CA) and is read back from the test mailbox.
# demo.sh can call it with the letter it captured:  scripts/demo-send.sh FILE.pdf
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
pdf=${1:-samples/lettre-liaison.pdf}

if [ "$(id -u)" != 0 ]; then
    echo "demo-send: run as root: it starts a private Postfix" >&2
    exit 1
fi
free_port() { # a loopback port nothing listens on (bash's /dev/tcp: connection refused = free)
    while :; do
        p=$(shuf -i 20000-60000 -n 1)
        bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null || { echo "$p"; return; }
    done
}
work=$(mktemp -d /tmp/missive-demo-send.XXXXXX)
chmod 0755 "$work"
cleanup() {
    scripts/private-mailserver stop "$work/mail"
    if [ "${MISSIVE_DEMO_KEEP:-0}" = 1 ]; then echo "== Dossier conservé : $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

echo "== Serveur de messagerie de test (Postfix privé, TLS + certificat client)"
smtp=$(free_port)
scripts/private-mailserver start "$work/mail" "$smtp" "$(free_port)"
tls=$work/mail/tls
umask 077
cat >"$work/missive.conf" <<EOF
# Demo configuration: no secret here, only where to find it.
[mssante]
smtp_url = smtp://127.0.0.1:$smtp
sender = secretariat@test.mssante.fr
client_certificate = $tls/client.p12
passphrase_file = $tls/client.pass
ca_bundle = $tls/ca.pem
nil = MISSIVE-DEMO
[outbox]
path = $work/outbox.sqlite
EOF

echo "== Envoi MSSanté à dr.martin@test.mssante.fr"
"$BUILD_DIR/app/cli/missive" send "$pdf" --to dr.martin@test.mssante.fr --config "$work/missive.conf"
"$BUILD_DIR/app/cli/missive" outbox list --config "$work/missive.conf"

echo "== Message reçu dans la boîte de test"
i=0
until [ -n "$(ls "$work/mail/mail/inbox/new" 2>/dev/null)" ]; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "demo-send: rien reçu" >&2; exit 1; }
    sleep 0.1
done
message=$(ls "$work/mail/mail/inbox/new"/* | head -1)
grep -E '^(From|To|Subject|Message-ID|X-MSS-[A-Z]+|Content-Type):' "$message" | grep -v '^Content-Type: text'
grep -c 'filename=' "$message" | sed 's/^/pièces jointes : /'
echo "== Envoi réussi : le courrier est dans la boîte MSSanté de test."
