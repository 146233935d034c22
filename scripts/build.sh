#!/usr/bin/env bash
# Configures and builds Quiver with Ninja (and ccache when present).
# Usage: scripts/build.sh [BUILD_DIR] [TARGET...]; BUILD_TYPE and extra
# CMAKE_ARGS come from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build/release}"
shift || true
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_ARGS:-} >/dev/null
ninja -C "$build_dir" "$@"
