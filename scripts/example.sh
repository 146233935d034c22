#!/usr/bin/env bash
# Installs dependencies, builds the quiver CLI and answers a GROUP BY query on
# the bundled examples/sales.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build/release quiver_cli
./build/release/quiver -c "
  SELECT region, count(*) AS orders, sum(quantity) AS units,
         round(sum(quantity * unit_price), 2) AS revenue, max(order_date) AS last_order
  FROM 'examples/sales.csv'
  GROUP BY region
  ORDER BY revenue DESC"
