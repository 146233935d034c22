#!/usr/bin/env bash
# Regenerates duckdb_rewrite/: our writer writes every type (the files of
# parquet_duckdb_test), DuckDB reads each file and writes what it read back
# as Parquet. parquet_duckdb_test compares those files with ours.
#   bash /work/shared/peers/setup.sh   # once
#   bash tests/unit/datasource/parquet/expected/regen_duckdb_rewrite.sh [build-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../../../../build/main}
shared=${QUIVER_SHARED_DIR:-/work/shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QUIVER_PARQUET_EVERY_TYPE_OUT=$work "$build/tests/datasource_tests" \
  --gtest_filter=ParquetDuckDB.EveryTypeReadsTheSameInDuckDB >/dev/null
out=$here/duckdb_rewrite
mkdir -p "$out"
for f in "$work"/*.parquet; do
  name=$(basename "$f")
  echo "COPY (SELECT * FROM read_parquet('$f')) TO '$out/$name' (FORMAT parquet);" > "$work/q.sql"
  if ! node "$shared/peers/duckdb-run.mjs" --runs 0 --threads 1 "$work/q.sql" >/dev/null; then
    echo "DuckDB failed on $name" >&2
  fi
done
ls -l "$out"
