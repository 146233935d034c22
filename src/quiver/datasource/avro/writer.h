// Writes record batches as an Avro object container file. Nullable columns
// become ["null", T] unions; narrow integers are written as int, unsigned 32
// and 64-bit ones as long, decimals as bytes with the decimal logical type,
// timestamps with the timestamp-* (zoned) or local-timestamp-* logical types.
#pragma once

#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/avro/codec.h"

namespace quiver::avro {

struct AvroWriteOptions {
  Codec codec = Codec::kNull;
  /// A block is closed once its encoded records reach this many bytes.
  int64_t block_bytes = 1 << 20;
};

/// The Avro schema (JSON text) the writer uses for `schema`.
Result<std::string> AvroSchemaFor(const Schema& schema);

/// A complete file holding `batches` (all of `schema`).
Result<std::string> WriteAvroFile(const SchemaPtr& schema,
                                  const std::vector<RecordBatchPtr>& batches,
                                  const AvroWriteOptions& options = {});

}  // namespace quiver::avro
