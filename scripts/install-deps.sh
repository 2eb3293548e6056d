#!/bin/sh
# Installs every Debian 12 package Missive needs to build, test and run its demo.
# Idempotent: only missing packages are installed. Run as root.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config git
qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libgl-dev qtkeychain-qt6-dev gnome-keyring dbus-daemon xvfb xauth libcups2-dev libexpected-dev libpoppler-cpp-dev catch2
cups-daemon cups-client cups-filters ghostscript poppler-utils
printer-driver-cups-pdf util-linux passwd adduser init-system-helpers fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf
g++-mingw-w64-x86-64 wine64
libcurl4-openssl-dev libssl-dev openssl curl libsqlite3-dev sqlite3 postgresql libpq-dev libqpdf-dev postfix dovecot-imapd
libxml2-dev libxml2-utils libxmlsec1-dev xmlsec1 libzip-dev unzip libsaxonhe-java default-jre-headless
libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-fra libzxing-dev libdmtx-dev
wixl msitools osslsigncode
python3 python3-reportlab python3-pil clang libclang-rt-14-dev
lintian iproute2 apt-utils gnupg gpgv
"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-deps: missing packages:$missing; run this script as root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086
    apt-get install -y --no-install-recommends $missing
fi
echo "install-deps: all packages present"
