#!/usr/bin/env bash
# Regenerates duckdb_testing/: DuckDB reads every parquet-testing file that
# outcomes.tsv lists as readable and writes what it read as Parquet (zstd).
# parquet_duckdb_test compares our reading of each original with those files.
# Files DuckDB cannot read are reported and checked another way in the test.
#   bash /work/shared/peers/setup.sh   # once
#   bash tests/unit/datasource/parquet/expected/regen_duckdb_testing.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${QUIVER_SHARED_DIR:-/work/shared}
data=$shared/datafusion-tests/parquet-testing/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$here/duckdb_testing
rm -rf "$out"
for f in $(grep -P '\tOK ' "$here/outcomes.tsv" | cut -f1); do
  mkdir -p "$(dirname "$out/$f")"
  echo "COPY (SELECT * FROM read_parquet('$data/$f')) TO '$out/$f' (FORMAT parquet, COMPRESSION zstd);" >"$work/q.sql"
  if ! node "$shared/peers/duckdb-run.mjs" --runs 0 --threads 1 "$work/q.sql" >"$work/log" 2>&1 ||
    grep -q '"error"' "$work/log"; then
    echo "DuckDB cannot read $f: $(grep -o '"error":"[^"]*' "$work/log" | cut -c10-)" >&2
    rm -f "$out/$f"
  fi
done
find "$out" -name '*.parquet' | wc -l
