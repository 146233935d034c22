#!/usr/bin/env python3
"""Quiver vs DuckDB benchmark driver (see bench/run.sh for usage).

For every query it runs Quiver (the `quiver` CLI with --repeat/--timing) and
DuckDB (../shared/peers/duckdb-run.mjs) one after the other on the same
Parquet files with the same thread count, keeps each engine's best timed run
(after one untimed warm-up), checks that both returned the same rows and
prints a table with the Quiver/DuckDB ratio and the geometric mean of ratios.
"""
import argparse
import csv
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = None  # set from --shared
TPCH_TABLES = ["nation", "region", "part", "supplier", "partsupp", "customer", "orders",
               "lineitem"]


def split_statements(sql):
    """Splits on ';' outside quotes and comments; drops empty statements."""
    out, cur, i, quote = [], [], 0, None
    while i < len(sql):
        c = sql[i]
        if quote:
            cur.append(c)
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            cur.append(c)
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = len(sql) if j < 0 else j
            continue
        elif c == ";":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur).strip())
    return [s for s in out if s]


def plan_query(sql):
    """(setup statements, the one timed query): CREATE ... runs in the setup,
    DROP ... is skipped (TPC-H Q15 defines and drops a view)."""
    setup, main = [], []
    for st in split_statements(sql):
        head = st.lstrip("( \n\t").split(None, 1)[0].lower()
        if head == "create":
            setup.append(st)
        elif head != "drop":
            main.append(st)
    if len(main) != 1:
        raise ValueError("expected one query statement, found %d" % len(main))
    return setup, main[0]


# ---------------------------------------------------------------- suites

def tpch_suite(args):
    sf = args.sf
    data = os.path.join(args.data, "tpch-sf%s-parquet" % sf)
    gen_time = None
    if not all(os.path.exists(os.path.join(data, t + ".parquet")) for t in TPCH_TABLES):
        t0 = time.time()
        run_checked([args.quiver, "tpchgen", "--scale-factor", str(sf), "--format", "parquet",
                     "--output-dir", data])
        gen_time = time.time() - t0
    files = {t: os.path.join(data, t + ".parquet") for t in TPCH_TABLES}
    qsetup = "".join("CREATE EXTERNAL TABLE %s STORED AS PARQUET LOCATION '%s';\n" % (t, f)
                     for t, f in files.items())
    dsetup = "".join("CREATE VIEW %s AS SELECT * FROM read_parquet('%s');\n" % (t, f)
                     for t, f in files.items())
    qdir = os.path.join(SHARED, "tpch", "queries")
    queries = []
    for n in range(1, 23):
        with open(os.path.join(qdir, "q%d.sql" % n)) as f:
            queries.append(("q%d" % n, f.read()))
    return "tpch-sf%s" % sf, data, gen_time, qsetup, dsetup, queries, lambda sql: sql


# DuckDB has no integer -> DATE cast and no to_timestamp_seconds; the
# ClickBench text is adapted for it (Quiver runs the queries verbatim).
DUCK_EVENTDATE = re.compile(r'"EventDate"::INT::DATE')


def duck_clickbench(sql):
    return DUCK_EVENTDATE.sub("(DATE '1970-01-01' + \"EventDate\"::INT)", sql)


def clickbench_suite(args):
    data = os.path.join(args.data, "hits-%d" % args.rows)
    path = os.path.join(data, "hits.parquet")
    gen_time = None
    if not os.path.exists(path):
        t0 = time.time()
        run_checked([args.quiver, "hitsgen", "--rows", str(args.rows), "--output", path])
        gen_time = time.time() - t0
    qsetup = "CREATE EXTERNAL TABLE hits STORED AS PARQUET LOCATION '%s';\n" % path
    dsetup = ("CREATE VIEW hits AS SELECT * FROM read_parquet('%s');\n"
              "CREATE MACRO to_timestamp_seconds(x) AS make_timestamp(x::BIGINT * 1000000);\n"
              % path)
    with open(os.path.join(SHARED, "clickbench", "queries.sql")) as f:
        lines = [l.strip() for l in f if l.strip()]
    queries = [("c%02d" % i, l) for i, l in enumerate(lines)]
    return "clickbench-%d" % args.rows, data, gen_time, qsetup, dsetup, queries, duck_clickbench


def run_checked(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True)


# ---------------------------------------------------------------- engines

def run_quiver(args, work, name, setup_sql, query):
    setup = os.path.join(work, name + ".setup.sql")
    qfile = os.path.join(work, name + ".sql")
    with open(setup, "w") as f:
        f.write(setup_sql)
    with open(qfile, "w") as f:
        f.write(query + ";\n")
    out = os.path.join(work, "quiver", name + ".csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = [args.quiver, "-q", "--format", "csv", "-p", str(args.threads), "--timing",
           "--repeat", str(args.runs + 1), "-f", setup, "-f", qfile]
    try:
        with open(out, "w") as o:
            p = subprocess.run(cmd, stdout=o, stderr=subprocess.PIPE, text=True,
                               timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout (> %d s)" % args.timeout, out
    timings = [l for l in p.stderr.splitlines() if l.startswith("timing\t")]
    if p.returncode != 0 or not timings:
        err = p.stderr.strip().splitlines()
        msg = err[-1] if err else "exit code %d" % p.returncode
        if p.returncode < 0:
            msg = "crashed (signal %d)" % -p.returncode
        return None, msg[:200], out
    ms = [float(x) for x in timings[-1].split("\t", 1)[1].split(",")]
    return min(ms[1:] if len(ms) > 1 else ms), None, out


def run_duckdb(args, work, name, setup_sql, query):
    setup = os.path.join(work, name + ".duck-setup.sql")
    qfile = os.path.join(work, "duck", name + ".sql")
    os.makedirs(os.path.dirname(qfile), exist_ok=True)
    with open(setup, "w") as f:
        f.write(setup_sql)
    with open(qfile, "w") as f:
        f.write(query + ";\n")
    outdir = os.path.join(work, "duckdb")
    runner = os.path.join(SHARED, "peers", "duckdb-run.mjs")
    cmd = ["node", runner, "--setup", setup, "--threads", str(args.threads), "--runs",
           str(args.runs), "--csv", outdir, qfile]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout (> %d s)" % args.timeout, None
    for line in p.stdout.splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if "error" in r:
            return None, r["error"][:200], None
        return r["min_ms"], None, os.path.join(outdir, name + ".csv")
    return None, (p.stderr.strip().splitlines() or ["no output"])[-1][:200], None


# ---------------------------------------------------------------- results

TS = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(:\d\d(\.\d+)?)?)$")


def norm_cell(v):
    v = v.strip()
    if v in ("NULL", "null"):
        return None
    m = TS.match(v)
    if m:
        v = m.group(1) + " " + m.group(2)
    if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.0+", v):
        v = v.split(".")[0]
    try:
        f = float(v)
        if math.isfinite(f):
            return f
    except ValueError:
        pass
    return v


def read_rows(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return [[norm_cell(c) for c in r] for r in rows[1:]]


def cell_eq(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) or abs(a - b) < 0.01 * 1e-2
    if a is None or b is None:
        return (a is None or a == "") and (b is None or b == "")
    return str(a) == str(b)


def row_key(r):
    return tuple(("%.5g" % c) if isinstance(c, float) else ("" if c is None else c) for c in r)


def order_key_columns(query, qpath):
    """Indexes of the output columns named by the top-level ORDER BY, or None
    when some key is not an output column."""
    m = re.search(r"\border\s+by\s+(.*?)(\blimit\b|$)", query, re.I | re.S)
    if not m or ")" in m.group(1).replace("(*)", ""):
        return None
    with open(qpath, newline="") as f:
        header = [h.strip().lower().replace('"', "") for h in next(csv.reader(f), [])]
    out = []
    for key in m.group(1).split(","):
        key = re.sub(r"\s+(asc|desc)\s*$", "", key.strip(), flags=re.I)
        key = key.strip().lower().replace('"', "")
        if key not in header:
            return None
        out.append(header.index(key))
    return out


def compare(query, qpath, dpath):
    """'ok', 'ok (row count)', or a reason the results differ."""
    q, d = read_rows(qpath), read_rows(dpath)
    if len(q) != len(d):
        return "DIFF: %d rows vs DuckDB %d" % (len(q), len(d))
    if any(len(a) != len(b) for a, b in zip(q, d)):
        return "DIFF: column count"
    low = re.sub(r"\s+", " ", query.lower())
    ordered = " order by " in low.rsplit(")", 1)[-1] or low.startswith("select") and \
        " order by " in low and low.count("select") == 1
    limited = re.search(r"\blimit \d+", low.rsplit(")", 1)[-1]) is not None
    if ordered and all(all(cell_eq(x, y) for x, y in zip(a, b)) for a, b in zip(q, d)):
        return "ok"
    if sorted(map(row_key, q)) == sorted(map(row_key, d)):
        return "ok" if not ordered else "ok (ties ordered differently)"
    if limited and not ordered:
        return "ok (row count; LIMIT without ORDER BY picks any rows)"
    if limited:
        # Tied rows may straddle the LIMIT cut: then the sort-key columns
        # still agree position by position.
        keys = order_key_columns(query, qpath)
        if keys and all(cell_eq(a[k], b[k]) for a, b in zip(q, d) for k in keys):
            return "ok (sort keys equal; tied rows at the LIMIT cut differ)"
        return "DIFF (LIMIT after ORDER BY)"
    for a, b in zip(sorted(q, key=row_key), sorted(d, key=row_key)):
        if row_key(a) != row_key(b):
            return "DIFF: e.g. %s vs DuckDB %s" % (a[:6], b[:6])
    return "DIFF"


def machine():
    model, cores = platform.processor() or "unknown", os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "%s, %s cores, %s" % (model, cores, platform.platform())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("suite", choices=["tpch", "clickbench"])
    ap.add_argument("sf", nargs="?", default="1")
    ap.add_argument("--quiver", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--queries", default="")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    args.quiver = os.path.abspath(args.quiver)
    global SHARED
    SHARED = os.path.abspath(args.shared)

    suite = tpch_suite if args.suite == "tpch" else clickbench_suite
    label, data, gen_time, qsetup, dsetup, queries, duck_text = suite(args)
    if args.queries:
        keep = set(args.queries.split(","))
        queries = [q for q in queries if q[0] in keep]
    work = os.path.join(data, "bench-work")
    os.makedirs(work, exist_ok=True)

    load_start = os.getloadavg()[0]
    rows = []
    header = "%-5s %11s %11s %7s  %s" % ("query", "quiver ms", "duckdb ms", "ratio", "result")
    print(header, flush=True)
    for name, text in queries:
        try:
            setup, query = plan_query(text)
        except ValueError as e:
            rows.append((name, None, None, None, "not runnable: %s" % e))
            continue
        extra = "".join(s + ";\n" for s in setup)
        qms, qerr, qout = run_quiver(args, work, name, qsetup + extra, query)
        dms, derr, dout = run_duckdb(args, work, name, dsetup + duck_text(extra), duck_text(query))
        if qerr:
            status = "QUIVER FAILS: " + qerr
        elif derr:
            status = "duckdb fails: " + derr
        else:
            status = compare(query, qout, dout)
        ratio = qms / dms if qms is not None and dms else None
        rows.append((name, qms, dms, ratio, status))
        print("%-5s %11s %11s %7s  %s" % (
            name, "%.1f" % qms if qms is not None else "-", "%.1f" % dms if dms is not None else "-",
            "%.2f" % ratio if ratio is not None else "-", status), flush=True)

    ok = [r for r in rows if r[3] is not None and r[4].startswith("ok")]
    ran = [r for r in rows if r[3] is not None]
    geo = lambda rs: math.exp(sum(math.log(r[3]) for r in rs) / len(rs)) if rs else float("nan")
    summary = ("%d queries: %d run on both with equal results, %d with differing results, "
               "%d fail on Quiver. Geometric mean of Quiver/DuckDB ratios: %.2f over the %d "
               "matching queries (%.2f over all %d that ran)." % (
                   len(rows), len(ok), len(ran) - len(ok),
                   sum(1 for r in rows if r[4].startswith("QUIVER FAILS")),
                   geo(ok), len(ok), geo(ran), len(ran)))
    print(summary)
    if args.no_write:
        return
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc)
    out = os.path.join(ROOT, "bench", "results", "%s-%s.md" % (now.strftime("%Y-%m-%d"), label))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("# %s: Quiver vs DuckDB\n\n" % label)
        f.write("- date: %s\n- machine: %s\n" % (now.strftime("%Y-%m-%d %H:%M UTC"), machine()))
        f.write("- quiver commit %s; DuckDB via ../shared/peers (node API)\n" % commit)
        f.write("- threads %d for both; best of %d timed runs after one warm-up; times are "
                "planning + execution in ms\n" % (args.threads, args.runs))
        f.write("- load average (1 min) at start %.1f, at end %.1f: the machine is shared, so "
                "both engines see the same contention (they alternate query by query)\n"
                % (load_start, os.getloadavg()[0]))
        f.write("- data: %s (Parquet written by quiver%s)\n" % (
            data, ", generated in %.1f s" % gen_time if gen_time else ""))
        if args.suite == "clickbench":
            f.write("- DuckDB text: `\"EventDate\"::INT::DATE` becomes `DATE '1970-01-01' + "
                    "\"EventDate\"::INT`, to_timestamp_seconds is a macro over make_timestamp\n")
        f.write("\n| query | quiver ms | duckdb ms | quiver/duckdb | result |\n")
        f.write("|---|---:|---:|---:|---|\n")
        for name, qms, dms, ratio, status in rows:
            f.write("| %s | %s | %s | %s | %s |\n" % (
                name, "%.1f" % qms if qms is not None else "-",
                "%.1f" % dms if dms is not None else "-",
                "%.2f" % ratio if ratio is not None else "-", status.replace("|", "\\|")))
        f.write("\n%s\n" % summary)
    print("wrote " + out)


if __name__ == "__main__":
    main()
