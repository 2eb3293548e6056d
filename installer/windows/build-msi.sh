#!/bin/sh
# Builds missive-<version>-x64.msi with msitools' wixl from installer/windows/missive.wxs.
#
#   installer/windows/build-msi.sh [--capture-dir DIR] [--app-dir DIR] [--output-dir DIR] [--version X.Y.Z]
#
# --capture-dir  output of scripts/build-windows.sh: missive-portmon.dll, missive-printer-setup.exe
#                (default: $BUILD_DIR, else build-windows)
# --app-dir      optional: the deployed Windows app (missive-app.exe, missive.exe, Qt DLLs and plugins),
#                as the Windows workflow makes it; without it the MSI holds the capture parts only
# --output-dir   where the MSI goes (default: the capture directory)
# --version      default: the VERSION of project() in the top CMakeLists.txt
# --wxs          default: missive.wxs beside this script (the tests pass altered copies)
# --help-link, --about-link   optional URLs shown in Apps & features (ARPHELPLINK, ARPURLINFOABOUT)
#
# Code signing, when a certificate is given (--sign-pkcs12 FILE --sign-pass-file FILE, or the
# variables MISSIVE_SIGN_PKCS12 and MISSIVE_SIGN_PASS_FILE; MISSIVE_SIGN_TIMESTAMP: an RFC 3161
# timestamping URL): every PE file (.exe, .dll) is signed with osslsigncode (SHA-256) before it is
# packaged, then the MSI itself once it is final. Without a certificate nothing is signed.
#
# Needs wixl, wixl-heat and msibuild (Debian: wixl, msitools; MSYS2: mingw-w64-x86_64-msitools).
# Prints the path of the MSI on its last line.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

capture_dir=${BUILD_DIR:-build-windows}
app_dir=
output_dir=
version=
wxs="$here/missive.wxs"
help_link=
about_link=
sign_pkcs12=${MISSIVE_SIGN_PKCS12:-}
sign_pass=${MISSIVE_SIGN_PASS_FILE:-}

while [ $# -gt 0 ]; do
    case "$1" in
        --capture-dir) capture_dir=$2; shift 2 ;;
        --app-dir) app_dir=$2; shift 2 ;;
        --output-dir) output_dir=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --wxs) wxs=$2; shift 2 ;;
        --help-link) help_link=$2; shift 2 ;;
        --about-link) about_link=$2; shift 2 ;;
        --sign-pkcs12) sign_pkcs12=$2; shift 2 ;;
        --sign-pass-file) sign_pass=$2; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "build-msi: unknown argument: $1" >&2; exit 2 ;;
    esac
done

for tool in wixl wixl-heat msibuild msiinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build-msi: $tool not found (Debian: apt-get install wixl msitools)" >&2
        exit 1
    fi
done

if [ -n "$sign_pkcs12" ]; then
    if ! command -v osslsigncode >/dev/null 2>&1; then
        echo "build-msi: osslsigncode not found (Debian: apt-get install osslsigncode)" >&2
        exit 1
    fi
    if [ ! -f "$sign_pkcs12" ] || [ -z "$sign_pass" ] || [ ! -f "$sign_pass" ]; then
        echo "build-msi: signing needs the PKCS#12 file and a file holding its password" >&2
        exit 1
    fi
fi

# sign FILE: signs a PE file or the MSI in place (nothing without a certificate).
sign() {
    [ -n "$sign_pkcs12" ] || return 0
    set -- "$1" -pkcs12 "$sign_pkcs12" -readpass "$sign_pass" -h sha256 -n "Missive" \
        -i "https://github.com/missive-sante/missive"
    if [ -n "${MISSIVE_SIGN_TIMESTAMP:-}" ]; then
        set -- "$@" -ts "$MISSIVE_SIGN_TIMESTAMP"
    fi
    file=$1
    shift
    osslsigncode sign "$@" -in "$file" -out "$file.signed" >/dev/null || {
        echo "build-msi: signing $file failed" >&2
        exit 1
    }
    mv "$file.signed" "$file"
}

# is_pe FILE: a Windows executable or library (starts with "MZ").
is_pe() {
    [ "$(head -c 2 "$1")" = "MZ" ]
}

if [ -z "$version" ]; then
    # project(Missive\n    VERSION 0.1.0 ...): the first VERSION word after project(.
    version=$(sed -n '/^project(/,/)/s/.*VERSION[[:space:]]\{1,\}\([0-9][0-9.]*\).*/\1/p' "$top/CMakeLists.txt" | head -n 1)
fi
case "$version" in
    [0-9]*.[0-9]*.[0-9]*) ;;
    *) echo "build-msi: cannot tell the version (got '$version'); pass --version X.Y.Z" >&2; exit 1 ;;
esac

for file in missive-portmon.dll missive-printer-setup.exe; do
    if [ ! -f "$capture_dir/$file" ]; then
        echo "build-msi: $capture_dir/$file missing: run scripts/build-windows.sh first" >&2
        exit 1
    fi
done
capture_dir=$(cd "$capture_dir" && pwd)
output_dir=${output_dir:-$capture_dir}
mkdir -p "$output_dir"
output_dir=$(cd "$output_dir" && pwd)
msi="$output_dir/missive-$version-x64.msi"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM

# wixl takes source paths relative to the directory it runs in: stage everything and run it there.
mkdir -p "$stage/capture" "$stage/doc"
cp "$capture_dir/missive-portmon.dll" "$capture_dir/missive-printer-setup.exe" "$stage/capture/"
# Documents shipped beside the setup helper.
cp "$top/LICENSE" "$stage/doc/LICENSE.txt"
cp "$here/missive.conf.example" "$stage/doc/missive.conf.example"
cp "$top/docs/deployment.md" "$stage/doc/deployment.md"
cp -R "$here/policies" "$stage/doc/policies" # the Group Policy templates (ADMX and ADML)
cp "$here/missive.ico" "$stage/doc/missive.ico" # ARPPRODUCTICON

# Every PE file packaged is signed first (the app's placeholders in the tests are not PE files).
find "$stage/capture" -type f | while IFS= read -r file; do
    if is_pe "$file"; then sign "$file"; fi
done

cp "$wxs" "$stage/missive.wxs"
set -- -a x64 -D "Version=$version" -D CaptureDir=capture -D DocDir=doc
sources=missive.wxs
if [ -n "$app_dir" ]; then
    if [ ! -f "$app_dir/missive-app.exe" ]; then
        echo "build-msi: $app_dir/missive-app.exe missing: --app-dir must be the deployed app" >&2
        exit 1
    fi
    cp -R "$app_dir" "$stage/app"
    find "$stage/app" -type f \( -name '*.exe' -o -name '*.dll' \) | while IFS= read -r file; do
        if is_pe "$file"; then sign "$file"; fi
    done
    # One component per file, under INSTALLDIR, in a component group that missive.wxs references.
    (cd "$stage/app" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) \
        | wixl-heat -p "" --component-group AppFiles --var var.AppDir --directory-ref INSTALLDIR --win64 \
        > "$stage/app-files.wxs"
    set -- "$@" -D AppDir=app -D Win64=yes
    sources="$sources app-files.wxs"
fi

rm -f "$msi"
# shellcheck disable=SC2086
(cd "$stage" && wixl "$@" -o "$msi" $sources)

# What wixl cannot express (see wixl-fixups.sql and docs/deployment.md).
grep -v -e '^--' -e '^[[:space:]]*$' "$here/wixl-fixups.sql" | sed "s/@VERSION@/$version/g" | while IFS= read -r statement; do
    msibuild "$msi" -q "$statement"
done
# Public properties must be Secure to reach the elevated server side of the install: wixl ignores
# Property/@Secure, so append them to the SecureCustomProperties that wixl wrote for MajorUpgrade.
public="MSSANTE_SERVER;MSSANTE_SENDER;CA_BUNDLE;DIRECTORY_URL;DIRECTORY_SHARE;POSTAL_QUEUE;STORAGE_URL;PRINTER_NAME;AUTOSTART;INSTALLDIR"
secure=$(msiinfo export "$msi" Property | awk -F '\t' '$1 == "SecureCustomProperties" { sub(/\r$/, "", $2); print $2 }')
msibuild "$msi" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}$public' WHERE \`Property\` = 'SecureCustomProperties'"

# Apps & features' links, when IT gives them (its intranet page on Missive, say).
for link in "ARPHELPLINK:$help_link" "ARPURLINFOABOUT:$about_link"; do
    if [ -n "${link#*:}" ]; then
        msibuild "$msi" -q "INSERT INTO \`Property\` (\`Property\`, \`Value\`) VALUES ('${link%%:*}', '$(printf %s "${link#*:}" | sed "s/'/''/g")')"
    fi
done
# The summary's language, as the Product's (wixl writes 1033 whatever Package/@Languages says).
msibuild "$msi" -s "Missive $version : imprimante Missive et envoi sécurisé des courriers (MSSanté, DMP, poste)" \
    Missive "x64;1036"

# Last: the MSI is final.
sign "$msi"

echo "$msi"
