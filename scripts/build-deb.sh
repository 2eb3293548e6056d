#!/bin/sh
# Builds the Debian package (CPack) from a configured build directory and checks it with lintian.
#
#   scripts/build-deb.sh [BUILD_DIR]      default: $BUILD_DIR, else build
#
# Brings the build up to date first (a no-op after scripts/build.sh). The package's path is the
# last line printed; the script fails if lintian reports an error (E:).
set -eu
cd "$(dirname "$0")/.."
build_dir=${1:-${BUILD_DIR:-build}}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    echo "build-deb: $build_dir is not a configured build directory; run scripts/build.sh first" >&2
    exit 1
fi
build_dir=$(cd "$build_dir" && pwd)

# The whole build: the CLI's target name, "missive", is also the backend's file name, which
# Ninja resolves to the backend.
cmake --build "$build_dir"
log="$build_dir/package/cpack.log"
mkdir -p "$build_dir/package"
if ! (cd "$build_dir" && cpack -G DEB --config CPackConfig.cmake) >"$log" 2>&1; then
    cat "$log" >&2
    echo "build-deb: cpack failed" >&2
    exit 1
fi
deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log" | tail -n 1)
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    cat "$log" >&2
    echo "build-deb: cpack did not report a .deb" >&2
    exit 1
fi

# lintian exits non-zero on errors (its default --fail-on); warnings are shown and kept.
if command -v lintian >/dev/null 2>&1; then
    echo "build-deb: lintian $(basename "$deb")" >&2
    lintian --fail-on error --info "$deb" >&2 || {
        echo "build-deb: lintian reports errors" >&2
        exit 1
    }
else
    echo "build-deb: lintian is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi
echo "$deb"
