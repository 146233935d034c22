// Writing RecordBatches as CSV. Files appear atomically: rows go to a
// temporary file next to the target, renamed over it only on success.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv {

struct CsvWriteOptions {
  bool has_header = true;
  char delimiter = ',';
  char quote = '"';
  /// Quotes inside values are doubled; with double_quote off they are
  /// preceded by `escape` instead (which must then be set).
  bool double_quote = true;
  std::optional<char> escape;
  /// Text written for nulls. Empty non-null strings are written as "" so
  /// that they read back as empty strings, not nulls.
  std::string null_value;
  /// The whole file is compressed with this codec.
  CsvCompression compression = CsvCompression::kUncompressed;
  /// chrono-style formats (as to_char) for Date32, Date64, timestamps
  /// without and with a time zone, and times; empty: Arrow's display form.
  std::string date_format, datetime_format, timestamp_format, timestamp_tz_format, time_format;
};

/// The CSV text of `batches` (all of `schema`), values in Arrow's display form.
Result<std::string> FormatCsv(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                              const CsvWriteOptions& options = {});

/// Writes `batches` to `path` atomically (the header comes from `schema`).
Status WriteCsv(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                const std::string& path, const CsvWriteOptions& options = {});
/// Same, with the schema of the first batch (at least one batch needed).
Status WriteCsv(const std::vector<RecordBatchPtr>& batches, const std::string& path,
                const CsvWriteOptions& options = {});

}  // namespace quiver::csv
