#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of Quiver from Debian 12
# packages. Idempotent: packages already present are skipped by apt.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev libzstd-dev libsnappy-dev liblz4-dev libbrotli-dev libbz2-dev liblzma-dev
  libre2-dev libsimdjson-dev libfast-float-dev libxxhash-dev libutf8proc-dev
  libhowardhinnant-date-dev libcurl4-openssl-dev libssl-dev libflatbuffers-dev
  libreadline-dev
)
# Node.js runs the DuckDB peer for benchmarks; keep a node that is already there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
