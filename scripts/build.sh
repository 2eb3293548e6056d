#!/bin/sh
# Configures and builds Missive in ./build (or $BUILD_DIR), warnings as errors.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMISSIVE_WERROR=ON
cmake --build "$BUILD_DIR" --parallel
