#!/bin/sh
# package.deb-install-print-remove: builds the Debian package, lints it, puts it in an apt
# repository signed with a throwaway key, then installs it with apt from there (and again with
# `dpkg -i`) into a throwaway copy of this machine where a cupsd runs, prints with `lp` as a test
# account, finds the job in that account's spool, removes and purges the package.
#
#   test-deb.sh BUILD_DIR
#
# MISSIVE_TEST_DEB=FILE tests that package instead of building one (and skips lintian).
#
# The copy: new mount, network and PID namespaces; an overlay whose lower layer is / (and /usr,
# /var, /etc when they are separate mounts) and whose upper layer is a tmpfs; a chroot into it.
# dpkg, useradd and cupsd write only to the tmpfs, which disappears with the namespaces; cupsd
# listens on the standard socket and port of its own /run and network, so it meets neither the
# host's cupsd nor the private ones of the other tests. Needs root (as CI runs); skips otherwise.
set -eu

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: needs root (namespaces, overlayfs, dpkg -i, cupsd); CI runs it as root" >&2
    exit 77
fi
# The copy needs its own mount namespace with private propagation. Inside a chroot whose root is
# not a mount point (a debootstrap tree, say) the kernel refuses that (EINVAL): there is then no
# way to isolate the install from the host, so the test says so and skips rather than touch it.
if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "SKIP: cannot make a private mount namespace here (is / a chroot that is not a mount point?);" \
        "the package test needs a real root or a container, as CI has" >&2
    exit 77
fi
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)

# 1. The package, checked by lintian (build-deb.sh fails on any E: tag).
if [ -n "${MISSIVE_TEST_DEB:-}" ]; then
    deb=$MISSIVE_TEST_DEB
else
    deb=$("$src/scripts/build-deb.sh" "$build" | tail -n 1)
fi
echo "test-deb: package $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --info "$deb" | sed -n 's/^ \(Depends\|Installed-Size\):/test-deb: \1:/p'

# What the host has now; it must be the same afterwards.
host_state() {
    dpkg-query -W -f='${Status}' missive 2>/dev/null || echo "not-installed"
    for path in /etc/missive /var/spool/missive /var/lib/missive /usr/lib/cups/backend/missive \
        /etc/xdg/autostart/missive-app.desktop; do
        if [ -e "$path" ]; then echo "$path present"; else echo "$path absent"; fi
    done
}
before=$(host_state)

work=$(mktemp -d /tmp/missive-deb-test.XXXXXX)
cleanup() { rmdir "$work" 2>/dev/null || true; }
trap cleanup EXIT
# Inputs for the chroot (the build tree may sit on a file system the overlay does not see).
stage=$(mktemp -d /tmp/missive-deb-stage.XXXXXX)
cp "$deb" "$stage/missive.deb"
cp "$src/samples/lettre-liaison.pdf" "$stage/letter.pdf"
cp -R "$src/samples/annuaire" "$stage/annuaire"
cp "$here/in-chroot.sh" "$stage/in-chroot.sh"
# The first install comes from a repository signed with a throwaway key, as IT would serve it
# (scripts/build-apt-repo.sh); apt in the copy checks the signature.
gpghome=$(mktemp -d /tmp/missive-deb-gpg.XXXXXX)
GNUPGHOME=$gpghome gpg --batch --passphrase '' --quick-gen-key "Missive test archive <archive@missive.invalid>" \
    ed25519 sign 1d 2>/dev/null
key=$(GNUPGHOME=$gpghome gpg --batch --list-secret-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}')
GNUPGHOME=$gpghome "$src/scripts/build-apt-repo.sh" "$stage/repo" "$deb" --key "$key" >/dev/null 2>"$stage/repo.log" \
    || { cat "$stage/repo.log" >&2; exit 1; }
gpgconf --homedir "$gpghome" --kill gpg-agent 2>/dev/null || true
rm -rf "$gpghome" "$stage/repo.log"
chmod -R u=rwX,go=rX "$stage"

status=0
unshare --mount --net --pid --fork --propagation private sh -eu -c '
    work=$1 stage=$2
    mount -t tmpfs -o mode=0755 missive-deb-test "$work"
    mkdir "$work/root" "$work/input"
    cp -R "$stage"/. "$work/input/"
    layer() { # layer LOWER TARGET NAME
        mkdir -p "$work/upper-$3" "$work/work-$3"
        mount -t overlay overlay -o "lowerdir=$1,upperdir=$work/upper-$3,workdir=$work/work-$3" "$2"
    }
    layer / "$work/root" root
    for dir in /usr /var /etc; do
        if mountpoint -q "$dir"; then layer "$dir" "$work/root$dir" "${dir#/}"; fi
    done
    root=$work/root
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=0755 run "$root/run"
    mount -t tmpfs -o mode=1777 tmp "$root/tmp"
    mkdir -p "$root/var/tmp/missive-test"
    cp -R "$work/input"/. "$root/var/tmp/missive-test/"
    ip link set lo up
    exec chroot "$root" /bin/sh /var/tmp/missive-test/in-chroot.sh /var/tmp/missive-test
' missive-deb-test "$work" "$stage" || status=$?
rm -rf "$stage"

after=$(host_state)
if [ "$before" != "$after" ]; then
    echo "test-deb: FAIL: the host changed:" >&2
    printf 'before:\n%s\nafter:\n%s\n' "$before" "$after" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "test-deb: FAIL (status $status)" >&2
    exit "$status"
fi
echo "test-deb: PASS"
