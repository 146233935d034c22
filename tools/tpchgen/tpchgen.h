// quiver-tpchgen: TPC-H data generation, byte-identical to the reference dbgen.
//
// Text files are <output_dir>/<table>.tbl (or .csv); with parts > 1 they are
// <table>.tbl.<part>, and concatenating parts 1..N gives the whole file.
//
// Formats:
//  - tbl: dbgen's format; every field followed by '|', lines end with '\n'.
//  - csv: RFC 4180 style, ',' separated, a header row of column names
//    (n_nationkey, ...; only in part 1), no trailing separator. A string field
//    is quoted with '"' (inner quotes doubled) only when it contains ',', '"'
//    or a line break; TPC-H addresses and comments contain commas, other
//    fields never need quotes. Numbers and dates are written as in .tbl.
//  - parquet: <table>.parquet (parts: <table>.<part>.parquet), snappy by
//    default; typed columns (see tpchgen/parquet_table_writer.h).
//
// Row-level streaming access (for other writers) is in tpchgen/tpch_rows.h.
#pragma once

#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver {

struct TpchgenOptions {
  double scale_factor = 1;
  std::string format = "tbl";  // tbl | csv | parquet
  std::string compression = "snappy";  // parquet only: as COPY's compression option
  std::string output_dir = ".";
  std::vector<std::string> tables;  // empty = all 8
  int parts = 1;
  int part = 1;
  int threads = 0;  // 0 = hardware concurrency
};

/// Writes the requested tables. The output directory is created if missing.
/// Files are written under a temporary name and renamed when complete, so an
/// error never leaves a partial file under the final name.
Status GenerateTpch(const TpchgenOptions& options);

/// Command-line entry point: parses arguments (see --help), generates, and
/// returns the process exit code (0 ok, 1 generation error, 2 bad arguments).
int RunTpchgenCommand(int argc, char** argv);

}  // namespace quiver
