// Record batches from a run of blocks of one Avro file, decoding only the
// requested top-level columns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/datasource/avro/decoder.h"
#include "quiver/datasource/avro/file_reader.h"

namespace quiver::avro {

class AvroBatchReader {
 public:
  /// Blocks [begin, end) of `file`; `columns` are fields of the file's Arrow
  /// schema (any subset and order; none: batches carry only row counts).
  static Result<std::unique_ptr<AvroBatchReader>> Make(std::shared_ptr<AvroFileReader> file,
                                                       SchemaPtr columns, size_t begin, size_t end,
                                                       int64_t batch_size);
  /// The next batch of at most batch_size rows, or null at the end.
  Result<RecordBatchPtr> Next();

 private:
  AvroBatchReader() = default;
  Status LoadBlock();

  std::shared_ptr<AvroFileReader> file_;
  SchemaPtr columns_;
  std::unique_ptr<RecordDecoder> decoder_;
  size_t next_block_ = 0;
  size_t end_block_ = 0;
  int64_t batch_size_ = 0;
  std::string block_;               // decompressed records of the current block
  std::unique_ptr<Cursor> cursor_;  // over block_
  int64_t left_in_block_ = 0;
};

/// Every record of the file at `path` (all columns), for tests and tools.
Result<std::vector<RecordBatchPtr>> ReadAvroFile(const std::string& path,
                                                 int64_t batch_size = 8192);

}  // namespace quiver::avro
