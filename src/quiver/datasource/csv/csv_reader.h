// CSV reading into Arrow RecordBatches: options, schema inference, byte-range
// readers (so one large file can be scanned by many tasks) and range planning.
//
// Dialect (RFC 4180 plus the usual extensions):
//  - rows end at "\n" or "\r\n"; empty lines are skipped; the last row may
//    lack a terminator;
//  - a field starting with `quote` is quoted: it ends at the next lone quote,
//    and may contain delimiters, newlines and doubled quotes ("" -> ");
//    with `escape` set, escape+c stands for c inside quoted fields;
//  - lines starting with `comment` are skipped.
// Nulls: a field matching `null_regex` (or one of `null_values`) is null. By
// default an empty field is null, except that a quoted empty field ("") in a
// string column is the empty string (so the writer's output round-trips).
//
// Byte ranges: a range [start, end) holds the rows whose first byte lies in
// [start, end). A reader of a range with start > 0 therefore skips to the
// byte after the first '\n' at or after start - 1 (a newline right before the
// boundary belongs to the previous range), and reads past `end` to finish its
// last row. Like DataFusion and Spark this assumes no newline inside quoted
// values near a boundary; a reader that finds one errors instead of returning
// wrong rows. Files with newlines in values must be read as one range
// (ComputeCsvRanges does that when `newlines_in_values` is set).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/arrow/status.h"
#include "quiver/arrow/type.h"

namespace quiver::csv {

enum class CsvCompression : uint8_t { kUncompressed, kGzip, kBzip2, kXz, kZstd };

/// The compression named by a path's suffix (".gz", ".bz2", ".xz", ".zst").
CsvCompression CompressionFromPath(const std::string& path);

struct CsvReadOptions {
  bool has_header = true;
  char delimiter = ',';
  char quote = '"';
  std::optional<char> escape;   // inside quoted fields; doubled quotes always work
  std::optional<char> comment;  // lines starting with it are skipped
  /// A field fully matching this RE2 pattern is null (empty: default rule).
  std::string null_regex;
  /// Exact field texts that mean null, in addition to the default rule.
  std::vector<std::string> null_values;
  int64_t batch_size = kDefaultBatchSize;
  /// Schema of the file's columns (all of them, in file order); inferred
  /// when null.
  SchemaPtr schema;
  /// Rows sampled per file by inference; 0 means every column is Utf8.
  int64_t schema_infer_max_records = 1000;
  /// Rows with fewer fields than the schema get nulls instead of an error.
  bool truncated_rows = false;
  /// Values may contain newlines: ranges must then cover whole files.
  bool newlines_in_values = false;
  std::string file_extension = ".csv";
  CsvCompression compression = CsvCompression::kUncompressed;
};

/// Positional reads over some bytes: a local file or memory (object stores
/// plug in here).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to `n` bytes at `offset` into `out`; fewer only at the end.
  virtual Result<int64_t> ReadAt(int64_t offset, int64_t n, uint8_t* out) = 0;
  virtual int64_t size() const = 0;
  /// For error messages: the path, or a description.
  virtual const std::string& name() const = 0;
};
using ByteSourcePtr = std::shared_ptr<ByteSource>;

/// A local file read with pread (IO error naming the path if it can't open).
Result<ByteSourcePtr> OpenLocalFile(const std::string& path);
/// Bytes held in memory.
ByteSourcePtr MakeMemorySource(std::string bytes, std::string name = "<memory>");

/// Yields the batches of one byte range (or of a whole file).
class CsvBatchReader {
 public:
  virtual ~CsvBatchReader() = default;
  /// The projected schema of the batches.
  virtual const SchemaPtr& schema() const = 0;
  /// The next batch of at most batch_size rows, or nullptr at the end.
  virtual Result<RecordBatchPtr> Next() = 0;
};

/// A byte range of a file; `end` < 0 means the end of the file.
struct CsvRange {
  int64_t start = 0;
  int64_t end = -1;
};

/// Opens a reader for `range` of `source`, decoding only the `projection`
/// columns (indices into the file schema; empty = all). `options.schema` is
/// inferred from the source when unset.
Result<std::unique_ptr<CsvBatchReader>> OpenCsvRange(ByteSourcePtr source,
                                                     const CsvReadOptions& options,
                                                     CsvRange range = {},
                                                     std::vector<int> projection = {});
Result<std::unique_ptr<CsvBatchReader>> OpenCsvRange(const std::string& path,
                                                     const CsvReadOptions& options,
                                                     CsvRange range = {},
                                                     std::vector<int> projection = {});

/// Reads a whole file (all columns) into batches.
Result<std::vector<RecordBatchPtr>> ReadCsvFile(const std::string& path,
                                                const CsvReadOptions& options);

/// Infers the schema from the first schema_infer_max_records rows: per
/// column the narrowest of Boolean, Int64, Float64, Date32, Timestamp (unit
/// from the longest fraction seen), else Utf8; Null when every sampled value
/// is null. Names come from the header, or are column_1, column_2, ...
Result<SchemaPtr> InferCsvSchema(ByteSourcePtr source, const CsvReadOptions& options);

/// Merges per-file inferred schemas by column name: Null yields to anything,
/// Int64 + Float64 -> Float64, other conflicts -> Utf8; new names are appended.
Result<SchemaPtr> MergeCsvSchemas(const std::vector<SchemaPtr>& schemas);

/// Splits a file of `file_size` bytes into at most `n` ranges of about equal
/// size (one range for compressed files or when newlines_in_values is set).
std::vector<CsvRange> ComputeCsvRanges(int64_t file_size, int n, const CsvReadOptions& options);

}  // namespace quiver::csv
