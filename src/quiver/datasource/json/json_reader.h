// Newline-delimited JSON (NDJSON) reading into Arrow RecordBatches.
//
// Each non-blank line holds one JSON object; its members become columns by
// name (missing members are null, members not in the schema are skipped).
// Values are decoded straight into builders by a streaming tokenizer, with
// no document tree. Decoding by column type:
//  - integers: JSON numbers (a fraction is truncated) or numeric strings;
//  - floats: numbers or numeric strings ("NaN", "inf" too);
//  - Boolean: true/false; Null: only null;
//  - strings: strings as they are; any other value as its JSON text;
//  - List: arrays (a lone scalar is a one-element list); Struct and Map:
//    objects;
//  - every other type (dates, timestamps, decimals, ...): the string or
//    number text, cast to the type with SQL cast rules.
// Byte ranges follow the CSV reader's rule (csv_reader.h): a range holds the
// lines that start inside it. Errors name the file and the 1-based line.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::json {

using csv::ByteSourcePtr;
using csv::CsvCompression;

struct JsonReadOptions {
  int64_t batch_size = kDefaultBatchSize;
  /// Schema of the file's columns; inferred when null.
  SchemaPtr schema;
  /// Records sampled by inference (over all files of a table together).
  int64_t schema_infer_max_records = 1000;
  /// Compression of every file; unset means by path suffix (".gz", ...).
  std::optional<CsvCompression> compression;
  std::string file_extension = ".json";
};

/// The compression to read `path` with under `options`.
CsvCompression JsonCompression(const std::string& path, const JsonReadOptions& options);

/// Yields the batches of one byte range (or of a whole file).
class JsonBatchReader {
 public:
  virtual ~JsonBatchReader() = default;
  virtual const SchemaPtr& schema() const = 0;
  /// The next batch of at most batch_size rows, or nullptr at the end.
  virtual Result<RecordBatchPtr> Next() = 0;
};

/// Opens a reader for `range` of `source` (compressed sources: whole file
/// only), decoding the `projection` columns of options.schema (indices; an
/// empty projection with `project_none` yields rows without columns).
Result<std::unique_ptr<JsonBatchReader>> OpenJsonRange(
    ByteSourcePtr source, const JsonReadOptions& options, CsvCompression compression,
    csv::CsvRange range = {}, std::optional<std::vector<int>> projection = std::nullopt);

/// Infers a schema like arrow-json: integers Int64, other numbers Float64
/// (Int64 + Float64 -> Float64), strings Utf8, true/false Boolean, objects
/// Struct, arrays List, only nulls Null; any other mix of kinds Utf8.
/// Members keep first-seen order. Reads at most `max_records` records in
/// total from the sources in order and lowers it by the number read.
class JsonSchemaInferrer {
 public:
  JsonSchemaInferrer();
  ~JsonSchemaInferrer();
  Status Update(const ByteSourcePtr& source, CsvCompression compression, int64_t* max_records);
  SchemaPtr Finish() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
};

/// Convenience: the inferred schema of one source.
Result<SchemaPtr> InferJsonSchema(const ByteSourcePtr& source, const JsonReadOptions& options,
                                  CsvCompression compression = CsvCompression::kUncompressed);

/// Reads a whole file (all columns, schema inferred unless given).
Result<std::vector<RecordBatchPtr>> ReadJsonFile(const std::string& path,
                                                 const JsonReadOptions& options = {});

/// At most `n` byte ranges of about equal size (one for compressed files).
std::vector<csv::CsvRange> ComputeJsonRanges(int64_t file_size, int n, bool compressed);

}  // namespace quiver::json
