#!/bin/sh
# Builds a signed apt repository from Missive's .deb files, for IT to serve over HTTP(S) or a share:
#
#   scripts/build-apt-repo.sh OUT_DIR DEB... [--key KEYID] [--suite bookworm]
#
# The key (--key, else $MISSIVE_APT_KEY) is a GnuPG key of the keyring in $GNUPGHOME (default
# ~/.gnupg), without passphrase or with gpg-agent holding it. Without a key the repository is
# written unsigned, and apt refuses it unless told [trusted=yes]: the script says so.
#
# OUT_DIR/
#   pool/main/m/missive/missive_VERSION_ARCH.deb      the packages, each with a detached .asc
#   dists/SUITE/main/binary-ARCH/Packages(.gz)        their index (dpkg-scanpackages)
#   dists/SUITE/main/i18n/Translation-fr              French descriptions (installer/debian/*.description.fr)
#   dists/SUITE/Release, InRelease, Release.gpg       checksums of the indexes (apt-ftparchive), signed
#   missive-archive-keyring.gpg                       the public key, for /usr/share/keyrings
#
# Workstations then use, e.g. in /etc/apt/sources.list.d/missive.sources:
#   Types: deb
#   URIs: https://intranet.example/missive
#   Suites: bookworm
#   Components: main
#   Signed-By: /usr/share/keyrings/missive-archive-keyring.gpg
set -eu

usage() {
    echo "usage: $0 OUT_DIR DEB... [--key KEYID] [--suite SUITE]" >&2
    exit 2
}
[ $# -ge 2 ] || usage
out=$1
shift
key=${MISSIVE_APT_KEY:-}
suite=bookworm
debs=""
while [ $# -gt 0 ]; do
    case "$1" in
        --key) [ $# -ge 2 ] || usage; key=$2; shift 2 ;;
        --suite) [ $# -ge 2 ] || usage; suite=$2; shift 2 ;;
        -*) usage ;;
        *) [ -f "$1" ] || { echo "build-apt-repo: no such package: $1" >&2; exit 1; }
           debs="$debs $1"; shift ;;
    esac
done
[ -n "$debs" ] || usage
for tool in dpkg-scanpackages apt-ftparchive gzip; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "build-apt-repo: $tool not found (Debian: apt-get install dpkg-dev apt-utils)" >&2
        exit 1
    }
done
if [ -n "$key" ]; then
    command -v gpg >/dev/null 2>&1 || { echo "build-apt-repo: gpg not found (Debian: gnupg)" >&2; exit 1; }
    gpg --batch --list-secret-keys "$key" >/dev/null 2>&1 || {
        echo "build-apt-repo: no secret key $key in ${GNUPGHOME:-~/.gnupg}" >&2
        exit 1
    }
fi

# sign IN OUT [clearsign|detach]: with the key, armored.
sign() {
    if [ "$3" = clearsign ]; then
        gpg --batch --quiet --yes --local-user "$key" --digest-algo SHA512 --clearsign --output "$2" "$1"
    else
        gpg --batch --quiet --yes --local-user "$key" --digest-algo SHA512 --armor --detach-sign --output "$2" "$1"
    fi
}

mkdir -p "$out"
out=$(cd "$out" && pwd)
archs=""
for deb in $debs; do
    name=$(dpkg-deb --field "$deb" Package)
    arch=$(dpkg-deb --field "$deb" Architecture)
    pool="pool/main/$(printf %.1s "$name")/$name"
    mkdir -p "$out/$pool"
    cp "$deb" "$out/$pool/"
    if [ -n "$key" ]; then
        sign "$out/$pool/$(basename "$deb")" "$out/$pool/$(basename "$deb").asc" detach
    fi
    case " $archs " in *" $arch "*) ;; *) archs="$archs $arch" ;; esac
done
archs=${archs# }

cd "$out"
for arch in $archs; do
    index="dists/$suite/main/binary-$arch"
    mkdir -p "$index"
    # Paths relative to the repository's root, as apt asks for them.
    dpkg-scanpackages --multiversion --arch "$arch" pool /dev/null >"$index/Packages" 2>/dev/null
    gzip -9n <"$index/Packages" >"$index/Packages.gz"
done
# French descriptions (installer/debian/PACKAGE.description.fr: the summary, then the long text)
# as the repository's i18n/Translation-fr, which apt shows to French-speaking users; each is tied
# to the English one by the MD5 of the package's Description field, as apt computes it.
descriptions=$(cd "$(dirname "$0")/../installer/debian" && pwd)
rm -rf "dists/$suite/main/i18n"
for deb in $debs; do
    name=$(dpkg-deb --field "$deb" Package)
    french=$descriptions/$name.description.fr
    [ -f "$french" ] || continue
    mkdir -p "dists/$suite/main/i18n"
    {
        echo "Package: $name"
        echo "Description-md5: $(dpkg-deb --field "$deb" Description | md5sum | cut -d' ' -f1)"
        echo "Description-fr: $(head -n 1 "$french")"
        tail -n +2 "$french" | sed 's/^$/./; s/^/ /'
        echo
    } >>"dists/$suite/main/i18n/Translation-fr"
done
apt-ftparchive \
    -o APT::FTPArchive::Release::Origin=Missive \
    -o APT::FTPArchive::Release::Label=Missive \
    -o APT::FTPArchive::Release::Suite="$suite" \
    -o APT::FTPArchive::Release::Codename="$suite" \
    -o APT::FTPArchive::Release::Architectures="$archs" \
    -o APT::FTPArchive::Release::Components=main \
    -o APT::FTPArchive::Release::Description="Missive" \
    release "dists/$suite" >"dists/$suite/Release.new"
mv "dists/$suite/Release.new" "dists/$suite/Release"
rm -f "dists/$suite/InRelease" "dists/$suite/Release.gpg"
if [ -n "$key" ]; then
    sign "dists/$suite/Release" "dists/$suite/InRelease" clearsign
    sign "dists/$suite/Release" "dists/$suite/Release.gpg" detach
    gpg --batch --yes --export "$key" >missive-archive-keyring.gpg
    echo "build-apt-repo: $out signed with $key (suite $suite, $archs)" >&2
else
    echo "build-apt-repo: $out is NOT signed (no --key): apt will refuse it without [trusted=yes]" >&2
fi
echo "$out"
