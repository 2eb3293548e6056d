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
#   test-msi.sh upgrade-wine WORK    installs an MSI under Wine's msiexec with properties, leaves a letter
#                                    in the Windows spool, upgrades with a newer MSI given no property,
#                                    then uninstalls: the letter stays, every property is kept (registry),
#                                    the printer helper is called with the remembered printer name. The
#                                    helper is replaced by a recorder (tests/setup-recorder.c): Wine's
#                                    spooler cannot add the printer itself. Skipped (77) without wine64.
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
installdir-forgotten|s/Sequence="62">NOT INSTALLDIR AND PREV_INSTALLDIR/Sequence="62">0/|INSTALLDIR is not restored
no-product-icon|s/<Property Id="ARPPRODUCTICON" Value="missive.ico"\/>//|ARPPRODUCTICON
EOF
    echo "mutations: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
upgrade-wine)
    need_capture
    wine=$(command -v wine64 || ls /usr/lib/wine/wine64 2>/dev/null || true)
    if [ -z "$wine" ]; then
        echo "test-msi: SKIP: wine64 not installed"
        exit 77
    fi
    fail() { echo "test-msi: FAIL: $*" >&2; exit 1; }
    # The capture parts with the recording helper in place of the real one.
    parts="$work/upgrade-parts"
    rm -rf "$parts"
    mkdir -p "$parts"
    cp "$capture/missive-portmon.dll" "$parts/"
    x86_64-w64-mingw32-gcc -O2 -o "$parts/missive-printer-setup.exe" "$here/tests/setup-recorder.c"
    old=$("$here/build-msi.sh" --capture-dir "$parts" --output-dir "$work/upgrade-old" --version 0.9.0 | tail -n 1)
    new=$("$here/build-msi.sh" --capture-dir "$parts" --output-dir "$work/upgrade-new" --version 0.9.1 | tail -n 1)
    prefix="$work/wine-prefix"
    rm -rf "$prefix"
    export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
    "$wine" wineboot -i >/dev/null 2>&1 || fail "wineboot"
    drive="$prefix/drive_c"
    calls="$drive/ProgramData/missive-setup-calls.txt"
    made() { tr -d '\r' <"$calls"; } # the helper's calls, one per line (text mode wrote CRLF)
    msiexec() { # msiexec LOG ARGS…: Wine's msiexec, its verbose log kept for a failure
        log=$1
        shift
        "$wine" msiexec "$@" /qn /l*v "Z:$log" >/dev/null 2>&1 || {
            iconv -f UTF-16 -t UTF-8 "$log" 2>/dev/null | tail -n 40 >&2 || tail -n 40 "$log" >&2
            fail "msiexec $*"
        }
    }
    value() { # value NAME: HKLM\SOFTWARE\Missive NAME, or the settings' SECTION NAME
        "$wine" reg query "HKLM\\SOFTWARE\\Missive$1" /v "$2" 2>/dev/null | tr -d '\r' |
            sed -n "s/^ *$2 *REG_SZ *//p"
    }

    msiexec "$work/upgrade-1.log" /i "Z:$old" PRINTER_NAME="Missive Cardio" AUTOSTART=0 'INSTALLDIR=C:\Apps\Missive\' \
        MSSANTE_SERVER=smtps://smtp.mssante.example.fr:465 POSTAL_QUEUE=Courrier
    [ "$(made)" = 'install --printer Missive Cardio' ] || fail "first install ran: $(made)"
    [ "$(value '' PrinterName)" = "Missive Cardio" ] || fail "PrinterName after install: $(value '' PrinterName)"
    [ "$(value '' Version)" = "0.9.0" ] || fail "Version after install: $(value '' Version)"
    [ -f "$drive/Apps/Missive/missive-printer-setup.exe" ] || fail "INSTALLDIR not used: $(value '' InstallDir)"
    echo "test-msi: installed 0.9.0 with PRINTER_NAME, AUTOSTART=0 and two settings"

    # A letter captured and not sent yet (the port monitor's spool is never the installer's).
    letter="$drive/ProgramData/Missive/spool/S-1-5-21-1-2-3-1001/jobs/20261206-0001.pdf"
    mkdir -p "$(dirname "$letter")"
    printf '%%PDF-1.4 lettre en attente\n' >"$letter"
    : >"$calls"

    msiexec "$work/upgrade-2.log" /i "Z:$new"
    # Windows Installer runs the old version's uninstall with UPGRADINGPRODUCTCODE set, so its
    # printer removal is skipped (checked on the tables: check-msi.py and the mutations). Wine's
    # RemoveExistingProducts passes REMOVE=ALL only, so here the old version removes the printer
    # first: what is checked is that both calls name the remembered printer, the new one last.
    case "$(made | tr '\n' ';')" in
    'install --printer Missive Cardio;') ;;
    'remove --printer Missive Cardio;install --printer Missive Cardio;')
        echo "test-msi: (Wine's msiexec ran the old version's printer removal: it sets no UPGRADINGPRODUCTCODE)" ;;
    *) fail "the upgrade ran the printer helper as: $(made | tr '\n' ';')" ;;
    esac
    [ -f "$letter" ] || fail "the letter waiting in the spool is gone after the upgrade"
    [ "$(value '' Version)" = "0.9.1" ] || fail "Version after upgrade: $(value '' Version)"
    [ "$(value '' PrinterName)" = "Missive Cardio" ] || fail "PRINTER_NAME not kept: $(value '' PrinterName)"
    [ "$(value '' Autostart)" = "0" ] || fail "AUTOSTART not kept: $(value '' Autostart)"
    [ "$(value '' InstallDir)" = 'C:\Apps\Missive\' ] && [ -f "$drive/Apps/Missive/missive-printer-setup.exe" ] &&
        [ ! -e "$drive/Program Files/Missive/missive-printer-setup.exe" ] ||
        fail "INSTALLDIR not kept by the upgrade: $(value '' InstallDir)"
    [ "$(value '\\Settings\\mssante' smtp_url)" = "smtps://smtp.mssante.example.fr:465" ] ||
        fail "MSSANTE_SERVER not kept: $(value '\\Settings\\mssante' smtp_url)"
    [ "$(value '\\Settings\\postal' queue)" = "Courrier" ] || fail "POSTAL_QUEUE not kept"
    echo "test-msi: upgraded to 0.9.1 without properties: letter kept, every property kept, the printer under its remembered name"
    : >"$calls"

    msiexec "$work/upgrade-3.log" /x "Z:$new"
    [ "$(made)" = 'remove --printer Missive Cardio' ] || fail "the uninstall ran: $(made)"
    [ -f "$letter" ] || fail "the uninstall deleted the letter waiting in the spool"
    [ -z "$(value '' Version)" ] || fail "still installed after the uninstall"
    echo "test-msi: uninstalled: the printer of that name removed, the letter left"
    ;;
*)
    echo "test-msi: unknown step $step" >&2
    exit 2
    ;;
esac
