#!/usr/bin/env bash
# Parquet scans of TPC-H lineitem (SF1: 6M rows), Quiver vs DuckDB alternately
# on the same file with the same thread count:
#   all:    count(*) plus an aggregate over every column (every column decoded)
#   filter: 4 columns under a selective l_shipdate range (row-group pruning)
#   range:  4 columns under a 1.7% l_orderkey range (the file's sort order:
#           page-index pruning and late materialization)
# The file is written by Quiver's own writer (COPY ... TO); with
# WRITER=duckdb DuckDB writes it instead (an independent file).
# Usage: bench/parquet_scan.sh [SCALE_FACTOR] [RUNS]
#   (QUIVER=path/to/quiver; QUIVER_SHARED_DIR=the shared data dir, default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
sf="${1:-1}"
runs="${2:-3}"
threads="$(nproc)"
quiver="${QUIVER:-./build/release/quiver}"
[ -x "$quiver" ] || scripts/build.sh build/release quiver_cli
shared="${QUIVER_SHARED_DIR:-../shared}"
peers="$("$shared/peers/setup.sh")"
work="${TMPDIR:-/tmp}/quiver-bench-parquet-sf$sf"
mkdir -p "$work"
if [ ! -f "$work/lineitem.csv" ]; then
  "$quiver" tpchgen --scale-factor "$sf" --format csv --tables lineitem --output-dir "$work" >/dev/null
fi
pq="$work/lineitem-${WRITER:-quiver}.parquet"
if [ ! -f "$pq" ]; then
  t0=$(date +%s.%N)
  if [ "${WRITER:-quiver}" = duckdb ]; then
    echo "COPY (SELECT * FROM read_csv('$work/lineitem.csv', header=true)) TO '$pq' (FORMAT parquet);" >"$work/w.sql"
    QUIVER_PEERS_DIR="$peers" node "$shared/peers/duckdb-run.mjs" --runs 0 "$work/w.sql" >/dev/null
  else
    "$quiver" -q -c "COPY (SELECT * FROM '$work/lineitem.csv') TO '$pq'" >/dev/null
  fi
  printf 'wrote %s (%s bytes) in %.1f s\n' "$pq" "$(stat -c %s "$pq")" "$(echo "$(date +%s.%N) - $t0" | bc -l)"
fi
cat >"$work/all.sql" <<SQL
SELECT count(*) AS n, sum(l_orderkey) AS a, sum(l_partkey) AS b, sum(l_suppkey) AS c,
  sum(l_linenumber) AS d, sum(l_quantity) AS e, sum(l_extendedprice) AS f, sum(l_discount) AS g,
  sum(l_tax) AS h, max(l_returnflag) AS i, max(l_linestatus) AS j, max(l_shipdate) AS k,
  max(l_commitdate) AS l, max(l_receiptdate) AS m, max(l_shipinstruct) AS o,
  max(l_shipmode) AS p, max(l_comment) AS q
FROM '$pq'
SQL
cat >"$work/filter.sql" <<SQL
SELECT count(*) AS n, sum(l_quantity) AS qty, sum(l_extendedprice) AS price,
  sum(l_discount) AS disc, max(l_shipdate) AS last_ship
FROM '$pq' WHERE l_shipdate >= DATE '1998-11-01'
SQL
cat >"$work/range.sql" <<SQL
SELECT count(*) AS n, sum(l_quantity) AS qty, max(l_comment) AS c, max(l_shipdate) AS last_ship
FROM '$pq' WHERE l_orderkey BETWEEN 3000000 AND 3100000
SQL

min() { printf '%s\n' "$@" | sort -g | head -1; }
printf 'rows=%s threads=%s file=%s\n' "$(($(wc -l <"$work/lineitem.csv") - 1))" "$threads" "$pq"
for q in all filter range; do
  q_times=(); d_times=()
  # Both engines time the query in-process (no CLI or node start-up), after
  # one warm-up run, alternating engine by engine.
  for r in $(seq "$runs"); do
    t=$("$quiver" -q --format csv -p "$threads" --timing --repeat 2 -f "$work/$q.sql" \
          2>&1 >"$work/quiver-$q.csv" | sed -n 's/^timing\t[^,]*,//p')
    q_times+=("$(echo "$t / 1000" | bc -l)")
    d=$(QUIVER_PEERS_DIR="$peers" node "$shared/peers/duckdb-run.mjs" --threads "$threads" --runs 1 \
          --csv "$work/duck" "$work/$q.sql" | sed -E 's/.*"min_ms":([0-9.]+).*/\1/')
    d_times+=("$(echo "$d / 1000" | bc -l)")
  done
  qmin=$(min "${q_times[@]}"); dmin=$(min "${d_times[@]}")
  printf '%-6s quiver %s s | duckdb %s s | best ratio quiver/duckdb %.2f\n' "$q" \
    "$(printf '%.3f ' "${q_times[@]}")" "$(printf '%.3f ' "${d_times[@]}")" \
    "$(echo "$qmin / $dmin" | bc -l)"
  python3 - "$work/quiver-$q.csv" "$work/duck/$q.csv" <<'PY'
import csv, sys
def norm(v):
    try: return f"{float(v):.6g}"
    except ValueError: return v
a = [[norm(v) for v in r] for r in list(csv.reader(open(sys.argv[1])))[1:]]
b = [[norm(v) for v in r] for r in list(csv.reader(open(sys.argv[2])))[1:]]
print("       results match DuckDB" if a == b else f"       RESULTS DIFFER:\n{a}\n{b}")
PY
done
