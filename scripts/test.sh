#!/usr/bin/env bash
# Installs dependencies, builds everything with warnings as errors, and runs
# the whole test suite through CTest: unit tests, our .slt scripts, and the
# DataFusion conformance corpus with its pass-count floor.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  CMAKE_ARGS="-DQUIVER_WERROR=ON -DQUIVER_SLT_CORPUS_TEST=ON ${CMAKE_ARGS:-}" \
  scripts/build.sh build/ci
cd build/ci
ctest --output-on-failure -j "$(nproc)" --timeout 1200
