#!/usr/bin/env bash
# Regenerates duckdb_counts.tsv: for every file of parquet-testing/data, the
# row count and the non-null count of each top-level column as DuckDB reads
# them (or "duckdb-error"). parquet_outcome_test compares our reader to it.
#   bash /work/shared/peers/setup.sh   # once
#   bash tests/unit/datasource/parquet/expected/regen_duckdb_counts.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${QUIVER_SHARED_DIR:-/work/shared}
data=$shared/datafusion-tests/parquet-testing/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$here/duckdb_counts.tsv
: > "$out.tmp"
cd "$data"
find . -type f -name '*.parquet*' ! -name '*.json' | sed 's|^\./||' | LC_ALL=C sort | while read -r f; do
  q=$work/q.sql
  echo "SELECT count(*) AS n, count(COLUMNS(*)) FROM read_parquet('$data/$f');" > "$q"
  rm -rf "$work/out"
  res=$(timeout 120 node "$shared/peers/duckdb-run.mjs" --runs 0 --threads 1 --csv "$work/out" "$q" || true)
  if [ -f "$work/out/q.csv" ]; then
    printf '%s\t%s\n' "$f" "$(sed -n 2p "$work/out/q.csv")" >> "$out.tmp"
  else
    printf '%s\tduckdb-error\n' "$f" >> "$out.tmp"
  fi
done
mv "$out.tmp" "$out"
echo "wrote $out ($(wc -l < "$out") files)"
