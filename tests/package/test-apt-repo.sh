#!/bin/sh
# package.apt-repository-signed: scripts/build-apt-repo.sh with a throwaway GnuPG key, then apt
# itself (private state and cache directories: the machine's apt is not touched) takes the
# repository with Signed-By and finds the package; the same repository with its index altered,
# signed by another key, or unsigned is refused; each package's detached signature verifies.
#
#   test-apt-repo.sh [DEB]     without DEB, a small package made here (the signing chain does not
#                              depend on what the package holds; test-deb.sh installs the real one
#                              from such a repository)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/missive-apt-test.XXXXXX)
trap 'gpgconf --homedir "$work/gnupg" --kill gpg-agent 2>/dev/null || true; rm -rf "$work"' EXIT
fail() {
    echo "test-apt-repo: FAIL: $*" >&2
    exit 1
}

if [ $# -ge 1 ]; then
    deb=$1
else
    mkdir -p "$work/probe/DEBIAN" "$work/probe/usr/share/doc/missive-apt-probe"
    printf 'Package: missive-apt-probe\nVersion: 1.2.3\nArchitecture: all\nMaintainer: Missive <missive@invalid>\nDescription: probe of the signed repository test\n' \
        >"$work/probe/DEBIAN/control"
    echo probe >"$work/probe/usr/share/doc/missive-apt-probe/README"
    dpkg-deb --root-owner-group --build "$work/probe" "$work/missive-apt-probe_1.2.3_all.deb" >/dev/null
    deb=$work/missive-apt-probe_1.2.3_all.deb
fi
package=$(dpkg-deb --field "$deb" Package)
version=$(dpkg-deb --field "$deb" Version)

# Two throwaway keys: the archive's, and another one (a repository re-signed by someone else).
newkey() { # newkey HOME NAME -> fingerprint
    mkdir -p "$1" && chmod 0700 "$1"
    GNUPGHOME=$1 gpg --batch --passphrase '' --quick-gen-key "$2 <$2@missive.invalid>" ed25519 sign 1d 2>/dev/null
    GNUPGHOME=$1 gpg --batch --list-secret-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}'
}
key=$(newkey "$work/gnupg" archive)
other=$(newkey "$work/gnupg-other" intruder)

repo=$(GNUPGHOME=$work/gnupg "$src/scripts/build-apt-repo.sh" "$work/repo" "$deb" --key "$key" 2>"$work/build.log" | tail -n 1) \
    || { cat "$work/build.log" >&2; fail "build-apt-repo.sh"; }
for file in dists/bookworm/InRelease dists/bookworm/Release.gpg missive-archive-keyring.gpg; do
    [ -s "$repo/$file" ] || fail "$file missing"
done
pooled=$(find "$repo/pool" -name "*.deb")
[ -s "$pooled.asc" ] || fail "no detached signature beside $pooled"

# gpgv with the exported keyring only: the Release, its detached copy and the package.
keyring=$repo/missive-archive-keyring.gpg
gpgv --keyring "$keyring" "$repo/dists/bookworm/InRelease" 2>/dev/null || fail "InRelease does not verify"
gpgv --keyring "$keyring" "$repo/dists/bookworm/Release.gpg" "$repo/dists/bookworm/Release" 2>/dev/null \
    || fail "Release.gpg does not verify"
gpgv --keyring "$keyring" "$pooled.asc" "$pooled" 2>/dev/null || fail "the package's signature does not verify"

# apt-get update into private directories, as this user (no sandbox user to switch to).
apt_update() { # apt_update NAME REPO_DIR -> 0 when apt accepts it
    state=$work/apt-$1
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc/preferences.d"
    echo "deb [signed-by=$keyring] file:$2 bookworm main" >"$state/sources.list"
    set -- -o Dir::State::Lists="$state/lists" -o Dir::State::status="$state/status" \
        -o Dir::Cache="$state/cache" -o Dir::Etc::sourcelist="$state/sources.list" \
        -o Dir::Etc::sourceparts=- -o Dir::Etc::preferencesparts="$state/etc/preferences.d" \
        -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1
    : >"$state/status"
    apt-get "$@" update >"$state/update.log" 2>&1 || return 1
    # apt-get update reports a refused signature as a warning and exits 0 on some versions.
    ! grep -q "^\(W\|E\): " "$state/update.log" || return 1
    apt-cache "$@" policy "$package" >"$state/policy.log" 2>&1
}
apt_update signed "$repo" || { cat "$work/apt-signed/update.log" >&2; fail "apt refuses the signed repository"; }
grep -q "Candidate: $version" "$work/apt-signed/policy.log" \
    || { cat "$work/apt-signed/policy.log" >&2; fail "apt does not see $package $version"; }

# An index altered after signing: apt must refuse it.
cp -a "$repo" "$work/altered"
sed -i 's/^Version: .*/Version: 99.0/' "$work/altered/dists/bookworm/main/binary-"*/Packages
gzip -9n <"$(echo "$work/altered/dists/bookworm/main/binary-"*/Packages)" >"$(echo "$work/altered/dists/bookworm/main/binary-"*/Packages.gz)"
if apt_update altered "$work/altered"; then
    fail "apt accepted an index altered after signing"
fi
grep -q "Hash Sum mismatch" "$work/apt-altered/update.log" || fail "altered index refused, but not for its checksum"
# The same repository signed by another key.
cp -a "$repo" "$work/intruder"
GNUPGHOME=$work/gnupg-other gpg --batch --yes --local-user "$other" --clearsign \
    --output "$work/intruder/dists/bookworm/InRelease" "$work/intruder/dists/bookworm/Release" 2>/dev/null
rm -f "$work/intruder/dists/bookworm/Release.gpg"
if apt_update intruder "$work/intruder"; then
    fail "apt accepted a repository signed by another key"
fi
grep -q "NO_PUBKEY" "$work/apt-intruder/update.log" || fail "re-signed repository refused, but not for its key"
# Unsigned (no --key): written, said so, and refused by apt.
unsigned=$("$src/scripts/build-apt-repo.sh" "$work/unsigned" "$deb" 2>"$work/unsigned.log" | tail -n 1)
grep -q "NOT signed" "$work/unsigned.log" || fail "an unsigned repository is not reported as such"
[ ! -e "$unsigned/dists/bookworm/InRelease" ] || fail "an unsigned repository has an InRelease"
if apt_update unsigned "$unsigned"; then
    fail "apt accepted an unsigned repository"
fi
grep -q "is not signed" "$work/apt-unsigned/update.log" || fail "unsigned repository refused, but not as unsigned"
echo "test-apt-repo: PASS ($package $version; signed accepted; altered, re-signed and unsigned refused)"
