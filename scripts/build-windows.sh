#!/bin/sh
# Cross-builds the Windows capture (port monitor and setup helper) with Debian's
# mingw-w64 into ${BUILD_DIR:-build-windows}. Installs nothing: scripts/install-deps.sh
# brings g++-mingw-w64-x86-64. Produces, at the top of the build directory:
#   missive-portmon.dll        (the MSI installs it into [SystemFolder])
#   missive-printer-setup.exe  (run by the MSI as a deferred custom action)
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-windows}
GENERATOR=""
if command -v ninja >/dev/null 2>&1; then
    GENERATOR="-G Ninja"
fi
# shellcheck disable=SC2086
cmake -S printer-driver/windows -B "$BUILD_DIR" $GENERATOR -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchain-mingw-w64-x86_64.cmake"
cmake --build "$BUILD_DIR" --parallel
for file in missive-portmon.dll missive-printer-setup.exe; do
    test -f "$BUILD_DIR/$file" || { echo "build-windows: $BUILD_DIR/$file missing" >&2; exit 1; }
done
echo "build-windows: $BUILD_DIR/missive-portmon.dll $BUILD_DIR/missive-printer-setup.exe"
