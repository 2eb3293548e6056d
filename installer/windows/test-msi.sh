#!/bin/sh
# ctest driver for the MSI (label "installer"; tests/CMakeLists.txt). One step per call:
#
#   test-msi.sh build-windows WORK   cross-builds the capture parts: cd to the top of the tree, then
#                                    BUILD_DIR=WORK/build-windows scripts/build-windows.sh (skipped, 77,
#                                    while that script is absent)
#   test-msi.sh capture-only WORK    builds the MSI from WORK/build-windows and checks it (check-msi.py)
#   test-msi.sh with-app WORK        same with a placeholder app directory (--app-dir): the files the
#                                    Windows workflow deploys, as text files, since the Qt app cannot be
#                                    built here; checks the app's components, autostart and shortcut
#   test-msi.sh mutations WORK       builds altered copies of missive.wxs and requires check-msi.py to
#                                    fail each one for the right reason
#   test-msi.sh signed WORK          signs with a throwaway code-signing certificate: the MSI and every
#                                    PE file in it verify against the test CA (osslsigncode verify), not
#                                    against another CA, and an altered file no longer verifies
#
# MISSIVE_WINDOWS_BUILD_DIR=DIR takes the capture parts from DIR instead of WORK/build-windows.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
step=${1:?step}
work=${2:?work directory}
mkdir -p "$work"
work=$(cd "$work" && pwd)
capture=${MISSIVE_WINDOWS_BUILD_DIR:-$work/build-windows}
version=$(sed -n '/^project(/,/)/s/.*VERSION[[:space:]]\{1,\}\([0-9][0-9.]*\).*/\1/p' "$top/CMakeLists.txt" | head -n 1)

need_capture() {
    if [ ! -f "$capture/missive-portmon.dll" ] || [ ! -f "$capture/missive-printer-setup.exe" ]; then
        echo "test-msi: FAIL: no capture parts in $capture (scripts/build-windows.sh failed?)" >&2
        exit 1
    fi
}

build() { # build OUTPUT_DIR [build-msi.sh arguments...]
    out=$1
    shift
    rm -rf "$out"
    "$here/build-msi.sh" --capture-dir "$capture" --output-dir "$out" "$@" >"$out.log" 2>&1 || {
        cat "$out.log" >&2
        echo "test-msi: FAIL: build-msi.sh $*" >&2
        exit 1
    }
    tail -n 1 "$out.log"
}

case "$step" in
build-windows)
    if [ -n "${MISSIVE_WINDOWS_BUILD_DIR:-}" ]; then
        echo "test-msi: capture parts taken from MISSIVE_WINDOWS_BUILD_DIR=$capture"
        need_capture
        exit 0
    fi
    if [ ! -f "$top/scripts/build-windows.sh" ]; then
        echo "test-msi: SKIP: scripts/build-windows.sh not in this tree"
        exit 77
    fi
    rm -rf "$capture"
    # As the interface says: the outputs land at the top of $BUILD_DIR. Run by its own #! when executable.
    if [ -x "$top/scripts/build-windows.sh" ]; then
        (cd "$top" && BUILD_DIR="$capture" scripts/build-windows.sh)
    else
        (cd "$top" && BUILD_DIR="$capture" sh scripts/build-windows.sh)
    fi
    need_capture
    ;;
capture-only)
    need_capture
    msi=$(build "$work/msi")
    python3 "$here/check-msi.py" "$msi" --version "$version"
    ;;
with-app)
    need_capture
    app="$work/app-placeholder"
    rm -rf "$app"
    mkdir -p "$app/platforms" "$app/styles" "$app/tls" "$app/translations"
    for file in missive-app.exe missive.exe Qt6Core.dll Qt6Gui.dll Qt6Widgets.dll Qt6Network.dll \
        Qt6Charts.dll qt6keychain.dll tesseract55.dll leptonica-1.84.1.dll poppler-cpp.dll libcurl.dll \
        libcrypto-3-x64.dll libssl-3-x64.dll sqlite3.dll libxml2.dll libxmlsec1.dll zip.dll ZXing.dll \
        platforms/qwindows.dll styles/qmodernwindowsstyle.dll tls/qschannelbackend.dll \
        translations/qt_fr.qm; do
        printf 'placeholder for %s (the Windows workflow builds the real file)\n' "$file" >"$app/$file"
    done
    msi=$(build "$work/msi-app" --app-dir "$app")
    python3 "$here/check-msi.py" "$msi" --version "$version" --with-app
    ;;
signed)
    need_capture
    pki="$work/signing"
    rm -rf "$pki"
    mkdir -p "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Missive test code-signing CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
        -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=Missive test signer/O=Missive" \
        -keyout "$pki/signer.key" -out "$pki/signer.csr" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n' \
        >"$pki/signer.ext"
    openssl x509 -req -in "$pki/signer.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
        -extfile "$pki/signer.ext" -out "$pki/signer.pem" 2>/dev/null
    openssl rand -hex 12 >"$pki/pass"
    openssl pkcs12 -export -inkey "$pki/signer.key" -in "$pki/signer.pem" -certfile "$pki/ca.pem" \
        -passout "file:$pki/pass" -out "$pki/signer.p12"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Other CA" -keyout "$pki/other.key" \
        -out "$pki/other.pem" 2>/dev/null
    msi=$(MISSIVE_SIGN_PKCS12="$pki/signer.p12" MISSIVE_SIGN_PASS_FILE="$pki/pass" build "$work/msi-signed")
    verify() { # verify FILE CA: osslsigncode's verdict, its output kept for a failure
        osslsigncode verify -CAfile "$2" -in "$1" >"$1.verify" 2>&1
    }
    failed=0
    if verify "$msi" "$pki/ca.pem"; then echo "test-msi: MSI signature verified"; else
        cat "$msi.verify"; echo "test-msi: FAIL: the MSI does not verify"; failed=1; fi
    extracted="$work/msi-signed-files"
    rm -rf "$extracted"
    mkdir -p "$extracted"
    (cd "$extracted" && msiextract "$msi" >/dev/null)
    pes=0
    for file in $(find "$extracted" -type f \( -name '*.exe' -o -name '*.dll' \)); do
        pes=$((pes + 1))
        if verify "$file" "$pki/ca.pem"; then echo "test-msi: $(basename "$file") signature verified"; else
            cat "$file.verify"; echo "test-msi: FAIL: $(basename "$file") does not verify"; failed=1; fi
        if verify "$file" "$pki/other.pem"; then
            echo "test-msi: FAIL: $(basename "$file") verifies against another CA"; failed=1; fi
    done
    if [ "$pes" -lt 2 ]; then echo "test-msi: FAIL: $pes PE files in the MSI"; failed=1; fi
    # An altered MSI no longer verifies.
    cp "$msi" "$work/tampered.msi"
    printf 'x' | dd of="$work/tampered.msi" bs=1 seek=20000 conv=notrunc 2>/dev/null
    if verify "$work/tampered.msi" "$pki/ca.pem"; then echo "test-msi: FAIL: a tampered MSI verifies"; failed=1; fi
    # Without a certificate nothing is signed.
    unsigned=$(build "$work/msi-unsigned")
    if verify "$unsigned" "$pki/ca.pem"; then echo "test-msi: FAIL: an MSI built without a certificate is signed"; failed=1; fi
    [ "$failed" -eq 0 ]
    ;;
mutations)
    need_capture
    passed=0
    failed=0
    # name|sed expression on missive.wxs|message check-msi.py must print
    while IFS='|' read -r name expression expected; do
        wxs="$work/mutant-$name.wxs"
        sed "$expression" "$here/missive.wxs" >"$wxs"
        if cmp -s "$wxs" "$here/missive.wxs"; then
            echo "test-msi: FAIL: mutation $name changed nothing (sed '$expression')"
            failed=$((failed + 1))
            continue
        fi
        msi=$(build "$work/mutant-$name" --wxs "$wxs")
        if python3 "$here/check-msi.py" "$msi" --version "$version" >"$work/mutant-$name.check" 2>&1; then
            echo "test-msi: FAIL: check-msi.py accepted mutation $name"
            failed=$((failed + 1))
        elif ! grep -qF "$expected" "$work/mutant-$name.check"; then
            cat "$work/mutant-$name.check"
            echo "test-msi: FAIL: mutation $name rejected, but without '$expected'"
            failed=$((failed + 1))
        else
            echo "test-msi: mutation $name rejected: $(grep -F "$expected" "$work/mutant-$name.check" | head -n 1)"
            passed=$((passed + 1))
        fi
    done <<'EOF'
install-impersonated|s/Execute="deferred" Impersonate="no" Return="check"/Execute="deferred" Impersonate="yes" Return="check"/|MissivePrinterInstall: impersonated
remove-immediate|s/Execute="deferred" Impersonate="no" Return="ignore"/Impersonate="no" Return="ignore"/|MissivePrinterRemove: not deferred
remove-after-removefiles|s/Sequence="3490"/Sequence="3510"/|remove actions are not after InstallInitialize
install-on-uninstall-too|s/Sequence="4002">NOT REMOVE~="ALL"/Sequence="4002">1/|MissivePrinterInstall: condition
late-removeexistingproducts|s/<RemoveExistingProducts Sequence="1401"\/>/<RemoveExistingProducts Sequence="6601"\/>/|RemoveExistingProducts is not between
other-upgradecode|s/220C81B0-079E-4230-8264-14A3A0391999/220C81B0-079E-4230-8264-14A3A0391998/|UpgradeCode is
per-user|s/InstallScope="perMachine"/InstallScope="perUser"/|ALLUSERS is
monitor-in-syswow64|s/<Directory Id="System64Folder">/<Directory Id="SystemFolder">/|missive-portmon.dll is not installed in System64Folder
setting-not-remembered|s/Sequence="56">NOT POSTAL_QUEUE AND PREV_POSTAL_QUEUE/Sequence="56">0/|POSTAL_QUEUE is not restored
adml-misplaced|s/<Directory Id="PolicyFrDir" Name="fr-FR">/<Directory Id="PolicyFrDir" Name="fr">/|missive.adml is not installed in PolicyDefinitions
upgrade-deletes-printer|s/Sequence="3490">REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE/Sequence="3490">REMOVE~="ALL"/|MissivePrinterRemove: condition
failed-upgrade-deletes-printer|s/NOT Installed AND NOT WIX_UPGRADE_DETECTED AND/NOT Installed AND/|MissivePrinterInstallRollback: condition
autostart-forgotten|s/<Property Id="AUTOSTART"\/>/<Property Id="AUTOSTART" Value="1"\/>/|AUTOSTART has a default
printer-name-ignored|s/ExeCommand="install --printer &quot;\[PRINTER_NAME\]&quot;"/ExeCommand="install"/|MissivePrinterInstall: command
printer-name-forgotten|s/Sequence="58">NOT PRINTER_NAME AND PREV_PRINTER_NAME/Sequence="58">0/|PRINTER_NAME is not restored
EOF
    echo "mutations: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
*)
    echo "test-msi: unknown step $step" >&2
    exit 2
    ;;
esac
