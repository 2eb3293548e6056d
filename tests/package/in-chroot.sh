#!/bin/sh
# The chroot half of test-deb.sh (run as root inside the throwaway overlay; see there).
#   in-chroot.sh DIR      DIR holds missive.deb, the signed repository made of it (repo/) and letter.pdf
set -eu
dir=$1
user=missive-pkgtest
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive
unset CUPS_SERVER MISSIVE_SPOOL_DIR MISSIVE_CONFIG MISSIVE_DB MISSIVE_SHARED_DB

step() { echo "test-deb: $*"; }
fail() {
    echo "test-deb: FAIL: $*" >&2
    if [ -f /var/log/cups/error_log ]; then tail -n 30 /var/log/cups/error_log >&2; fi
    exit 1
}

start_cupsd() {
    mkdir -p /run/cups
    cupsd -f >/var/tmp/missive-test/cupsd.out 2>&1 &
    cupsd_pid=$!
    i=0
    until lpstat -r 2>/dev/null | grep -q "scheduler is running"; do
        i=$((i + 1))
        [ $i -le 100 ] || { cat /var/tmp/missive-test/cupsd.out >&2; fail "cupsd did not start"; }
        sleep 0.1
    done
}

# 1. Installed while CUPS is down, with apt from the signed repository (the only source here):
#    configure succeeds and says what to do; no queue yet.
step "apt-get install from the signed repository, with cupsd stopped"
echo "deb [signed-by=$dir/repo/missive-archive-keyring.gpg] file:$dir/repo bookworm main" >"$dir/missive.list"
# French descriptions too (the repository's i18n/Translation-fr).
apt_private="-o Dir::Etc::sourcelist=$dir/missive.list -o Dir::Etc::sourceparts=- -o Acquire::Languages=fr"
# shellcheck disable=SC2086
apt-get $apt_private update >"$dir/update.log" 2>&1 || { cat "$dir/update.log" >&2; fail "apt-get update"; }
if grep -q "^\(W\|E\): " "$dir/update.log"; then cat "$dir/update.log" >&2; fail "apt-get update complains"; fi
# shellcheck disable=SC2086
apt-cache $apt_private show missive | grep -q "^Description-fr: Imprimer un courrier médical" ||
    fail "apt does not show the package's French description"
# shellcheck disable=SC2086
apt-get $apt_private install -y --no-install-recommends missive >"$dir/install1.log" 2>&1 ||
    { cat "$dir/install1.log" >&2; fail "apt-get install (CUPS down)"; }
cat "$dir/install1.log"
grep -q "missive printer install" "$dir/install1.log" || fail "no note about CUPS being down"
[ "$(stat -c '%U:%G %a' /var/spool/missive)" = "root:root 711" ] || fail "spool root: $(stat -c '%U:%G %a' /var/spool/missive)"
[ "$(stat -c '%U:%G %a' /usr/lib/cups/backend/missive)" = "root:root 700" ] ||
    fail "backend: $(stat -c '%U:%G %a' /usr/lib/cups/backend/missive)"
for path in /usr/bin/missive /usr/bin/missive-app /usr/lib/cups/filter/missive-pstopdf /etc/missive/missive.conf \
    /etc/xdg/autostart/missive-app.desktop /usr/share/man/man1/missive.1.gz /usr/share/doc/missive/copyright; do
    [ -e "$path" ] || fail "$path not installed"
done
# missive-app reads letters in its private worker, beside the OCR module.
[ -x /usr/lib/missive/missive-reader ] || ls /usr/lib/*/missive/missive-reader >/dev/null 2>&1 ||
    fail "missive-reader not installed beside the modules"
# The shipped configuration (all comments) is valid: sending is merely "not configured".
missive outbox list --json >/dev/null 2>"$dir/outbox.err" || {
    cat "$dir/outbox.err" >&2
    fail "missive rejects the shipped /etc/missive/missive.conf"
}

# 2. Configured again with CUPS up (dpkg -i of the same version): the queue appears.
start_cupsd
step "dpkg -i with cupsd running"
dpkg -i "$dir/missive.deb" || fail "dpkg -i (CUPS up)"
lpstat -v Missive | grep -q "missive:/" || fail "queue Missive missing or wrong device: $(lpstat -v 2>&1)"

# 3. A user prints with lp; the job arrives in that user's spool.
useradd --create-home --shell /bin/sh "$user"
uid=$(id -u "$user")
step "lp -d Missive as $user (uid $uid)"
runuser -u "$user" -- lp -d Missive -t "Courrier de test" "$dir/letter.pdf"
count=0
i=0
while [ $i -lt 120 ]; do
    count=$(runuser -u "$user" -- missive jobs list --json 2>/dev/null |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)["jobs"]))' 2>/dev/null || echo 0)
    [ "$count" = 0 ] || break
    i=$((i + 1))
    sleep 0.5
done
[ "$count" = 1 ] || fail "expected 1 job in $user's spool, found $count; lpstat: $(lpstat -W all -o 2>&1)"
[ "$(stat -c '%u %a' "/var/spool/missive/$uid")" = "$uid 700" ] ||
    fail "user spool: $(stat -c '%u %a' "/var/spool/missive/$uid")"
step "job seen by '$user: missive jobs list'"

# 4. The machine's shared directory: the service's own command, run as its user, imports IT's
#    extracts once; two users of the missive group find a professional without importing
#    anything, a user outside the group is told why they cannot.
step "shared directory: missive user, /var/lib/missive, units, timer enabled"
getent passwd missive >/dev/null || fail "no missive system user"
[ "$(stat -c '%U:%G %a' /var/lib/missive)" = "missive:missive 2750" ] ||
    fail "/var/lib/missive: $(stat -c '%U:%G %a' /var/lib/missive)"
unit=/lib/systemd/system/missive-directory-update.service
for path in "$unit" /lib/systemd/system/missive-directory-update.timer; do
    [ -f "$path" ] || fail "$path not installed"
done
[ -L /etc/systemd/system/timers.target.wants/missive-directory-update.timer ] ||
    fail "the timer is not enabled: $(ls /etc/systemd/system/timers.target.wants 2>&1)"
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze verify --man=no "$unit" /lib/systemd/system/missive-directory-update.timer >"$dir/verify.log" 2>&1 ||
        { cat "$dir/verify.log" >&2; fail "systemd-analyze verify"; }
fi
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
runuser -u missive -- sh -c "$exec_start" >"$dir/update0.log" 2>&1 || { cat "$dir/update0.log" >&2; fail "$exec_start (no source)"; }
grep -q "rien à faire" "$dir/update0.log" || fail "the service without a source: $(cat "$dir/update0.log")"
printf '[directory]\nupdate_share = %s/annuaire\n' "$dir" >>/etc/missive/missive.conf
runuser -u missive -- sh -c "$exec_start" >"$dir/update1.log" 2>&1 || { cat "$dir/update1.log" >&2; fail "$exec_start"; }
cat "$dir/update1.log"
[ "$(stat -c '%U:%G %a' /var/lib/missive/directory.db)" = "missive:missive 640" ] ||
    fail "shared directory file: $(stat -c '%U:%G %a' /var/lib/missive/directory.db)"
usermod -a -G missive "$user"
useradd --create-home --shell /bin/sh --groups missive "${user}2"
useradd --create-home --shell /bin/sh "${user}3"
for reader in "$user" "${user}2"; do
    runuser -u "$reader" -- missive directory search "Pierre LEFEVRE" --city MARSEILLE --json >"$dir/search.json" \
        2>"$dir/search.err" || { cat "$dir/search.err" >&2; fail "$reader: missive directory search"; }
    python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["candidates"]; sys.exit(0 if c and c[0]["rpps"] == "10999000029" else 1)' \
        "$dir/search.json" || fail "$reader does not find Dr LEFEVRE of Marseille: $(cat "$dir/search.json")"
    runuser -u "$reader" -- missive directory stats --json | grep -q '"shared": "/var/lib/missive/directory.db"' ||
        fail "$reader's stats do not name the shared directory"
    step "$reader finds the professional in the shared directory without importing"
done
status=0
runuser -u "${user}3" -- missive directory search "Pierre LEFEVRE" >"$dir/search3.out" 2>"$dir/search3.err" || status=$?
[ "$status" = 4 ] && grep -q "groupe missive" "$dir/search3.err" ||
    fail "a user outside the missive group: status $status, $(cat "$dir/search3.err")"

# 5. Removed: the queue is gone, the letter stays; purged: /etc/missive goes, the letter stays.
step "dpkg -r missive"
dpkg -r missive || fail "dpkg -r"
if lpstat -p Missive >/dev/null 2>&1; then fail "queue Missive still there after dpkg -r"; fi
[ ! -e /usr/bin/missive ] || fail "/usr/bin/missive left after dpkg -r"
[ -n "$(ls -A "/var/spool/missive/$uid/jobs")" ] || fail "the captured letter was deleted by dpkg -r"
step "dpkg --purge missive"
dpkg --purge missive || fail "dpkg --purge"
[ ! -e /etc/missive ] || fail "/etc/missive left after purge"
[ ! -e /etc/xdg/autostart/missive-app.desktop ] || fail "autostart entry left after purge"
[ -n "$(ls -A "/var/spool/missive/$uid/jobs")" ] || fail "the captured letter was deleted by purge"
[ ! -e /var/lib/missive ] || fail "/var/lib/missive (the public extracts) left after purge: $(ls -la /var/lib/missive)"
[ ! -e /etc/systemd/system/timers.target.wants/missive-directory-update.timer ] || fail "timer still enabled after removal"

kill "$cupsd_pid" 2>/dev/null || true
step "all checks passed"
