// quiver hitsgen: a synthetic ClickBench `hits` table.
//
// The 105 columns have exactly the names and types of ClickBench's hits
// Parquet file (Int16/Int32/Int64 numbers, EventDate as UInt16 days since
// 1970, EventTime as Int64 seconds, text as Utf8). Values are synthetic but
// shaped like web analytics: Zipf-like user, URL, referer, counter and search
// phrase ids; short and long strings; mostly empty SearchPhrase and other
// optional strings; times over July 2013. Every value is a function of the
// seed and the row number only, so the output does not depend on threads.
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/status.h"
#include "quiver/arrow/type.h"

namespace quiver {

struct HitsgenOptions {
  int64_t rows = 10'000'000;
  uint64_t seed = 1;
  std::string output = "hits.parquet";  // a file path
  std::string compression = "snappy";   // as COPY's compression option
  int64_t row_group_rows = 512 * 1024;
  int threads = 0;  // 0 = hardware concurrency
};

/// ClickBench's hits schema (105 nullable columns; the data has no nulls).
SchemaPtr HitsSchema();

/// Generates the table into options.output. Batches are generated on worker
/// threads and appended in order, so memory is bounded by a row group plus a
/// few batches (and the id vocabularies, capped at a few million strings).
/// The file appears atomically (temporary name, renamed on success).
Status GenerateHits(const HitsgenOptions& options);

/// `quiver hitsgen` entry point; returns the exit code (2 = bad arguments).
int RunHitsgenCommand(int argc, char** argv);

}  // namespace quiver
