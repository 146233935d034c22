// Writing RecordBatches as newline-delimited JSON, one object per row, the
// way arrow-json (and so DataFusion) writes them: null members are left
// out, floats in shortest round-trip form (non-finite ones as null),
// decimals as numbers, temporal values as quoted display strings, binary as
// hex strings, lists as arrays, structs and maps as objects. Strings are
// escaped per RFC 8259. Files appear atomically (temporary file + rename),
// optionally compressed.
#pragma once

#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::json {

struct JsonWriteOptions {
  csv::CsvCompression compression = csv::CsvCompression::kUncompressed;
};

/// Appends one line per row of `batch` (member names from its schema).
void AppendJsonLines(const RecordBatch& batch, std::string* out);

/// Writes `batches` to `path` (created or replaced).
Status WriteJsonFile(const std::string& path, const std::vector<RecordBatchPtr>& batches,
                     const JsonWriteOptions& options = {});

}  // namespace quiver::json
