#!/usr/bin/env bash
# GROUP BY over a large CSV (TPC-H lineitem as CSV, 6M rows at SF1), Quiver
# and DuckDB alternately on the same file with the same thread count.
# Prints each run's wall time, Quiver's CPU/wall ratio, and the time ratio.
# Usage: bench/csv_groupby.sh [SCALE_FACTOR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
sf="${1:-1}"
runs="${2:-3}"
threads="$(nproc)"
quiver=./build/release/quiver
[ -x "$quiver" ] || scripts/build.sh build/release quiver_cli
peers="$(../shared/peers/setup.sh)"
work="${TMPDIR:-/tmp}/quiver-bench-csv-sf$sf"
mkdir -p "$work"
if [ ! -f "$work/lineitem.csv" ]; then
  "$quiver" tpchgen --scale-factor "$sf" --format csv --tables lineitem --output-dir "$work" >/dev/null
fi
rows=$(($(wc -l <"$work/lineitem.csv") - 1))
sql="SELECT l_returnflag, l_linestatus, count(*) AS n, sum(l_quantity) AS qty,
       avg(l_extendedprice) AS avg_price, min(l_shipdate) AS first_ship, max(l_discount) AS max_disc
FROM '$work/lineitem.csv' GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus"
echo "$sql" >"$work/q.sql"

now() { date +%s.%N; }
q_times=(); d_times=(); cpu_ratios=()
for r in $(seq "$runs"); do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$quiver" -q --format csv -f "$work/q.sql" >"$work/quiver.csv"
  t1=$(now)
  wall=$(echo "$t1 - $t0" | bc -l)
  cpu=$(awk '{print $1 + $2}' "$work/cpu")
  q_times+=("$wall"); cpu_ratios+=("$(echo "$cpu / $wall" | bc -l)")
  d=$(QUIVER_PEERS_DIR="$peers" node ../shared/peers/duckdb-run.mjs --threads "$threads" --runs 1 \
        --csv "$work/duck" "$work/q.sql" | sed -E 's/.*"min_ms":([0-9.]+).*/\1/')
  d_times+=("$(echo "$d / 1000" | bc -l)")
done
min() { printf '%s\n' "$@" | sort -g | head -1; }
qmin=$(min "${q_times[@]}"); dmin=$(min "${d_times[@]}")
printf 'rows=%s threads=%s\n' "$rows" "$threads"
printf 'quiver wall (s): %s\n' "$(printf '%.3f ' "${q_times[@]}")"
printf 'quiver cpu/wall: %s\n' "$(printf '%.2f ' "${cpu_ratios[@]}")"
printf 'duckdb (s):      %s\n' "$(printf '%.3f ' "${d_times[@]}")"
printf 'best quiver %.3f s, best duckdb %.3f s, ratio quiver/duckdb %.2f\n' "$qmin" "$dmin" \
  "$(echo "$qmin / $dmin" | bc -l)"
# Same rows in both (numbers compared after rounding to 6 significant digits).
python3 - "$work/quiver.csv" "$work/duck/q.csv" <<'PY'
import csv, sys
def norm(v):
    try: return f"{float(v):.6g}"
    except ValueError: return v
a = [[norm(v) for v in r] for r in list(csv.reader(open(sys.argv[1])))[1:]]
b = [[norm(v) for v in r] for r in list(csv.reader(open(sys.argv[2])))[1:]]
print("results match DuckDB" if a == b else f"RESULTS DIFFER:\n{a}\n{b}")
sys.exit(0 if a == b else 1)
PY
